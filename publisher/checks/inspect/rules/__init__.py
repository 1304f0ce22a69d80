"""The rules, registered by name in the order their findings are reported.

Each rule is a pure function from the printed book to its violations; the
thresholds are those docs/typography.md lists ("What `publisher inspect` checks").
"""

from __future__ import annotations

from collections.abc import Callable

from publisher.checks.inspect.model import Printed, Violation
from publisher.checks.inspect.rules import glyphs, lines, pages, paragraphs, text, toc

Rule = Callable[[Printed], list[Violation]]

RULES: list[tuple[str, Rule]] = [
    ("outline", pages.outline),
    ("flush", lines.flush),
    ("loose", lines.loose),
    ("line-start", lines.line_start),
    ("line-end", lines.line_end),
    ("split", lines.splits),
    ("overfull", lines.overfull),
    ("indent", lines.indent),
    ("lone-char", paragraphs.lone_char),
    ("widow-orphan", paragraphs.widows_and_orphans),
    ("heading-last", paragraphs.heading_last),
    ("glyph", glyphs.glyphs),
    ("toc", toc.toc),
    ("running-head", pages.running_heads),
    ("text-layer", text.text_layer),
]
"""Each rule's name and function; a rule may report under several codes (``split`` → ``split-dash``, …)."""


def run(book: Printed) -> list[Violation]:
    """Every violation in page order (rule order within a page).

    A PDF whose bookmarks are not the book's articles was built from other sources
    (or is not a book): that alone is reported, as every other rule would fail with it.
    """
    mismatch = pages.outline(book)
    if mismatch:
        return mismatch
    found = [violation for _, rule in RULES[1:] for violation in rule(book)]
    return sorted(found, key=lambda violation: violation.page)
