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
from dataclasses import dataclass, replace

from publisher import document as d
from publisher.checks.inspect.lines import Line, group_lines, is_call, stray_call
from publisher.checks.inspect.model import Area, ArticleSpan, Page, Paragraph, Printed, TextLine
from publisher.checks.inspect.pdftext import PdfPage, PdfText
from publisher.checks.inspect.source import source_pieces, squash
from publisher.layout.pagesizes import PRESETS, PageSize, page_size
from publisher.layout.settings import PT_PER_MM, Layout

LIST_MARKER = re.compile(r"\d+[.)]|[•◦▪‣]")
ITEM_MARKER = re.compile(r"\d+[.)](?![\d.])|[•◦▪‣]")
"""A list item's marker at the start of a line: a number not followed by another digit (``2.5亿`` is text)."""
TOLERANCE = 0.5  # pt: how far a line may sit from the edge it belongs to
SIZE_TOLERANCE = 0.1  # pt
OPENING = 6
"""How many characters of a line are matched with the openings of the source's paragraphs."""
FULL = 0.5
"""em: a line ending this close to the right edge is full; one at the edge the paragraph goes on from
continues it (a list item's lines), else the paragraph ended."""


def printed(pdf: PdfText, book: d.Book, layout: Layout, faces: frozenset[str], code_face: str = "") -> Printed:
    """The model every rule reads (``code_face``: see :attr:`Printed.code_face`)."""
    labels = layout.labels
    spans = articles(pdf, book, labels, back_cover=layout.templates.back_cover is not None)
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


def outline_titles(book: d.Book) -> list[tuple[str, d.Article | None]]:
    """The outline's bookmarks the book should have, in order: each article's, after that of the part
    it opens; with the article it stands for (``None`` for a part)."""
    found: list[tuple[str, d.Article | None]] = []
    for article in book.articles:
        part = book.part_opened_by(article.slug)
        if part is not None:
            found.append((part.title, None))
        found.append((article.title, article))
    return found


def articles(pdf: PdfText, book: d.Book, labels: dict, back_cover: bool = False) -> list[ArticleSpan]:
    """The book's articles paired in order with the outline's bookmarks (one per article, and one per
    part before its first article): an article runs to the page before the next bookmark's, the last
    one to the page before the back cover, the last page, when the layout has one."""
    firsts = [item.page for item in pdf.outline] + [len(pdf.pages) + 1 - back_cover]
    spans = []
    for index, (_, article) in enumerate(outline_titles(book)):
        if article is not None and index + 1 < len(firsts):
            pieces = tuple(source_pieces(article, labels))
            spans.append(ArticleSpan(len(spans) + 1, article, pieces, firsts[index], firsts[index + 1] - 1))
    return spans


def zones(page: PdfPage, box: Area, article: ArticleSpan | None, em: float) -> Page:
    """A page's lines sorted into running head, type area and foot by their baseline.

    The text layer to compare with the source leaves out footnote calls and the
    footnote area, which the source does not hold in print order.
    """
    lines = group_lines(page.number, page.chars)
    inside = [line for line in lines if box.top < line.baseline <= box.bottom]
    stray = [stray_call(line, above) for above, line in zip([None, *inside], inside)]
    notes = _footnote_area(inside, stray, box.left, em)
    end = notes[0].baseline - em / 2 if notes else box.bottom
    calls = {id(char) for line, alone in zip(inside, stray) for char in line.chars if alone or is_call(char, line)}
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


def _footnote_area(lines: list[Line], stray: list[bool], left: float, em: float) -> list[Line]:
    """The footnotes at the foot of the type area: from the first flush-left line that starts
    with a number (a footnote's marker, not a call set apart from its text: ``stray``), among the
    smaller lines after the page's last body-size line, to the end."""
    last_body = max((i for i, line in enumerate(lines) if line.size >= em - SIZE_TOLERANCE), default=-1)
    rest, stray = lines[last_body + 1 :], stray[last_body + 1 :]
    flush_left = [abs(line.left - left) <= TOLERANCE for line in rest]
    start = next(
        (i for i, line in enumerate(rest) if line.text[:1].isdigit() and not stray[i] and all(flush_left[i:])), None
    )
    return rest[start:] if start is not None else []


@dataclass
class _Open:
    """The paragraph being read: its lines, its left edge and whether it is a list item."""

    lines: list[TextLine]
    left: float
    item: bool


def paragraphs(pages: list[Page], em: float, width: float) -> tuple[list[Page], list[Paragraph]]:
    """The pages with their body lines marked, and the body paragraphs in reading order."""
    found: list[tuple[ArticleSpan, _Open]] = []
    current: _Open | None = None
    article: ArticleSpan | None = None
    out = []
    code: list[str] = []
    openings: list[str] = []
    for page in pages:
        if page.article is not article:
            article, current = page.article, None
            code = _code(article.article) if article is not None else []
            openings = _openings(article.article) if article is not None else []
        marked = []
        for line in page.text:
            text = squash(line.text)
            in_code = any(text in block for block in code)
            opens = any(piece.startswith(text[:OPENING]) for piece in openings)
            kind, left = ("other", 0.0) if article is None or in_code else _kind(line, em, width, current, opens)
            if kind in ("start", "item", "misindented") or (kind == "shifted" and current is None):
                line = replace(line, body=True)
                current = _Open([line], left, kind == "item")
                found.append((article, current))
            elif kind in ("continued", "shifted") and current is not None:
                line = replace(line, body=True)
                current.lines.append(line)
            else:
                current = None
            marked.append(line)
        out.append(replace(page, text=tuple(marked)))
    return out, [Paragraph(span, tuple(p.lines), p.left, p.item) for span, p in found]


def _openings(article: d.Article) -> list[str]:
    """The text of the article's paragraphs, without white space: a line that starts one may start a
    paragraph."""
    return [squash(d.plain_text(b.children)) for b in d.article_blocks(article) if isinstance(b, d.Paragraph)]


def _code(article: d.Article) -> list[str]:
    """The text of the article's code blocks, without white space: their lines are set as written,
    not as paragraphs (unjustified, indented with spaces)."""
    return [squash(block.text) for block in d.article_blocks(article) if isinstance(block, d.CodeBlock)]


def _kind(line: TextLine, em: float, width: float, current: _Open | None, opens: bool) -> tuple[str, float]:
    """What a line is, and the left edge of the paragraph it starts.

    A list item's first line starts with its marker (:data:`ITEM_MARKER`), at a whole number of
    2 em (nested lists, items in quotes), its other lines 2 em further in; a paragraph inside a
    quote or a list item starts 2 em in from its left edge, which is 2 em in or more. A line at the
    current paragraph's left edge continues it, unless that edge is also where a paragraph starts
    and the line before ended short of the right edge (the paragraph ended: this line starts the
    next).
    """
    if abs(line.line.size - em) > SIZE_TOLERANCE:
        return "other", 0.0
    step = round(line.x0 / (2 * em))
    on_step = step >= 0 and abs(line.x0 - 2 * em * step) <= TOLERANCE
    if on_step and ITEM_MARKER.match(line.text):
        return "item", line.x0 + 2 * em
    if current is not None and abs(line.x0 - current.left) <= TOLERANCE:
        before = current.lines[-1]
        if current.left <= TOLERANCE or before.x1 >= width - FULL * em or not opens:
            return "continued", current.left
    if on_step and step >= 1:
        return "start", line.x0 - 2 * em
    if abs(line.x0) <= TOLERANCE:
        return "continued", 0.0
    centred = abs(line.x0 - (width - line.x1)) <= 2 * TOLERANCE
    if centred or LIST_MARKER.match(line.text) or not TOLERANCE < line.x0 < 4 * em - TOLERANCE:
        return "other", 0.0
    return ("shifted", 0.0) if line.x0 < em else ("misindented", 0.0)
