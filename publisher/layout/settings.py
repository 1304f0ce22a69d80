"""A layout folder (``layouts/<name>/``): its settings, its templates and its page metrics.

A layout is data: ``layout.yaml`` gives the page, the type sizes, the face of
each element and the labels; Jinja2 templates and CSS hold the design. Python
only derives what must be computed (the type area as a whole number of
characters) and renders templates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

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


def environment(layout: Layout) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(layout.folder),
        autoescape=jinja2.select_autoescape(["html.j2", "xhtml.j2"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["phrases"] = phrases
    env.globals["article_break"] = ARTICLE_STARTS[article_start(layout.settings)]
    return env


PHRASE_END = re.compile(r"(?<=[，：；、])|(?= )")


def phrases(text: str) -> Markup:
    """Wrap each phrase of a title in a span, so that a title breaks between phrases.

    Chinese titles are broken at phrase boundaries (after a comma, at the
    spaces that separate phrases), never in the middle of a word; the layout's
    CSS makes each span an unbreakable-unless-too-long box.
    """
    parts = [part for part in PHRASE_END.split(text) if part]
    return Markup("").join(
        Markup(" ") + Markup('<span class="phrase">{}</span>').format(part[1:])
        if part.startswith(" ")
        else Markup('<span class="phrase">{}</span>').format(part)
        for part in parts
    )


def css_string(text: str) -> str:
    """Quote text for a CSS ``content`` value."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def render(env: jinja2.Environment, template: str, diags: Diagnostics, **context: object) -> str:
    """Render one template; a broken template is reported with its file and line."""
    try:
        return env.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        diags.error(exc.filename or template, exc.lineno or 0, "template", f"template error: {exc.message}")
    except jinja2.TemplateError as exc:
        line = _template_line(exc)
        diags.error(line[0] or template, line[1], "template", f"template error: {exc}")
    raise ContentError


def _template_line(exc: Exception) -> tuple[str, int]:
    """The template file and line an error was raised at, from Jinja's rewritten traceback."""
    tb = exc.__traceback__
    found = ("", 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def font_faces(layout: Layout, faces: dict[str, Face]) -> dict[str, Face]:
    """The face of each element the layout names (``title`` → the serif-bold face, …)."""
    return {element: faces[role] for element, role in layout.settings["faces"].items()}
