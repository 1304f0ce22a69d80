"""Two printings of a book compared page by page: what changed, what only moved, where it starts.

The books' text layers are read as one stream of visible characters each and aligned (a late
correction inserts, deletes or replaces characters; everything else is the same text). A page of
the new printing is then:

- ``unchanged``: the same text, in the same lines at the same places, drawn the same;
- ``text changed``: it holds characters the change added or replaced, or one it removed;
- ``reflowed``: only text the old printing had, but its lines or its page break moved;
- ``drawing changed``: the same text in the same lines, drawn otherwise (an image, a colour);
- ``added`` or ``removed``: a page only one of the printings has.

A page whose first character was on another page of the old printing has its number shifted (it is
``reflowed`` too); an article whose bookmark points at another page starts elsewhere. Running heads
and folios, above and below the lines of body text, are not the book's text: they are left out, or
every page after a shift would count as changed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from publisher.checks.inspect.lines import Line, group_lines
from publisher.checks.inspect.pdftext import PdfText

UNCHANGED, TEXT, REFLOWED, DRAWING, ADDED, REMOVED = (
    "unchanged", "text changed", "reflowed", "drawing changed", "added", "removed",
)  # fmt: skip
PLACE = 0.5
"""Points a line may move and still be in the same place."""


@dataclass(frozen=True)
class PageChange:
    number: int
    kind: str
    was: int | None = None
    """The old page its first character was on, when that is another page (its number shifted)."""


@dataclass(frozen=True)
class ArticleMove:
    title: str
    old: int | None
    new: int | None


@dataclass(frozen=True)
class Comparison:
    pages: tuple[PageChange, ...]
    articles: tuple[ArticleMove, ...] = field(default=())
    old_pages: int = 0
    new_pages: int = 0

    @property
    def changed(self) -> list[PageChange]:
        return [page for page in self.pages if page.kind != UNCHANGED]

    @property
    def first_changed(self) -> int | None:
        return next((page.number for page in self.changed), None)

    @property
    def shifted(self) -> list[PageChange]:
        return [page for page in self.pages if page.was is not None]

    @property
    def reflowed(self) -> bool:
        """Whether the change moved other pages than those whose text it changed: a page reflowed or
        shifted, a page added or removed, an article starting elsewhere."""
        return bool(self.shifted or self.articles or self.old_pages != self.new_pages) or any(
            page.kind == REFLOWED for page in self.pages
        )


def compare(old: PdfText, new: PdfText, drawn_alike: Callable[[int], bool] = lambda number: True) -> Comparison:
    """Compare two printings; ``drawn_alike(number)`` tells whether page ``number`` (in both) looks the same."""
    old_lines, new_lines = _text_lines(old), _text_lines(new)
    old_text, old_starts = _stream(old_lines)
    new_text, new_starts = _stream(new_lines)
    added, removed, old_of_new = _alignment(old_text, new_text)
    pages = []
    for index in range(max(len(old.pages), len(new.pages))):
        number = index + 1
        if index >= len(new.pages):
            pages.append(PageChange(number, REMOVED))
            continue
        if index >= len(old.pages):
            pages.append(PageChange(number, ADDED))
            continue
        start, end = new_starts[index], new_starts[index + 1]
        was = _page_of(old_of_new[start], old_starts) if start < end and old_of_new[start] is not None else None
        shifted = was if was is not None and was != number else None
        gaps = range(start, end + 1 if index + 1 == len(new.pages) else end)  # a removal at a break: the next page's
        if any(added[start:end]) or any(removed[gap] for gap in gaps):
            kind = TEXT
        elif shifted is not None or _places(old_lines[index]) != _places(new_lines[index]):
            kind = REFLOWED
        elif not drawn_alike(number):
            kind = DRAWING
        else:
            kind = UNCHANGED
        pages.append(PageChange(number, kind, shifted))
    return Comparison(tuple(pages), _moves(old, new), len(old.pages), len(new.pages))


def _text_lines(text: PdfText) -> list[list[Line]]:
    """Each page's lines of text, without the running heads and folios: the lines above the highest and
    below the lowest line set in the body size on any page of the book."""
    pages = [group_lines(page.number, page.chars) for page in text.pages]
    sizes = Counter(char.size for page in text.pages for char in page.chars if not char.text.isspace())
    if not sizes:
        return pages
    body = sizes.most_common(1)[0][0]
    baselines = [line.baseline for lines in pages for line in lines if line.size == body]
    top, bottom = min(baselines) - body, max(baselines) + PLACE
    return [[line for line in lines if top <= line.baseline <= bottom] for lines in pages]


def _stream(pages: Sequence[list[Line]]) -> tuple[str, list[int]]:
    """Every character of the book's text in reading order, and where each page starts in it."""
    text, starts = [], [0]
    for lines in pages:
        text.extend(line.text for line in lines)
        starts.append(sum(map(len, text)))
    return "".join(text), starts


def _alignment(old: str, new: str) -> tuple[list[bool], list[bool], list[int | None]]:
    """For each new character, whether the change added it; for each gap before a new character (and
    after the last), whether the change removed old characters there; and each new character's place
    in the old text (``None`` if added)."""
    added = [False] * len(new)
    removed = [False] * (len(new) + 1)
    old_of_new: list[int | None] = [None] * len(new)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            old_of_new[j1:j2] = range(i1, i2)
        if tag in ("replace", "insert"):
            added[j1:j2] = [True] * (j2 - j1)
        if tag in ("replace", "delete"):
            removed[j1] = True
    return added, removed, old_of_new


def _page_of(offset: int, starts: list[int]) -> int:
    """The 1-based page whose text holds character ``offset`` (``starts``: where each page's text starts)."""
    return bisect_right(starts, offset)


def _places(lines: list[Line]) -> list[tuple[str, int, int]]:
    """A page's lines as a reader sees them: their text, where they start and their baseline."""
    return [(line.text, round(line.left / PLACE), round(line.baseline / PLACE)) for line in lines]


def _moves(old: PdfText, new: PdfText) -> tuple[ArticleMove, ...]:
    """Articles (top-level bookmarks, by title and order) that start on another page, appear or go."""

    def starts(text: PdfText) -> dict[tuple[str, int], int]:
        seen: dict[str, int] = {}
        found = {}
        for item in text.outline:
            seen[item.title] = seen.get(item.title, 0) + 1
            found[(item.title, seen[item.title])] = item.page
        return found

    before, after = starts(old), starts(new)
    keys = list(dict.fromkeys([*after, *before]))
    return tuple(ArticleMove(title, before.get(key), after.get(key)) for key in keys
                 for title in [key[0]] if before.get(key) != after.get(key))  # fmt: skip
