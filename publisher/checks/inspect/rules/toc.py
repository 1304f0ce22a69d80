"""Rule on the table of contents: each article's entry gives the page it starts on.

Between the articles' entries may stand those of the parts (before their first article) and of
an article's sections (after it, on a page the article runs over).

The TOC is the front-matter page headed by the layout's ``toc`` label; an entry
is the lines up to one that ends in a number at the right edge of the type area,
after leader dots unless the title and author fill the line (a long title wraps,
and its lines keep out of the numbers' column).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.checks.inspect.lines import Line
from publisher.checks.inspect.model import ArticleSpan, Printed, Violation
from publisher.checks.inspect.source import squash
from publisher.layout.markup import sections

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
    cursor = 0
    for span in book.articles:
        title = squash(span.article.title)
        part = book.book.part_opened_by(span.article.slug)
        if part and cursor < len(entries) and entries[cursor].text.startswith(squash(part.title)):
            cursor += 1
        if cursor >= len(entries):
            found.append(Violation(toc_page, "toc", f"no entry for article {span.number}", span))
            continue
        entry = entries[cursor]
        if not entry.text.startswith(title):
            found.append(
                Violation(
                    entry.page,
                    "toc",
                    f"entry {cursor + 1} reads '{entry.text}', not the title '{title}'",
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
        cursor = _sections(entries, cursor + 1, span, found)
    for entry in entries[cursor:]:
        found.append(Violation(entry.page, "toc", "an entry with no article", None, entry.text, entry.lines))
    return found


def _sections(entries: list[Entry], cursor: int, span: ArticleSpan, found: list[Violation]) -> int:
    """Past the entries of an article's sections, from ``cursor``; each must give a page the article runs
    over. Where the entries after them start."""
    titles = [squash(section.title) for section in sections(span.article)]
    while cursor < len(entries) and any(entries[cursor].text.startswith(title) for title in titles):
        entry = entries[cursor]
        if not span.first <= entry.number <= span.last:
            found.append(
                Violation(
                    entry.page,
                    "toc",
                    f"the section's entry gives page {entry.number}, outside its "
                    f"article's pages {span.first}–{span.last}",
                    span,
                    entry.text,
                    entry.lines,
                )
            )
        cursor += 1
    return cursor


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
