"""Han–Latin spacing (CLReq §3.2.2, CSS ``text-autospace``), decided on the text alone.

A quarter-em gap sets a run of Latin letters (and, if the layout asks, digits)
apart from a Han character directly next to it: ``用Python写`` reads
``用 Python 写`` with two ¼-em gaps that are spacing, not characters.

:func:`spacing_runs` cuts the text into pieces; a run of letters (or, in mode
``letters-and-digits``, of letters and digits) with a Han character directly
before and/or after it becomes a piece of its own that asks for the gap on
its Han side(s). The markup (:mod:`publisher.layout.markup`) wraps such a piece in a
span with the class ``autospace-before`` and/or ``autospace-after``, and the
print stylesheet gives those classes a ¼-em margin. Nothing is added next to
punctuation, a space, a full-width letter or digit, or inside a Latin word.

* ``letters`` (the default): letters only, ``用Python写`` ``X光``, not ``4月``.
* ``letters-and-digits``: digits too, ``100年`` ``第3章`` ``MP3播放器``.
* ``none``: no gap at all.

"Letters" are the alphabetic letters that are not wide (Latin, Greek,
Cyrillic…; a full-width ``Ａ`` is set like a Han character and takes no gap);
"digits" are the narrow decimal digits. No character is added or removed:
``"".join`` of the pieces gives the text back.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

MODES = ("letters", "letters-and-digits", "none")
DEFAULT = "letters"


class SpacingRun(NamedTuple):
    """A piece of a text run: ``before``/``after`` ask for a ¼-em gap on that side (a Han character there)."""

    text: str
    before: bool = False
    after: bool = False


def han(char: str) -> bool:
    """Whether ``char`` is a Han character (an ideograph, or 〇 and 々)."""
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or char in "〇々"
    )


def _narrow(char: str) -> bool:
    return unicodedata.east_asian_width(char) not in ("W", "F")


def letter(char: str) -> bool:
    """A narrow alphabetic letter (Latin, Greek, Cyrillic…), never a Han character or a full-width one."""
    return unicodedata.category(char).startswith("L") and _narrow(char) and not han(char)


def digit(char: str) -> bool:
    """A narrow decimal digit (``0``–``9`` and the like), never a full-width one."""
    return unicodedata.category(char) == "Nd" and _narrow(char)


def spacing_runs(text: str, spacing: str = DEFAULT) -> list[SpacingRun]:
    """``text`` cut into pieces, each run to set apart from a Han neighbour a piece of its own."""
    if spacing == "none":
        return [SpacingRun(text)]
    if spacing not in MODES:
        raise ValueError(f"autospace mode '{spacing}' is none of {', '.join(MODES)}")

    def alpha(char: str) -> bool:
        return letter(char) or (spacing == "letters-and-digits" and digit(char))

    pieces, start, index = [], 0, 0
    while index < len(text):
        if not alpha(text[index]):
            index += 1
            continue
        end = index
        while end < len(text) and alpha(text[end]):
            end += 1
        before = index > 0 and han(text[index - 1])
        after = end < len(text) and han(text[end])
        if before or after:
            if index > start:
                pieces.append(SpacingRun(text[start:index]))
            pieces.append(SpacingRun(text[index:end], before, after))
            start = end
        index = end
    if start < len(text) or not pieces:
        pieces.append(SpacingRun(text[start:]))
    return pieces
