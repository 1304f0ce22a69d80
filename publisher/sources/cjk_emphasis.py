"""Emphasis next to Chinese punctuation: CommonMark's delimiter rules with the CJK-friendly amendments.

CommonMark decides whether ``**`` may open or close emphasis from the characters on either side
of it (its "flanking" rules), written for languages that put spaces between words. In
``按照**“应帮尽帮”**的原则`` the opening ``**`` stands between a Han character and a quotation
mark, which CommonMark refuses: the asterisks are printed and the wrong words set in bold. The
CommonMark CJK-friendly amendments (https://github.com/tats-u/markdown-cjk-friendly,
``specification.md``) count a CJK character beside the run as whitespace would count, and
nothing else changes: ``a**b**c``, ``**foo**bar`` or ``*"a"*b`` parse as CommonMark says.

The published Python plugin for these rules asks for a markdown-it-py older than the pinned one
and replaces a method of markdown-it-py's inline state for every parser of the process; here the
rules are put on each inline state the parser's own emphasis rule sees, and on nothing else.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Scanned

RULES = ("emphasis", "strikethrough")
"""The inline rules that read delimiter runs (``state.scanDelims``)."""
EMOJI_BLOCKS = ((0x2300, 0x2BFF), (0x1F000, 0x1FAFF))
"""Where the wide characters with an emoji presentation are: not CJK for these rules."""
HANGUL_JAMO = ((0x1100, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF))


def cjk_friendly(parser: MarkdownIt) -> None:
    """Make ``parser``'s emphasis (and strikethrough, if enabled) follow the CJK-friendly rules."""
    for rule in parser.inline.ruler.__rules__:
        if rule.name in RULES:
            parser.inline.ruler.at(rule.name, _with_cjk_delimiters(rule.fn))


def _with_cjk_delimiters(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    def tokenize(state: StateInline, silent: bool) -> bool:
        if "scanDelims" not in vars(state):
            state.scanDelims = lambda start, can_split_word: scan_delims(state, start, can_split_word)  # type: ignore[method-assign]
        return rule(state, silent)

    return tokenize


def scan_delims(state: StateInline, start: int, can_split_word: bool) -> Scanned:
    """``StateInline.scanDelims`` with the amended left- and right-flanking rules.

    The beginning and end of the text count as whitespace; a variation selector after a
    character belongs to it (a "sequence" of the amendments).
    """
    src, end = state.src, state.posMax
    marker = src[start]
    pos = start
    while pos < end and src[pos] == marker:
        pos += 1
    last = src[start - 1] if start > 0 else " "
    base = src[start - 2] if start > 1 and _is_standard_selector(last) else last
    following = src[pos] if pos < end else " "

    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
    last_punct, next_punct = _is_punct(base), _is_punct(following)
    last_cjk = is_cjk(base) or _is_ideographic_selector(last)
    next_cjk = is_cjk(following)
    last_other_punct = last_punct and not is_cjk(base)
    next_other_punct = next_punct and not next_cjk

    left = not next_space and (not next_other_punct or last_space or last_other_punct or last_cjk)
    right = not last_space and (not last_other_punct or next_space or next_other_punct or next_cjk)
    can_open = left and (can_split_word or not right or last_punct)
    can_close = right and (can_split_word or not left or next_punct)
    return Scanned(can_open, can_close, pos - start)


def is_cjk(char: str) -> bool:
    """A CJK character of the amendments: East Asian wide, full-width or half-width and not an
    emoji, or Hangul."""
    code = ord(char)
    if any(low <= code <= high for low, high in HANGUL_JAMO):
        return True
    if unicodedata.east_asian_width(char) not in ("W", "F", "H"):
        return False
    return not any(low <= code <= high for low, high in EMOJI_BLOCKS)


def _is_punct(char: str) -> bool:
    return isMdAsciiPunct(ord(char)) or isPunctChar(char)


def _is_standard_selector(char: str) -> bool:
    """U+FE00–U+FE0E: a variation selector that keeps the character before it what it is."""
    return 0xFE00 <= ord(char) <= 0xFE0E


def _is_ideographic_selector(char: str) -> bool:
    return 0xE0100 <= ord(char) <= 0xE01EF
