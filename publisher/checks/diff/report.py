"""A comparison told as a reviewer reads it: a Markdown summary (the pull request's, in CI) or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict

from publisher.checks.diff.compare import Comparison


def markdown(comparison: Comparison, old: str, new: str, pictures: dict[int, str]) -> str:
    """The summary: what changed and what moved, a table of the changed pages with their pictures."""
    lines = [f"### Print edition: {old} → {new}", ""]
    changed = comparison.changed
    if not changed:
        return "\n".join([*lines, f"No page changed ({comparison.new_pages} pages).", ""])
    kinds = {}
    for page in changed:
        kinds[page.kind] = kinds.get(page.kind, 0) + 1
    pages = f"{comparison.new_pages} pages"
    if comparison.old_pages != comparison.new_pages:
        pages = f"{comparison.old_pages} → {pages}"
    lines.append(f"{len(changed)} of {pages} changed, from page {comparison.first_changed} on: "
                 + ", ".join(f"{count} {kind}" for kind, count in kinds.items()) + ".")  # fmt: skip
    if comparison.shifted:
        lines.append(f"{len(comparison.shifted)} page(s) now print what was on another page: "
                     + ", ".join(f"{page.was} → {page.number}" for page in comparison.shifted) + ".")  # fmt: skip
    if comparison.articles:
        lines += ["", "| article | started on | starts on |", "|---|---|---|"]
        lines += [f"| {move.title} | {move.old or '—'} | {move.new or '—'} |" for move in comparison.articles]
    lines += ["", "| page | change | was page | picture |", "|---|---|---|---|"]
    for page in changed:
        picture = f"[old \\| new]({pictures[page.number]})" if page.number in pictures else ""
        lines.append(f"| {page.number} | {page.kind} | {page.was or ''} | {picture} |")
    return "\n".join([*lines, ""])


def as_json(comparison: Comparison, old: str, new: str, pictures: dict[int, str]) -> str:
    data = {
        "old": old,
        "new": new,
        "old_pages": comparison.old_pages,
        "new_pages": comparison.new_pages,
        "changed": bool(comparison.changed),
        "reflowed": comparison.reflowed,
        "first_changed": comparison.first_changed,
        "pages": [asdict(page) | {"picture": pictures.get(page.number)} for page in comparison.changed],
        "articles": [asdict(move) for move in comparison.articles],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
