"""Page styles in time proportional to the page, not to the book (an accelerator).

For each page it lays out, WeasyPrint 70 (``layout.page.set_page_type_computed_styles``)
looks for the page's margin boxes (``@top-center``, ``@bottom-left``…) by
walking *every* ``(page, margin box)`` style declared so far, that is every
earlier page's too: laying out the n-th page costs O(n), a book O(n²). At 50×
the default book (1,344 pages) that walk was a quarter of the build.

The stand-in finds the same margin boxes from the style sheets' ``@page``
rules that match the page, in the very order WeasyPrint would have met them
(the order in which its own ``add_page_declarations`` first declared them),
and computes their styles exactly as WeasyPrint does. Nothing else changes:
the PDF is byte for byte the same.

It reaches into WeasyPrint's internals: it is ``page-styles`` in :mod:`.patches`, in force only with
the version it was written for, and only inside :func:`per_page_styles`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from weasyprint.layout import page as page_layout

from publisher.render.pdf.engine.patches import replaced


@contextmanager
def per_page_styles() -> Iterator[None]:
    """Lay out with the per-page lookup; WeasyPrint's own is restored afterwards."""
    with replaced(page_layout, set_page_type_computed_styles=set_page_type_computed_styles):
        yield


def set_page_type_computed_styles(page_type, html, style_for) -> None:
    """Stands in for WeasyPrint's function of that name, without walking the other pages' styles."""
    style_for.add_page_declarations(page_type)
    root = html.etree_element
    style_for.set_computed_styles(page_type, root=root, parent=root, base_url=html.base_url)
    declared = style_for.get_cascaded_styles()
    for pseudo_type in margin_boxes(style_for, page_type):
        if (page_type, pseudo_type) in declared:
            style_for.set_computed_styles(
                page_type, pseudo_type=pseudo_type, root=root, parent=page_type, base_url=html.base_url
            )


def margin_boxes(style_for, page_type) -> list[str]:
    """The pseudo-types of the ``@page`` rules matching ``page_type``, once each, in declaration order
    (the loop of ``StyleFor.add_page_declarations``)."""
    found: dict[str, None] = {}
    for sheet, _origin, _specificity in style_for._sheets:
        for _rule, selector_list, _declarations in sheet.page_rules:
            for _specificity_of, pseudo_type, page_selector_type in selector_list:
                if pseudo_type and style_for._page_type_match(page_selector_type, page_type):
                    found.setdefault(pseudo_type, None)
    return list(found)
