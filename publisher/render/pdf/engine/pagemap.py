"""The article text a laid-out page shows, read from WeasyPrint's boxes.

Each page box holds copies of the boxes of the content it shows, in reading order: their
article, block and text, in that order, are what :func:`publisher.render.printed.page_starts`
needs to find where each printed page starts. Margin boxes (running heads, folios), the
footnote area and generated content (list markers, footnote calls, ornaments) are not the
article's text and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from publisher.render.printed import Content, countable


def page_content(page: object) -> tuple[Content, ...]:
    """The article content a page WeasyPrint laid out shows."""
    return tuple(_content(page._page_box))


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
