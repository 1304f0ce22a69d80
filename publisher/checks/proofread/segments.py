"""Segments: the text a reader sees, each character tied to its place in the source file.

Rules look at what is printed (a paragraph without its Markdown, a title without
its YAML quotes) but must report the line and column of the file the editor
opens; a segment carries both, so no rule ever computes a position itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from publisher.checks.proofread.style import Style

TITLE = "title"
"""Titles, headings and table cells: no closing mark expected, spaces may separate phrases."""
PARAGRAPH = "paragraph"
"""Body paragraphs (also inside block quotes): every rule applies."""
ITEM = "item"
"""List items, footnotes and the closing note: they may end without a mark."""

Place = tuple[int, int]


@dataclass(frozen=True)
class Finding:
    """One problem at one place; ``after`` is the mechanical fix, when there is one."""

    file: Path
    line: int
    col: int
    severity: str
    code: str
    message: str
    before: str = ""
    after: str | None = None


@dataclass(frozen=True)
class Segment:
    """A run of printed text (one paragraph, heading or field) and where each character is."""

    file: Path
    kind: str
    text: str
    places: tuple[Place, ...]

    def finding(
        self, code: str, severity: str, start: int, end: int, message: str, after: str | None = None
    ) -> Finding:
        """A finding for ``text[start:end]``, placed at its first character in the file."""
        line, col = self.places[start]
        return Finding(self.file, line, col, severity, code, message, self.text[start:end], after)


Check = Callable[[Sequence[Segment], Style], Iterable[Finding]]


def per_segment(check: Callable[[Segment, Style], Iterable[Finding]]) -> Check:
    """Turn a rule that looks at one segment into one that takes a file's segments."""

    def run(segments: Sequence[Segment], style: Style) -> Iterator[Finding]:
        for segment in segments:
            yield from check(segment, style)

    run.__doc__ = check.__doc__
    return run
