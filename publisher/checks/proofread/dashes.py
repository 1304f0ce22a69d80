"""ellipsis-dash: wrong forms of the Chinese ellipsis …… and dash —— (GB/T 15834).

In Chinese text the ellipsis is two … (six dots on the centre line) and the
dash two em dashes; typed stand-ins (... 。。。 ··· -- ――) and odd counts of …
are wrong. The same marks between Latin words or digits are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.checks.proofread.chars import next_to_cjk
from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR

CODE = "ellipsis-dash"
ELLIPSIS = "……"
DASH = "——"
DOTS = re.compile(r"\.{2,}|。{3,}|[·・]{2,}|、{3,}|…+")
DASHES = re.compile(r"[-－—―–‒─]{2,}")


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Every stand-in for …… or —— that touches Chinese text, with the right form."""
    text = segment.text
    for match in DOTS.finditer(text):
        found = match.group()
        if _wrong_ellipsis(found) and next_to_cjk(text, match.start(), match.end()):
            right = ELLIPSIS if len(found) < 4 or found[0] != "…" else "…" * (len(found) + 1)
            yield segment.finding(
                CODE,
                ERROR,
                match.start(),
                match.end(),
                f"'{found}' is not the Chinese ellipsis (use {right})",
                after=right,
            )
    for match in DASHES.finditer(text):
        found = match.group()
        if found != DASH and next_to_cjk(text, match.start(), match.end()):
            yield segment.finding(
                CODE, ERROR, match.start(), match.end(), f"'{found}' is not the Chinese dash (use {DASH})", after=DASH
            )


def _wrong_ellipsis(found: str) -> bool:
    """…… and …………(a whole paragraph left out) are right: any even count of …."""
    return found[0] != "…" or len(found) % 2 == 1
