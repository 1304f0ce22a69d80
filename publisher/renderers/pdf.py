"""The print edition: the layout's HTML and CSS, typeset by WeasyPrint with the pinned fonts."""

from __future__ import annotations

import atexit
import logging
import shutil
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from .. import autospace as spacing
from .. import xhtml
from ..diagnostics import Diagnostics
from ..layout import environment, render as render_template
from . import RenderJob
from .edition import PrintEdition, PrintLayout
from .fetcher import local_fetcher
from .pagemap import page_starts


def css_family(role: str) -> str:
    """A family name no installed font has, so a face that fails to load cannot be replaced silently."""
    return f"publisher-{role}"


def lay_out(job: RenderJob, diags: Diagnostics) -> PrintLayout:
    """Typeset the print edition once: the PDF is written from it, the EPUB takes its pages and cover.

    The cover is the first page, handed on as a PDF of its own.
    """
    from .engine import import_weasyprint

    import_weasyprint()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from .pagestyles import per_page_styles

    html, css = _markup(job, diags)
    fetcher, refused = local_fetcher(job.allowed)
    with _weasyprint_warnings(diags, _css_path(job)), _justification(job), per_page_styles():
        fonts = FontConfiguration()
        stylesheet = CSS(string=css, base_url=job.layout.folder.resolve().as_uri() + "/",
                         url_fetcher=fetcher, font_config=fonts)
        _removed_at_exit(fonts)
        document = HTML(string=html, base_url=job.assets.resolve().as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=fonts)
        edition = PrintEdition(page_starts(document.pages))
    for url in refused:
        diags.error(job.layout.folder / job.layout.settings["templates"]["pdf"], 0, "resource-refused",
                    f"the PDF asked for {url}, which is outside the content folder, the layout "
                    "and fonts/; it was not loaded")
    return PrintLayout(document, edition)


def _removed_at_exit(fonts) -> None:
    """WeasyPrint removes a font configuration's temporary folder (the faces it loaded) when the object
    is collected (``_folder``, WeasyPrint 70.0: pinned); a process that ends without collecting
    (``__main__.exit_quickly``) removes it at exit."""
    if fonts._folder:
        atexit.register(shutil.rmtree, fonts._folder, True)


def render(job: RenderJob, target: Path, diags: Diagnostics) -> None:
    """Write the print edition laid out by :func:`lay_out` as a PDF."""
    with _weasyprint_warnings(diags, _css_path(job)), _subsets(job):
        job.printed.document.write_pdf(target, pdf_identifier=True, pdf_variant=job.press.pdf_variant)


def cover_pdf(job: RenderJob, diags: Diagnostics) -> bytes:
    """The print cover (the first page) as a PDF of its own, for the e-book's cover image.

    Written from the layout when the e-book asks for it, not while laying out: the
    e-book is written in a process of its own, beside the PDF.
    """
    printed = job.printed
    if printed.document is None or printed.edition.cover_pdf:
        return printed.edition.cover_pdf
    with _weasyprint_warnings(diags, _css_path(job)), _subsets(job):
        return printed.document.copy(printed.document.pages[:1]).write_pdf()


def _subsets(job: RenderJob) -> AbstractContextManager:
    """Font cuts made once per character set and kept (see :mod:`.subsets`)."""
    from .subsets import cached_subsets

    return cached_subsets(job.cache / "subsets" if job.cache else None)


def _markup(job: RenderJob, diags: Diagnostics) -> tuple[str, str]:
    """The print book's HTML and CSS, from the layout's templates."""
    env = environment(job.layout)
    templates = job.layout.settings["templates"]
    context = job.context()
    roles = {face.role: face for face in job.faces.values()}
    css = render_template(
        env, templates["print-css"], diags, **context, m=job.layout.metrics(job.paper), press=job.press,
        faces=[{"css_family": css_family(r), "url": f.path.resolve().as_uri()} for r, f in sorted(roles.items())],
        family=lambda element: css_family(job.faces[element].role),
    )
    autospace = spacing.mode(job.layout.settings)  # checked when the layout was loaded
    parts = [xhtml.article_parts(article, "inline", autospace=autospace) for article in job.book.articles]
    return render_template(env, templates["pdf"], diags, **context, parts=parts), css


def _justification(job: RenderJob) -> AbstractContextManager:
    """The layout's ``typography: justify:``: ``inter-character`` (CLReq, see :mod:`.justify`) or
    ``spaces`` (WeasyPrint's own, which leaves Chinese lines ragged); checked when loaded."""
    if (job.layout.settings.get("typography") or {}).get("justify", "spaces") == "inter-character":
        from .justify import inter_character
        return inter_character()
    return nullcontext()


def _css_path(job: RenderJob) -> Path:
    return job.layout.folder / job.layout.settings["templates"]["print-css"]


class _Collect(logging.Handler):
    """Each distinct message once; a glyph drawn as .notdef is an error, never a silent box."""

    def __init__(self, diags: Diagnostics, where: Path) -> None:
        super().__init__(logging.WARNING)
        self.diags, self.where, self.seen = diags, where, set()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message in self.seen:
            return
        self.seen.add(message)
        if ".notdef" in message:
            self.diags.error(self.where, 0, "glyph-notdef", f"WeasyPrint found no glyph: {message}")
        else:
            self.diags.warning(self.where, 0, "weasyprint", message)


class _weasyprint_warnings:
    """Route WeasyPrint's warnings (CSS it ignores, resources it skips) into diagnostics."""

    def __init__(self, diags: Diagnostics, where: Path) -> None:
        self.handler = _Collect(diags, where)
        self.logger = logging.getLogger("weasyprint")

    def __enter__(self) -> None:
        self.logger.addHandler(self.handler)
        self.propagate, self.logger.propagate = self.logger.propagate, False

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.propagate
