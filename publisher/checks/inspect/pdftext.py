"""The PDF's text layer as PDFium reads it: characters with their position, size and font.

PDFium is a real PDF text layer (what a reader copies and searches), so the
inspector measures what was drawn, not what the layout meant to draw. A
character's left edge is its origin and its right edge the end of its advance
(the font's width, as ``pdftotext -bbox-layout`` measures it): flushness is
measured on the advance, since ``。`` has its ink at the left of its em box and
an ink box would make every line ending in it look short. Overfullness is
measured on the ink (a mark set half-width with ``halt`` keeps its font width,
so its advance box would run half an em past a line it does not overfill).
Coordinates are in points from the top left corner of the trimmed page.
"""

from __future__ import annotations

import ctypes
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

FONT_NAME_BUFFER = 256


class NotAPdf(Exception):
    """The file cannot be read as a PDF; the message says why."""


@dataclass(frozen=True)
class Char:
    text: str
    left: float
    """The origin, where the character's advance starts."""
    right: float
    """Where its advance ends: what the line's flushness is measured on (``pdftotext`` agrees)."""
    ink: float
    """The right edge of its ink (its origin if it has none): what overfullness is measured on."""
    baseline: float
    size: float
    """Font size in points, as drawn (the text matrix's scale included)."""
    font: str
    """The font's name without its ``ABCDEF+`` subset prefix."""


@dataclass(frozen=True)
class Outline:
    title: str
    page: int


@dataclass(frozen=True)
class PdfPage:
    number: int
    """1-based, as folios and the table of contents count."""
    width: float
    height: float
    chars: tuple[Char, ...]
    """Drawn characters in content-stream order (the text layer's reading order)."""


@dataclass(frozen=True)
class PdfText:
    pages: tuple[PdfPage, ...]
    outline: tuple[Outline, ...]


def read_pdf(path: Path) -> PdfText:
    """Every page's characters and the top level of the outline (one bookmark per article)."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise NotAPdf(f"{path} is not a readable PDF ({exc})") from None
    try:
        pages = tuple(_page(document, index) for index in range(len(document)))
        outline = tuple(
            Outline(item.get_title(), item.get_dest().get_index() + 1)
            for item in document.get_toc()
            if item.level == 0 and item.get_dest() is not None
        )
    finally:
        document.close()
    return PdfText(pages, outline)


def _page(document: pdfium.PdfDocument, index: int) -> PdfPage:
    page = document[index]
    left, bottom, right, top = page.get_trimbox()
    textpage = page.get_textpage()
    try:
        chars = [char for i in range(textpage.count_chars()) if (char := _char(textpage, i, left, top))]
    finally:
        textpage.close()
        page.close()
    return PdfPage(index + 1, right - left, top - bottom, tuple(_paired(chars)))


def _paired(chars: list[Char]) -> Iterator[Char]:
    """The characters, each beyond the Basic Multilingual Plane (CJK Extension B…) one ``Char``:
    PDFium gives it as two UTF-16 surrogates."""
    index = 0
    while index < len(chars):
        char = chars[index]
        low = chars[index + 1] if index + 1 < len(chars) else None
        if "\ud800" <= char.text <= "\udbff" and low is not None and "\udc00" <= low.text <= "\udfff":
            text = (char.text + low.text).encode("utf-16", "surrogatepass").decode("utf-16")
            yield dataclasses.replace(char, text=text, right=max(char.right, low.right), ink=max(char.ink, low.ink))
            index += 2
            continue
        yield char
        index += 1


def _char(textpage: pdfium.PdfTextPage, index: int, left: float, top: float) -> Char | None:
    """One drawn character, or ``None`` for those PDFium generates (spaces and line breaks it infers)."""
    if raw.FPDFText_IsGenerated(textpage, index):
        return None
    code = raw.FPDFText_GetUnicode(textpage, index)
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage, index, x, y)
    ink = [ctypes.c_double() for _ in range(4)]
    raw.FPDFText_GetCharBox(textpage, index, *ink)
    ink_right = max(ink[1].value, x.value)
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, index, matrix)
    # PDFium's font size is in text space, before the character's matrix (WeasyPrint draws
    # at a 0.75 scale, CSS pixels to points).
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    size = raw.FPDFText_GetFontSize(textpage, index)
    return Char(
        text=chr(code) if 0 < code < 0x110000 else "\ufffd",
        left=x.value - left,
        right=_advance_end(textpage, index, code, x.value, ink_right, size * scale) - left,
        ink=ink_right - left,
        baseline=top - y.value,
        size=round(size * scale, 2),
        font=_font_name(textpage, index),
    )


def _advance_end(
    textpage: pdfium.PdfTextPage, index: int, code: int, origin: float, ink_right: float, size: float
) -> float:
    """Where the glyph's advance ends.

    PDFium's loose box reaches the end of the glyph's advance, or of its ink if that
    goes further; the advance is then the font's width for the character. The loose
    box is right for a glyph drawn for two characters (``——`` is one 2-em glyph),
    the font's width by character is not.
    """
    loose = raw.FS_RECTF()
    raw.FPDFText_GetLooseCharBox(textpage, index, loose)
    if loose.right > ink_right + 0.01:
        return loose.right
    width = ctypes.c_float()
    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage, index))
    if raw.FPDFFont_GetGlyphWidth(font, code, 1.0, width):
        return min(loose.right, origin + width.value * size)
    return loose.right


def _font_name(textpage: pdfium.PdfTextPage, index: int) -> str:
    """The font's name without the subset prefix (``ABCDEF+publisher-serif`` → ``publisher-serif``)."""
    name = ctypes.create_string_buffer(FONT_NAME_BUFFER)
    length = raw.FPDFText_GetFontInfo(textpage, index, name, FONT_NAME_BUFFER, None)
    full = name.raw[: max(length - 1, 0)].decode("utf-8", "replace")
    prefix, plus, rest = full.partition("+")
    return rest if plus and len(prefix) == 6 and prefix.isupper() else full
