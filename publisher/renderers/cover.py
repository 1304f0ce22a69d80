"""The e-book's cover image: the print edition's cover page, rasterised by PDFium (pypdfium2).

The cover is designed once, in the layout's print templates and CSS; the
e-book shows that very page, so print and e-book covers cannot drift apart.
Rendering is deterministic for a given PDFium build, and Pillow writes the
PNG without a timestamp.
"""

from __future__ import annotations

import io

WIDTH = 1200
"""Pixels across: what e-book stores ask of a cover (the height follows the page's proportions)."""


def cover_png(cover_pdf: bytes) -> bytes:
    """The first page of ``cover_pdf`` as a PNG ``WIDTH`` pixels wide."""
    import pypdfium2

    document = pypdfium2.PdfDocument(cover_pdf)
    try:
        page = document[0]
        image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
