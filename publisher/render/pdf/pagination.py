"""Where each article of the print edition starts: the one numbering of the book's pages.

The front matter takes the first pages; each article then starts on the next page of the side
the layout asks for (``page: article-start:``: ``recto``, ``verso`` or ``any``), a blank page
left before it when the next page is on the wrong side. How many pages an article takes is
known only once it is laid out where it starts, so the numbering asks for it as it goes
(``pages_at``); every way the book is laid out (in one process, on two cores, in a watch)
numbers it with :func:`paginate`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Pagination:
    """The book's pages: the front matter's, where each article starts, the blank pages between."""

    front: int
    starts: tuple[int, ...]
    blanks: frozenset[int]
    last: int
    """The last page's number: the book's page count."""
    back: int = 0
    """The back cover's page, the last, or 0 when the book has none."""


def paginate(
    front: int, articles: int, start: str, pages_at: Callable[[int, int], int], back_cover: bool = False
) -> Pagination:
    """Number a book of ``front`` pages of front matter and ``articles`` articles that each begin on a
    ``start`` page; ``pages_at(index, first_page)`` is how many pages article ``index`` takes when it
    begins on ``first_page``.

    A ``back_cover`` is the last page, on the outside of a folded book: the page count is padded with
    blank pages before it to a multiple of four, the pages of folded sheets, so that a saddle-stitched
    booklet needs no other blanks and has the back cover on the outside of its first sheet.
    """
    number, starts, blanks = front + 1, [], set()
    for index in range(articles):
        if wrong_side(number, start):
            blanks.add(number)
            number += 1
        starts.append(number)
        number += pages_at(index, number)
    if not back_cover:
        return Pagination(front, tuple(starts), frozenset(blanks), number - 1)
    back = number + -number % 4
    return Pagination(front, tuple(starts), frozenset(blanks | set(range(number, back))), back, back)


def wrong_side(number: int, start: str) -> bool:
    """Whether page ``number`` is on the wrong side for an article that starts on a ``start`` page."""
    return (start == "recto" and number % 2 == 0) or (start == "verso" and number % 2 == 1)
