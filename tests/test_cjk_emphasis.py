"""Emphasis beside Chinese punctuation (the CommonMark CJK-friendly amendments), and CommonMark
everywhere else: in the document, the PDF's fonts and the e-book's markup."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from publisher.checks.inspect.pdftext import read_pdf
from publisher.sources.markdown import make_parser
from tests.helpers import SLUG, article, build, make_content


def html(source: str) -> str:
    return make_parser().render(source).strip()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("按照**“应帮尽帮”**的原则", "<p>按照<strong>“应帮尽帮”</strong>的原则</p>"),
        ("**该项不计入。**其余照旧", "<p><strong>该项不计入。</strong>其余照旧</p>"),
        ("坚持**“四个意识”“四个自信”**不动摇", "<p>坚持<strong>“四个意识”“四个自信”</strong>不动摇</p>"),
        ("依照*《工会法》*第三条", "<p>依照<em>《工会法》</em>第三条</p>"),
        ("这是**（暂行）**办法", "<p>这是<strong>（暂行）</strong>办法</p>"),
        ("中**文**字", "<p>中<strong>文</strong>字</p>"),
    ],
)
def test_emphasis_opens_and_closes_beside_chinese_punctuation(source: str, expected: str) -> None:
    assert html(source) == expected


def test_plain_commonmark_fails_the_same_cases() -> None:
    """The cases above are the ones CommonMark alone gets wrong: the amendments are what makes them work."""
    plain = MarkdownIt("commonmark")
    assert plain.render("按照**“应帮尽帮”**的原则").strip() == "<p>按照**“应帮尽帮”**的原则</p>"
    assert "<strong>" not in plain.render("**该项不计入。**其余照旧")


@pytest.mark.parametrize(
    "source",
    [
        "a**b**c",
        "**foo**bar",
        '*"a"*b',
        'a**"foo"**b',
        "foo_bar_baz",
        "中_文_字",
        'a __"b"__c',
        "** not bold **",
        "snake_case_name 与 __init__",
        "**“unclosed",
    ],
)
def test_everything_else_parses_as_commonmark(source: str) -> None:
    assert html(source) == MarkdownIt("commonmark").render(source).strip()


def test_both_outputs_set_the_quoted_words_in_bold(tmp_path: Path) -> None:
    body = "按照**“应帮尽帮”**的原则开展帮扶。\n"
    content = make_content(tmp_path, {"01-first.md": article("title: 第一篇文章", "order: 1", body=body)})
    result = build(content, fmt="pdf,epub")
    assert result.code == 0, result.err
    with zipfile.ZipFile(result.out_dir / f"{SLUG}.epub") as archive:
        chapter = archive.read("EPUB/01-first.xhtml").decode()
    assert "按照<strong>“应帮尽帮”</strong>的原则" in chapter
    chars = [c for page in read_pdf(result.out_dir / f"{SLUG}.pdf").pages for c in page.chars]
    text = "".join(c.text for c in chars)
    start = text.index("按照“应帮尽帮”的")
    fonts = [c.font for c in chars[start : start + len("按照“应帮尽帮”的")]]
    assert "*" not in text
    bold = {font for font in fonts[2:8]}
    assert len(bold) == 1 and bold != {fonts[0]} and fonts[0] == fonts[1] == fonts[8]
    assert bold.pop().endswith("bold")
