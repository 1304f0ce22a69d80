"""What the print stage hands the e-book stage: where each printed page starts, and the cover.

Data flows one way. The PDF renderer lays the book out once (WeasyPrint) and
derives a :class:`PrintEdition` from that layout; the EPUB renderer only reads
this value, never the PDF file, and the document model never sees it.

A page start is a position in an article's text that both outputs can find in
their own markup: the article's slug, a block (the ``data-block`` key the shared
templates give every element that holds text or an image: ``"title"``,
``"3"``, ``"note"``…) and how many *countable* characters of that block come
before the page's first. Only characters that are neither white space nor
invisible count, because WeasyPrint drops spaces at line ends and inserts
zero-width ones where a browser would not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

INVISIBLE = frozenset("\u200b\u00ad")


def is_countable(char: str) -> bool:
    return not char.isspace() and char not in INVISIBLE


def countable(text: str) -> int:
    return sum(1 for char in text if is_countable(char))


Content = tuple[str, str, str]
"""(article slug, block key, text) on a printed page: a text box, or an image with empty text."""


@dataclass(frozen=True)
class PageStart:
    """Page ``page`` of the print edition begins before character ``offset`` of ``block``."""

    page: int
    article: str
    block: str
    offset: int


@dataclass(frozen=True)
class PrintEdition:
    """Every page that starts inside an article, in order, and the cover page as a one-page PDF.

    A laid-out edition leaves ``cover_pdf`` empty: the cover is written from the
    layout only when the e-book asks for it (``pdf.cover_pdf``), in the e-book's
    own process, once, however many times the book was laid out.
    """

    pages: tuple[PageStart, ...]
    cover_pdf: bytes = b""

    def pages_of(self, slug: str) -> list[PageStart]:
        return list(self._by_article.get(slug, ()))

    @cached_property
    def _by_article(self) -> dict[str, list[PageStart]]:
        """The pages by article, gathered once: each chapter of the e-book and page of the web asks."""
        found: dict[str, list[PageStart]] = {}
        for start in self.pages:
            found.setdefault(start.article, []).append(start)
        return found


@dataclass(frozen=True)
class PrintLayout:
    """The print edition laid out once: WeasyPrint's document for the PDF, the edition for the EPUB."""

    document: Any
    edition: PrintEdition

    @property
    def page_count(self) -> int:
        return len(self.document.pages)


def page_starts(pages: list[tuple[Content, ...]]) -> tuple[PageStart, ...]:
    """The start of every page whose first content is in an article.

    The cover, title page, table of contents and blank pages carry no folio in
    print and have no counterpart in the e-book's text, so they get no start.
    """
    laid: dict[tuple[str, str], int] = {}
    starts = []
    for number, page in enumerate(pages, 1):
        first = None
        for article, block, text in page:
            done = laid.get((article, block), 0)
            first = first or PageStart(number, article, block, done)
            laid[article, block] = done + countable(text)
        if first:
            starts.append(first)
    return tuple(starts)
