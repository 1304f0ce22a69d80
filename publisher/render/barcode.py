"""The ISBN as an EAN-13 barcode (the bars only, as SVG vectors), drawn by python-barcode.

The human-readable line is the layout's to set, in the book's own faces: an SVG ``<text>`` would
be set in whatever font the system has. The sizes are those of a book's barcode at 80 %
(0.264 mm modules), which scanners read and a back cover has room for.
"""

from __future__ import annotations

import base64

MODULE_MM = 0.264
HEIGHT_MM = 18.0
QUIET_MM = 3.0
"""The light margin on each side: at least the 11 modules EAN-13 asks for on the left."""


def isbn_barcode(digits: str, bars: str, space: str) -> str:
    """A ``data:`` URL of the SVG of the EAN-13 of the 13 ``digits``, its bars in the CSS colour ``bars`` on
    ``space``: an image of its own, whose styles are the SVG's, not the book's stylesheet's.

    python-barcode is imported here, for a back cover that shows an ISBN: it takes longer to import
    (PIL, ``xml.dom``) than the rest of the back cover to lay out."""
    from barcode import ISBN13
    from barcode.writer import SVGWriter

    writer = SVGWriter()
    writer.with_doctype = False
    svg = ISBN13(digits, writer=writer).render(
        {
            "module_width": MODULE_MM,
            "module_height": HEIGHT_MM,
            "quiet_zone": QUIET_MM,
            "margin_top": 0,
            "margin_bottom": 0,
            "write_text": False,
            "foreground": bars,
            "background": space,
        }
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def human_readable(digits: str) -> str:
    """The digits under an EAN-13, grouped as its halves are: ``9 787010 000008``."""
    return f"{digits[0]} {digits[1:7]} {digits[7:]}"
