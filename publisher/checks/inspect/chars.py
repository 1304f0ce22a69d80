"""Character classes of the line-breaking rules (docs/typography.md, mainland usage).

Kept here rather than imported from the renderer, so that the inspector checks
the rules as written, not the implementation it is checking.
"""

from __future__ import annotations

import unicodedata

NO_START = frozenset("。，、；：？！）］〕】》〉」』〗｝”’～·%‰℃〃,.;:?!)]}")
"""Never the first character of a line (a single ``—`` neither; ``——`` and ``……`` may)."""
NO_END = frozenset("（［〔【《〈「『〖｛“‘")
"""Never the last character of a line."""
PAIRED = frozenset("—…")
"""Drawn with two characters that must stay on one line: ``——`` and ``……``."""
NUMBER_TAIL = frozenset("%‰℃")


def is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def is_latin_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def counts_as_character(char: str) -> bool:
    """What the 孤字 rule counts: anything but punctuation."""
    return not unicodedata.category(char).startswith("P")


def run_length(text: str, char: str, from_end: bool) -> int:
    """How many ``char`` the text starts (or ends) with."""
    stripped = text.rstrip(char) if from_end else text.lstrip(char)
    return len(text) - len(stripped)
