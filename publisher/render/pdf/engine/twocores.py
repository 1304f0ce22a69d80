"""The print edition laid out on two cores: this process and a forked one share the articles out.

WeasyPrint lays a book out in one thread (about 13 ms a page), and laid-out pages hold Pango
objects that cannot leave their process. So the articles are shared out as they go
(:class:`..cores.Claims`): this process lays them out from the first on, after the front
matter's counting layout, the other from the last back, until they meet. Then:

1. This process stops taking articles once drawing its own pages would take about as long as the
   other will take to lay out those left (:func:`_enough`), and draws them ahead
   (:class:`.drawn.Drawer`, as the other will draw its own).
2. The other process says how many pages each of its articles took (:class:`Laid`, with what
   WeasyPrint needs of each page before drawing it, see :mod:`.drawn`). It laid them out before
   anyone knew on which page they start: as pages of the right side (articles start on a recto,
   or all on a verso), numbered from 1 or 2.
3. This process numbers the whole book, sends the other each article's first page, and lays the
   front matter out with the folios, while the other moves its pages' numbers
   (:mod:`.renumber`) and draws them.
4. The book is put together as with one process (:mod:`.pieces`), with
   :class:`.drawn.DrawnPage` records for the pages drawn ahead, here or there. The PDF is byte
   for byte the same.

An article the other process cannot draw for this one (SVG images, form fields, see :mod:`.drawn`)
is laid out here again, at its page. Where ``fork`` is missing, in ``--watch`` (which keeps its
pieces from build to build) and where articles may start on either side, :func:`.pieces.compose`
lays the book out in this process alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.render.pdf.engine import TWO_CORE_STARTS, renumber
from publisher.render.pdf.engine.drawn import Drawer, DrawnPage, FaceFiles, Sheet, sheet
from publisher.render.pdf.engine.pagemap import page_content
from publisher.render.pdf.engine.pieces import (
    MAX_LAYOUTS,
    ArticleMarkup,
    FrontMarkup,
    Typesetter,
    each_once,
    folios,
    with_blanks,
)
from publisher.render.pdf.pagination import paginate, wrong_side
from publisher.util import cores

DRAWING = 0.2
"""Drawing a page takes about this share of the time laying it out took."""

Draw = Callable[[Any, bool], "list[DrawnPage] | str"]
"""This process's own pages drawn ahead, as pages drawn by another would be, or why they cannot be;
the flag asks for pages that owe nothing to those drawn before (the front matter, written first)."""


@dataclass(frozen=True)
class Laid:
    """An article the other process laid out: each page's sheet (or why it cannot be drawn there),
    and what laying it out reported."""

    sheets: tuple[Sheet, ...] | str
    found: tuple


def compose(
    typesetter: Typesetter, front: FrontMarkup, articles: list[ArticleMarkup], start: str, faces: Sequence[Path]
) -> tuple[Any, list, list]:
    """As :func:`.pieces.compose`, on two cores, with the article content of each page (see
    :mod:`.pagemap`); ``faces`` are the font files the book is set in."""
    files = FaceFiles(faces)
    claims = cores.Claims(len(articles))
    worker = cores.Worker(
        lambda channel: _other_side(channel, typesetter, articles, claims, TWO_CORE_STARTS[start], files)
    )
    try:
        document, found = _this_side(worker, typesetter, front, articles, claims, start, _Ahead(files))
    finally:
        worker.close()
        claims.close()
    contents = [page.content if isinstance(page, DrawnPage) else page_content(page) for page in document.pages]
    return document, contents, found


def _this_side(
    worker: cores.Worker,
    typesetter: Typesetter,
    front: FrontMarkup,
    articles: list[ArticleMarkup],
    claims: cores.Claims,
    start: str,
    draw: Draw,
) -> tuple[Any, list]:
    """This process: the front matter counted, articles from the first on, then its own pages drawn
    while the other process lays out the last articles (:func:`_enough`), then the book numbered."""
    unnumbered = front({}, 0)
    count = typesetter.page_count(unnumbered)
    number, mine = count + 1, {}
    while (index := claims.first()) is not None:
        number += wrong_side(number, start)
        piece = mine[index] = typesetter.piece(articles[index].html, number, articles[index].reads)
        number += len(piece.pages)
        if _enough(articles, mine, claims.unclaimed()):
            break
    ahead = {index: draw(piece.document, False) for index, piece in mine.items()}
    laid: dict[int, Laid] = worker.receive()
    drawn = {
        index: [DrawnPage(s) for s in item.sheets] for index, item in laid.items() if not isinstance(item.sheets, str)
    }

    def pages_of(index: int, first: int) -> list:
        """Article ``index``'s pages: drawn by the other process, else laid out here where it starts."""
        if index in drawn:
            return drawn[index]
        return typesetter.piece(articles[index].html, first, articles[index].reads).pages

    for _ in range(MAX_LAYOUTS):
        book = paginate(count, len(articles), start, lambda index, first: len(pages_of(index, first)))
        worker.send({index: book.starts[index] for index in drawn})
        pieces = [pages_of(index, first) for index, first in enumerate(book.starts)]
        printed = typesetter.piece(front(folios(book, pieces), book.last), 1)
        if len(printed.pages) == count:
            break
        worker.receive()  # drawn with the numbers that just changed
        count = len(printed.pages)
    else:
        raise RuntimeError(f"the front matter's page count changed in each of {MAX_LAYOUTS} layouts")
    front_pages = draw(printed.document, True)  # while the other process draws, if it still does
    drawings = worker.receive()
    worker.send(None)
    pages, founds = [], []
    for index, article in enumerate(articles):
        if index in drawn and not isinstance(drawings[index], str):
            for page, drawing in zip(drawn[index], drawings[index]):
                page.drawing = drawing
            pages.append(drawn[index])
            founds.append(laid[index].found)
            continue
        piece = typesetter.piece(article.html, book.starts[index], article.reads)
        ahead_of = ahead.get(index) if mine.get(index) is piece else None
        pages.append(piece.pages if ahead_of is None or isinstance(ahead_of, str) else ahead_of)  # drawn ahead
        founds.append(piece.found)
    typesetter.keep_count(unnumbered, count)
    typesetter.finish_build()
    front_pages = printed.pages if isinstance(front_pages, str) else front_pages
    every = front_pages + with_blanks(typesetter, book, pages)
    return printed.document.copy(every), each_once(typesetter.found, printed.found, *founds)


def _enough(articles: list[ArticleMarkup], mine: dict, unclaimed: range) -> bool:
    """Whether this process leaves the articles not taken yet to the other: it has laid out enough
    that drawing its own pages takes about as long as the other will take to lay them out."""
    left = sum(len(articles[index].html) for index in unclaimed)
    return left <= DRAWING * sum(len(articles[index].html) for index in mine)


class _Ahead:
    """Draws this process's own pages ahead (see :data:`Draw`), with one :class:`.drawn.Drawer`
    for all, or a new one after a piece it could not draw, or for pages drawn afresh.

    A drawer notes only what a page adds to the pages it drew before, so its pages must be
    written in the order it drew them and after them all; the front matter, drawn last but
    written first, is drawn by a drawer of its own (its cover also makes a PDF alone, for the
    e-book's cover image)."""

    def __init__(self, faces: FaceFiles) -> None:
        self._faces, self._drawer = faces, Drawer(faces)

    def __call__(self, document: Any, fresh: bool) -> list[DrawnPage] | str:
        sheets = _sheets(document)
        if isinstance(sheets, str):
            return sheets
        drawings = _drawn(Drawer(self._faces) if fresh else self._drawer, document)
        if isinstance(drawings, str):
            self._drawer = self._drawer if fresh else Drawer(self._faces)
            return drawings
        pages = [DrawnPage(one) for one in sheets]
        for page, drawing in zip(pages, drawings):
            page.drawing = drawing
        return pages


def _other_side(
    channel: cores.Channel,
    typesetter: Typesetter,
    articles: list[ArticleMarkup],
    claims: cores.Claims,
    first_page: int,
    faces: FaceFiles,
) -> None:
    """The forked process: lay out articles from the last back, then draw them once numbered."""
    laid: dict[int, tuple[Any, Any]] = {}
    with renumber.kept_contexts() as contexts:
        while (index := claims.last()) is not None:
            laid[index] = (typesetter.fresh(articles[index].html, first_page), contexts[-1])
    channel.reply({index: Laid(_sheets(piece.document), piece.found) for index, (piece, _) in sorted(laid.items())})
    numbered = dict.fromkeys(laid, first_page)
    while (starts := channel.receive()) is not None:
        drawer, drawings = Drawer(faces), {}
        for index, number in sorted(starts.items()):
            piece, context = laid[index]
            renumber.renumber(piece.pages, context, number - numbered[index])
            numbered[index] = number
            drawings[index] = _drawn(drawer, piece.document)
            if isinstance(drawings[index], str):
                drawer = Drawer(faces)  # what the refused page added is not the writer's
        channel.reply(drawings)


def _sheets(document: Any) -> tuple[Sheet, ...] | str:
    sheets = tuple(sheet(page, page_content(page)) for page in document.pages)
    return next((why for why in sheets if isinstance(why, str)), sheets)


def _drawn(drawer: Drawer, document: Any) -> list | str:
    drawings = []
    for page in document.pages:
        drawing = drawer.draw(page, document)
        if isinstance(drawing, str):
            return drawing
        drawings.append(drawing)
    return drawings
