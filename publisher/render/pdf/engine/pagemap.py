"""Where each page of the laid-out print edition starts, read from WeasyPrint's boxes.

Each page box holds copies of the boxes of the content it shows, in reading
order. Walking the pages in order and adding up, per block, the countable
characters of its text boxes gives the offset at which each page's first
content begins (see :mod:`.edition`). Margin boxes (running heads, folios),
the footnote area and generated content (list markers, footnote calls,
ornaments) are not the article's text and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from publisher.render.printed import PageStart, countable

Content = tuple[str, str, str]
"""(article slug, block key, text): a text box, or an image with empty text."""


def page_starts(pages: list) -> tuple[PageStart, ...]:
    """The start of every page whose first content is in an article.

    The cover, title page, table of contents and blank pages carry no folio in
    print and have no counterpart in the e-book's text, so they get no start.
    """
    laid: dict[tuple[str, str], int] = {}
    starts = []
    for number, page in enumerate(pages, 1):
        first = None
        for article, block, text in page_content(page):
            done = laid.get((article, block), 0)
            first = first or PageStart(number, article, block, done)
            laid[article, block] = done + countable(text)
        if first:
            starts.append(first)
    return tuple(starts)


def page_content(page: object) -> tuple[Content, ...]:
    """The article content a laid-out page shows; a page drawn by another process brings its own."""
    from publisher.render.pdf.engine.drawn import DrawnPage

    return page.content if isinstance(page, DrawnPage) else tuple(_content(page._page_box))


def _content(box: object, article: str = "", block: str = "") -> Iterator[Content]:
    """The article content under ``box``, in reading order."""
    from weasyprint.formatting_structure import boxes

    if "::" in (box.element_tag or "") or isinstance(box, (boxes.MarginBox, boxes.FootnoteAreaBox)):
        return
    element = box.element
    if element is not None:
        article = element.get("data-article", article)
        block = element.get("data-block", block)
    if article and block:
        if isinstance(box, boxes.TextBox) and countable(box.text):
            yield article, block, box.text
        elif isinstance(box, boxes.ReplacedBox):
            yield article, block, ""
    for child in getattr(box, "children", ()):
        yield from _content(child, article, block)
