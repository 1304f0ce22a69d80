"""halfwidth-punct: ASCII marks in Chinese text (工作,要 → 工作，要).

A mark is Chinese when it touches a Chinese character or mark; the same mark
between Latin words or digits (a Latin passage, 3.5, 10:30) is left alone.
Straight quotes become curly ones, opening and closing in turn.
"""

from __future__ import annotations

from collections.abc import Iterator

from publisher.checks.proofread.chars import after, before, is_cjk, is_han, next_to_cjk
from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR

CODE = "halfwidth-punct"
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
QUOTES = {'"': "“”", "'": "‘’"}


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Every ASCII mark in Chinese context, with its full-width form."""
    text = segment.text
    quotes_seen = dict.fromkeys(QUOTES, 0)
    for index, char in enumerate(text):
        if char in QUOTES and next_to_cjk(text, index, index + 1):
            full = QUOTES[char][quotes_seen[char] % 2]
            quotes_seen[char] += 1
        elif char in FULL and _chinese_mark(text, index):
            full = FULL[char]
        else:
            continue
        yield segment.finding(
            CODE, ERROR, index, index + 1, f"half-width '{char}' in Chinese text (use {full})", after=full
        )


def _chinese_mark(text: str, index: int) -> bool:
    """Brackets touch Chinese text on either side. A point mark belongs to the text before
    it: it is Chinese after Chinese text, or before a Chinese character (APP,要), but not
    closing a Latin passage inside Chinese quotes (“Workers, unite!”). A full stop only
    after Chinese text, never in a run of dots (an ellipsis) nor before a letter or digit."""
    char, previous, following = text[index], before(text, index), after(text, index + 1)
    if char in "()":
        return next_to_cjk(text, index, index + 1)
    if char != ".":
        return is_cjk(previous) or is_han(following)
    return is_cjk(previous) and following != "." and not (following.isascii() and following.isalnum())
