"""The renderers, one per output format, in one registry (:data:`FORMATS`).

Each reads only a :class:`~publisher.render.job.RenderJob` (document, layout, fonts, options).
Adding a format is a module with a ``render(job, target, diags)`` function and one line below.
Heavy engines (WeasyPrint, ebooklib) are imported when their format is rendered, so that
``--help``, checks and no-op builds stay fast.

The print edition is laid out once, by :func:`lay_out`, before any format is rendered: the PDF
is written from that layout, and the EPUB takes its print page numbers, cover and imprint
figures from it (``job.printed``).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from publisher.diagnostics import ContentError, Diagnostics
from publisher.util import cores

if TYPE_CHECKING:
    from publisher.render.job import RenderJob
    from publisher.render.pdf.engine import Memo


@dataclass(frozen=True)
class Format:
    """An output format: the extension of its file, whether it needs the print edition laid out
    first, and its writer, ``module:function``, imported only when the format is rendered.

    A ``folder`` format writes a folder of files, ``<slug>-<extension>``, rather than one file.
    """

    name: str
    extension: str
    printed: bool
    writer: str
    folder: bool = False

    def output(self, slug: str) -> str:
        """The name of this format's output in the build folder."""
        return f"{slug}-{self.extension}" if self.folder else f"{slug}.{self.extension}"

    def render(self, job: RenderJob, target: Path, diags: Diagnostics) -> None:
        """Write this format to ``target`` (a temporary path, an empty folder for a folder format; the
        caller renames it)."""
        module, _, function = self.writer.partition(":")
        getattr(importlib.import_module(module), function)(job, target, diags)


FORMATS = {
    fmt.name: fmt
    for fmt in (
        Format("pdf", "pdf", printed=True, writer="publisher.render.pdf.writer:render"),
        Format("epub", "epub", printed=True, writer="publisher.render.epub.writer:render"),
        Format("json", "json", printed=False, writer="publisher.render.json:render"),
        Format("html", "web", printed=True, writer="publisher.render.web.writer:render", folder=True),
    )
}
DEFAULT_FORMATS = ("pdf", "epub")


def lay_out(job: RenderJob, formats: tuple[str, ...], diags: Diagnostics, memo: Memo | None = None) -> RenderJob:
    """The job with the print edition laid out, if a format wants it.

    The EPUB needs it too (page-list, cover), so an EPUB is the same whether or
    not the PDF is written in the same build. ``memo`` keeps laid-out pieces
    between the builds of one process (``--watch``).
    """
    if not any(FORMATS[fmt].printed for fmt in formats):
        return job
    from publisher.render.pdf import writer

    return replace(job, printed=writer.lay_out(job, diags, memo))


def render_all(job: RenderJob, targets: dict[str, Path], diags: Diagnostics) -> None:
    """Write every format to its target; the EPUB in a child process, on the other core, when there is one.

    The child starts from the laid-out print edition (``fork``: nothing is copied
    or laid out again) while this process writes the PDF. Diagnostics are added
    in the order of ``targets`` whichever process found them.
    """
    found: dict[str, list] = {}
    children = {}
    if len(targets) > 1 and "epub" in targets and cores.available():
        children["epub"] = cores.Child(lambda: _render_alone("epub", job, targets["epub"], diags))
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
    """Render one format; return the diagnostics it found (``diags`` itself is left as it was).

    A format that stops at an error (a template that failed) returns it with the others: the build
    fails on it, whichever process rendered the format.
    """
    own = diags.fresh()
    try:
        FORMATS[fmt].render(job, target, own)
    except ContentError:
        if not own.has_errors:
            raise
    return own.items
