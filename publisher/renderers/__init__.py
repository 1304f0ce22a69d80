"""Output writers. Each reads only a :class:`RenderJob` (document + layout + fonts).

Heavy engines (WeasyPrint, ebooklib) are imported inside their module's
``render`` so that ``--help``, JSON output and checks stay fast.

The print edition is laid out once, by :func:`lay_out`, before any format is
rendered: the PDF is written from that layout, and the EPUB takes its print
page numbers, cover and imprint figures from it (``job.printed``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Sequence

from ..diagnostics import Diagnostics
from ..document import Book
from ..fonts import Face
from ..layout import Layout
from ..pagesizes import PageSize
from ..press import PressOptions
from .edition import PrintLayout
from .pieces import Memo

FORMATS = ("pdf", "epub", "json")


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

    def kept_in(self, kind: str) -> Path | None:
        """The folder of the build cache for one kind of kept result, or None when nothing is kept."""
        return self.cache / kind if self.cache else None

    def context(self, pages: int | None = None) -> dict[str, object]:
        """The flat template context both outputs share.

        ``pages`` is the print edition's page count, for the imprint page; by default that of the
        edition laid out (none before the layout).
        """
        from ..timestamps import w3c
        from .imprintpage import imprint_page

        meta = self.book.meta
        if pages is None:
            pages = self.printed.page_count if self.printed else 0
        return {
            "meta": meta,
            "editors": [p for p in meta.contributors if p.role == "editor"],
            "articles": self.book.articles,
            "labels": self.layout.settings["labels"],
            "layout": self.layout.settings,
            "version": self.version,
            "timestamp": w3c(self.timestamp),
            "imprint": imprint_page(self, pages),
        }


def lay_out(job: RenderJob, formats: Sequence[str], diags: Diagnostics, memo: Memo | None = None) -> RenderJob:
    """The job with the print edition laid out, if the PDF or the EPUB is wanted.

    The EPUB needs it too (page-list, cover), so an EPUB is the same whether or
    not the PDF is written in the same build. ``memo`` keeps laid-out pieces
    between the builds of one process (see :mod:`.pieces`).
    """
    if not {"pdf", "epub"} & set(formats):
        return job
    from . import pdf

    return replace(job, printed=pdf.lay_out(job, diags, memo))


def render_all(job: RenderJob, targets: dict[str, Path], diags: Diagnostics) -> None:
    """Write every format to its target; the EPUB in a child process, on the other core, when there is one.

    The child starts from the laid-out print edition (``fork``: nothing is copied
    or laid out again) while this process writes the PDF. Diagnostics are added
    in the order of ``targets`` whichever process found them.
    """
    from .. import forked

    found: dict[str, list] = {}
    children = {}
    if len(targets) > 1 and "epub" in targets and forked.available():
        children["epub"] = forked.Child(lambda: _render_alone("epub", job, targets["epub"], diags))
    try:
        for fmt, target in targets.items():
            if fmt not in children:
                found[fmt] = _render_alone(fmt, job, target, diags)
        for fmt, child in children.items():
            found[fmt] = child.result()
    finally:
        for child in children.values():
            child.cancel()
    for fmt in targets:
        diags.items.extend(found[fmt])


def _render_alone(fmt: str, job: RenderJob, target: Path, diags: Diagnostics) -> list:
    """Render one format; return the diagnostics it found (``diags`` itself is left as it was)."""
    own = Diagnostics(root=diags.root)
    render(fmt, job, target, own)
    return own.items


def render(fmt: str, job: RenderJob, target: Path, diags: Diagnostics) -> None:
    """Write one format to ``target`` (a temporary path; the caller renames it)."""
    if fmt == "pdf":
        from . import pdf

        pdf.render(job, target, diags)
    elif fmt == "epub":
        from . import epub

        epub.render(job, target, diags)
    elif fmt == "json":
        from ..document import to_json

        target.write_text(to_json(job.book), encoding="utf-8")
    else:
        raise ValueError(fmt)
