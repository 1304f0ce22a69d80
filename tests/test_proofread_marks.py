"""Rules about marks and spaces: halfwidth-punct, pairs, ellipsis-dash, punct-sequence, stray-space.

Bodies start on line 5 (see BODY_LINE in tests/helpers.py).
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import findings, messages


def test_halfwidth_punct(tmp_path: Path) -> None:
    body = '工作,要落实.他说:"好"(作者)APP,要'
    assert findings(tmp_path, body, code="halfwidth-punct") == [
        "5:3 error halfwidth-punct",
        "5:7 error halfwidth-punct",
        "5:10 error halfwidth-punct",
        "5:11 error halfwidth-punct",
        "5:13 error halfwidth-punct",
        "5:14 error halfwidth-punct",
        "5:17 error halfwidth-punct",
        "5:21 error halfwidth-punct",
    ]
    assert messages(tmp_path, '他说"好"。') == [
        "half-width '\"' in Chinese text (use “)",
        "half-width '\"' in Chinese text (use ”)",
    ]


def test_halfwidth_punct_tricky_negatives(tmp_path: Path) -> None:
    body = (
        "增长3.5亿元，10:30开会，运行 `a, b; c`，见 https://example.org/a,b?c=1 和 [链接](http://x.cn/(a)) 。"
        "他说：“Workers of the world, unite!”又说：“Don't.”"
    )
    assert findings(tmp_path, body, code="halfwidth-punct") == []


def test_pairs(tmp_path: Path) -> None:
    body = "（作者系书记处书记、\n\n他说）好。\n\n《书名”与“引文。"
    assert findings(tmp_path, body, code="pairs") == [
        "5:1 error pairs",
        "7:3 error pairs",
        "9:1 error pairs",
        "9:4 error pairs",
        "9:6 error pairs",
    ]
    assert messages(tmp_path, "他说）好。") == ["'）' closes nothing (delete it, or add the （ it closes)"]


def test_pairs_tricky_negatives(tmp_path: Path) -> None:
    body = (
        "“第一段引文。\n\n“第二段引文。\n\n“最后一段。”\n\n"
        "《人民日报》〈评论〉〔化产业工人队〕【注】「引」『引』‘单引’，O’Brien 说。"
    )
    assert findings(tmp_path, body, code="pairs") == []


def test_ellipsis_dash(tmp_path: Path) -> None:
    body = "工作...要。。。好···吗…对………是--好――对———。"
    assert findings(tmp_path, body) == [
        "5:3 error ellipsis-dash",
        "5:7 error ellipsis-dash",
        "5:11 error ellipsis-dash",
        "5:15 error ellipsis-dash",
        "5:17 error ellipsis-dash",
        "5:21 error ellipsis-dash",
        "5:24 error ellipsis-dash",
        "5:27 error ellipsis-dash",
    ]
    assert messages(tmp_path, "工作--要。") == ["'--' is not the Chinese dash (use ——)"]


def test_ellipsis_dash_tricky_negatives(tmp_path: Path) -> None:
    body = "深〔化〕……伍——建设…………。Wait... what -- really? 2020-2025 and 1...3 are fine."
    assert findings(tmp_path, body, code="ellipsis-dash") == []


def test_punct_sequence(tmp_path: Path) -> None:
    body = "工作，，要。，好、，对、……真的？！好！！"
    assert findings(tmp_path, body) == [
        "5:3 error punct-sequence",
        "5:6 error punct-sequence",
        "5:9 error punct-sequence",
        "5:12 error punct-sequence",
    ]
    assert messages(tmp_path, "工作、……") == ["'、' before …… (delete it: the ellipsis takes its place)"]


def test_punct_sequence_leaves_typed_ellipses_to_ellipsis_dash(tmp_path: Path) -> None:
    assert findings(tmp_path, "工作。。。好。") == ["5:3 error ellipsis-dash"]


def test_stray_space(tmp_path: Path) -> None:
    body = "变化和 风险挑战，工作　要 “好”。\n\n- 列表 项。"
    assert findings(tmp_path, body) == [
        "5:4 warning stray-space",
        "5:12 warning stray-space",
        "5:14 warning stray-space",
        "7:5 warning stray-space",
    ]


def test_stray_space_tricky_negatives(tmp_path: Path) -> None:
    body = (
        "# 牢记嘱托 汇聚力量\n\n用好 APP 平台，`代码 空格`，软换行\n不是空格。\n\n"
        "| 单元 格 | 值 |\n|---|---|\n| 一 | 二 |"
    )
    assert findings(tmp_path, body, front="title: 牢记嘱托 汇聚力量 以奋斗铸就新辉煌\nkicker: 引题 一") == []
