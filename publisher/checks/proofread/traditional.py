"""traditional: traditional characters in simplified text (發展 → 发展).

OpenCC's phrase-aware conversion decides (乾隆 stays), so a character is reported
only where the conversion to simplified changes it, and never when it is one of
the 8,105 standard characters of 通用规范汉字表 (``data/standard_chars.txt``): 昇, 喆,
堃, 淼 are standard, common in names, and OpenCC would change them. A standard
character written in the wrong word (乾燥, 於是) is the ``typo`` dictionary's to
report. Names and quotations that keep traditional characters go into
``allowed-traditional``. A warning: only an editor knows whether it is a quotation.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from publisher.checks.proofread.lexicon import standard_characters
from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import WARNING

CODE = "traditional"


@lru_cache(maxsize=1)
def _to_simplified():
    """Loaded on first use: ``publisher check`` without traditional text never pays for it."""
    import opencc

    return opencc.OpenCC("t2s").convert


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Each run of characters the conversion changes, outside allowed names and quotations."""
    text = segment.text
    simplified = _to_simplified()(text)
    if len(simplified) != len(text):  # a phrase changed length: compare character by character
        simplified = "".join(map(_to_simplified(), text))
    allowed = _allowed_spans(text, style.allowed_traditional)
    standard = standard_characters()
    start = None
    for index, (old, new) in enumerate(zip(text + " ", simplified + " ")):
        changed = old != new and index not in allowed and old not in standard
        if changed and start is None:
            start = index
        elif not changed and start is not None:
            yield segment.finding(
                CODE,
                WARNING,
                start,
                index,
                f"traditional characters '{text[start:index]}' in simplified text (use {simplified[start:index]})",
            )
            start = None


def _allowed_spans(text: str, allowed: tuple[str, ...]) -> set[int]:
    spans = set()
    for word in allowed:
        start = text.find(word)
        while start >= 0:
            spans.update(range(start, start + len(word)))
            start = text.find(word, start + 1)
    return spans
