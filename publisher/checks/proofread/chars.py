"""Character classes shared by the rules: what counts as Chinese text.

Every rule asks the same question ("is this Chinese context?"), so the answer
lives in one place and the rules agree on it.
"""

from __future__ import annotations

MASK = "\ufffc"
"""Stands in a segment for what is not prose (code spans, URLs, images): never Han, never a mark."""

CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉「」『』〔〕【】…—～·"
"""Full-width marks of Chinese text (GB/T 15834)."""

SPACES = " \u3000\u00a0\t"

HAN_RANGES = (
    ("\u3400", "\u4dbf"),  # Extension A
    ("\u4e00", "\u9fff"),  # the unified ideographs
    ("\uf900", "\ufaff"),  # compatibility ideographs
    ("\U00020000", "\U0003134f"),  # Extensions B to G
)


HAN_CLASS = "〇" + "".join(f"{low}-{high}" for low, high in HAN_RANGES)
"""The same characters as a regular-expression class body, for rules that search."""


def is_han(char: str) -> bool:
    """A Chinese character (〇 included: it is written among Chinese numerals)."""
    return char == "〇" or any(low <= char <= high for low, high in HAN_RANGES)


def is_cjk(char: str) -> bool:
    """A Chinese character or a full-width Chinese mark: the context of Chinese rules."""
    return is_han(char) or (char != "" and char in CJK_PUNCT)


def before(text: str, index: int) -> str:
    """The character before ``index``, or '' at the start."""
    return text[index - 1] if index > 0 else ""


def after(text: str, index: int) -> str:
    """The character at ``index``, or '' past the end."""
    return text[index] if index < len(text) else ""


def next_to_cjk(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` touches Chinese text on either side."""
    return is_cjk(before(text, start)) or is_cjk(after(text, end))
