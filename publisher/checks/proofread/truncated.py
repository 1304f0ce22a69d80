"""truncated: a paragraph that stops in mid-sentence (…高质量发).

A body paragraph ends with a closing mark; a list item, footnote or note may
end without one, but never with a dangling ， or 、. Titles end as they like,
and so does a paragraph that is not Chinese prose (no Chinese character, or it
ends with code, a URL or an image).
"""

from __future__ import annotations

from collections.abc import Iterator

from publisher.checks.proofread.chars import MASK, SPACES, is_han
from publisher.checks.proofread.segments import ITEM, PARAGRAPH, Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import WARNING

CODE = "truncated"
ENDINGS = set("。！？…”’）」』》〕】：；—") | set(".!?;:)\"'")
"""What may close a paragraph: ASCII marks too (halfwidth-punct reports those)."""
DANGLING = set("，、,")
TAIL = 6


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """The last character of a paragraph that does not close, or of an item that dangles."""
    text = segment.text.rstrip(SPACES)
    if not text or text[-1] == MASK or not any(map(is_han, text)):
        return
    last = len(text) - 1
    if segment.kind == PARAGRAPH and text[-1] not in ENDINGS:
        yield segment.finding(
            CODE,
            WARNING,
            last,
            last + 1,
            f"the paragraph stops in mid-sentence at '{text[-TAIL:]}' (finish "
            "the sentence, or mark the missing text with ……)",
        )
    elif segment.kind == ITEM and text[-1] in DANGLING:
        yield segment.finding(
            CODE,
            WARNING,
            last,
            last + 1,
            f"the text ends with a dangling '{text[-1]}' (delete it, and mark the missing text with ……)",
        )
