"""The back cover (封底) for the print layout's template: the blurb, the publisher, the ISBN as a barcode
with its human-readable lines, and the price, each only when book.yaml gives it.

A book with none of them has a plain back cover: nothing is made up. The e-book has no back
cover: its reading system shows the cover alone, and the blurb is printed matter about the book.
"""

from __future__ import annotations

from collections.abc import Mapping

from publisher.layout.settings import Colour
from publisher.render.barcode import human_readable, isbn_barcode
from publisher.render.imprint import isbn_text
from publisher.render.job import RenderJob


def back_cover_page(job: RenderJob) -> dict[str, object]:
    """The back cover's fields; the barcode's bars in the layout's ``text`` colour on its ``paper``, as the
    press prints them (CMYK in a PDF/X)."""
    meta = job.book.meta
    digits = meta.identifier.removeprefix("urn:isbn:") if meta.identifier.startswith("urn:isbn:") else ""
    colours = job.layout.colours
    process = job.press.process
    barcode = ""
    if digits:
        barcode = isbn_barcode(
            digits, _colour(colours, "text", "black", process), _colour(colours, "paper", "white", process)
        )
    return {
        "blurb": meta.back_cover.blurb if meta.back_cover else [],
        "publisher": meta.publisher,
        "isbn": isbn_text(meta.identifier),
        "barcode": barcode,
        "digits": human_readable(digits) if digits else "",
        "price": meta.imprint.price if meta.imprint else "",
    }


def _colour(colours: Mapping[str, Colour], name: str, default: str, process: bool) -> str:
    colour = colours.get(name)
    return colour.printed(process) if colour is not None else default
