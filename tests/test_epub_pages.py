"""Print page numbers in the e-book: each marker stands exactly where its page of the PDF begins."""

from __future__ import annotations

import html
import re

import pytest
from lxml import etree
from pypdf import PdfReader

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from publisher.layout.pagesizes import PRESETS
from publisher.sources.book import read_book
from tests.helpers import FEATURES, NS, Built, booklet, squash

MARKER = re.compile(r'<span epub:type="pagebreak" role="doc-pagebreak" id="page-(\d+)" aria-label="(\d+)"/>')
START = 8
"""How many characters of a page's type area the text after its marker must begin with."""
ORNAMENT = "＊＊＊"
"""What print draws for a thematic break (``hr.break::after``): not text, and not in the e-book."""


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture book with notes, lists, a table and an image (which opens a page)."""
    out = tmp_path_factory.mktemp("features-pages")
    diags = Diagnostics(root=FEATURES)
    pdf, epub = build(BuildOptions(content=FEATURES, out=out), {"SOURCE_DATE_EPOCH": "0"}, diags).paths
    return Built(read_book(FEATURES, Diagnostics(root=FEATURES)), pdf, epub, out / "none.json", [])


@pytest.fixture(params=["default", "features"])
def book(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue("built" if request.param == "default" else "features")


def type_area_starts(book: Built) -> dict[int, str]:
    """Page → the first characters of its type area, for every page from the first article's to the one
    before the back cover."""
    metrics = booklet().metrics(PRESETS["A5"])
    reader = PdfReader(book.pdf)
    first = reader.get_destination_page_number(reader.outline[0]) + 1
    starts = {}
    for page in range(first, len(reader.pages)):
        left = metrics["inner"] if page % 2 else metrics["outer"]
        text = squash(
            book.pdftotext(page, (left - 2, metrics["top"] - 2, metrics["text_width"] + 4, metrics["text_height"] + 4))
        ).replace(ORNAMENT, "")
        if text:
            starts[page] = text[:START]
    return starts


def epub_documents(book: Built) -> list[str]:
    """The XHTML documents of the spine, in reading order."""
    opf = etree.fromstring(book.epub_file("EPUB/content.opf").encode())
    hrefs = {item.get("id"): item.get("href") for item in opf.iterfind(".//opf:item", NS)}
    return [hrefs[ref.get("idref")] for ref in opf.iterfind(".//opf:itemref", NS)]


def markers(book: Built) -> dict[int, tuple[str, str]]:
    """Page → (document, the text that follows its marker there), in reading order."""
    found = {}
    for name in epub_documents(book):
        source = book.epub_file(f"EPUB/{name}")
        for match in MARKER.finditer(source):
            assert match.group(1) == match.group(2), match.group(0)
            after = html.unescape(re.sub(r"<[^>]+>", "", source[match.end() :]))
            found[int(match.group(1))] = (name, squash(after))
    return found


def test_a_marker_for_every_page_that_starts_in_an_article(book: Built) -> None:
    assert sorted(markers(book)) == sorted(type_area_starts(book))


def test_the_text_after_each_marker_is_the_text_of_its_page(book: Built) -> None:
    found = markers(book)
    for page, start in type_area_starts(book).items():
        name, after = found[page]
        assert after.startswith(start), (
            f"{name}: page {page} starts with {start!r} in the PDF, its marker is followed by {after[:START]!r}"
        )


def test_markers_come_in_page_order(book: Built) -> None:
    pages = list(markers(book))
    assert pages == sorted(pages)


def test_page_list_points_at_every_marker(book: Built) -> None:
    nav = etree.fromstring(book.epub_file("EPUB/nav.xhtml").encode())
    page_list = nav.find(".//x:nav[@epub:type='page-list']", NS)
    assert page_list.get("role") == "doc-pagelist"
    links = [(a.get("href"), a.text) for a in page_list.iterfind(".//x:a", NS)]
    assert links == [(f"{name}#page-{page}", str(page)) for page, (name, _) in markers(book).items()]


def test_page_break_source_names_the_print_edition(book: Built) -> None:
    opf = etree.fromstring(book.epub_file("EPUB/content.opf").encode())
    source = opf.findtext(".//opf:meta[@property='pageBreakSource']", namespaces=NS)
    assert book.book.meta.title in source and "印刷版" in source
