"""Findings point at the source file: front-matter values, Markdown markup, tables, quotes, notes.

What a rule sees is the printed text; where it reports is the file the editor
opens, so every case here checks the exact line and column.
"""

from __future__ import annotations

from pathlib import Path

from publisher.checks.proofread import proofread
from publisher.diagnostics import Diagnostics
from tests.helpers import findings


def test_front_matter_plain_and_quoted_values(tmp_path: Path) -> None:
    front = "title: 工作,要\nkicker: '工作,要'\nsubtitle: \"工作,要\"\nauthor: 马 璐\nnote: 作者系书记、"
    assert findings(tmp_path, "正文。", front=front) == [
        "2:10 error halfwidth-punct",
        "3:12 error halfwidth-punct",
        "4:14 error halfwidth-punct",
        "6:12 warning truncated",
    ]


def test_a_value_with_escapes_is_placed_at_its_start(tmp_path: Path) -> None:
    assert findings(tmp_path, "正文。", front='title: "工\\u4f5c,要"') == ["2:8 error halfwidth-punct"]


def test_markup_is_skipped_but_counted(tmp_path: Path) -> None:
    body = "**重点**与*强调*之后 and 再看[链接](http://a.cn/x) and 结束。"
    assert findings(tmp_path, body) == ["5:15 error latin-word", "5:41 error latin-word"]


def test_escapes_and_entities(tmp_path: Path) -> None:
    assert findings(tmp_path, "星号\\*之后 and 再&amp;看 and 好。") == ["5:8 error latin-word", "5:20 error latin-word"]


def test_block_quotes_lists_and_continuation_lines(tmp_path: Path) -> None:
    body = "> 引文里 and 也算。\n\n1. 列表里\n   续行 and 也算。\n\n段落第一行\n第二行 and 在这。"
    assert findings(tmp_path, body) == ["5:7 error latin-word", "8:7 error latin-word", "11:5 error latin-word"]


def test_table_cells_in_one_row(tmp_path: Path) -> None:
    body = "| 工作 | 工作 and 职工 |\n|---|---|\n| 甲 | 乙 and 丙 |"
    assert findings(tmp_path, body) == ["5:11 error latin-word", "7:9 error latin-word"]


def test_headings_and_footnotes(tmp_path: Path) -> None:
    body = "## 标题 and 标题 ##\n\n正文。[^1]\n\n[^1]: 脚注 and 说明。"
    assert findings(tmp_path, body) == ["5:7 error latin-word", "9:10 error latin-word"]


def test_a_soft_break_joins_chinese_lines(tmp_path: Path) -> None:
    body = "坚持党的全面领导\n的领导这一传统。"
    assert findings(tmp_path, body) == ["6:1 error duplicate"]


def test_fenced_code_is_not_proofread(tmp_path: Path) -> None:
    body = "```\n企业 and 职工,要\n```\n\n    缩进 and 代码\n\n正文。"
    assert findings(tmp_path, body) == []


def test_files_the_reader_rejects_are_left_to_the_reader(tmp_path: Path) -> None:
    (tmp_path / "bad.md").write_text("no front-matter and 中文", encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("---\ntitle: é\n---\n".encode("latin-1"))
    diags = Diagnostics()
    proofread(tmp_path, [tmp_path / "bad.md", tmp_path / "latin1.md"], diags)
    assert diags.items == []
