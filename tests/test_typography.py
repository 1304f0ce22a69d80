"""Chinese typography, checked on the PDF of the default book (docs/typography.md).

Body paragraphs are found the way a reader sees them: a line indented 2 em
starts a paragraph, the lines flush with the left edge of the type area that
follow it continue the paragraph (across pages), anything else (a centred
title, author or heading) ends it.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from pypdf import PdfReader

from publisher import document as d
from publisher.checks.inspect.lines import group_lines
from publisher.checks.inspect.pdftext import read_pdf
from publisher.layout.pagesizes import PRESETS
from publisher.render.pdf.engine import justify
from tests.helpers import Built, Line, booklet, squash

TOLERANCE = 0.5  # pt: how far a line may sit from the edge it belongs to


@pytest.fixture(scope="module")
def metrics() -> dict[str, float]:
    return booklet().metrics(PRESETS["A5"])


@pytest.fixture(scope="module")
def pages(built: Built, metrics: dict[str, float]) -> list[list[Line]]:
    """From the first article's opening page on: each page's lines in the type area, x measured from its
    left edge (recto and verso have different margins)."""
    reader = PdfReader(built.pdf)
    first = min(reader.get_destination_page_number(item) for item in reader.outline) + 1
    bottom = metrics["top"] + metrics["text_height"]
    return [
        [
            replace(line, x_min=line.x_min - left, x_max=line.x_max - left)
            for line in built.lines(number)
            if metrics["top"] - 1 < line.y_min < bottom
        ]
        for number, left in (
            (n, metrics["inner"] if n % 2 else metrics["outer"]) for n in range(first, len(reader.pages) + 1)
        )
    ]


@pytest.fixture(scope="module")
def body(pages: list[list[Line]], metrics: dict[str, float]) -> list[list[Line]]:
    """Every body paragraph of the articles as its list of lines, in reading order."""
    em = metrics["font_size"]
    found: list[list[Line]] = []
    current: list[Line] | None = None
    for line in (line for lines in pages for line in lines):
        if abs(line.x_min - 2 * em) <= TOLERANCE:
            current = [line]
            found.append(current)
        elif abs(line.x_min) <= TOLERANCE and current is not None:
            current.append(line)
        else:
            current = None
    return found


def short_lines(body: list[list[Line]], metrics: dict[str, float]) -> list[Line]:
    """Non-final lines of a paragraph that end more than 0.1 em before the right edge of the type area."""
    return [
        line
        for paragraph in body
        for line in paragraph[:-1]
        if line.x_max < metrics["text_width"] - 0.1 * metrics["font_size"]
    ]


def test_the_book_has_body_paragraphs(body: list[list[Line]]) -> None:
    """The checks below are not vacuous: most paragraphs run over several lines."""
    assert len(body) > 50 and sum(len(p) - 1 for p in body) > 150


def test_every_non_final_line_is_flush_right(body: list[list[Line]], metrics: dict[str, float]) -> None:
    short = short_lines(body, metrics)
    assert short == [], f"{len(short)} non-final lines end short of the right edge, e.g. {short[:3]}"


def test_no_line_runs_past_the_type_area(pages: list[list[Line]], metrics: dict[str, float]) -> None:
    over = [
        line
        for lines in pages
        for line in lines
        if line.x_min < -TOLERANCE or line.x_max > metrics["text_width"] + TOLERANCE
    ]
    assert over == [], f"overfull lines: {over[:3]}"


def test_no_paragraph_ends_with_a_single_character(body: list[list[Line]]) -> None:
    """No 孤字: the last line of a paragraph carries at least two characters."""
    lone = [paragraph[-1] for paragraph in body if len(paragraph) > 1 and len(squash(paragraph[-1].text)) < 2]
    assert lone == [], f"paragraphs ending with one character: {lone}"


def test_stretchable_gaps_follow_clreq() -> None:
    """Gaps next to Han and full-width marks stretch; not inside ``——``, a Latin word or a number,
    and not after the line's last character."""
    text = "工会——AB 12，"
    offsets = justify._gaps(text, "")
    after = {len(text[: i + 1].encode()) for i in range(len(text))}
    stretched = sorted(text[: i + 1] for i in range(len(text)) if len(text[: i + 1].encode()) in offsets)
    assert offsets <= after
    assert stretched == ["工", "工会", "工会——", "工会——AB ", "工会——AB 12"]
    assert len(text.encode()) in justify._gaps(text, "中"), "a gap to the next box on the line stretches"


def test_justification_is_restored_after_the_layout(built: Built) -> None:
    """The patch is in force only while our PDF is laid out."""
    from weasyprint.layout import inline

    assert inline.justify_line is justify.SPACES_ONLY
    assert inline.text_align is justify.ALIGN


def test_each_element_in_its_face_and_size(built: Built) -> None:
    """docs/typography.md's table, read off the PDF's text layer: title Serif Bold 20 pt, author and closing
    note Kai 13 pt and body size, body Serif 10.5 pt, running head and folio Serif 9 pt."""
    text = read_pdf(built.pdf)
    first = text.outline[0].page
    article = built.book.articles[0]
    styles = {}
    for page in text.pages[first - 1 : first + 1]:
        for line in group_lines(page.number, page.chars):
            fonts = {(char.font, char.size) for char in line.chars}
            styles.setdefault(squash(line.text), set()).update(fonts)

    def style(needle: str) -> set[tuple[str, float]]:
        return next(fonts for text, fonts in styles.items() if needle in text)

    assert style(squash(article.title)[:8]) == {("publisher-serif-bold", 20)}
    assert style(article.author) == {("publisher-kai", 13)}
    assert style(squash(d.plain_text(article.blocks[0].children))[:10]) == {("publisher-serif", 10.5)}
    assert style(built.book.meta.title[:6]) == {("publisher-serif", 9)}  # the verso's running head
    assert style(str(first)) == {("publisher-serif", 9)}
    assert style(article.note[:6]) == {("publisher-kai", 10.5)}
