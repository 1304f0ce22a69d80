"""Lines that never gape: the line-breaking sample book (tests/fixtures/breaks/), with runs of quoted terms,
runs of book titles, parenthesised English names, a URL and a path, Latin phrases, passes the typography
inspector, the `loose` rule included, but for what no break can help (a path segment longer than the room
left), and its e-book holds the same break opportunities without a character added."""

from __future__ import annotations

import re
import zipfile

import pytest
from lxml import etree

from publisher.build.pipeline import BuildOptions
from publisher.checks.inspect.inspector import Inspection
from publisher.checks.inspect.report import diagnostics
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.diagnostics import Diagnostics
from tests.helpers import BREAKS, Built
from tests.helpers import INSPECTOR_CODES as CODES

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def inspection(breaks_book: Built) -> Inspection:
    assert breaks_book.warnings == []
    return inspect_pdf(breaks_book.pdf, BuildOptions(content=BREAKS, out=breaks_book.pdf.parent), Diagnostics())


def test_the_sample_is_inspected_in_full(inspection: Inspection) -> None:
    model = inspection.printed
    assert len(model.articles) == 2
    assert sum(len(p.lines) - 1 for p in model.paragraphs) > 20


@pytest.mark.parametrize("code", [code for code in CODES if code != "loose"])
def test_the_sample_passes(code: str, inspection: Inspection) -> None:
    bad = [d.format() for d in diagnostics(inspection) if d.code == code]
    assert bad == [], "\n".join(bad)


def test_no_line_gapes_but_before_a_path_segment_that_cannot_break(inspection: Inspection) -> None:
    loose = [d.message for d in diagnostics(inspection) if d.code == "loose"]
    assert all("could not break, 'publisher/" in message for message in loose), loose
    assert len(loose) <= 1


def test_runs_of_quoted_terms_break_between_the_terms(inspection: Inspection) -> None:
    """The lines of the quotations article start and end with quotation marks, as a run of terms allows."""
    lines = [line.text for p in inspection.printed.paragraphs if p.article.number == 1 for line in p.lines]
    assert sum(line.startswith("“") for line in lines) >= 2
    assert sum(line.endswith("”") for line in lines) >= 2


def test_the_print_text_layer_has_no_character_for_a_break(inspection: Inspection, breaks_book: Built) -> None:
    """The breaks of the quotations article are taken (above), and copying its text gives none of the
    U+200B the engine breaks at: the text is as written."""
    printed = breaks_book.pdftotext()
    assert "\u200b" not in printed
    assert "像“堃”“喆”“淼”“犇”“鑫”这样的字" in re.sub(r"\s", "", printed)


def test_the_ebook_has_the_same_break_opportunities_and_the_same_text(breaks_book: Built) -> None:
    with zipfile.ZipFile(breaks_book.epub) as epub:
        name = next(n for n in epub.namelist() if n.endswith(".xhtml") and "quotes" in n)
        root = etree.fromstring(epub.read(name))
    paragraph = next(p for p in root.iter(f"{XHTML}p") if p.get("class") is None)
    markup = etree.tostring(paragraph, encoding="unicode")
    assert re.search(r"“堃”<wbr/>“喆”", markup.replace('<span class="halt">”</span>', "”")), markup
    assert "".join(paragraph.itertext()).startswith("名字里有生僻字的职工很多，像“堃”“喆”“淼”“犇”“鑫”这样的字")
