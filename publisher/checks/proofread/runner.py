"""Run the enabled rules on each article and report what they find."""

from __future__ import annotations

from pathlib import Path

from publisher.checks.proofread.registry import CODES, RULES
from publisher.checks.proofread.segments import Finding
from publisher.checks.proofread.source import read_segments
from publisher.checks.proofread.style import Style, load_style
from publisher.checks.proofread.words import Words
from publisher.diagnostics import ERROR, Diagnostics
from publisher.sources.yamlfile import read_text


def proofread(content: Path, files: list[Path], diags: Diagnostics, kept: Path | None = None) -> None:
    """Report every finding in ``files`` through ``diags``, under the book's house style.

    A style.yaml with errors is reported and nothing else is checked: findings
    under a style the editor did not mean would only be noise. ``kept`` is where
    the words of each article are kept between runs (``build/.cache/words``).
    """
    style = load_style(content, diags, CODES)
    if style is None:
        return
    words = Words(kept)
    for path in files:
        text = read_text(path, Diagnostics())  # an unreadable file is the reader's to report
        for found in check_text(path, text or "", style, words=words):
            report = diags.error if found.severity == ERROR else diags.warning
            report(found.file, found.line, found.code, found.message, found.col)


def check_text(
    path: Path, text: str, style: Style, codes: tuple[str, ...] = CODES, words: Words | None = None
) -> list[Finding]:
    """The findings of the rules in ``codes`` that the style leaves on, in the order of the file."""
    segments = read_segments(path, text)
    words = words or Words(None)
    words.start(text)
    findings = [
        found
        for rule in RULES
        if rule.code in codes and rule.code not in style.off
        for found in (rule.check(segments, style, words) if rule.words else rule.check(segments, style))
    ]
    words.finish()
    return sorted(findings, key=lambda found: (found.line, found.col))
