"""pairs: brackets and quotation marks left open or closed twice within a paragraph.

A quotation over several paragraphs opens each with “ and closes only the last
(GB/T 15834), so a “ left open is fine when the next paragraph opens with “.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from publisher.checks.proofread.chars import after, before
from publisher.checks.proofread.segments import Finding, Segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR

CODE = "pairs"
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉", "〔": "〕", "【": "】", "「": "」", "『": "』"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}


def check(segments: Sequence[Segment], style: Style) -> Iterator[Finding]:
    """Unclosed openers and unmatched closers, paragraph by paragraph."""
    for index, segment in enumerate(segments):
        following = segments[index + 1].text if index + 1 < len(segments) else ""
        yield from _segment(segment, following.startswith("“"))


def _segment(segment: Segment, quote_continues: bool) -> Iterator[Finding]:
    text = segment.text
    stack: list[int] = []
    for index, char in enumerate(text):
        if char in PAIRS:
            stack.append(index)
        elif char in CLOSERS and not _apostrophe(text, index):
            opener = CLOSERS[char]
            if not any(text[i] == opener for i in stack):
                yield segment.finding(
                    CODE, ERROR, index, index + 1, f"'{char}' closes nothing (delete it, or add the {opener} it closes)"
                )
                continue
            while text[stack[-1]] != opener:
                yield _unclosed(segment, stack.pop())
            stack.pop()
    for index in stack:
        if not (quote_continues and text[index] == "“"):
            yield _unclosed(segment, index)


def _unclosed(segment: Segment, index: int) -> Finding:
    char = segment.text[index]
    return segment.finding(
        CODE, ERROR, index, index + 1, f"'{char}' is never closed in this paragraph (add {PAIRS[char]})"
    )


def _apostrophe(text: str, index: int) -> bool:
    """’ between two Latin letters is an apostrophe (O’Brien), not a closing quote."""
    return (
        text[index] == "’"
        and before(text, index).isascii()
        and before(text, index).isalpha()
        and after(text, index + 1).isascii()
        and after(text, index + 1).isalpha()
    )
