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
        extras = _extras(book, span)
        while cursor < len(entries) and not entries[cursor].text.startswith(title):
            entry = entries[cursor]
            if not any(entry.text.startswith(extra) for extra in extras):
                break
            cursor += 1
        if cursor >= len(entries):
            found.append(Violation(toc_page, "toc", f"no entry for article {span.number}", span))
            continue
        entry = entries[cursor]
        if not entry.text.startswith(title):
            found.append(
                Violation(entry.page, "toc", f"entry {cursor + 1} reads '{entry.text}', not the title '{title}'", span)
            )
        elif entry.number != span.first:
            found.append(
                Violation(
                    entry.page,
                    "toc",
                    f"the entry gives page {entry.number}, but the article starts on page {span.first}",
                    span,
                    entry.text,
                )
            )
        cursor += 1
        found.extend(_sections(entries, cursor, span))
        while cursor < len(entries) and any(entries[cursor].text.startswith(s) for s in _section_titles(span)):
            cursor += 1
    for entry in entries[cursor:]:
        if not any(entry.text.startswith(squash(part.title)) for part in book.book.parts):
            found.append(Violation(entry.page, "toc", "an entry with no article", None, entry.text))
    return found


def _section_titles(span: ArticleSpan) -> list[str]:
    return [squash(section.title) for section in sections(span.article)]


def _extras(book: Printed, span: ArticleSpan) -> list[str]:
    """What may stand before an article's entry: the title of the part it opens."""
    part = book.book.part_opened_by(span.article.slug)
    return [squash(part.title)] if part else []


def _sections(entries: list[Entry], cursor: int, span: ArticleSpan) -> list[Violation]:
    """Each section's entry after its article's gives a page the article runs over."""
    found = []
    titles = _section_titles(span)
    while cursor < len(entries) and any(entries[cursor].text.startswith(t) for t in titles):
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
                )
            )
        cursor += 1
    return found


def read_entries(book: Printed) -> tuple[list[Entry], int | None]:
    """The TOC's entries and the page it starts on (``None`` if there is none)."""
    first_article = min((span.first for span in book.articles), default=len(book.pages) + 1)
    label = squash(book.labels["toc"])
    entries, pending, toc_page = [], "", None
    for page in book.pages[: first_article - 1]:
        for line in page.text:
            text = squash(line.text)
            if toc_page is None:
                toc_page = page.number if text == label else None
                continue
            pending += text
            match = ENTRY_END.match(pending)
            if match and line.x1 >= book.text_width - EDGE:
                entries.append(Entry(match["text"], page.number, int(match["page"])))
                pending = ""
    return entries, toc_page
