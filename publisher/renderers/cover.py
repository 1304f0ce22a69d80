"""The e-book's cover image, drawn with the print cover's colours and faces (Pillow)."""

from __future__ import annotations

import io
import math

from ..layout import PHRASE_END
from . import RenderJob

SIZE = (1200, 1700)
MARGIN = 140


def cover_png(job: RenderJob) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    colours = job.layout.settings["colours"]
    image = Image.new("RGB", SIZE, colours["cover"])
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.truetype(str(job.faces["book-title"].path), 76)
    editor_font = ImageFont.truetype(str(job.faces["editor"].path), 44)
    y = int(SIZE[1] * 0.28)
    for line in wrap(job.book.meta.title, title_font, SIZE[0] - 2 * MARGIN):
        width = draw.textlength(line, font=title_font)
        draw.text(((SIZE[0] - width) / 2, y), line, font=title_font, fill=colours["cover-text"])
        y += 120
    y += 120
    suffix = job.layout.settings["labels"]["editor-suffix"]
    for person in job.book.meta.contributors:
        text = person.name + (suffix if person.role == "editor" else "")
        width = draw.textlength(text, font=editor_font)
        draw.text(((SIZE[0] - width) / 2, y), text, font=editor_font, fill=colours["cover-text"])
        y += 70
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def wrap(text: str, font: object, width: int) -> list[str]:
    """One line per phrase, as in print; a phrase too long for one line is cut into equal lines."""
    lines: list[str] = []
    for part in (p.strip() for p in PHRASE_END.split(text) if p.strip()):
        count = math.ceil(font.getlength(part) / width)
        size = math.ceil(len(part) / count)
        lines += [part[i:i + size] for i in range(0, len(part), size)]
    return lines
