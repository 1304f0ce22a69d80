"""The book's contents as both editions list them: parts, articles and, at ``toc-depth: 2``, sections.

One tree for the print contents (the layout's template) and the e-book's navigation, so that the
two list the same entries. Each entry names the anchor it leads to: an article's slug, a
section's anchor (:func:`publisher.layout.markup.sections`) or a part's (:func:`part_anchor`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from publisher import document as d
from publisher.layout.markup import sections


@dataclass(frozen=True)
class Entry:
    kind: str
    """``part``, ``article`` or ``section``."""
    anchor: str
    title: str
    article: d.Article | None = None
    """The article an ``article`` entry stands for, or a ``section`` entry belongs to."""
    children: tuple[Entry, ...] = ()


def part_anchor(book: d.Book, part: d.Part) -> str:
    """``part.1``, ``part.2``…: a slug holds no dot, so no part's anchor is an article's."""
    return f"part.{book.parts.index(part) + 1}"


def contents(book: d.Book, depth: int) -> list[Entry]:
    """The entries in reading order: an article of a part under the part, the others at the top."""
    part_of = {slug: part for part in book.parts for slug in part.articles}
    entries: list[Entry] = []
    for article in book.articles:
        entry = _article(article, depth)
        part = part_of.get(article.slug)
        if part is None:
            entries.append(entry)
        elif part.articles[0] == article.slug:
            entries.append(Entry("part", part_anchor(book, part), part.title, None, (entry,)))
        else:
            last = entries[-1]
            entries[-1] = Entry(last.kind, last.anchor, last.title, None, (*last.children, entry))
    return entries


def walk(entries: Sequence[Entry]) -> Iterator[Entry]:
    """Every entry of the tree, each before those under it, in reading order."""
    for entry in entries:
        yield entry
        yield from walk(entry.children)


def _article(article: d.Article, depth: int) -> Entry:
    found = sections(article) if depth >= 2 else []
    children = tuple(Entry("section", s.anchor, s.title, article) for s in found)
    return Entry("article", article.slug, article.title, article, children)
