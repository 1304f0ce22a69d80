"""``--fix``: apply the mechanical fixes (mark width, ……/—— forms, stray spaces); wording only when asked.

A fix can make another possible (工作 ,要 → 工作 ，要 → 工作，要), so fixes are
applied in a few passes until none is left; each file is then written once,
atomically, keeping its byte-order mark and line endings. ``--fix=typos`` also
applies the typo dictionary's corrections: each is a change of wording, so it
comes back with its line as it was and as it is now, for the editor to read as a diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publisher.checks.proofread.registry import CODES, MECHANICAL, WORDING
from publisher.checks.proofread.runner import check_text
from publisher.checks.proofread.segments import Finding
from publisher.checks.proofread.style import Style, load_style
from publisher.diagnostics import Diagnostics
from publisher.util.atomic import atomic_path

PASSES = 3
BOM = "\ufeff"


@dataclass(frozen=True)
class Change:
    """One fix as made: ``line`` and ``col`` are those of the text it was made in."""

    file: Path
    line: int
    col: int
    before: str
    after: str
    wording: bool = False
    """A change of wording (``--fix=typos``): ``was`` and ``now`` hold its line before and after."""
    was: str = ""
    now: str = ""


def apply_fixes(content: Path, files: list[Path], typos: bool = False) -> list[Change]:
    """Fix ``files`` in place and say what changed; nothing when style.yaml has errors.

    With ``typos``, the typo dictionary's corrections are made too."""
    style = load_style(content, Diagnostics(), CODES)
    if style is None:
        return []
    codes = MECHANICAL + WORDING if typos else MECHANICAL
    return [change for path in files for change in _fix_file(path, style, codes)]


def _fix_file(path: Path, style: Style, codes: tuple[str, ...]) -> list[Change]:
    original = path.read_bytes().decode("utf-8")
    text, changes = original, []
    for _ in range(PASSES):
        findings = [f for f in check_text(path, text.removeprefix(BOM), style, codes) if f.after is not None]
        text, made = _apply(path, text, findings)
        if not made:
            break
        changes += made
    if text != original:
        with atomic_path(path) as temporary:
            temporary.write_bytes(text.encode("utf-8"))
    return changes


def _apply(path: Path, text: str, findings: list[Finding]) -> tuple[str, list[Change]]:
    """Replace from the end of each line backwards, so earlier columns stay right; a fix
    whose text is not where it was found, or that overlaps one already made, is skipped."""
    lines = text.splitlines(keepends=True)
    made: list[Change] = []
    limit: dict[int, int] = {}
    for found in sorted(findings, key=lambda f: (f.line, f.col), reverse=True):
        start = found.col - 1 + (len(BOM) if found.line == 1 and text.startswith(BOM) else 0)
        end = start + len(found.before)
        line = lines[found.line - 1]
        if line[start:end] != found.before or end > limit.get(found.line, len(line)):
            continue
        lines[found.line - 1] = line[:start] + found.after + line[end:]
        limit[found.line] = start
        wording = found.code in WORDING
        was, now = (line.rstrip("\r\n"), lines[found.line - 1].rstrip("\r\n")) if wording else ("", "")
        made.append(Change(path, found.line, found.col, found.before, found.after, wording, was, now))
    return "".join(lines), made[::-1]
