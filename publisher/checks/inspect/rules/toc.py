"""Rule on the table of contents: each entry gives the page its article starts on.

The TOC is the front-matter page headed by the layout's ``toc`` label; an entry
is the lines up to one that ends in a number at the right edge of the type area,
after leader dots unless the title and author fill the line (a long title wraps,
and its lines keep out of the numbers' column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.checks.inspect.lines import Line
from publisher.checks.inspect.model import Printed, Violation
from publisher.checks.inspect.source import squash

ENTRY_END = re.compile(r"^(?P<text>.*?)[.·…]*(?P<page>\d+)$")
EDGE = 0.5  # pt: how far from the right edge of the type area a page number may end


@dataclass(frozen=True)
class Entry:
    text: str
    page: int
    """The page the TOC is printed on."""
    number: int
    """The page number it gives."""
    lines: tuple[Line, ...]


def toc(book: Printed) -> list[Violation]:
    found: list[Violation] = []
    entries, toc_page = read_entries(book)
    if toc_page is None:
        return [
            Violation(
                1, "toc", f"no table of contents: no page before the first article is headed '{book.labels['toc']}'"
            )
        ]
    for index, span in enumerate(book.articles):
        if index >= len(entries):
            found.append(Violation(toc_page, "toc", f"no entry for article {span.number}", span))
            continue
        entry, title = entries[index], squash(span.article.title)
        if not entry.text.startswith(title):
            found.append(
                Violation(
                    entry.page,
                    "toc",
                    f"entry {index + 1} reads '{entry.text}', not the title '{title}'",
                    span,
                    "",
                    entry.lines,
                )
            )
        elif entry.number != span.first:
            found.append(
                Violation(
                    entry.page,
                    "toc",
                    f"the entry gives page {entry.number}, but the article starts on page {span.first}",
                    span,
                    entry.text,
                    entry.lines,
                )
            )
    for entry in entries[len(book.articles) :]:
        found.append(Violation(entry.page, "toc", "an entry with no article", None, entry.text, entry.lines))
    return found


def read_entries(book: Printed) -> tuple[list[Entry], int | None]:
    """The TOC's entries and the page it starts on (``None`` if there is none)."""
    first_article = min((span.first for span in book.articles), default=len(book.pages) + 1)
    label = squash(book.labels["toc"])
    entries, pending, pending_lines, toc_page = [], "", [], None
    for page in book.pages[: first_article - 1]:
        for line in page.text:
            text = squash(line.text)
            if toc_page is None:
                toc_page = page.number if text == label else None
                continue
            pending += text
            pending_lines.append(line.line)
            match = ENTRY_END.match(pending)
            if match and line.x1 >= book.text_width - EDGE:
                entries.append(Entry(match["text"], page.number, int(match["page"]), tuple(pending_lines)))
                pending, pending_lines = "", []
    return entries, toc_page
