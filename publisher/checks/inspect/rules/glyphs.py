"""Rule on glyphs: nothing drawn as a missing glyph, nothing drawn by a font the layout did not choose.

Pango borrows a glyph from any installed font when the chosen one lacks it; in
the PDF that shows as a font that is not one of the layout's faces.
"""

from __future__ import annotations

from collections import defaultdict

from publisher.checks.inspect.lines import group_lines
from publisher.checks.inspect.model import Printed, Violation
from publisher.checks.inspect.pdftext import Char

MISSING = "\ufffd"


def glyphs(book: Printed) -> list[Violation]:
    """One violation per page and kind of problem, naming the characters."""
    found = []
    for page in book.pages:
        chars = [char for line in (*page.head, *(t.line for t in page.text), *page.foot) for char in line.chars]
        missing = [char for char in chars if char.text == MISSING]
        if missing:
            found.append(
                Violation(
                    page.number,
                    "glyph-missing",
                    f"{len(missing)} character(s) with no glyph or no Unicode value (U+FFFD)",
                    page.article,
                    _context(missing),
                    tuple(group_lines(page.number, tuple(missing))),
                )
            )
        fallback: dict[str, list[Char]] = defaultdict(list)
        for char in chars:
            if char.font not in book.faces and char.text != MISSING:
                fallback[char.font].append(char)
        for font, drawn in fallback.items():
            found.append(
                Violation(
                    page.number,
                    "glyph-fallback",
                    f"{len(drawn)} character(s) drawn with "
                    f"font '{font}', not one of the layout's faces ({', '.join(sorted(book.faces))})",
                    page.article,
                    _context(drawn),
                    tuple(group_lines(page.number, tuple(drawn))),
                )
            )
    return found


def _context(chars: list[Char]) -> str:
    distinct = list(dict.fromkeys(char.text for char in chars))
    return " ".join(f"{c} U+{ord(c):04X}" for c in distinct[:6]) + (" …" if len(distinct) > 6 else "")
