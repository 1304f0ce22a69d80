"""The e-book's cover image: the print edition's cover page, rasterised by PDFium (pypdfium2).

The cover is designed once, in the layout's print templates and CSS; the
e-book shows that very page, so print and e-book covers cannot drift apart.
Rendering is deterministic for a given PDFium build, and Pillow writes the
PNG without a timestamp. Rasterising and compressing take ~0.05 s and the
cover rarely changes, so the image is kept in ``build/.cache/covers/``, keyed
by the cover page's PDF, the width and PDFium's version.
"""

from __future__ import annotations

import hashlib
import io
from importlib import metadata
from pathlib import Path

from publisher.util import kept

WIDTH = 1200
"""Pixels across: what e-book stores ask of a cover (the height follows the page's proportions)."""
NEWEST = 4


def cover_png(cover_pdf: bytes, folder: Path | None = None) -> bytes:
    """The first page of ``cover_pdf`` as a PNG ``WIDTH`` pixels wide (kept in ``folder``, if given)."""
    key = hashlib.sha256(cover_pdf + f"\0{WIDTH}\0{metadata.version('pypdfium2')}".encode()).hexdigest()
    png = kept.recall(folder, key)
    if png is None:
        png = _rasterised(cover_pdf)
        kept.keep(folder, key, png, NEWEST)
    return png


def _rasterised(cover_pdf: bytes) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(cover_pdf)
    try:
        page = document[0]
        image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, "PNG")  # zlib's default level: 3 % bigger than optimize=True, in a third of the time
    return out.getvalue()
