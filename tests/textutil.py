"""What a reader sees of the source, in the form the tests compare outputs against."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from pathlib import Path

from lxml import etree

from publisher import document as d
from publisher.checks.inspect.source import squash


def paragraphs(article: d.Article, note_brackets: tuple[str, str] = ("（", "）")) -> list[str]:
    """Every paragraph a reader sees in an article, in order: header, body, closing note."""
    out = [t for t in (article.kicker, article.title, article.subtitle, article.author) if t]
    out += [d.plain_text(b.children) for b in d.walk_blocks(article.blocks) if isinstance(b, d.Paragraph)]
    if article.note:
        out.append(note_brackets[0] + article.note + note_brackets[1])
    return out


def assert_in_order(haystack: str, needles: list[str], where: str) -> None:
    """Each needle occurs in ``haystack`` after the previous one; report the first that does not."""
    cursor = 0
    for needle in needles:
        found = haystack.find(squash(needle), cursor)
        assert found >= 0, (
            f"{where}: not found after position {cursor}: {needle[:40]}…\ntext there: {haystack[cursor : cursor + 80]}"
        )
        cursor = found + len(squash(needle))


def row_widths(pdf: Path, em: float) -> dict[str, float]:
    """Each text row of the PDF (by page and height) → its width in em, from pdftotext -bbox-layout.

    A row is every word at the same height: a mark that halt moves left overlaps its neighbour's
    box, and pdftotext may then start a new word or line there.
    """
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    rows: dict[tuple[int, float], list[tuple[float, float, str]]] = defaultdict(list)
    for number, page in enumerate(etree.fromstring(html.encode()).iter("{*}page")):
        for word in page.iter("{*}word"):
            rows[number, round(float(word.get("yMin")), 1)].append(
                (float(word.get("xMin")), float(word.get("xMax")), word.text or "")
            )
    return {
        "".join(text for *_, text in sorted(words)): (max(x for _, x, _ in words) - min(x for x, _, _ in words)) / em
        for words in rows.values()
    }
