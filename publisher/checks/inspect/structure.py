"""From the PDF's text layer to :class:`.model.Printed`: type areas, zones, articles, paragraphs.

Body paragraphs are found the way a reader sees them (and as tests/test_typography.py
does): a line of body size indented 2 em starts one, lines flush with the left edge
continue it (across pages too), anything else (a centred title, author or heading, a
footnote) ends it. So that the indent rule can see them, a body-size line that is not
centred and starts less than 1 em in continues the paragraph (shifted off the edge), and
one that starts 1 to 4 em in starts a paragraph at the wrong indent.
"""

from __future__ import annotations

import re
from dataclasses import replace

from publisher import document as d
from publisher.checks.inspect.lines import Line, group_lines
from publisher.checks.inspect.model import Area, ArticleSpan, Page, Paragraph, Printed, TextLine
from publisher.checks.inspect.pdftext import PdfPage, PdfText
from publisher.checks.inspect.source import source_pieces
from publisher.layout.pagesizes import PRESETS, PageSize, page_size
from publisher.layout.settings import PT_PER_MM, Layout

LIST_MARKER = re.compile(r"\d+[.)]|[•◦▪‣]")
TOLERANCE = 0.5  # pt: how far a line may sit from the edge it belongs to
SIZE_TOLERANCE = 0.1  # pt


def printed(pdf: PdfText, book: d.Book, layout: Layout, faces: frozenset[str], code_face: str = "") -> Printed:
    """The model every rule reads (``code_face``: see :attr:`Printed.code_face`)."""
    labels = layout.labels
    spans = articles(pdf, book, labels)
    metrics = layout.metrics(paper(pdf.pages[0]))
    by_page = {page: span for span in spans for page in range(span.first, span.last + 1)}
    pages = [
        zones(page, area(metrics, page.number), by_page.get(page.number), metrics["font_size"]) for page in pdf.pages
    ]
    pages, found = paragraphs(pages, metrics["font_size"], metrics["text_width"])
    return Printed(
        book=book,
        labels=labels,
        faces=faces,
        em=metrics["font_size"],
        text_width=metrics["text_width"],
        pages=tuple(pages),
        articles=tuple(spans),
        outline=tuple((item.title, item.page) for item in pdf.outline),
        paragraphs=tuple(found),
        code_face=code_face,
    )


def paper(page: PdfPage) -> PageSize:
    """The page size the PDF was made for: a preset within 0.5 mm, else the trim size itself."""
    width, height = page.width / PT_PER_MM, page.height / PT_PER_MM
    for preset in PRESETS.values():
        if abs(preset.width_mm - width) < 0.5 and abs(preset.height_mm - height) < 0.5:
            return preset
    return page_size(f"{width:.1f}x{height:.1f}") or PRESETS["A5"]


def area(metrics: dict[str, float], number: int) -> Area:
    """Recto pages (odd numbers) have the inner margin on the left, versos the outer one."""
    left = metrics["inner"] if number % 2 else metrics["outer"]
    return Area(left, metrics["top"], metrics["text_width"], metrics["text_height"])


def articles(pdf: PdfText, book: d.Book, labels: dict) -> list[ArticleSpan]:
    """The book's articles paired in order with the outline's bookmarks (one per article)."""
    firsts = [item.page for item in pdf.outline] + [len(pdf.pages) + 1]
    return [
        ArticleSpan(number, article, tuple(source_pieces(article, labels)), first, end - 1)
        for number, (article, first, end) in enumerate(zip(book.articles, firsts, firsts[1:]), 1)
    ]


def zones(page: PdfPage, box: Area, article: ArticleSpan | None, em: float) -> Page:
    """A page's lines sorted into running head, type area and foot by their baseline.

    The text layer to compare with the source leaves out footnote calls and the
    footnote area, which the source does not hold in print order.
    """
    lines = group_lines(page.number, page.chars)
    inside = [line for line in lines if box.top < line.baseline <= box.bottom]
    notes = _footnote_area(inside, box.left, em)
    end = notes[0].baseline - em / 2 if notes else box.bottom
    calls = {
        id(char)
        for line in inside
        for char in line.chars
        if char.size < 0.8 * line.size and char.baseline < line.baseline - 0.1 * em
    }
    return Page(
        number=page.number,
        area=box,
        head=tuple(line for line in lines if line.baseline <= box.top),
        text=tuple(TextLine(line, line.left - box.left, line.right - box.left, line.ink - box.left) for line in inside),
        foot=tuple(line for line in lines if line.baseline > box.bottom),
        chars=tuple(
            char
            for char in page.chars
            if box.top < char.baseline <= end and not char.text.isspace() and id(char) not in calls
        ),
        article=article,
    )


def _footnote_area(lines: list[Line], left: float, em: float) -> list[Line]:
    """The footnotes at the foot of the type area: from the first flush-left line that starts
    with a number, among the smaller lines after the page's last body-size line, to the end."""
    last_body = max((i for i, line in enumerate(lines) if line.size >= em - SIZE_TOLERANCE), default=-1)
    rest = lines[last_body + 1 :]
    flush_left = [abs(line.left - left) <= TOLERANCE for line in rest]
    start = next((i for i, line in enumerate(rest) if line.text[:1].isdigit() and all(flush_left[i:])), None)
    return rest[start:] if start is not None else []


def paragraphs(pages: list[Page], em: float, width: float) -> tuple[list[Page], list[Paragraph]]:
    """The pages with their body lines marked, and the body paragraphs in reading order."""
    found: list[tuple[ArticleSpan, list[TextLine]]] = []
    current: list[TextLine] | None = None
    article: ArticleSpan | None = None
    out = []
    for page in pages:
        if page.article is not article:
            article, current = page.article, None
        marked = []
        for line in page.text:
            kind = _kind(line, em, width) if article is not None else "other"
            if kind in ("start", "misindented") or (kind == "shifted" and current is None):
                line = replace(line, body=True)
                current = [line]
                found.append((article, current))
            elif kind in ("continued", "shifted") and current is not None:
                line = replace(line, body=True)
                current.append(line)
            else:
                current = None
            marked.append(line)
        out.append(replace(page, text=tuple(marked)))
    return out, [Paragraph(span, tuple(lines)) for span, lines in found]


def _kind(line: TextLine, em: float, width: float) -> str:
    if abs(line.line.size - em) > SIZE_TOLERANCE:
        return "other"
    if abs(line.x0 - 2 * em) <= TOLERANCE:
        return "start"
    if abs(line.x0) <= TOLERANCE:
        return "continued"
    centred = abs(line.x0 - (width - line.x1)) <= 2 * TOLERANCE
    if centred or LIST_MARKER.match(line.text) or not TOLERANCE < line.x0 < 4 * em - TOLERANCE:
        return "other"
    return "shifted" if line.x0 < em else "misindented"
