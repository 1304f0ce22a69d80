"""The printed book as the rules see it: pages, their zones, articles and body paragraphs.

Built once by :mod:`.structure` from the PDF's text layer, the book's sources
and its layout; every rule is a pure function of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from publisher import document as d
from publisher.checks.inspect.lines import Line
from publisher.checks.inspect.pdftext import Char
from publisher.checks.inspect.source import SourceText


@dataclass(frozen=True)
class Area:
    """A page's type area in points from the trimmed page's top left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True)
class TextLine:
    """A line of the type area, its x measured from the area's left edge."""

    line: Line
    x0: float
    x1: float
    """Right edge of the last advance: flushness."""
    ink: float
    """Right edge of ink or advance: overfullness."""
    body: bool = False
    """Whether the line belongs to a body paragraph."""

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def page(self) -> int:
        return self.line.page


@dataclass(frozen=True)
class ArticleSpan:
    """An article and the pages it runs over: from its bookmark's page to the page before the next one's."""

    number: int
    article: d.Article
    pieces: tuple[SourceText, ...]
    first: int
    last: int

    @property
    def label(self) -> str:
        title = self.article.title if len(self.article.title) <= 14 else self.article.title[:13] + "…"
        return f"第{self.number}篇《{title}》"


@dataclass(frozen=True)
class Page:
    number: int
    area: Area
    head: tuple[Line, ...]
    """Lines above the type area: the running head."""
    text: tuple[TextLine, ...]
    foot: tuple[Line, ...]
    """Lines below the type area: the folio."""
    chars: tuple[Char, ...]
    """The type area's characters in the text layer's order."""
    article: ArticleSpan | None

    @property
    def recto(self) -> bool:
        return self.number % 2 == 1


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: a line indented 2 em and the flush-left lines after it, across pages; or a
    list item: a line starting with its marker and the lines after it, 2 em further in.

    Inside a block quote or a list item, the paragraph's left edge (``left``) is further in."""

    article: ArticleSpan
    lines: tuple[TextLine, ...]
    left: float = 0.0
    """Where the lines after the first start, from the type area's left edge."""
    item: bool = False
    """A list item: its first line starts with the marker, 2 em left of ``left``."""

    @property
    def first_x(self) -> float:
        """Where the first line starts: its marker 2 em out for an item, else an indent of 2 em."""
        return self.left + (-2 if self.item else 2) * self.lines[0].line.size


@dataclass(frozen=True)
class Printed:
    """Everything the rules read."""

    book: d.Book
    labels: dict
    faces: frozenset[str]
    """The font names the layout's faces are embedded under."""
    em: float
    text_width: float
    pages: tuple[Page, ...]
    articles: tuple[ArticleSpan, ...]
    outline: tuple[tuple[str, int], ...]
    paragraphs: tuple[Paragraph, ...]
    code_face: str = ""
    """The font name code is set in, if no prose shares its face: a line all in it is code, which breaks
    where code may (see :mod:`publisher.layout.code`), not by the rules of Chinese text."""

    def is_code(self, line: TextLine) -> bool:
        return bool(self.code_face) and all(char.font == self.code_face for char in line.line.chars)


@dataclass(frozen=True)
class Violation:
    """One breach of one rule, where a reader would see it."""

    page: int
    code: str
    message: str
    article: ArticleSpan | None = None
    context: str = ""
    lines: tuple[Line, ...] = ()
    """The printed lines it concerns, each on its own page: where an annotated copy draws its boxes."""
