"""Code as both editions set it: in the monospaced face, never justified, broken only where it reads as code.

A line of code is kept whole when it fits the code block (most do). A longer one may break
only after a run of spaces, and inside a word longer than a whole line only after one of
``/ . - _ = &`` (:data:`BLOCK_BREAKS`): ``pip install some-package==2.4.1`` breaks before
``some-package==2.4.1``, never at its hyphen. The stylesheets mark each continuation line, so
no break passes for a hyphen. Inline code breaks at its spaces, and inside a long word after
``/ . _ = &`` but never after ``-`` (:data:`INLINE_BREAKS`): there a break has no mark.

The markup adds no character: each unbreakable piece is a span the stylesheets set
``white-space: pre``, and a ``<wbr/>`` between two pieces is where a line may break, so the
text a reader copies, from the PDF or the e-book, is the code as written.
"""

from __future__ import annotations

import unicodedata

from markupsafe import escape

from publisher.layout.pagesizes import PageSize
from publisher.layout.settings import Layout

BLOCK_BREAKS = frozenset("/.-_=&")
INLINE_BREAKS = BLOCK_BREAKS - {"-"}
INDENT = 2
"""Columns a continuation line is indented by (the stylesheets' hanging indent of 1 em)."""


def columns(layout: Layout, paper: PageSize) -> int:
    """How many half-width characters a continuation line of a code block holds in print.

    The block spans the type area with 1 em of padding on either side (print.css.j2); a
    half-width character of the monospaced face is ½ em wide, a wide one 1 em.
    """
    size = layout.sizes.get("code", layout.page.font_size)
    width = layout.metrics(paper)["text_width"] - 2 * size
    return max(int(width // (size / 2)) - INDENT, 1)


def width(text: str) -> int:
    """``text``'s width in columns: 2 for a wide character (Han, full-width, and those of ambiguous width,
    such as “ ” ·, which the monospaced face sets 1 em wide), else 1."""
    return sum(2 if unicodedata.east_asian_width(char) in ("W", "F", "A") else 1 for char in text)


def pieces(line: str, columns: int, breaks: frozenset[str] = BLOCK_BREAKS) -> list[str]:
    """``line`` cut where it may break: after each run of spaces and, in a word wider than ``columns``,
    after each of ``breaks``. Joined, the pieces are ``line``."""
    cut, start, index = [], 0, 0
    while index < len(line):
        end = index
        while end < len(line) and line[end] != " ":
            end += 1
        word = line[index:end]
        while end < len(line) and line[end] == " ":
            end += 1
        if width(word) > columns:
            for offset, char in enumerate(word[:-1], index + 1):
                if char in breaks:
                    cut.append(line[start:offset])
                    start = offset
        if end < len(line):
            cut.append(line[start:end])
            start = end
        index = end
    cut.append(line[start:])
    return [piece for piece in cut if piece]


def block(text: str, columns: int) -> str:
    """A code block's lines, each a ``<span class="line">``; one that does not fit is ``line wrap``."""
    lines = []
    for line in text.removesuffix("\n").split("\n"):
        if width(line) <= columns + INDENT:
            lines.append(f'<span class="line">{escape(line)}</span>')
        else:
            lines.append(f'<span class="line wrap">{_breakable(pieces(line, columns))}</span>')
    return "".join(lines)


def inline(text: str, columns: int) -> str:
    """Inline code: ``<code>``, with its pieces when it may break.

    A piece's trailing spaces stand outside its span, where the line breaks as prose does: a
    space kept as written at the end of a justified line would take its width there, and the line
    would end short of the edge by it."""
    cut = pieces(text, columns, INLINE_BREAKS)
    if len(cut) < 2:
        return f"<code>{escape(text)}</code>"
    html = ""
    for piece in cut:
        word = piece.rstrip(" ")
        html += ("<wbr/>" if html and not html.endswith(" ") else "") + f"<span>{escape(word)}</span>"
        html += piece[len(word) :]
    return f'<code class="wrap">{html}</code>'


def _breakable(cut: list[str]) -> str:
    return "<wbr/>".join(f"<span>{escape(piece)}</span>" for piece in cut)
