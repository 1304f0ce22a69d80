"""Print page numbers in the e-book: a page-break marker where each printed page starts.

The positions come from the print edition (see :mod:`publisher.render.printed`); this module
finds them again in an article's XHTML and splits the text there, without
changing a character. Note calls are skipped when counting, as print's
footnote calls are generated content that the print side does not count.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from publisher.render.printed import PageStart, is_countable

INSIDE = ("td", "th", "li")
"""Blocks a marker goes inside even at their start: nothing may stand between cells, or list items."""


def marked(html: str, starts: Sequence[PageStart]) -> str:
    """An article's markup with a page-break marker before the first character of each page."""
    if not starts:
        return html
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(html.strip())
    for start in starts:
        block = root.find(f".//*[@data-block='{start.block}']")
        if block is None:
            raise LookupError(f"page {start.page}: no block {start.block!r} in article {start.article}")
        _insert(block, start.offset, _marker(start.page))
    return lxml_html.tostring(root, encoding="unicode")


def _marker(page: int) -> object:
    from lxml import html as lxml_html

    return lxml_html.fragment_fromstring(
        f'<span epub:type="pagebreak" role="doc-pagebreak" id="page-{page}" aria-label="{page}"></span>'
    )


def _insert(block: object, offset: int, marker: object) -> None:
    """Put ``marker`` before countable character ``offset`` of ``block``.

    A page that starts with a block gets its marker before the block rather than
    inside it (so a heading's text stays whole), except in a table cell or a list
    item (:data:`INSIDE`).
    """
    if offset == 0 and block.tag not in INSIDE:
        block.addprevious(marker)
        return
    count = 0
    for node, kind, text in _segments(block):
        for index, char in enumerate(text or ""):
            if is_countable(char):
                if count == offset:
                    _split(node, kind, index, marker)
                    return
                count += 1
    raise LookupError(f"block {block.get('data-block')} has {count} characters, no character {offset}")


def _segments(element: object) -> Iterator[tuple[object, str, str | None]]:
    """The text of ``element`` in reading order as (node, "text" or "tail", string); note calls left out."""
    yield element, "text", element.text
    for child in element:
        if child.get("epub:type") != "noteref":
            yield from _segments(child)
        yield child, "tail", child.tail


def _split(node: object, kind: str, index: int, marker: object) -> None:
    """Insert ``marker`` at ``index`` of ``node``'s text or tail."""
    text = getattr(node, kind)
    marker.tail = text[index:]
    setattr(node, kind, text[:index])
    if kind == "text":
        node.insert(0, marker)
    else:
        node.addnext(marker)
