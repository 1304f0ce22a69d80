"""A page's characters grouped into text lines, read top to bottom and left to right.

Lines are found by baseline, not by PDFium's inferred line breaks: a line is
every character whose baseline lies within half its font size of the line's
first one, so that a raised footnote call stays on its line while the next
line (a full line pitch below) starts a new one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from publisher.checks.inspect.pdftext import Char


@dataclass(frozen=True)
class Line:
    page: int
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        return "".join(char.text for char in self.chars)

    @property
    def left(self) -> float:
        return min(char.left for char in self.chars)

    @property
    def right(self) -> float:
        return max(char.right for char in self.chars)

    @property
    def ink(self) -> float:
        return max(char.ink for char in self.chars)

    @property
    def baseline(self) -> float:
        """The baseline most of the line's characters sit on."""
        return Counter(round(char.baseline, 1) for char in self.chars).most_common(1)[0][0]

    @property
    def size(self) -> float:
        """The font size most of the line's characters are set in."""
        return Counter(char.size for char in self.chars).most_common(1)[0][0]


def group_lines(page: int, chars: tuple[Char, ...]) -> list[Line]:
    """The page's visible characters as lines, top to bottom; white space is dropped."""
    ink = sorted((char for char in chars if not char.text.isspace()), key=lambda char: char.baseline)
    groups: list[list[Char]] = []
    for char in ink:
        if groups and char.baseline - groups[-1][0].baseline <= max(char.size, groups[-1][0].size) / 2:
            groups[-1].append(char)
        else:
            groups.append([char])
    return [Line(page, tuple(sorted(group, key=lambda char: char.left))) for group in groups]


CALL = 0.8
"""A footnote call is set smaller than this share of the text it annotates."""


def is_call(char: Char, line: Line) -> bool:
    """Whether a character of ``line`` is a footnote call: smaller than the line's text, and raised."""
    return char.size < CALL * line.size and char.baseline < line.baseline - 0.1 * line.size


def stray_call(line: Line, above: Line | None) -> bool:
    """Whether ``line`` is a footnote call alone, set apart from the text it annotates: digits only, smaller
    than the line above. (Raised above nothing, it is not told by its baseline.)"""
    return above is not None and line.text.isdigit() and line.size < CALL * above.size
