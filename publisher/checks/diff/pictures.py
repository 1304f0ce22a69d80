"""Pages drawn side by side, the old printing's left and the new one's right, with what changed
boxed in red: what a typesetter looks at instead of reading a list (PDFium draws, Pillow compares)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2
from PIL import Image, ImageChops, ImageDraw

SCALE = 100 / 72
"""Pixels per point: pages drawn at 100 dpi."""
CELL = 12
"""Changed pixels are gathered in cells of this many pixels, each boxed with its changed neighbours."""
GAP = 16
RED = (220, 30, 30)


class Printing:
    """A PDF open for drawing its pages; a page it does not have is drawn blank."""

    def __init__(self, pdf: pypdfium2.PdfDocument) -> None:
        self.pdf = pdf

    def page(self, number: int) -> Image.Image | None:
        if not 1 <= number <= len(self.pdf):
            return None
        return self.pdf[number - 1].render(scale=SCALE).to_pil().convert("RGB")


@contextmanager
def printings(old: Path, new: Path) -> Iterator[tuple[Printing, Printing]]:
    documents = pypdfium2.PdfDocument(str(old)), pypdfium2.PdfDocument(str(new))
    try:
        yield Printing(documents[0]), Printing(documents[1])
    finally:
        for document in documents:
            document.close()


def alike(old: Printing, new: Printing, number: int) -> bool:
    """Whether page ``number`` looks the same in both printings."""
    before, after = old.page(number), new.page(number)
    return before is not None and after is not None and before.size == after.size and not _changes(before, after)


def side_by_side(old: Printing, new: Printing, number: int) -> Image.Image:
    """Page ``number`` of both printings, old | new, what differs boxed on both."""
    before, after = old.page(number), new.page(number)
    width = max(image.width for image in (before, after) if image is not None)
    height = max(image.height for image in (before, after) if image is not None)
    before = before or Image.new("RGB", (width, height), "white")
    after = after or Image.new("RGB", (width, height), "white")
    sheet = Image.new("RGB", (2 * width + GAP, height), (128, 128, 128))
    boxes = _changes(before, after) if before.size == after.size else [(0, 0, width - 1, height - 1)]
    for image, x in ((before, 0), (after, width + GAP)):
        marked = image.copy()
        draw = ImageDraw.Draw(marked)
        for box in boxes:
            draw.rectangle(box, outline=RED, width=2)
        sheet.paste(marked, (x, 0))
    return sheet


def _changes(before: Image.Image, after: Image.Image) -> list[tuple[int, int, int, int]]:
    """The boxes (left, top, right, bottom) around the regions where the two images differ."""
    if before.size != after.size:
        return [(0, 0, after.width - 1, after.height - 1)]
    difference = ImageChops.difference(before, after).convert("L").point(lambda value: 255 if value > 32 else 0)
    if difference.getbbox() is None:
        return []
    columns, rows = -(-difference.width // CELL), -(-difference.height // CELL)
    small = difference.resize((columns, rows), Image.Resampling.BOX)
    cells = {(x, y) for y in range(rows) for x in range(columns) if small.getpixel((x, y)) > 0}
    boxes = []
    while cells:
        group, frontier = set(), [cells.pop()]
        while frontier:
            x, y = frontier.pop()
            group.add((x, y))
            for near in ((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
                if near in cells:
                    cells.remove(near)
                    frontier.append(near)
        xs, ys = [x for x, _ in group], [y for _, y in group]
        boxes.append((min(xs) * CELL, min(ys) * CELL, (max(xs) + 1) * CELL - 1, (max(ys) + 1) * CELL - 1))
    return sorted(boxes)
