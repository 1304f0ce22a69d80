"""A layout folder (``layouts/<name>/``): its settings and its page metrics.

A layout is data: ``layout.yaml`` gives the page, the type sizes, the face of
each element and the labels; Jinja2 templates and CSS hold the design (see
:mod:`.templates`). Python only derives what must be computed (the type area
as a whole number of characters).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from publisher.diagnostics import ContentError, Diagnostics
from publisher.layout import autospace
from publisher.layout.fonts import Face
from publisher.layout.pagesizes import PageSize
from publisher.sources.fields import did_you_mean
from publisher.sources.yamlfile import MALFORMED, load_yaml, read_text

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Layout:
    name: str
    folder: Path
    settings: dict

    def face_role(self, element: str) -> str:
        return self.settings["faces"][element]

    def metrics(self, paper: PageSize) -> dict[str, float]:
        """Page geometry in points for a page size.

        The type area is as many whole characters wide and whole lines high as
        fit inside the minimum margins, so that pure-Han lines fill it exactly
        on any page size; the outer and bottom margins take what is left.
        """
        page = self.settings["page"]
        width, height = mm(paper.width_mm), mm(paper.height_mm)
        size, leading = float(page["font-size"]), float(page["line-height"])
        inner, top = mm(page["inner"]), mm(page["top"])
        text_width = math.floor((width - inner - mm(page["outer-min"])) / size) * size
        text_height = math.floor((height - top - mm(page["bottom-min"])) / leading) * leading
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


def mm(value: float | str) -> float:
    """A length given in millimetres (a number or ``"148mm"``) in points."""
    return float(str(value).removesuffix("mm")) * PT_PER_MM


def available(layouts_dir: Path) -> list[str]:
    return sorted(p.name for p in layouts_dir.iterdir() if (p / "layout.yaml").is_file())


def load_layout(layouts_dir: Path, name: str, diags: Diagnostics, where: Path, line: int) -> Layout:
    """Load ``layouts_dir/name``; an unknown name lists the ones there are."""
    folder = layouts_dir / name
    if not (folder / "layout.yaml").is_file():
        names = available(layouts_dir)
        diags.error(
            where,
            line,
            "layout-unknown",
            f"unknown layout '{name}'{did_you_mean(name, names)}; available: {', '.join(names)}",
        )
        raise ContentError
    path = folder / "layout.yaml"
    text = read_text(path, diags)
    settings = load_yaml(text, path, 1, diags) if text is not None else MALFORMED
    if not isinstance(settings, dict):
        if settings is not MALFORMED:
            diags.error(path, 1, "layout", "layout.yaml must be a mapping of settings")
        raise ContentError
    _check_options(settings, path, text, diags)
    return Layout(name, folder, settings)


JUSTIFICATIONS = ("inter-character", "spaces")
EPUB_FONTS = ("none", "subset")
ARTICLE_STARTS = {"recto": "right", "verso": "left", "any": "page"}
"""``page: article-start:`` and the CSS ``break-before`` it means."""


def article_start(settings: dict) -> str:
    """Where each article begins: ``recto`` (the default), ``verso`` or ``any`` page."""
    return (settings.get("page") or {}).get("article-start", "recto")


def _check_options(settings: dict, path: Path, text: str, diags: Diagnostics) -> None:
    """The options with a closed set of values, checked once here so that ``check`` reports a
    mistyped one at its line and the renderers can rely on them."""
    typography = settings.get("typography") or {}
    problems = []
    fonts = (settings.get("epub") or {}).get("fonts", "subset")
    if fonts not in EPUB_FONTS:
        problems.append(("fonts", f"epub.fonts is '{fonts}'; it must be one of: {', '.join(EPUB_FONTS)}"))
    if article_start(settings) not in ARTICLE_STARTS:
        problems.append(
            (
                "article-start",
                f"page: article-start: '{article_start(settings)}' must be one of: {', '.join(ARTICLE_STARTS)}",
            )
        )
    if typography.get("justify", "spaces") not in JUSTIFICATIONS:
        problems.append(
            (
                "justify",
                f"typography: justify: '{typography['justify']}' is neither "
                f"'{JUSTIFICATIONS[0]}' nor '{JUSTIFICATIONS[1]}'",
            )
        )
    try:
        autospace.mode(settings)
    except ValueError as error:
        problems.append(("autospace", str(error)))
    for key, message in problems:
        line = next((n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith(f"{key}:")), 0)
        diags.error(path, line, "layout", message)
    if problems:
        raise ContentError


def font_faces(layout: Layout, faces: dict[str, Face]) -> dict[str, Face]:
    """The face of each element the layout names (``title`` → the serif-bold face, …)."""
    return {element: faces[role] for element, role in layout.settings["faces"].items()}
