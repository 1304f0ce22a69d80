"""punct-sequence: marks that clash (，， 。， 、，) or dangle before an ellipsis (、……).

Two point marks in a row are wrong except ？ and ！ together (？！ ！！), which
GB/T 15834 allows for emphasis. A run of three 。 is an ellipsis typed wrongly:
that is ellipsis-dash's finding, not this rule's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR

CODE = "punct-sequence"
CLASH = re.compile(r"[，。、；：？！]{2,}")
EMPHATIC = set("？！")
DANGLING = re.compile(r"[，、](?=……)")


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Runs of clashing point marks, and a comma left before ……."""
    for match in CLASH.finditer(segment.text):
        run = match.group()
        if set(run) <= EMPHATIC or (set(run) == {"。"} and len(run) >= 3):
            continue
        yield segment.finding(CODE, ERROR, match.start(), match.end(), f"'{run}': punctuation marks clash (keep one)")
    for match in DANGLING.finditer(segment.text):
        yield segment.finding(
            CODE,
            ERROR,
            match.start(),
            match.end(),
            f"'{match.group()}' before …… (delete it: the ellipsis takes its place)",
        )
