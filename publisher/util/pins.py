"""Whether the installed output engines are the pinned ones, without which the outputs may differ byte for byte.

The package asks for ranges of its dependencies (``pyproject.toml``), so that it installs beside
other tools; the exact versions the outputs are made with, and compared with in the tests, are
``requirements.txt``'s, the one list of pins (installed with the package as
``publisher/data/requirements.txt``, see :func:`publisher.resources.pinned_requirements`). Where
an engine that writes the outputs' bytes differs from its pin, a build says so once, at its start.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from pathlib import Path

from publisher.diagnostics import Diagnostics
from publisher.resources import PACKAGE, pinned_requirements
from publisher.util import distributions

ENGINES = {
    "weasyprint": "lays out and draws the print edition",
    "pydyf": "writes the PDF",
    "tinycss2": "reads the print edition's CSS for WeasyPrint",
    "cssselect2": "matches its selectors",
    "tinyhtml5": "reads its HTML",
    "pyphen": "hyphenates, where a layout asks for it",
    "fonttools": "reads the PDF's faces (and cuts them where HarfBuzz's subsetter is missing)",
    "pillow": "encodes the PDF's images and the e-book's cover",
    "pypdf": "writes the imposed PDF",
    "ebooklib": "writes the EPUB",
    "lxml": "writes the e-book's XHTML",
    "uharfbuzz": "cuts the e-book's faces",
    "pypdfium2": "draws the e-book's cover",
    "python-barcode": "draws the back cover's ISBN barcode",
    "markdown-it-py": "parses the articles both editions are made of",
    "mdit-py-plugins": "parses their tables and notes",
    "mdurl": "normalises their links",
    "jinja2": "fills in the layout's templates",
    "markupsafe": "escapes what the templates are given",
    "jieba": "cuts display titles into words (where they break) and the web edition's search index",
    "brotli": "compresses the web edition's WOFF2 faces",
}
"""The distributions whose version may change the bytes of a PDF, an EPUB or a web edition made of the same sources,
and what each does. The other pins do not reach the outputs: the watch (watchfiles, anyio, idna),
the progress display (rich, Pygments), the proofreader (OpenCC), the YAML reader (PyYAML), the C
bindings (cffi, pycparser), compatibility shims (six, typing_extensions), WOFF 1 compression (zopfli:
no output embeds WOFF 1)."""

CODE = "engine-pins"


def pinned(requirements: Path | None = None) -> dict[str, str]:
    """The exact version of each distribution ``requirements.txt`` pins, by its normalised name."""
    found = {}
    for line in (requirements or pinned_requirements()).read_text(encoding="utf-8").splitlines():
        name, sep, version = line.partition("#")[0].strip().partition("==")
        if sep:
            found[_normal(name)] = version.strip()
    return found


def differences(
    installed: Mapping[str, str] | None = None, pins: Mapping[str, str] | None = None
) -> list[tuple[str, str, str | None]]:
    """``(engine, pinned, installed or None)`` for each output engine not at its pinned version."""
    pins = pinned() if pins is None else pins
    installed = _installed() if installed is None else installed
    return [
        (name, pins[name], installed.get(name))
        for name in ENGINES
        if name in pins and installed.get(name) != pins[name]
    ]


def check(diags: Diagnostics, installed: Mapping[str, str] | None = None) -> None:
    """One warning if any output engine differs from its pin, naming each one that does."""
    differ = differences(installed)
    if not differ:
        return
    engines = ", ".join(f"{name} {now or 'not installed'} (pinned: {pin})" for name, pin, now in differ)
    diags.warning("", 0, CODE,
                  f"the output engines are not the pinned ones: {engines}; the PDF and the EPUB may not be "
                  f"byte-identical to builds with the pinned set, which {restore()} restores")  # fmt: skip


def restore() -> str:
    """How to install the pinned set: in a checkout, ``make deps``; installed, pip with the package's pins."""
    requirements = pinned_requirements()
    if requirements.parent == PACKAGE.parent and (requirements.parent / "Makefile").is_file():
        return "'make deps' (or 'pip install -r requirements.txt')"
    return f"'pip install -r {requirements}'"


def _installed() -> dict[str, str]:
    """The installed version of each output engine; one not installed as a wheel is asked of its metadata."""
    listed = distributions.versions()
    for name in ENGINES:
        if name not in listed:
            from importlib import metadata

            with suppress(metadata.PackageNotFoundError):
                listed[name] = metadata.version(name)
    return listed


def _normal(name: str) -> str:
    """A distribution's name as :func:`publisher.util.distributions.versions` gives it."""
    return name.strip().lower().replace("_", "-")
