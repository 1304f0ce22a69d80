"""The e-book's cover image, drawn with the print cover's colours and faces (Pillow)."""

from __future__ import annotations

import io

from . import RenderJob

SIZE = (1200, 1700)
MARGIN = 140


def cover_png(job: RenderJob) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    colours = job.layout.settings["colours"]
    image = Image.new("RGB", SIZE, colours["cover"])
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.truetype(str(job.faces["book-title"].path), 84)
    editor_font = ImageFont.truetype(str(job.faces["editor"].path), 44)
    y = int(SIZE[1] * 0.28)
    for line in wrap(job.book.meta.title, title_font, SIZE[0] - 2 * MARGIN):
        width = draw.textlength(line, font=title_font)
        draw.text(((SIZE[0] - width) / 2, y), line, font=title_font, fill=colours["cover-text"])
        y += 130
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
    """Break after a comma when the title has one, else wherever the line is full."""
    lines: list[str] = []
    for part in text.replace("，", "，\n").split("\n"):
        line = ""
        for char in part:
            if line and font.getlength(line + char) > width:
                lines.append(line)
                line = ""
            line += char
        if line:
            lines.append(line)
    return lines
