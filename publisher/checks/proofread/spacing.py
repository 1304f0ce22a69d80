"""stray-space: a space between two Chinese characters or marks (变化和 风险).

Chinese has no word spaces, so one in running text is a slip. Titles are left
alone: their phrases are separated by spaces on purpose (牢记嘱托 汇聚力量).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.checks.proofread.chars import SPACES, after, before, is_cjk
from publisher.checks.proofread.segments import TITLE, Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import WARNING

CODE = "stray-space"
SPACE_RUN = re.compile(f"[{SPACES}]+")


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Each run of spaces with Chinese text on both sides, outside titles."""
    if segment.kind == TITLE:
        return
    text = segment.text
    for match in SPACE_RUN.finditer(text):
        if is_cjk(before(text, match.start())) and is_cjk(after(text, match.end())):
            yield segment.finding(
                CODE, WARNING, match.start(), match.end(), "space between Chinese characters (delete it)", after=""
            )
