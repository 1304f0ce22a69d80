"""Markdown body → segments, with the reader's own parser so both see the same blocks.

Only what is printed is kept: emphasis markers, link destinations and footnote
references disappear; code spans, autolinks and images become one MASK (they
are not prose, but they still separate the words around them). A soft line
break disappears next to a Chinese character, as it does in the book.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from publisher.checks.proofread.chars import MASK
from publisher.checks.proofread.inline import InlineWalker
from publisher.checks.proofread.segments import ITEM, PARAGRAPH, TITLE, Place, Segment
from publisher.sources.markdown import is_wide, make_parser

CONTAINER_KINDS = {"heading": TITLE, "th": TITLE, "td": TITLE, "list_item": ITEM, "footnote": ITEM}
"""The innermost of these around an inline run decides its kind; otherwise it is a paragraph."""

URL = re.compile(r"(?:https?://|www\.)[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return make_parser()


def body_segments(path: Path, lines: list[str], body: str, first_line: int) -> list[Segment]:
    """The body's inline runs (paragraphs, headings, cells…) in order; ``first_line`` is the body's."""
    open_blocks: list[str] = []
    cursors: dict[int, int] = {}
    segments = []
    for token in _parser().parse(body):
        if token.nesting == 1:
            open_blocks.append(token.type.removesuffix("_open"))
        elif token.nesting == -1:
            open_blocks.pop()
        elif token.type == "inline" and token.map and token.content:
            places = _content_places(lines, token, first_line, cursors)
            segments.append(_segment(path, _kind(open_blocks), token, places))
    return segments


def _kind(open_blocks: list[str]) -> str:
    for block in reversed(open_blocks):
        if block in CONTAINER_KINDS:
            return CONTAINER_KINDS[block]
    return PARAGRAPH


def _content_places(lines: list[str], token: Token, first_line: int, cursors: dict[int, int]) -> list[Place]:
    """Where each character of the token's content is: its lines are the source lines
    without their block markers (``>``, list bullets, indentation, table pipes)."""
    places: list[Place] = []
    for offset, text in enumerate(token.content.split("\n")):
        line = first_line + token.map[0] + offset
        source = lines[line - 1] if line <= len(lines) else ""
        start = source.find(text, cursors.get(line, 0)) if text else len(source.rstrip())
        start = max(start, 0)
        cursors[line] = start + len(text)  # table cells of one row follow each other
        places.extend((line, start + k + 1) for k in range(len(text) + 1))
    return places[:-1]


def _segment(path: Path, kind: str, token: Token, places: list[Place]) -> Segment:
    walker = InlineWalker(token.content, places)
    walker.walk(token.children or [])
    chars, where = _join_lines(walker.chars, walker.places)
    text = "".join(chars)
    for match in URL.finditer(text):
        text = text[: match.start()] + MASK * len(match.group()) + text[match.end() :]
    return Segment(path, kind, text, tuple(where))


def _join_lines(chars: list[str], places: list[Place]) -> tuple[list[str], list[Place]]:
    """A line break is no space next to a Chinese character, one space between Latin words."""
    out_chars, out_places = [], []
    for i, char in enumerate(chars):
        if char == "\n":
            neighbours = chars[i - 1 : i] + chars[i + 1 : i + 2]
            if any(is_wide(c) for c in neighbours):
                continue
            char = " "
        out_chars.append(char)
        out_places.append(places[i])
    return out_chars, out_places
