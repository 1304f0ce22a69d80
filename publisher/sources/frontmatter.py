"""Split an article file into its YAML front-matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publisher.diagnostics import Diagnostics
from publisher.sources.yamlfile import MALFORMED, key_lines, load_yaml

FENCE = "---"


@dataclass
class SourceFile:
    """One article file, split; lines are 1-based lines of the file."""

    path: Path
    meta: dict[str, object]
    meta_lines: dict[str, int]
    body: str
    body_line: int


def split_front_matter(path: Path, text: str, diags: Diagnostics) -> SourceFile | None:
    """Parse the front-matter between two ``---`` lines at the top of the file."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        diags.error(
            path,
            1,
            "front-matter",
            "the file must start with front-matter: a line '---', then at least 'title: …', then a line '---'",
        )
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if end is None:
        diags.error(
            path, 1, "front-matter", "the front-matter opened on line 1 is never closed: add a line '---' after it"
        )
        return None
    yaml_text = "".join(lines[1:end])
    meta = load_yaml(yaml_text, path, 2, diags)
    if meta is MALFORMED:
        return None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        diags.error(
            path,
            2,
            "front-matter",
            f"the front-matter must be a list of 'field: value' lines, not a {type(meta).__name__}",
        )
        return None
    return SourceFile(
        path=path,
        meta={str(k): v for k, v in meta.items()},
        meta_lines=key_lines(yaml_text, 2),
        body="".join(lines[end + 1 :]),
        body_line=end + 2,
    )
