"""The imprint page (版权页): book.yaml's ``imprint:``, and the figures only the laid-out book knows.

开本 is the page size (as a part of the parent sheet, when ``sheet`` is given);
印张 is the printed pages over the pages one parent sheet makes; 字数 is the
版面字数 Chinese imprints give: characters per line × lines per page × pages,
in thousands, rounded up. The page count is known only after layout: the front
matter, which holds the imprint page, is laid out again once the articles are
(see :mod:`.pieces`).
"""

from __future__ import annotations

import dataclasses
import math

from publisher.layout.pagesizes import PRESETS, PageSize
from publisher.render.job import RenderJob

CHINA = ((0, 9, 2), (100, 499, 3), (5000, 7999, 4), (80000, 89999, 5), (900000, 999999, 6))
"""Registrant ranges of the ISBN group 978-7 (China), from the International ISBN Agency's range message:
``(first, last, digits)``; they say where the hyphens go."""


def imprint_page(job: RenderJob, pages: int) -> dict[str, object] | None:
    """The imprint's fields for the templates, for a book of ``pages`` pages; ``None`` when book.yaml
    has no ``imprint:``."""
    imprint = job.book.meta.imprint
    if imprint is None:
        return None
    return {
        **dataclasses.asdict(imprint),
        "cip": imprint.cip.splitlines(),
        "isbn": isbn_text(job.book.meta.identifier),
        "format": book_format(imprint.sheet, job.paper),
        "sheets": printed_sheets(pages, job.paper),
        "words": thousands_of_characters(job, pages),
    }


def book_format(sheet: str, paper: PageSize) -> str:
    """开本: ``880mm×1230mm 1/32`` with a parent sheet; else the page size, e.g. ``A5（148mm×210mm）``."""
    if sheet:
        return f"{sheet} 1/{paper.parts}"
    size = f"{paper.width_mm:g}mm×{paper.height_mm:g}mm"
    return f"{paper.name}（{size}）" if paper.name in PRESETS else size


def printed_sheets(pages: int, paper: PageSize) -> str:
    """印张: 32 A5 pages make 1, 48 make 1.5 (exact: the parts are powers of two)."""
    return f"{pages / paper.parts:f}".rstrip("0").rstrip(".")


def thousands_of_characters(job: RenderJob, pages: int) -> int:
    """字数 in thousands: the type area's characters on every page, rounded up."""
    m = job.layout.metrics(job.paper)
    per_page = round(m["text_width"] / m["font_size"]) * round(m["text_height"] / m["line_height"])
    return math.ceil(per_page * pages / 1000)


def isbn_text(identifier: str) -> str:
    """``ISBN 978-7-01-000000-8`` for ``urn:isbn:9787010000008``; "" when the identifier is no ISBN.

    Hyphens are placed for the Chinese group only; another ISBN is shown as its 13 digits.
    """
    if not identifier.startswith("urn:isbn:"):
        return ""
    digits = identifier.removeprefix("urn:isbn:")
    if not digits.startswith("9787"):
        return f"ISBN {digits}"
    rest = digits[4:12]
    size = next(size for first, last, size in CHINA if first <= int(rest[:size]) <= last)
    return f"ISBN 978-7-{rest[:size]}-{rest[size:]}-{digits[12]}"
