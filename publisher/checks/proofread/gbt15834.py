"""GB/T 15834-2011 usage rules that a text can be checked against without knowing its meaning.

quote-comma (4.5.3.5): items each in quotation marks or title marks are not separated by
顿号 (“甲”、“乙” → “甲”“乙”, 《甲》、《乙》 → 《甲》《乙》); when something stands between
them (a bracketed note after the first) the 顿号 stays, and the pattern does not match.
A mark's form: an error, fixed by --fix.

approx-number (4.5.3.4): two neighbouring numerals that give an estimate take no 顿号
(三、四个 → 三四个). Where they abbreviate two items (第三、四章, 三、四年级, 三、四月份)
the 顿号 is right: an ordinal, and a measure other than those listed, are left alone. A warning.

nested-quotes (4.8.3.4, 4.15.3.5): a quotation inside a quotation takes single marks
(“他说：‘好。’”), a title inside a title single title marks (《读〈论语〉》). An error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR, WARNING

QUOTE_COMMA = "quote-comma"
APPROX_NUMBER = "approx-number"
NESTED_QUOTES = "nested-quotes"

BETWEEN_ITEMS = re.compile("(?<=[”’》〉」』])、(?=[“‘《〈「『])")
NUMERALS = "一二三四五六七八九十"
MEASURES = "个人天年次岁名位家种本条件只斤米里千百万十亿成倍分秒周元块台辆张所座项批道遍回场份"
APPROX = re.compile(f"(?<![第初周礼拜期{NUMERALS}、])([{NUMERALS[:-1]}])、([{NUMERALS[1:]}两])(?=[{MEASURES}])(?!年级)")
NESTING = {"“": ("”", "‘’"), "《": ("》", "〈〉")}
"""An opening mark, its closing one, and the pair to write for one inside it."""


@per_segment
def check_quote_comma(segment: Segment, style: Style) -> Iterator[Finding]:
    """A 顿号 directly between a closing and an opening quotation or title mark."""
    for match in BETWEEN_ITEMS.finditer(segment.text):
        yield segment.finding(
            QUOTE_COMMA,
            ERROR,
            match.start(),
            match.end(),
            "no 、 between items each in quotation or title marks (delete it; GB/T 15834 4.5.3.5)",
            after="",
        )


@per_segment
def check_approx_number(segment: Segment, style: Style) -> Iterator[Finding]:
    """A 顿号 between neighbouring numerals of an estimate."""
    for match in APPROX.finditer(segment.text):
        first, second = match.group(1), match.group(2)
        if NUMERALS.index(second.replace("两", "二")) != NUMERALS.index(first) + 1:
            continue
        yield segment.finding(
            APPROX_NUMBER,
            WARNING,
            match.start() + 1,
            match.start() + 2,
            f"'{match.group()}' is an estimate: no 、 between the numerals (write {first}{second}; GB/T 15834 4.5.3.4)",
        )


@per_segment
def check_nesting(segment: Segment, style: Style) -> Iterator[Finding]:
    """An opening double quotation mark inside a double quotation, a title mark inside a title.
    Marks left open or closed twice are the pairs rule's to report: such a paragraph is skipped."""
    text = segment.text
    for opening, (closing, inner) in NESTING.items():
        if text.count(opening) != text.count(closing):
            continue
        depth = 0
        for index, char in enumerate(text):
            if char == opening:
                if depth >= 1:
                    yield segment.finding(
                        NESTED_QUOTES,
                        ERROR,
                        index,
                        index + 1,
                        f"'{opening}' inside '{opening}{closing}': the inner pair is {inner} (GB/T 15834 "
                        f"{'4.8.3.4' if opening == '“' else '4.15.3.5'})",
                    )
                depth += 1
            elif char == closing and depth:
                depth -= 1
