"""Every patch that reaches into WeasyPrint's or pydyf's internals, in one registry, and the one
way to put a patch in force and take it away again.

A patch is written against one version of its engine. Two kinds:

- **Required** patches change what is printed (inter-character justification): on another
  version the build stops with an error that names the supported version and how to install it.
- **Accelerators** only buy speed; the output is byte for byte the same without them. On another
  version each switches itself off, with one warning, and the build goes on, slower.

Which patches are in force is decided once, from the installed versions, before WeasyPrint is
imported (:func:`plan`); a patch's module is imported only when it is in force, so that a
WeasyPrint that renamed what a patch reaches for cannot break the import.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from publisher.util.distributions import versions


@dataclass(frozen=True)
class Patch:
    """A patch: the engine and version it was written against, what it does, and what to re-read
    in that engine's source before moving it to another version."""

    name: str
    engine: str
    version: str
    required: bool
    what: str
    reread: str
    also: tuple[tuple[str, str], ...] = ()
    """Other engines (and versions) whose internals the patch reaches into too."""

    def needs(self) -> tuple[tuple[str, str], ...]:
        return ((self.engine, self.version), *self.also)


PATCHES = (
    Patch("justify", "WeasyPrint", "70.0", True, "inter-character justification of Chinese lines, punctuation "
          "compressed before a line gapes, a paragraph that gapes even so broken paragraph-wide",
          "layout/inline.py (justify_line, add_word_spacing, text_align, split_inline_box, split_text_box, "
          "skip_first_whitespace, remove_last_whitespace and how get_next_linebox calls them), "
          "text/line_break.py (Layout), __init__.py (HTML.render)"),
    Patch("import", "WeasyPrint", "70.0", False, "a quicker import of WeasyPrint (C libraries looked up once, "
          "fontTools' fallbacks imported on use)", "text/ffi.py (library names), pdf/fonts.py (fontTools imports)"),
    Patch("declarations", "cffi", "2.1.1", False, "WeasyPrint's C declarations kept parsed between builds",
          "cparser.py (Parser.parse, parse_type_and_quals, the parser's state)"),
    Patch("page-styles", "WeasyPrint", "70.0", False, "page styles looked up per page",
          "layout/page.py (set_page_type_computed_styles), css/__init__.py (StyleFor.add_page_declarations)"),
    Patch("leaders", "WeasyPrint", "70.0", False, "leader dots drawn once per page",
          "draw/text.py (draw_text, draw_first_line), draw/__init__.py, layout/leader.py"),
    Patch("two-cores", "WeasyPrint", "70.0", False, "the print edition laid out and drawn on two cores",
          "document.py and layout/__init__.py (layout_document: its margin boxes), layout/page.py "
          "(make_margin_boxes, page_maker), pdf/__init__.py (generate_pdf's page loop), pdf/stream.py, "
          "pdf/fonts.py (Font), images.py (RasterImage); pydyf's _to_bytes", (("pydyf", "0.13.0"),)),
    Patch("subsets", "WeasyPrint", "70.0", False, "the PDF's font cuts kept between builds",
          "pdf/fonts.py (Font.subset, Font._harfbuzz_subset)"),
    Patch("streams", "pydyf", "0.13.0", False, "each PDF stream compressed once",
          "pydyf/__init__.py (Stream.data, PDF.write)"),
)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """The patches in force in this process, and the installed version of each engine."""

    on: frozenset[str]
    installed: Mapping[str, str]

    def __contains__(self, name: str) -> bool:
        return name in self.on

    def off(self) -> list[Patch]:
        return [patch for patch in PATCHES if patch.name not in self.on]

    def why_off(self, patch: Patch) -> str:
        """What an editor needs to know about a patch that is not in force."""
        engine, version = next(
            ((e, v) for e, v in patch.needs() if self.installed.get(e) != v), (patch.engine, patch.version)
        )
        installed = self.installed.get(engine) or "no version"
        consequence = (
            "the build cannot make it"
            if patch.required
            else "it is switched off: the output is the same, the build slower"
        )
        return (
            f"{patch.what} is written for {engine} {version}, and {installed} is installed, "
            f"so {consequence}; install the supported version with 'pip install "
            f"{engine.lower()}=={version}' (or 'make deps' in a checkout)"
        )


def plan(engines: Mapping[str, str] | None = None) -> Plan:
    """Which patches are in force with the engines installed (``engines``: name → version, to test)."""
    installed = dict(engines) if engines is not None else installed_versions()
    on = (p.name for p in PATCHES if all(installed.get(engine) == version for engine, version in p.needs()))
    return Plan(frozenset(on), installed)


def installed_versions() -> dict[str, str]:
    """The installed version of each engine the patches name."""
    listed = versions()
    found = {}
    for engine in {engine for patch in PATCHES for engine, _ in patch.needs()}:
        version = listed.get(engine.lower())
        if version is None:  # not installed as a wheel: asked of its metadata, a slower import
            from importlib import metadata

            try:
                version = metadata.version(engine)
            except metadata.PackageNotFoundError:
                continue
        found[engine] = version
    return found


@contextmanager
def replaced(owner: Any, **stand_ins: Any) -> Iterator[None]:
    """``owner``'s attributes named in ``stand_ins`` replaced by them while in force, restored after:
    the one way a patch is put in force."""
    before = {name: getattr(owner, name) for name in stand_ins}
    for name, value in stand_ins.items():
        setattr(owner, name, value)
    try:
        yield
    finally:
        for name, value in before.items():
            setattr(owner, name, value)
