"""Saddle-stitch imposition: the book's pages two to a sheet side, ready to print and fold.

For a duplex printer or a press: the page count is padded to a multiple of
four with blanks placed before the back cover, each parent sheet (twice the
page width, e.g. A4 landscape for A5 pages) carries a printer's spread on
each side, and folding the stacked sheets in the middle gives the book in
order. Sheet 1 of 16 pages: front 16 | 1, back 2 | 15. The page transforms are
pypdf's; nothing here writes PDF syntax by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BLANK = None


@dataclass(frozen=True)
class Side:
    """One side of one sheet: the page (1-based, or ``None`` for a blank) on the left and right."""

    left: int | None
    right: int | None


def padded_order(count: int) -> list[int | None]:
    """Page numbers padded to a multiple of four, the blanks just before the back cover."""
    blanks = -count % 4
    if count <= 1:
        return [*range(1, count + 1), *[BLANK] * blanks]
    return [*range(1, count), *[BLANK] * blanks, count]


def saddle_sides(count: int) -> list[Side]:
    """Sheet sides in printing order: sheet 1 front, sheet 1 back, sheet 2 front, …"""
    pages = padded_order(count)
    total = len(pages)
    sides: list[Side] = []
    for sheet in range(total // 4):
        outer, inner = 2 * sheet, total - 1 - 2 * sheet
        sides.append(Side(pages[inner], pages[outer]))
        sides.append(Side(pages[outer + 1], pages[inner - 1]))
    return sides


def impose_saddle(source: Path, target: Path, creep_pt: float = 0.0) -> int:
    """Write the imposed file; return the number of sheet sides.

    ``creep_pt`` moves the pages of each sheet towards the spine by that much
    per sheet counted from the outside, so that the fore-edge margins stay
    even once the folded sheets push the inner ones outwards.
    """
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(source)
    first = reader.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    writer = PdfWriter()
    for index, side in enumerate(saddle_sides(len(reader.pages))):
        sheet = PageObject.create_blank_page(width=2 * width, height=height)
        shift = creep_pt * (index // 2)
        for page, x in ((side.left, shift), (side.right, width - shift)):
            if page is not BLANK:
                sheet.merge_transformed_page(reader.pages[page - 1], Transformation().translate(x, 0))
        writer.add_page(sheet)
    if reader.metadata:
        writer.add_metadata(
            {k: v for k, v in reader.metadata.items() if k in ("/Title", "/Author", "/CreationDate", "/ModDate")}
        )
    with target.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)
