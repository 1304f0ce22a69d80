"""The print edition laid out piece by piece: the front matter, then each article, each a WeasyPrint
document of its own, their pages put together in reading order into one document.

Why pieces:

- In ``--watch`` a save changes one article, and only that article is laid out again: a piece
  whose markup, first page and image files are those of a piece the previous build laid out is
  taken as it was (:class:`Typesetter` keeps the previous build's pieces; :class:`Memo` keeps the
  typesetter, while the stylesheet, the layout's files and the faces stay the same).
- A full build pays nothing for it: the front matter is laid out twice (below), but the table of
  contents does not send WeasyPrint back to lay the whole book out again once the numbers of the
  pages after it are known, as a ``target-counter()`` in one document would.

How the pieces fit together as one book:

- Each article starts where :func:`~publisher.render.pdf.pagination.paginate` puts it, on the
  side the layout asks for (``page: article-start:``, by default a recto): when the page after
  the piece before is on the wrong side, a blank page comes between, WeasyPrint's own
  ``@page :blank`` page, laid out once.
- An article's pages are numbered from where it starts, and its first page is a verso or a recto
  as that number says (see :mod:`.typeset`).
- The front matter prints the page of each article, part and section it lists (``folios``) and,
  on an imprint page, the page count. It is laid out once without them to learn how many pages it takes (a count kept in
  ``build/.cache/pages/`` by an earlier build spares that), then with them; should it then take
  another number of pages, the articles are numbered again (it never does in practice: the
  numbers have a column of their own).
- Links, anchors and bookmarks are resolved across the pieces when the PDF is written.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.diagnostics import Diagnostics
from publisher.render.pdf.pagination import Pagination, paginate
from publisher.util import kept

MAX_LAYOUTS = 4
NEWEST_COUNTS = 8
BLANK = '<!DOCTYPE html><html><body><div></div><div style="break-before: {side}"></div></body></html>'
"""A page, then the blank page WeasyPrint leaves before a block that must start on a ``side``:
a blank verso (its first page a recto, ``right``) or a blank recto (first page a verso, ``left``)."""

FrontMarkup = Callable[[dict[str, int], int], str]
"""The front matter's HTML, given each article's first page (by slug) and the book's page count."""


Files = tuple[tuple[str, int, int], ...]
"""Files as they are now: path, modification time (ns) and size; (path, -1, -1) if missing."""


def files_now(paths: Iterable[Path]) -> Files:
    """What an edit to any of ``paths`` changes: a piece or a typesetter that read them is not taken again."""
    found = []
    for path in paths:
        try:
            stat = os.stat(path)
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
        except OSError:
            found.append((str(path), -1, -1))
    return tuple(found)


@dataclass(frozen=True)
class ArticleMarkup:
    """An article's HTML as one piece, and the image files it shows."""

    slug: str
    html: str
    reads: Files = ()


@dataclass(frozen=True)
class LaidPiece:
    """A laid-out WeasyPrint document and what laying it out reported (replayed when it is taken again)."""

    document: Any
    found: tuple

    @property
    def pages(self) -> list:
        return self.document.pages


class Typesetter:
    """WeasyPrint with the print stylesheet parsed and its faces loaded once for every piece of a build,
    and of every build of a watch while stylesheet, faces and layout stay the same.

    ``lay_out(html, first_page, diags)`` lays out one piece, reporting into ``diags`` (it holds the
    parsed stylesheet and the faces); the typesetter adds nothing of its own to the layout.
    """

    def __init__(
        self,
        found: tuple,
        lay_out: Callable[[str, int, Diagnostics], Any],
        naming: Diagnostics,
        counts: Path | None = None,
        identity: str = "",
    ) -> None:
        self.found = found
        """What setting WeasyPrint up reported (the stylesheet, the faces)."""
        self._lay_out, self._naming = lay_out, naming
        self._counts, self._identity = counts, identity
        self._before: dict[tuple[str, int, Files], LaidPiece] = {}
        self._now: dict[tuple[str, int, Files], LaidPiece] = {}
        self._blanks: dict[int, Any] = {}

    def piece(self, html: str, first_page: int, reads: Files = ()) -> LaidPiece:
        key = (html, first_page, reads)
        piece = self._now.get(key) or self._before.get(key) or self.fresh(html, first_page)
        self._now[key] = piece
        return piece

    def fresh(self, html: str, first_page: int) -> LaidPiece:
        """``html`` laid out now, its pages numbered from ``first_page``, whatever was laid out before."""
        found = self._naming.fresh()
        return LaidPiece(self._lay_out(html, first_page, found), tuple(found.items))

    def page_count(self, html: str) -> int:
        """How many pages ``html`` takes, starting on page 1: as kept by an earlier build (``counts``,
        for a typesetter of the same ``identity``), else laid out. Only a guess, which :func:`compose`
        checks: a stale count costs time, never a wrong book."""
        recalled = kept.recall(self._counts, self._count_key(html))
        if recalled is not None and recalled.isdigit():
            return int(recalled)
        return len(self.piece(html, 1).pages)

    def keep_count(self, html: str, count: int) -> None:
        kept.keep(self._counts, self._count_key(html), str(count).encode(), NEWEST_COUNTS)

    def _count_key(self, html: str) -> str:
        return hashlib.sha256(f"{self._identity}\0{html}".encode()).hexdigest()

    def blank(self, number: int) -> Any:
        """Blank page ``number`` (a verso if even, a recto if odd), as the layout's ``@page :blank`` draws it."""
        parity = number % 2
        if parity not in self._blanks:
            side = "right" if parity == 0 else "left"
            page = self._lay_out(BLANK.format(side=side), 1 - parity, self._naming.fresh()).pages[1]
            assert page._page_box.page_type.blank, "the blank page is not blank"
            self._blanks[parity] = page
        return self._blanks[parity]

    def finish_build(self) -> None:
        """Keep this build's pieces, and only those, for the next build."""
        self._before, self._now = self._now, {}


class Memo:
    """What one process keeps from build to build (``--watch``): the last typesetter, with its pieces."""

    def __init__(self) -> None:
        self._key: Hashable = None
        self._typesetter: Typesetter | None = None

    def typesetter(self, key: Hashable, make: Callable[[], Typesetter]) -> Typesetter:
        """The typesetter made for ``key`` (stylesheet, faces, layout); a new one when the key changed."""
        if self._typesetter is None or key != self._key:
            self._key, self._typesetter = key, make()
        return self._typesetter


def compose(
    typesetter: Typesetter, front: FrontMarkup, articles: list[ArticleMarkup], start: str = "recto"
) -> tuple[Any, list]:
    """The whole book as one WeasyPrint document, and what laying out its pieces reported.

    Each article begins on a ``start`` page (``recto``, ``verso`` or ``any``), laid out where
    :func:`~publisher.render.pdf.pagination.paginate` puts it.
    """
    unnumbered = front({}, 0)
    count = typesetter.page_count(unnumbered)
    for _ in range(MAX_LAYOUTS):
        book, laid = _laid_out(typesetter, articles, count, start)
        body = with_blanks(typesetter, book, [laid[index].pages for index in range(len(articles))])
        printed = typesetter.piece(
            front(folios(book, [piece.pages for _, piece in sorted(laid.items())]), book.last), 1
        )
        if len(printed.pages) == count:
            typesetter.keep_count(unnumbered, count)
            typesetter.finish_build()
            found = each_once(typesetter.found, printed.found, *(laid[index].found for index in sorted(laid)))
            return printed.document.copy(printed.pages + body), found
        count = len(printed.pages)
    raise RuntimeError(f"the front matter's page count changed in each of {MAX_LAYOUTS} layouts")


def _laid_out(
    typesetter: Typesetter, articles: list[ArticleMarkup], front: int, start: str
) -> tuple[Pagination, dict[int, LaidPiece]]:
    """The book numbered after ``front`` pages of front matter, each article laid out where it starts."""
    laid: dict[int, LaidPiece] = {}

    def pages_at(index: int, first: int) -> int:
        laid[index] = typesetter.piece(articles[index].html, first, articles[index].reads)
        return len(laid[index].pages)

    return paginate(front, len(articles), start, pages_at), laid


def folios(book: Pagination, pages_of: list[list]) -> dict[str, int]:
    """The page of each anchor of the articles' pieces (an article's title, a part's title page, a
    section's heading), by its ``id``: what the front matter's contents print. ``pages_of``: the
    pages of each article's piece, each with the anchors it holds (WeasyPrint's pages and pages
    drawn elsewhere alike)."""
    found: dict[str, int] = {}
    for first, pages in zip(book.starts, pages_of):
        for number, page in enumerate(pages, first):
            for anchor in page.anchors:
                found.setdefault(anchor, number)
    return found


def with_blanks(typesetter: Typesetter, book: Pagination, pages: list[list]) -> list:
    """The articles' pages in order, each article's preceded by the blank page the numbering left before it."""
    body = []
    for first, own in zip(book.starts, pages):
        if first - 1 in book.blanks:
            body.append(typesetter.blank(first - 1))
        body.extend(own)
    return body


def each_once(*founds: tuple) -> list:
    """Every diagnostic once, in reading order, however many pieces reported it."""
    seen, items = set(), []
    for item in (item for found in founds for item in found):
        if item.format() not in seen:
            seen.add(item.format())
            items.append(item)
    return items
