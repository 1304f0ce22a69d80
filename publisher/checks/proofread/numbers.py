"""numbers: numbers written against GB/T 15835 (二0二五年, 百分之50, 25年4月).

Only forms that are wrong in any context are looked for: a digit 0 among Chinese
numerals (or 〇 among digits), 百分之 before digits, and a two-digit year before
a month. 100周年 and 4月28日 are right and untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR

CODE = "numbers"
CHINESE_DIGITS = "〇零一二三四五六七八九"
PATTERNS = (
    (
        re.compile(
            f"[{CHINESE_DIGITS}十]*(?:[{CHINESE_DIGITS}]0|0[{CHINESE_DIGITS}]|[0-9]〇|〇[0-9])[{CHINESE_DIGITS}十0-9]*"
        ),
        "'{}' mixes Chinese numerals and Arabic digits (write it all in one kind, e.g. 二〇二五 or 2025)",
    ),
    (re.compile(r"百分之[0-9]+(?:\.[0-9]+)?"), "'{}' mixes words and digits (write 50% or 百分之五十)"),
    (
        re.compile(
            r"(?<![0-9])[0-9]{2}年(?=[0-9]{1,2}月)|"
            f"(?<![{CHINESE_DIGITS}])[{CHINESE_DIGITS}]{{2}}年(?=[一二三四五六七八九十]{{1,3}}月)"
        ),
        "'{}' is an abbreviated year (write the year in full, e.g. 2025年)",
    ),
)


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Each wrongly written number."""
    for pattern, message in PATTERNS:
        for match in pattern.finditer(segment.text):
            yield segment.finding(CODE, ERROR, match.start(), match.end(), message.format(match.group()))
