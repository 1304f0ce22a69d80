"""WeasyPrint set up for one book: the stylesheet parsed and its faces loaded once, resources fetched
only from the allowed folders, each piece of HTML laid out with its pages numbered from where it starts."""

from __future__ import annotations

import atexit
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.diagnostics import Diagnostics
from publisher.render.pdf.engine.fetcher import local_fetcher
from publisher.render.pdf.engine.messages import reported
from publisher.render.pdf.engine.pieces import Typesetter

BOOK_URL = "file:///publisher-book/"
"""The content folder's URL as WeasyPrint sees it, wherever the folder is: WeasyPrint names an image in
the PDF after its URL, so a real path would make the PDF differ from one folder to another."""


@dataclass(frozen=True)
class Setup:
    """What WeasyPrint is set up with for a book."""

    css: str
    layout: Path
    """The layout's folder: the stylesheet's URLs are relative to it."""
    assets: Path
    """The content folder: the HTML's URLs (images) are relative to it."""
    allowed: tuple[Path, ...]
    """The only folders resources are read from."""
    stylesheet: Path
    """Where WeasyPrint's warnings about the CSS are reported."""
    template: Path
    """Where a resource the HTML asks for and is refused is reported."""
    counts: Path | None
    """Where the front matter's page counts are kept between builds."""
    identity: str
    """What the kept counts depend on besides the HTML (stylesheet, faces, versions)."""
    naming: Diagnostics
    """The build's diagnostics: what laying out reports names files as they do."""


def typesetter(setup: Setup) -> Typesetter:
    """A :class:`.pieces.Typesetter` that lays pieces out with WeasyPrint as ``setup`` says."""
    import weasyprint
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher, refused = local_fetcher(setup.allowed, {BOOK_URL: setup.assets.resolve().as_uri() + "/"})
    found = setup.naming.fresh()
    with reported(found, setup.stylesheet):
        fonts = FontConfiguration()
        stylesheet = CSS(
            string=setup.css, base_url=setup.layout.resolve().as_uri() + "/", url_fetcher=fetcher, font_config=fonts
        )
        _removed_at_exit(fonts)  # its folder exists once the faces are loaded
    _refused(setup, refused, found)
    numbered: dict[int, Any] = {}

    def lay_out(html: str, first_page: int, diags: Diagnostics) -> Any:
        """One piece, its pages numbered from ``first_page``, the first a verso if that is even (WeasyPrint
        takes the first page's side from the root's ``break-before``), else a recto."""
        if first_page not in numbered:
            side = "html { break-before: left }" if first_page % 2 == 0 else ""
            numbered[first_page] = CSS(string=f"@page :first {{ counter-reset: page {first_page} }} {side}")
        before = len(refused)
        with reported(diags, setup.stylesheet):
            document = HTML(string=html, base_url=BOOK_URL, url_fetcher=fetcher).render(
                stylesheets=[stylesheet, numbered[first_page]], font_config=fonts
            )
        _refused(setup, refused[before:], diags)
        return document

    identity = f"{setup.identity}\0{weasyprint.__version__}"
    return Typesetter(tuple(found.items), lay_out, setup.naming, setup.counts, identity)


def _refused(setup: Setup, urls: list[str], diags: Diagnostics) -> None:
    for url in urls:
        diags.error(
            setup.template,
            0,
            "resource-refused",
            f"the PDF asked for {url}, which is outside the content folder, the layout and fonts/; it was not loaded",
        )


def _removed_at_exit(fonts: Any) -> None:
    """WeasyPrint removes a font configuration's temporary folder (the faces it loaded) when the object
    is collected (``_folder``, WeasyPrint 70); a process that ends without collecting
    (``__main__.exit_quickly``) removes it at exit. Another WeasyPrint may name it otherwise: then it is
    left to WeasyPrint."""
    folder = getattr(fonts, "_folder", None)
    if isinstance(folder, (str, Path)) and str(folder):
        atexit.register(shutil.rmtree, folder, True)
