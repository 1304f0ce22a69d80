"""formulation and enumeration: the house style's fixed wording, applied as data.

Fixed formulations (以职工为中心的工作导向) and fixed enumerations (劳模精神、劳动精神、
工匠精神) are decided by the editors, so they live in style.yaml; these rules only
look for the wrong variants and for the items of an enumeration out of order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style, variant_pattern
from publisher.diagnostics import ERROR

FORMULATION = "formulation"
ENUMERATION = "enumeration"
SEPARATORS = {"", "、", "，", "和", "与", "及", "以及", "、和"}
"""What may stand between the items of one enumeration (quotation marks aside)."""
QUOTES = "“”‘’"


@per_segment
def check_formulations(segment: Segment, style: Style) -> Iterator[Finding]:
    """Each wrong variant of a fixed formulation, unless it is part of the right one."""
    for canonical, variants in style.formulations:
        right = [range(m.start(), m.end()) for m in re.finditer(re.escape(canonical), segment.text)]
        for variant in variants:
            for match in variant_pattern(variant).finditer(segment.text):
                if match.group() and not any(match.start() < r.stop and r.start < match.end() for r in right):
                    yield segment.finding(
                        FORMULATION,
                        ERROR,
                        match.start(),
                        match.end(),
                        f"'{match.group()}' is not the fixed formulation (write {canonical})",
                    )


@per_segment
def check_enumerations(segment: Segment, style: Style) -> Iterator[Finding]:
    """Each run of an enumeration's items whose order differs from the fixed one."""
    for items in style.enumerations:
        for run in _runs(segment.text, items):
            order = [items.index(match.group()) for match in run]
            if any(a >= b for a, b in itertools.pairwise(order)):
                start, end = run[0].start(), run[-1].end()
                yield segment.finding(
                    ENUMERATION,
                    ERROR,
                    start,
                    end,
                    f"'{segment.text[start:end]}' is not in the fixed order (write {'、'.join(items)})",
                )


def _runs(text: str, items: tuple[str, ...]) -> list[list[re.Match[str]]]:
    """Items of one enumeration that follow each other with only separators between."""
    pattern = re.compile("|".join(map(re.escape, sorted(items, key=len, reverse=True))))
    runs: list[list[re.Match[str]]] = []
    for match in pattern.finditer(text):
        gap = text[runs[-1][-1].end() : match.start()].strip(QUOTES) if runs else None
        if gap in SEPARATORS:
            runs[-1].append(match)
        else:
            runs.append([match])
    return [run for run in runs if len(run) > 1]
