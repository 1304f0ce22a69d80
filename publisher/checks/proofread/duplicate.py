"""duplicate: a phrase written twice (的领导的领导) or a doubled character in a name.

Chinese doubles words on purpose (人人, 常常, 千千万万, 研究研究, 一步一步) and a
single character can repeat across a word boundary (目的的, 是是否), so a doubled
single character is reported only inside a name the house style lists
(中国工人人大思政课). A phrase repeated around 的 (全面领导的领导) or a repeated phrase of
three or more characters is an error; a repeated two-character word is a warning.
Forms that are right (研究研究, 关键的关键) are listed in ``allowed-reduplications``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.checks.proofread.chars import HAN_CLASS
from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR, WARNING

CODE = "duplicate"
LONGEST = 8
"""The longest phrase looked for; longer repeats are rarer than the cost of looking."""
REPEAT = re.compile(f"([{HAN_CLASS}]{{2,{LONGEST}}}?)(的??)\\1")
"""The shortest Chinese phrase that follows itself as it stands (推动推动) or around 的 (领导的领导)."""


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Repeated phrases, then doubled characters in listed names."""
    yield from _phrases(segment, style)
    yield from _in_terms(segment, style)


def _phrases(segment: Segment, style: Style) -> Iterator[Finding]:
    text, index = segment.text, 0
    while (found := REPEAT.search(text, index)) is not None:
        phrase, joiner = found.group(1), found.group(2)
        if not _reportable(phrase, joiner, style):
            index = found.start() + 1
            continue
        start, end = found.start() + len(phrase), found.end()
        severity = ERROR if len(phrase) >= 3 or joiner else WARNING
        yield segment.finding(
            CODE,
            severity,
            start,
            end,
            f"'{phrase}' is written twice in '{text[found.start() : end]}' (delete the second '{joiner}{phrase}')",
        )
        index = end


def _reportable(phrase: str, joiner: str, style: Style) -> bool:
    """Not 哈哈哈哈, not 一步一步 (one by one), not a form the style allows (研究研究, 关键的关键)."""
    return len(set(phrase)) > 1 and phrase[0] != "一" and phrase + joiner + phrase not in style.allowed_reduplications


def _in_terms(segment: Segment, style: Style) -> Iterator[Finding]:
    for term in style.terms:
        for index, char in enumerate(term):
            doubled = term[: index + 1] + char + term[index + 1 :]
            start = segment.text.find(doubled)
            while start >= 0:
                yield segment.finding(
                    CODE,
                    ERROR,
                    start + index + 1,
                    start + index + 2,
                    f"'{char}' is doubled in the name '{term}' (write {term})",
                )
                start = segment.text.find(doubled, start + 1)
