"""The one place that knows WeasyPrint's and pydyf's internals, behind a small facade.

The PDF renderer (:mod:`publisher.render.pdf.writer`) calls only what this module defines, in
this order: :func:`plan` (which patches are in force with the engines installed), :func:`start`
(import WeasyPrint), :func:`typesetter` (the stylesheet and faces loaded), :func:`lay_out` (the
book in pieces, in one process or on two cores), then :func:`write` and :func:`cover`. Nothing
outside this package imports WeasyPrint or pydyf.

Every patch of an engine's internals is registered in :mod:`.patches`, with the version it was
written against. A module that patches is imported only when its patch is in force.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.diagnostics import Diagnostics
from publisher.render.pdf.engine.messages import reported
from publisher.render.pdf.engine.patches import Plan, plan
from publisher.render.pdf.engine.pieces import ArticleMarkup, FrontMarkup, Memo, Typesetter, files_now
from publisher.render.pdf.engine.typeset import Setup
from publisher.util import cores

__all__ = [
    "ArticleMarkup",
    "FrontMarkup",
    "Laid",
    "Memo",
    "Plan",
    "Setup",
    "Typesetter",
    "cover",
    "files_now",
    "lay_out",
    "plan",
    "start",
    "typesetter",
    "write",
]

TWO_CORE_STARTS = {"recto": 1, "verso": 2}
"""Where articles may start for the two-core layout: the first page the other process numbers them from
(an article that may start on either side cannot be laid out before its side is known)."""


@dataclass(frozen=True)
class Laid:
    """The print edition laid out: WeasyPrint's document, the article content of each page (see
    :mod:`.pagemap`), and what laying it out reported."""

    document: Any
    contents: list
    found: list


def start(engines: Plan, cache: Path | None) -> None:
    """Import WeasyPrint in this process, with the import accelerators ``engines`` allows."""
    from publisher.render.pdf.engine.importing import import_weasyprint

    import_weasyprint(cache, "import" in engines, "declarations" in engines)


def typesetter(setup: Setup) -> Typesetter:
    from publisher.render.pdf.engine.typeset import typesetter as make

    return make(setup)


def lay_out(
    setter: Typesetter,
    front: FrontMarkup,
    articles: list[ArticleMarkup],
    start: str,
    engines: Plan,
    *,
    justify: bool,
    faces: Sequence[Path],
    keep: bool,
    marks: bool,
    tagged: bool,
    back: str | None = None,
) -> Laid:
    """The book laid out in pieces, each article starting on a ``start`` page, and the back cover
    (``back``, its HTML) last.

    ``justify``: with inter-character justification; ``keep``: the pieces are kept for the next
    build of this process (``--watch``), so they are laid out here; ``marks``, ``tagged``: printer's
    marks (an SVG group) or a tagged PDF, whose pages cannot be drawn in another process.
    """
    from publisher.render.pdf.engine import pieces
    from publisher.render.pdf.engine.pagemap import page_content

    with _laying_out(engines, justify):
        if "two-cores" in engines and start in TWO_CORE_STARTS and cores.available() and not (keep or marks or tagged):
            from publisher.render.pdf.engine import twocores

            return Laid(*twocores.compose(setter, front, articles, start, faces, back))
        document, found = pieces.compose(setter, front, articles, start, back)
    return Laid(document, [page_content(page) for page in document.pages], found)


def write(
    laid: Any,
    target: Path,
    variant: str | None,
    engines: Plan,
    kept: Path | None,
    where: Path,
    diags: Diagnostics,
    cmyk_profile: Path | None = None,
) -> None:
    """Write the laid-out book as a PDF (``variant``: a PDF/A, PDF/UA or PDF/X); ``kept``: the build's cache
    of pure results; WeasyPrint's warnings reported at ``where``.

    ``cmyk_profile`` is the ICC profile of the press's CMYK, for a PDF/X: WeasyPrint names the profile of
    ``device-cmyk`` as the output intent and embeds it. The book was laid out without it (it changes
    no layout), so it is given to the document written here.
    """
    with reported(diags, where), _writing(engines, kept):
        if cmyk_profile is not None:
            laid = _printed_in_cmyk(laid, cmyk_profile)
        laid.write_pdf(target, pdf_identifier=True, pdf_variant=variant)


def _printed_in_cmyk(laid: Any, profile: Path) -> Any:
    """The laid-out book with ``profile`` as its ``device-cmyk`` and its output intent, as an
    ``@color-profile device-cmyk`` rule would give it (WeasyPrint 70's ``Document`` attributes)."""
    from weasyprint.css import ColorProfile

    with profile.open("rb") as handle:
        cmyk = ColorProfile(handle, profile.name, "relative-colorimetric", (["c"], ["m"], ["y"], ["k"]))
    document = laid.copy()
    document.color_profiles = {"device-cmyk": cmyk}
    document.output_intent = "device-cmyk"
    return document


def cover(laid: Any, engines: Plan, kept: Path | None, where: Path, diags: Diagnostics) -> bytes:
    """The first page of the laid-out book as a PDF of its own."""
    with reported(diags, where), _writing(engines, kept):
        return laid.copy(laid.pages[:1]).write_pdf()


@contextmanager
def _laying_out(engines: Plan, justify: bool) -> Iterator[None]:
    """The patches in force while laying out; pages may be drawn ahead (two cores), so the drawing ones too."""
    with ExitStack() as stack:
        if justify:
            from publisher.render.pdf.engine.justify import inter_character

            stack.enter_context(inter_character())
        if "page-styles" in engines:
            from publisher.render.pdf.engine.pagestyles import per_page_styles

            stack.enter_context(per_page_styles())
        if "leaders" in engines:
            from publisher.render.pdf.engine.leaders import repeated_leaders

            stack.enter_context(repeated_leaders())
        yield


@contextmanager
def _writing(engines: Plan, kept: Path | None) -> Iterator[None]:
    """The patches in force while writing: font cuts and compressed streams kept in the build's cache,
    leader dots repeated."""
    with ExitStack() as stack:
        if "subsets" in engines:
            from publisher.render.pdf.engine.subsets import cached_subsets

            stack.enter_context(cached_subsets(kept / "subsets" if kept else None))
        if "streams" in engines:
            from publisher.render.pdf.engine.streams import compressed_once

            stack.enter_context(compressed_once(kept / "streams" if kept else None))
        if "leaders" in engines:
            from publisher.render.pdf.engine.leaders import repeated_leaders

            stack.enter_context(repeated_leaders())
        yield
