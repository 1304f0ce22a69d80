"""How an inspection reaches the user: one diagnostic per violation and a table per article.

Violations become the project's :class:`~publisher.diagnostics.Diagnostic`, named
``FILE.pdf:pN`` (the page), so that they print, annotate and serialise like
every other problem (:mod:`publisher.cli.report`).
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TextIO

from publisher.checks.inspect.inspector import Inspection
from publisher.checks.inspect.model import Printed, Violation
from publisher.diagnostics import ERROR, Diagnostic

ARTICLE_WIDTH = 40  # terminal columns


@dataclass(frozen=True)
class Row:
    """One article's figures."""

    article: str
    pages: str
    paragraphs: int
    lines: int
    """Non-final body lines: those the flush rule measures."""
    flush: int
    violations: int

    @property
    def ratio(self) -> float:
        return self.flush / self.lines if self.lines else 1.0


def diagnostics(inspection: Inspection) -> list[Diagnostic]:
    return [_diagnostic(str(inspection.pdf), violation) for violation in inspection.violations]


def _diagnostic(pdf: str, violation: Violation) -> Diagnostic:
    where = f"{violation.article.label}: " if violation.article else ""
    context = f' — "{violation.context}"' if violation.context else ""
    return Diagnostic(f"{pdf}:p{violation.page}", 0, 0, ERROR, violation.code, f"{where}{violation.message}{context}")


def rows(inspection: Inspection) -> list[Row]:
    """Per article: its pages, paragraphs, flush lines out of the non-final ones, violations."""
    model: Printed = inspection.printed
    counts = Counter(v.article.number for v in inspection.violations if v.article)
    out = []
    for span in model.articles:
        paragraphs = [p for p in model.paragraphs if p.article is span]
        lines = [line for p in paragraphs for line in p.lines[:-1]]
        short = sum(v.code == "flush" and v.article is span for v in inspection.violations)
        out.append(
            Row(
                span.label,
                f"{span.first}–{span.last}",
                len(paragraphs),
                len(lines),
                len(lines) - short,
                counts[span.number],
            )
        )
    return out


def table(inspection: Inspection, out: TextIO) -> None:
    """The per-article table (flush: flush lines / non-final body lines), totals, and counts per rule."""
    found = rows(inspection)
    total = Row(
        "total",
        f"1–{len(inspection.printed.pages)}",
        sum(r.paragraphs for r in found),
        sum(r.lines for r in found),
        sum(r.flush for r in found),
        len(inspection.violations),
    )
    print(
        f"{_pad('article', ARTICLE_WIDTH)} {'pages':>7} {'paras':>5} {'lines':>5} {'flush':>7} {'errors':>6}", file=out
    )
    for row in (*found, total):
        print(
            f"{_pad(row.article, ARTICLE_WIDTH)} {row.pages:>7} {row.paragraphs:>5} {row.lines:>5} "
            f"{row.ratio:>7.1%} {row.violations:>6}",
            file=out,
        )
    codes = Counter(v.code for v in inspection.violations)
    if codes:
        print("by rule: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())), file=out)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns, a wide (CJK) character taking two."""
    columns = sum(2 if unicodedata.east_asian_width(char) in ("W", "F") else 1 for char in text)
    return text + " " * max(0, width - columns)


def as_json(inspection: Inspection, code: int, out: TextIO) -> None:
    """One JSON object, like ``--diagnostics json`` of ``build``, with the table added."""
    json.dump(
        {
            "exit_code": code,
            "diagnostics": [asdict(d) for d in diagnostics(inspection)],
            "articles": [{**asdict(row), "flush_ratio": round(row.ratio, 4)} for row in rows(inspection)],
            "counts": dict(Counter(v.code for v in inspection.violations)),
        },
        out,
        ensure_ascii=False,
        indent=1,
    )
    out.write("\n")
