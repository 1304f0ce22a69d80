"""What every renderer reads: the document, the layout, the fonts and the options of one build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from publisher.document import Book
from publisher.layout.contents import Entry, contents
from publisher.layout.fonts import Face
from publisher.layout.pagesizes import PageSize
from publisher.layout.settings import Layout
from publisher.render.pdf.press import PressOptions
from publisher.render.printed import PrintLayout


@dataclass(frozen=True)
class RenderJob:
    book: Book
    layout: Layout
    faces: dict[str, Face]
    assets: Path
    allowed: tuple[Path, ...]
    timestamp: datetime
    version: str
    paper: PageSize
    press: PressOptions
    printed: PrintLayout | None = None
    cache: Path | None = None
    """Where renderers may keep pure results between builds (``build/.cache``), or None."""
    engine_cache: Path | None = None
    """Where what the engine's import learns is kept for every book (the user's cache folder), or None."""
    title_words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The display titles (the book's, the articles') cut into words: where they may break."""

    @cached_property
    def contents(self) -> list[Entry]:
        """The book's contents at the layout's depth, made once: every page of every edition is
        rendered with them (:meth:`context`)."""
        return contents(self.book, self.layout.toc_depth)

    def kept_in(self, kind: str) -> Path | None:
        """The folder of the build cache for one kind of kept result, or None when nothing is kept."""
        return self.cache / kind if self.cache else None

    def context(self, pages: int | None = None) -> dict[str, object]:
        """The flat template context both outputs share.

        ``pages`` is the print edition's page count, for the imprint page; by default that of the
        edition laid out (none before the layout).
        """
        from publisher.render.imprint import imprint_page

        meta = self.book.meta
        if pages is None:
            pages = self.printed.page_count if self.printed else 0
        return {
            "meta": meta,
            "editors": [p for p in meta.contributors if p.role == "editor"],
            "articles": self.book.articles,
            "contents": self.contents,
            "labels": self.layout.labels,
            "layout": self.layout,
            "version": self.version,
            "timestamp": w3c(self.timestamp),
            "imprint": imprint_page(self, pages),
        }


def w3c(moment: datetime) -> str:
    """The build date as templates print it (W3C date and time, UTC)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
