"""A layout (``layouts/<name>/``) as the stages after it see it: typed settings and page metrics.

A layout is data: ``layout.yaml`` gives the page, the type sizes, the face of each element and the
labels (read and checked by :mod:`.loading`); Jinja2 templates and CSS hold the design (see
:mod:`.templates`). Python only derives what must be computed (the type area as a whole number of
characters).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from publisher.layout.fonts import Face
from publisher.layout.pagesizes import PageSize

PT_PER_MM = 72 / 25.4

JUSTIFICATIONS = ("inter-character", "spaces")
EPUB_FONTS = ("none", "subset")
WEB_FONTS = ("none", "subset")
TOC_DEPTHS = (1, 2)
ARTICLE_STARTS = {"recto": "right", "verso": "left", "any": "page"}
"""``page: article-start:`` and the CSS ``break-before`` it means."""

ELEMENTS = (
    *("body", "strong", "emphasis", "heading", "code"),
    *("book-title", "book-subtitle", "editor", "imprint"),
    *("title", "kicker", "subtitle", "author", "note"),
)
"""The elements the build itself sets text in (the glyph check, :mod:`publisher.checks.glyphs`): ``faces:``
must give each a font role."""
LABELS = ("toc", "landmarks", "subtitle-dash", "note-open", "note-close", "list-bullet", "list-number-suffix", "break")
"""The labels the build itself prints or looks for (the e-book's navigation, the PDF's inspection)."""


@dataclass(frozen=True)
class Colour:
    """A colour of ``colours:``: CSS for a screen, and the process colour a press prints when the layout gives
    one (``cmyk:``), since a PDF/X file may hold no RGB while an e-book or a PDF/A may hold no CMYK."""

    css: str
    """Any CSS colour; for a process colour, its ``rgb:``, else its naive sRGB (CSS Color 5 ``device-cmyk()``)."""
    cmyk: tuple[float, float, float, float] | None = None
    """Cyan, magenta, yellow and black, in per cent."""

    def __str__(self) -> str:
        return self.css

    def printed(self, process: bool) -> str:
        """The CSS for a PDF: ``device-cmyk()`` when the press prints ``process`` colours and there is one."""
        if process and self.cmyk is not None:
            return "device-cmyk({})".format(" ".join(f"{value:g}%" for value in self.cmyk))
        return self.css


def naive_rgb(cmyk: tuple[float, float, float, float]) -> str:
    """The sRGB a CMYK colour has without a profile, as CSS Color 5 converts ``device-cmyk()``."""
    *inks, black = (value / 100 for value in cmyk)
    return "#" + "".join(f"{round(255 * (1 - min(1, ink * (1 - black) + black))):02x}" for ink in inks)


@dataclass(frozen=True)
class PageSettings:
    """``page:``: the default page size and the grid the type area is built on."""

    size: PageSize
    font_size: float
    """The body type size, in pt."""
    line_height: float
    """The line grid, in pt."""
    inner_mm: float
    top_mm: float
    outer_min_mm: float
    bottom_min_mm: float
    article_start: str
    """``recto``, ``verso`` or ``any``: the page each article begins on."""


@dataclass(frozen=True)
class Typography:
    """``typography:``: how lines are justified and Han set apart from Latin letters."""

    justify: str
    """One of :data:`JUSTIFICATIONS`."""
    autospace: str
    """One of :data:`publisher.layout.autospace.MODES`."""


@dataclass(frozen=True)
class Templates:
    """``templates:``: file names in the layout's folder."""

    pdf: str
    print_css: str
    epub_css: str
    titlepage: str
    imprint: str
    article: str
    part: str
    """A part's title page, shared by both editions."""
    back_cover: str | None = None
    """The back cover (封底); without one the book ends with its last article."""


@dataclass(frozen=True)
class EpubSettings:
    """``epub:``: what only the e-book has."""

    fonts: str
    """One of :data:`EPUB_FONTS`."""
    page_list: str
    page_source: str
    """The print edition the page numbers come from; ``{title}`` is the book's title."""
    summary: str


@dataclass(frozen=True)
class WebSettings:
    """``web:``: the web edition's own files (file names in the layout's folder) and fonts."""

    fonts: str
    """One of :data:`WEB_FONTS`: the faces as WOFF2 files cut down to the site's characters, or none."""
    page: str
    """The template of every page: the frame around an article, the index's contents."""
    css: str
    """The template of the stylesheet."""
    script: str
    """The script every page loads (contents, search, highlight), copied as it is."""


@dataclass(frozen=True)
class Layout:
    """A layout as its ``layout.yaml`` gives it, every setting checked (see :func:`.loading.load_layout`)."""

    name: str
    folders: tuple[Path, ...]
    """The layout's folder, then those of the layouts it extends: a template or stylesheet is the first found."""
    description: str
    page: PageSettings
    typography: Typography
    faces: Mapping[str, str]
    """The font role (of ``fonts/manifest.yaml``) of each element."""
    sizes: Mapping[str, float]
    """Type sizes in pt, as written (``24`` stays ``24`` in the CSS)."""
    colours: Mapping[str, Colour]
    labels: Mapping[str, str | Mapping[str, str]]
    """The text the layout prints itself; ``imprint`` holds the imprint page's own labels."""
    templates: Templates
    epub: EpubSettings
    toc_depth: int = 1
    """What the contents list, in print and in the e-book's navigation: 1, the articles (and parts);
    2, also each article's sections (its ``#`` and ``##`` headings)."""
    web: WebSettings | None = None
    """None for a layout that makes no web edition."""

    @property
    def folder(self) -> Path:
        """The layout's own folder (where its ``layout.yaml`` is)."""
        return self.folders[0]

    def file(self, name: str) -> Path:
        """The file ``name`` of the layout: its own, else that of the nearest layout it extends."""
        return next((folder / name for folder in self.folders if (folder / name).is_file()), self.folder / name)

    def metrics(self, paper: PageSize) -> dict[str, float]:
        """Page geometry in points for a page size.

        The type area is as many whole characters wide and whole lines high as
        fit inside the minimum margins, so that pure-Han lines fill it exactly
        on any page size; the outer and bottom margins take what is left.
        """
        page = self.page
        width, height = mm(paper.width_mm), mm(paper.height_mm)
        size, leading = page.font_size, page.line_height
        inner, top = mm(page.inner_mm), mm(page.top_mm)
        text_width = math.floor((width - inner - mm(page.outer_min_mm)) / size) * size
        text_height = math.floor((height - top - mm(page.bottom_min_mm)) / leading) * leading
        return {
            "width": width,
            "height": height,
            "font_size": size,
            "line_height": leading,
            "text_width": text_width,
            "text_height": text_height,
            "inner": inner,
            "outer": width - inner - text_width,
            "top": top,
            "bottom": height - top - text_height,
        }


def mm(value: float) -> float:
    """A length in millimetres, in points."""
    return value * PT_PER_MM


def font_faces(layout: Layout, faces: Mapping[str, Face]) -> dict[str, Face]:
    """The face of each element the layout names (``title`` → the serif-bold face, …)."""
    return {element: faces[role] for element, role in layout.faces.items()}
