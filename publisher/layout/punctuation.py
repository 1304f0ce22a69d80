"""Adjacent punctuation compression (CLReq §3.1.6), decided on the text alone.

Two full-width marks side by side take 1.5 em instead of 2 em: one of them is set
half-width with the font's ``halt`` feature, which removes its blank half.

* A **closing** mark (``，。、；：？！）」』》〉】〕”’``: the glyph sits in the left half)
  followed by any other mark, closing or opening, is compressed: ``halt`` drops its right half.
  ``。”`` ``，“`` ``）。`` ``”，`` ``：“`` ``》、`` ``、“``.
* An **opening** mark (``（「『《〈【〔“‘``: the glyph sits in the right half) preceded by
  another opening mark is compressed: ``halt`` drops its left half. ``（“`` ``《「``.
* An opening mark followed by a closing one (``（）``) touches glyph to glyph: nothing to remove.

Only marks of the CJK set count; Latin punctuation never does, nor ``——``, ``……`` or ``·``.
The curly quotes “”‘’ serve Latin text too, so a pair made only of them is compressed
only when a wide (Han, kana, full-width) character stands next to the pair.

No character is added or removed: :func:`compression_runs` only cuts the text into pieces.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

CLOSING = frozenset("，。、；：？！）」』》〉】〕”’")
OPENING = frozenset("（「『《〈【〔“‘")
QUOTES = frozenset("“”‘’")


class CompressionRun(NamedTuple):
    """A piece of a text run: ``halt`` is true for one mark set half-width."""

    text: str
    halt: bool = False


def compressed(text: str) -> list[int]:
    """Indices of the marks in ``text`` to set half-width."""
    out = []
    for index in range(len(text) - 1):
        first, second = text[index], text[index + 1]
        if first in CLOSING and second in CLOSING | OPENING:
            target = index
        elif first in OPENING and second in OPENING:
            target = index + 1
        else:
            continue
        if first in QUOTES and second in QUOTES and not _chinese_context(text, index):
            continue
        out.append(target)
    return out


def _chinese_context(text: str, index: int) -> bool:
    """Whether a wide character stands just before or just after the pair at ``index``."""
    around = text[index - 1 : index] + text[index + 2 : index + 3]
    return any(unicodedata.east_asian_width(char) in ("W", "F") and char not in QUOTES for char in around)


def compression_runs(text: str) -> list[CompressionRun]:
    """``text`` cut into pieces, each mark to compress a piece of its own; ``"".join`` gives ``text`` back."""
    pieces, start = [], 0
    for index in compressed(text):
        if index > start:
            pieces.append(CompressionRun(text[start:index]))
        pieces.append(CompressionRun(text[index], True))
        start = index + 1
    if start < len(text) or not pieces:
        pieces.append(CompressionRun(text[start:]))
    return pieces
