"""One article file → its segments: the front-matter fields that are printed, then the body.

Problems that stop the reader (not UTF-8, no front-matter, bad YAML) are the
reader's to report; here such a file just has no segments, so the editor is not
told the same thing twice.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from publisher.checks.proofread.markdown import body_segments
from publisher.checks.proofread.segments import ITEM, TITLE, Segment
from publisher.diagnostics import Diagnostics
from publisher.sources.frontmatter import split_front_matter

FIELD_KINDS = {"title": TITLE, "kicker": TITLE, "subtitle": TITLE, "note": ITEM}
"""The printed fields worth proofreading (an author's name follows its own spelling)."""

FIRST_YAML_LINE = 2
"""The front-matter starts on the line after the opening ``---``."""


def read_segments(path: Path, text: str) -> list[Segment]:
    """The printed text of an article, in reading order."""
    source = split_front_matter(path, text, Diagnostics())
    if source is None:
        return []
    lines = text.splitlines()
    yaml_text = "\n".join(lines[FIRST_YAML_LINE - 1 : source.body_line - 2])
    return field_segments(path, yaml_text) + body_segments(path, lines, source.body, source.body_line)


def field_segments(path: Path, yaml_text: str) -> list[Segment]:
    """The printed front-matter fields, each placed at its value in the file."""
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    return [
        _field(path, FIELD_KINDS[key.value], value, yaml_text)
        for key, value in root.value
        if isinstance(key, yaml.ScalarNode)
        and key.value in FIELD_KINDS
        and isinstance(value, yaml.ScalarNode)
        and value.value
    ]


def _field(path: Path, kind: str, node: yaml.ScalarNode, yaml_text: str) -> Segment:
    """Exact places for a one-line plain or quoted value without escapes; otherwise every
    character is placed at the value's start (still the right line, never a wrong column)."""
    start, end = node.start_mark, node.end_mark
    raw = yaml_text[start.index : end.index]
    quote = 1 if node.style in ('"', "'") else 0
    exact = node.style in (None, '"', "'") and raw[quote : len(raw) - quote] == node.value
    line = FIRST_YAML_LINE + start.line
    first = start.column + 1 + quote
    places = tuple((line, first + k if exact else start.column + 1) for k in range(len(node.value)))
    return Segment(path, kind, node.value, places)
