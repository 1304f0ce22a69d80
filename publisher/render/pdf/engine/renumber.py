"""A laid-out piece's pages numbered again, without laying its text out again (part of the two-core accelerator).

Laid out on the other core (see :mod:`.twocores`), an article is laid out before anyone knows on
which page it starts. What that page changes is only the folios: the side each page is on is
known (articles start on a recto, or all on a verso), so lines and pages break as they will,
and the number is printed in the margin boxes alone. WeasyPrint makes those last
(``layout.layout_document``), from each page's counter values kept in the layout context
(``context.page_maker``): here the page counter is moved in those values and the margin boxes
are made again, exactly as WeasyPrint made them. A piece laid out as page 1 and moved to page
41 is then drawn byte for byte as a piece laid out as page 41.

It reaches into WeasyPrint's internals: it is part of ``two-cores`` in :mod:`.patches`, in force only
with the version it was written for.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from weasyprint import document as weasy_document
from weasyprint.formatting_structure import boxes
from weasyprint.layout.background import layout_box_backgrounds
from weasyprint.layout.page import make_margin_boxes

from publisher.render.pdf.engine.patches import replaced

LAY_OUT = weasy_document.layout_document


@contextmanager
def kept_contexts() -> Iterator[list]:
    """While in force, the layout context of every document laid out is appended to the list yielded."""
    contexts: list = []

    def lay_out(html, root_box, context, *args, **kwargs):
        contexts.append(context)
        return LAY_OUT(html, root_box, context, *args, **kwargs)

    with replaced(weasy_document, layout_document=lay_out):
        yield contexts


def renumber(pages: list, context: Any, shift: int) -> None:
    """Add ``shift`` to the page numbers of ``pages`` (a document's, laid out with ``context``)."""
    if not shift:
        return
    for index, page in enumerate(pages, 1):
        state = context.page_maker[index][3]
        counters = state[1]
        counters["page"] = [value + shift for value in counters["page"]]
        box = page._page_box
        context.current_page = index
        margins = list(make_margin_boxes(context, box, state))
        for margin in margins:
            layout_box_backgrounds(box, margin, context.get_image_from_uri)
        box.children = tuple(child for child in box.children if not isinstance(child, boxes.MarginBox)) + tuple(margins)
