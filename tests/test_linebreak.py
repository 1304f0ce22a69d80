"""Line breaking Pango misses, and no 孤字: the ranges kept on one line, and their markup.

That the PDF breaks no rule is shown by the typography inspector on the stress
book (tests/test_stress.py); here the decisions are tested on strings.
"""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from publisher import document as d
from publisher.layout.linebreak import breaks, keeps, words
from publisher.layout.markup import ZWSP, article_parts, text


def kept(value: str, paragraph_end: bool = False) -> list[str]:
    return [value[start:end] for start, end in keeps(value, paragraph_end)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("卡尔·马克思", ["尔·"]),
        ("会期3～5天", ["3～"]),
        ("北京—上海", ["京—"]),
        ("甲〃乙", ["甲〃"]),
        ("气温35 ℃，", ["35 ℃"]),
        ("增长20‰，完成100%。", ["20‰", "100%"]),
        ("Hermann·Hesse", ["Hermann·"]),
        ("（“这是", ["（“这"]),
        ("《「书」》", ["《「书"]),
    ],
)
def test_a_mark_pango_lets_start_a_line_keeps_with_its_neighbour(value: str, expected: list[str]) -> None:
    assert kept(value) == expected


@pytest.mark.parametrize("value", ["我们——工会", "等等……还有", "他说：“好。”", "（括号）", "用Python写", ""])
def test_what_pango_breaks_right_is_left_alone(value: str) -> None:
    assert kept(value) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("这是最后一句。", ["一句。"]),
        ("他说：“结束了。”", ["束了。”"]),
        ("用的是WeasyPrint。", ["是WeasyPrint。"]),
        ("共有1,234人。", ["1,234人。"]),
        ("字。", []),
        ("（见第3页。）", ["3页。）"]),
    ],
)
def test_a_paragraph_ends_with_its_last_two_words_together(value: str, expected: list[str]) -> None:
    assert kept(value, paragraph_end=True) == expected


def test_words_never_cut_a_latin_word_or_a_number() -> None:
    value = "用Python3写3.14和1,234，a.b"
    assert [value[start:end] for start, end in words(value)] == [
        "用",
        "Python3",
        "写",
        "3.14",
        "和",
        "1,234",
        "，",
        "a",
        ".",
        "b",
    ]


def test_keeps_nest_with_the_other_spans() -> None:
    markup = text("（“这是引文。”）用Python写的35 ℃", "letters", paragraph_end=True)
    assert markup == (
        '<span class="keep">（<span class="halt">“</span>这</span>是引文<span class="halt">。</span>'
        '<span class="halt">”</span>）用<span class="autospace-before autospace-after" lang="en">Python</span>'
        '写<span class="keep">的35 ℃</span>'
    )


TEXT = st.text(alphabet="字文，。“”（）《》·～—〃℃% 35.,AbＡ&<", max_size=40)


@given(TEXT, st.booleans())
def test_the_markup_is_well_formed_and_holds_the_text_unchanged(value: str, paragraph_end: bool) -> None:
    markup = text(value, "letters", paragraph_end)
    root = etree.fromstring(f"<p>{markup}</p>")
    assert "".join(root.itertext()) == value
    assert not re.search(r'<span class="keep"><span class="keep">', markup)


def broken(value: str) -> list[str]:
    """``value`` cut at the break opportunities added to Pango's."""
    edges = [0, *breaks(value), len(value)]
    return [value[start:end] for start, end in itertools.pairwise(edges)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("像“堃”“喆”“淼”这样", ["像", "“堃”", "“喆”", "“淼”", "这样"]),
        ("增强“四个意识”“四个自信”。", ["增强", "“四个意识”", "“四个自信”。"]),
        ("他说：“好！”“对！”", ["他说：", "“好！”", "“对！”"]),
        ("（“这是”）", ["（“这是”）"]),
        ("是‘娘家人’。", ["是", "‘娘家人’。"]),
        ("当好“娘家人”“贴心人”的", ["当好", "“娘家人”", "“贴心人”", "的"]),
    ],
)
def test_a_chinese_quotation_mark_may_start_or_end_a_line(value: str, expected: list[str]) -> None:
    assert broken(value) == expected


@pytest.mark.parametrize(
    "value",
    ["He said “yes” and “no”.", "“quoted”“Latin”", "“好”。", "“好”，", "（“", "——“好”", "《工会法》《劳动法》"],
)
def test_no_break_is_added_beside_latin_quotes_or_where_the_line_rules_forbid_it(value: str) -> None:
    assert breaks(value) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "见https://www.acftu.org/a_b/index.html?p=2&q=zh。",
            ["见https://", "www.", "acftu.", "org/", "a_", "b/", "index.", "html?", "p=", "2&", "q=", "zh。"],
        ),
        ("在/usr/local/share/目录下", ["在/usr/", "local/", "share/目录下"]),
        ("版本3.14和e.g.和docs/a.md", ["版本3.14和e.g.和docs/a.md"]),
        ("从https://example.com/office/4.2/下载", ["从https://", "example.", "com/", "office/", "4.2/下载"]),
        ("保存在 /data/office/backup 目录中", ["保存在 ", "/data/", "office/", "backup 目录中"]),
    ],
)
def test_a_url_or_a_path_breaks_after_its_marks(value: str, expected: list[str]) -> None:
    """And before a path that starts with ``/`` after a space, where Unicode line breaking never breaks."""
    assert broken(value) == expected


@pytest.mark.parametrize(
    ("before", "code", "opportunity"),
    [
        ("保存在 ", "/data/office/backup", True),
        ("编辑 ", ".env", True),
        ("运行 ", "make", False),
        ("在", "/data", False),
    ],
)
def test_inline_code_that_unicode_never_breaks_before_gets_an_opportunity_after_a_space(
    before: str, code: str, opportunity: bool
) -> None:
    pos = d.Pos("01.md", 1)
    paragraph = d.Paragraph(pos, [d.Text(pos, before), d.Code(pos, code), d.Text(pos, " 目录中。")])
    body = str(article_parts(d.Article(pos, "a", "标题", blocks=[paragraph]), "inline").body)
    assert (f"{before}<wbr/><code>" in body) is opportunity, body


def test_a_break_is_a_wbr_outside_the_keeps_and_adds_no_character() -> None:
    value = "把“四个意识”“两个维护”落实。"
    markup = text(value, "letters", paragraph_end=True)
    assert markup == (
        '把<wbr/>“四个意识<span class="halt">”</span><wbr/>“两个维护”<wbr/><span class="keep">落实。</span>'
    )
    assert "".join(etree.fromstring(f"<p>{markup}</p>").itertext()) == value


def test_print_marks_the_same_breaks_with_the_character_a_wbr_draws() -> None:
    value = "把“四个意识”“两个维护”落实。"
    assert text(value, "letters", True, ZWSP) == text(value, "letters", True).replace("<wbr/>", "\u200b")
