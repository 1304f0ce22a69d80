"""``layouts/<name>/layout.yaml`` read and checked once into a :class:`~publisher.layout.settings.Layout`.

Every setting is checked when the layout is loaded, each problem reported at its line and all of
them at once, so that the stages after it never find a setting missing or of the wrong kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.diagnostics import ContentError, Diagnostics
from publisher.layout import autospace
from publisher.layout.pagesizes import PageSize, page_size, unknown_page_size
from publisher.layout.settings import (
    ARTICLE_STARTS,
    ELEMENTS,
    EPUB_FONTS,
    JUSTIFICATIONS,
    LABELS,
    TOC_DEPTHS,
    WEB_FONTS,
    Colour,
    EpubSettings,
    Layout,
    PageSettings,
    Templates,
    Typography,
    WebSettings,
    naive_rgb,
)
from publisher.sources.fields import did_you_mean
from publisher.sources.yamlfile import MALFORMED, key_paths, load_yaml, read_text


def available(layouts: Sequence[Path]) -> dict[str, Path]:
    """Every layout by name, each the first found in ``layouts`` (a book's own folder before the built-in one)."""
    found: dict[str, Path] = {}
    for folder in layouts:
        if folder.is_dir():
            for child in sorted(folder.iterdir()):
                if (child / "layout.yaml").is_file():
                    found.setdefault(child.name, child)
    return dict(sorted(found.items()))


def load_layout(
    layouts: Sequence[Path],
    name: str,
    diags: Diagnostics,
    where: Path,
    line: int,
    roles: Collection[str] | None = None,
) -> Layout:
    """Load and check the layout ``name``, the first found in the folders ``layouts``, with the layouts it
    ``extends``; an unknown name lists the ones there are.

    ``roles`` are the font roles ``faces:`` may name (those of the fonts' manifests); without them, for a
    layout read for its page metrics alone, the roles are not checked. Every problem is reported, each at
    its line in the file that gives the setting, before :class:`ContentError` is raised.
    """
    names = available(layouts)
    if name not in names:
        known = list(names)
        diags.error(where, line, "layout-unknown",
                    f"unknown layout '{name}'{did_you_mean(name, known)}; available: {', '.join(known)}")  # fmt: skip
        raise ContentError
    chain = _chain(names[name], layouts, diags)
    data, lines = _merged(chain)
    settings = _LayoutFile(chain[0].path, tuple(source.path.parent for source in chain), data, lines, diags)
    layout = settings.layout(name, roles)
    if settings.wrong:
        raise ContentError
    return layout


@dataclass(frozen=True)
class _Source:
    """One ``layout.yaml`` as written: its settings and the line of each key."""

    path: Path
    data: dict
    lines: Mapping[tuple[str, ...], int]


MAX_EXTENDS = 8
"""How long a chain of layouts extending one another may be."""


def _chain(folder: Path, layouts: Sequence[Path], diags: Diagnostics) -> list[_Source]:
    """The layout in ``folder`` and those it ``extends``, itself first.

    A parent is the first layout of that name in ``layouts`` that is not already in the chain, so that a
    book's ``layouts/booklet/`` may extend the built-in ``booklet``.
    """
    chain = [_source(folder / "layout.yaml", diags)]
    while (parent := chain[-1].data.get("extends")) is not None:
        where = (chain[-1].path, chain[-1].lines.get(("extends",), 1))
        seen = {source.path.parent for source in chain}
        found = next((d / str(parent) for d in layouts if (d / str(parent) / "layout.yaml").is_file()
                      and d / str(parent) not in seen), None)  # fmt: skip
        if not isinstance(parent, str) or found is None or len(chain) == MAX_EXTENDS:
            names = list(available(layouts))
            why = ("would make a circle of layouts" if parent in names
                   else f"is not a layout{did_you_mean(str(parent), names)}")  # fmt: skip
            diags.error(*where, "layout", f"extends: '{parent}' {why}; the layouts are: {', '.join(names)}")
            raise ContentError
        chain.append(_source(found / "layout.yaml", diags))
    return chain


def _source(path: Path, diags: Diagnostics) -> _Source:
    text = read_text(path, diags)
    data = load_yaml(text, path, 1, diags) if text is not None else MALFORMED
    if not isinstance(data, dict):
        if data is not MALFORMED:
            diags.error(path, 1, "layout", "layout.yaml must be a mapping of settings")
        raise ContentError
    return _Source(path, _text_keys(data), key_paths(text))


def _merged(chain: list[_Source]) -> tuple[dict, dict[tuple[str, ...], tuple[Path, int]]]:
    """The settings of a chain of layouts, each over those it extends (mappings merged key by key, other
    values replaced), and the file and line each key is set at."""
    data: dict = {}
    lines: dict[tuple[str, ...], tuple[Path, int]] = {}
    for source in reversed(chain):
        data = _over(data, {key: value for key, value in source.data.items() if key != "extends"})
        lines.update({keys: (source.path, line) for keys, line in source.lines.items()})
    return data, lines


def _over(base: dict, given: dict) -> dict:
    merged = dict(base)
    for key, value in given.items():
        merged[key] = _over(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return merged


MISSING: Any = object()
"""A setting not given; also what a reader returns for a wrong one (the layout is then not made)."""
LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*mm\s*$")
SECTIONS = (
    *("extends", "description", "page", "typography", "faces", "sizes", "colours", "labels"),
    *("templates", "epub", "web", "toc-depth"),
)
PAGE = ("size", "font-size", "line-height", "inner", "top", "outer-min", "bottom-min", "article-start")
TYPOGRAPHY = ("justify", "autospace")
TEMPLATES = ("pdf", "print-css", "epub-css", "titlepage", "imprint", "article", "part", "back-cover")
EPUB = ("fonts", "page-list", "page-source", "summary")
WEB = ("fonts", "page", "css", "script")
SIZE = "a type size in pt, e.g. 'title: 20'"
COLOUR = "a CSS colour, in quotes (an unquoted # starts a comment), e.g. 'cover: \"#a61b1b\"'"
CMYK = "cyan, magenta, yellow and black in per cent, e.g. 'cmyk: [0, 84, 84, 35]'"
PROCESS = ("cmyk", "rgb")
PAGE_SOURCE = "the print edition the page numbers come from, e.g. 'page-source: \"{title}（印刷版）\"'"


def _text_keys(data: object) -> object:
    """YAML's mappings with every key as text, as the lines of :func:`key_paths` name them."""
    if isinstance(data, dict):
        return {str(key): _text_keys(value) for key, value in data.items()}
    return data


def _percentage(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 100


def _name(keys: tuple[str, ...]) -> str:
    return ": ".join(keys)


class _LayoutFile:
    """``layout.yaml`` as parsed, with the line of each key: each setting read once, each problem reported."""

    def __init__(
        self,
        path: Path,
        folders: tuple[Path, ...],
        data: dict,
        lines: Mapping[tuple[str, ...], tuple[Path, int]],
        diags: Diagnostics,
    ) -> None:
        self.path, self.folders, self.data, self.lines, self.diags = path, folders, data, lines, diags
        self.wrong = False

    def layout(self, name: str, roles: Collection[str] | None) -> Layout:
        self.unknown((), self.data, SECTIONS)
        return Layout(
            name=name,
            folders=self.folders,
            description=self.text(("description",), "a line saying what the layout is for", ""),
            page=self.page_settings(),
            typography=self.typography(),
            faces=self.faces(roles),
            sizes=self.entries(("sizes",), lambda keys: self.number(keys, SIZE), {}),
            colours=self.entries(("colours",), self.colour, {}),
            labels=self.labels(),
            templates=self.templates(),
            epub=self.epub(),
            web=self.web(),
            toc_depth=self.toc_depth(),
        )

    def toc_depth(self) -> int:
        """Optional: the articles alone by default."""
        value = self.given(("toc-depth",), "", TOC_DEPTHS[0])
        if value in TOC_DEPTHS and not isinstance(value, bool):
            return value
        self.error(("toc-depth",), f"toc-depth: '{value}' must be 1 (the articles) or 2 (their sections too)")
        return MISSING

    def page_settings(self) -> PageSettings | None:
        if not self.section("page", PAGE):
            return None
        return PageSettings(
            size=self.page_size(("page", "size")),
            font_size=self.points(("page", "font-size"), "the body type size in pt, e.g. 'font-size: 10.5'"),
            line_height=self.points(("page", "line-height"), "the line grid in pt, e.g. 'line-height: 18'"),
            inner_mm=self.length(("page", "inner"), "the inner (binding) margin, e.g. 'inner: 20mm'"),
            top_mm=self.length(("page", "top"), "the top margin, e.g. 'top: 22mm'"),
            outer_min_mm=self.length(("page", "outer-min"), "the least outer margin, e.g. 'outer-min: 24mm'"),
            bottom_min_mm=self.length(("page", "bottom-min"), "the least bottom margin, e.g. 'bottom-min: 22mm'"),
            article_start=self.choice(
                ("page", "article-start"),
                tuple(ARTICLE_STARTS),
                "recto",
                f"page: article-start: '{{}}' must be one of: {', '.join(ARTICLE_STARTS)}",
            ),
        )

    def typography(self) -> Typography:
        """Optional, as each of its settings."""
        self.section("typography", TYPOGRAPHY, required=False)
        return Typography(
            justify=self.choice(
                ("typography", "justify"),
                JUSTIFICATIONS,
                "spaces",
                f"typography: justify: '{{}}' is neither '{JUSTIFICATIONS[0]}' nor '{JUSTIFICATIONS[1]}'",
            ),
            autospace=self.choice(
                ("typography", "autospace"),
                autospace.MODES,
                autospace.DEFAULT,
                f"typography: autospace: '{{}}' is none of {', '.join(autospace.MODES)}",
            ),
        )

    def faces(self, roles: Collection[str] | None) -> dict[str, str]:
        def role(keys: tuple[str, ...]) -> str:
            value = self.text(keys, "a font role of fonts/manifest.yaml, e.g. 'title: serif-bold'")
            if value is not MISSING and roles is not None and value not in roles:
                self.error(
                    keys,
                    f"{_name(keys)}: '{value}' is not a font role of fonts/manifest.yaml"
                    f"{did_you_mean(value, sorted(roles))}; the roles are: {', '.join(sorted(roles))}",
                )
            return value

        faces = self.entries(("faces",), role)
        self.needed("faces", faces, ELEMENTS, "font role for {}, whose text the build sets", "'title: serif-bold'")
        return faces

    def labels(self) -> dict[str, str | dict[str, str]]:
        def label(keys: tuple[str, ...]) -> str | dict[str, str]:
            if isinstance(self.value(keys), dict):  # a group of labels, as the imprint page's
                return self.entries(keys, lambda inner: self.text(inner, "the text to print, e.g. 'toc: 目　录'"))
            return self.text(keys, "the text to print, e.g. 'toc: 目　录'")

        labels = self.entries(("labels",), label)
        self.needed("labels", labels, LABELS, "label for {}, which the build prints", "'toc: 目　录'")
        return labels

    def templates(self) -> Templates | None:
        if not self.section("templates", TEMPLATES):
            return None
        return Templates(
            pdf=self.template("pdf", "the print book's HTML"),
            print_css=self.template("print-css", "the print stylesheet"),
            epub_css=self.template("epub-css", "the e-book's stylesheet"),
            titlepage=self.template("titlepage", "the title page, shared by both editions"),
            imprint=self.template("imprint", "the imprint page, shared by both editions"),
            article=self.template("article", "an article, shared by both editions"),
            part=self.template("part", "a part's title page, shared by both editions"),
            back_cover=self.template("back-cover", "the back cover (封底), the print book's last page", None),
        )

    def epub(self) -> EpubSettings | None:
        if not self.section("epub", EPUB):
            return None
        return EpubSettings(
            fonts=self.choice(
                ("epub", "fonts"),
                EPUB_FONTS,
                "subset",
                f"epub.fonts is '{{}}'; it must be one of: {', '.join(EPUB_FONTS)}",
            ),
            page_list=self.text(("epub", "page-list"), "the heading of the print page numbers, e.g. 'page-list: 页码'"),
            page_source=self.page_source(("epub", "page-source")),
            summary=self.text(("epub", "summary"), "the accessibility summary, in the book's language"),
        )

    def web(self) -> WebSettings | None:
        """Optional: a layout without it makes no web edition."""
        if not self.section("web", WEB, required=False):
            return None
        return WebSettings(
            fonts=self.choice(
                ("web", "fonts"), WEB_FONTS, "subset", f"web: fonts: '{{}}' must be one of: {', '.join(WEB_FONTS)}"
            ),
            page=self.template("page", "the template of every page of the web edition", section="web"),
            css=self.template("css", "the web edition's stylesheet", section="web"),
            script=self.template("script", "the web edition's script", section="web"),
        )

    # Reading one setting: each returns MISSING, with an error, for a missing or wrong one.

    def value(self, keys: tuple[str, ...]) -> object:
        node: object = self.data
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return MISSING
            node = node[key]
        return node

    def given(self, keys: tuple[str, ...], hint: str, default: object = MISSING) -> object:
        """The setting at ``keys``; ``default`` if it is not given, else an error for its absence."""
        value = self.value(keys)
        if value is not MISSING and value is not None:
            return value
        if default is not MISSING:
            return default
        if value is None:
            self.error(keys, f"{_name(keys)} is empty: give {hint}")
        else:
            under = f" under '{_name(keys[:-1])}:'" if len(keys) > 1 else ""
            self.error(keys, f"{_name(keys)} is missing: add it{under} ({hint})")
        return MISSING

    def text(self, keys: tuple[str, ...], hint: str, default: object = MISSING) -> str:
        value = self.given(keys, hint, default)
        if value is MISSING or isinstance(value, str):
            return value
        self.error(keys, f"{_name(keys)}: {value!r} is not text: give {hint} (in quotes if need be)")
        return MISSING

    def number(self, keys: tuple[str, ...], hint: str) -> float:
        value = self.given(keys, hint)
        if value is MISSING or (isinstance(value, int | float) and not isinstance(value, bool) and value > 0):
            return value
        self.error(keys, f"{_name(keys)}: '{value}' is not a positive number: give {hint}")
        return MISSING

    def points(self, keys: tuple[str, ...], hint: str) -> float:
        """A number the page metrics compute with, as a float whichever way it is written."""
        value = self.number(keys, hint)
        return value if value is MISSING else float(value)

    def length(self, keys: tuple[str, ...], hint: str) -> float:
        """Millimetres, written ``20mm`` or ``20``."""
        value = self.given(keys, hint)
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            return float(value)
        match = LENGTH.match(value) if isinstance(value, str) else None
        if match:
            return float(match.group(1))
        if value is not MISSING:
            self.error(keys, f"{_name(keys)}: '{value}' is not a length in millimetres: give {hint}")
        return MISSING

    def choice(self, keys: tuple[str, ...], choices: tuple[str, ...], default: str, message: str) -> str:
        """One of ``choices`` (``default`` if not given); ``message`` has ``{}`` for the wrong value."""
        value = self.given(keys, "", default)
        if value in choices:
            return value
        self.error(keys, message.format(value))
        return MISSING

    def page_size(self, keys: tuple[str, ...]) -> PageSize:
        name = self.text(keys, "the default page size, e.g. 'size: A5'")
        paper = page_size(name) if name is not MISSING else None
        if name is not MISSING and paper is None:
            self.error(keys, f"{_name(keys)}: {unknown_page_size(name)}")
        return paper or MISSING

    def template(self, key: str, what: str, default: object = MISSING, section: str = "templates") -> str:
        """The file name of a template; ``default`` when an optional one is left out."""
        keys = (section, key)
        if default is not MISSING and self.value(keys) is MISSING:
            return default
        name = self.text(keys, f"the file name of {what} in the layout's folder, e.g. '{key}: {key}.j2'")
        if name is MISSING:
            return name
        if Path(name).is_absolute() or ".." in Path(name).parts or not any((f / name).is_file() for f in self.folders):
            self.error(
                keys,
                f"{_name(keys)}: there is no file '{name}' in the layout's folder {self.folders[0].name}/"
                f"{' or those of the layouts it extends' if len(self.folders) > 1 else ''}: "
                f"give the file name of {what} there",
            )
            return MISSING
        return name

    def colour(self, keys: tuple[str, ...]) -> Colour:
        """A CSS colour, or a process colour: ``cmyk:`` and, for a screen, ``rgb:`` (else its naive sRGB)."""
        if not isinstance(self.value(keys), dict):
            css = self.text(keys, COLOUR)
            return css if css is MISSING else Colour(css)
        self.unknown(keys, self.value(keys), PROCESS)
        inks = self.given((*keys, "cmyk"), CMYK)
        if inks is MISSING:
            return MISSING
        if not (isinstance(inks, list) and len(inks) == 4 and all(_percentage(ink) for ink in inks)):
            self.error((*keys, "cmyk"), f"{_name((*keys, 'cmyk'))}: {inks!r} is not four inks: give {CMYK}")
            return MISSING
        cmyk = tuple(float(ink) for ink in inks)
        given = self.value((*keys, "rgb")) is not MISSING
        css = self.text((*keys, "rgb"), COLOUR) if given else naive_rgb(cmyk)
        return css if css is MISSING else Colour(css, cmyk)

    def page_source(self, keys: tuple[str, ...]) -> str:
        source = self.text(keys, PAGE_SOURCE)
        if source is MISSING:
            return source
        try:
            source.format(title="")
        except (KeyError, IndexError, ValueError):
            self.error(
                keys,
                f"{_name(keys)}: '{source}' may name only {{title}} (the book's title) in braces; "
                "write a brace itself twice, {{ or }}",
            )
            return MISSING
        return source

    # Groups of settings.

    def section(self, key: str, known: tuple[str, ...], required: bool = True) -> bool:
        """Whether ``key:`` holds settings to read (those of ``known``); an optional one may be left out."""
        value = self.given((key,), f"its settings: {', '.join(known)}", MISSING if required else None)
        if value is MISSING or value is None:
            return False
        if not isinstance(value, dict):
            self.error((key,), f"{key}: must hold settings, one 'name: value' per line indented under '{key}:'")
            return False
        self.unknown((key,), value, known)
        return True

    def entries(
        self, keys: tuple[str, ...], read: Callable[[tuple[str, ...]], object], default: object = MISSING
    ) -> dict:
        """A mapping of names the layout chooses, each value checked by ``read``; ``default`` if not given."""
        value = self.given(keys, "one 'name: value' per line indented under it", default)
        if value is MISSING or value is default:
            return value
        if not isinstance(value, dict):
            self.error(keys, f"{_name(keys)}: must hold one 'name: value' per line indented under it")
            return MISSING
        return {name: read((*keys, name)) for name in value}

    def needed(self, key: str, found: object, names: tuple[str, ...], lacking: str, example: str) -> None:
        """One error for all the ``names`` the mapping ``key:`` lacks; ``lacking`` has ``{}`` for them."""
        missing = [name for name in names if isinstance(found, dict) and name not in found]
        if missing:
            what = lacking.format(", ".join(missing))
            each = "it" if len(missing) == 1 else "each"
            self.error((key,), f"{key}: no {what}: add {each} under '{key}:', e.g. {example}")

    def unknown(self, keys: tuple[str, ...], mapping: dict, known: tuple[str, ...]) -> None:
        for name in mapping:
            if name not in known:
                self.diags.warning(
                    *self.lines.get((*keys, name), (self.path, 1)),
                    "layout",
                    f"{_name((*keys, name))}: unknown setting, ignored{did_you_mean(name, known)}",
                )

    def error(self, keys: tuple[str, ...], message: str) -> None:
        """An error at the line of ``keys``, or of the nearest key above it that is written, else line 1."""
        while keys and keys not in self.lines:
            keys = keys[:-1]
        self.diags.error(*self.lines.get(keys, (self.path, 1)), "layout", message)
        self.wrong = True
