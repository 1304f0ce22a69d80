"""The print edition: the layout's HTML and CSS, typeset by WeasyPrint with the pinned fonts."""

from __future__ import annotations

import atexit
import logging
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from publisher import document as d
from publisher.diagnostics import Diagnostics
from publisher.layout import markup as xhtml
from publisher.layout.templates import environment
from publisher.layout.templates import render as render_template
from publisher.render.job import RenderJob
from publisher.render.pdf.engine import versions as pinned
from publisher.render.pdf.engine.fetcher import local_fetcher
from publisher.render.pdf.engine.pagemap import page_starts
from publisher.render.pdf.engine.pieces import ArticleMarkup, FrontMarkup, Memo, Typesetter, compose, files_now
from publisher.render.printed import PrintEdition, PrintLayout
from publisher.sources.images import local_path
from publisher.util import cores as forked


def css_family(role: str) -> str:
    """A family name no installed font has, so a face that fails to load cannot be replaced silently."""
    return f"publisher-{role}"


def lay_out(job: RenderJob, diags: Diagnostics, memo: Memo | None = None) -> PrintLayout:
    """Typeset the print edition once: the PDF is written from it, the EPUB takes its pages and cover.

    The book is laid out in pieces (see :mod:`.pieces`), on two cores for a build (see :mod:`.split`);
    ``memo`` keeps them from one build of a watch to the next. The cover is the first page, handed
    on as a PDF of its own.
    """
    from publisher.render.pdf.engine.importing import import_weasyprint

    import_weasyprint(job.engine_cache)
    from publisher.render.pdf.engine import twocores as split
    from publisher.render.pdf.engine.leaders import repeated_leaders
    from publisher.render.pdf.engine.pagestyles import per_page_styles

    css = _stylesheet(job, diags)
    key = (
        css,
        job.assets.resolve(),
        job.allowed,
        repr(job.layout),
        files_now([f.path for f in job.faces.values()] + sorted(job.layout.folder.rglob("*"))),
    )
    typesetter = (memo or Memo()).typesetter(key, lambda: _typesetter(job, css, repr(key)))
    front, articles = _markup(job, diags)
    start = job.layout.page.article_start
    with _justification(job), per_page_styles(), repeated_leaders():  # pages are drawn ahead (see .split)
        if memo is None and _on_two_cores(job, start, split.STARTS):
            document, found = split.compose(typesetter, front, articles, start, [f.path for f in job.faces.values()])
        else:
            document, found = compose(typesetter, front, articles, start)
    diags.items.extend(found)
    return PrintLayout(document, PrintEdition(page_starts(document.pages)))


def _on_two_cores(job: RenderJob, start: str, starts: dict) -> bool:
    """Whether the book is laid out on two cores (see :mod:`.split`): not where its pages could not be
    drawn for another process (printer's marks, the tagged PDF a variant asks for)."""
    return start in starts and forked.available() and not job.press.marks and job.press.pdf_variant is None


def _typesetter(job: RenderJob, css: str, identity: str) -> Typesetter:
    """WeasyPrint set up for this book: the stylesheet parsed and its faces loaded, resources fetched
    only from the allowed folders."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher, refused = local_fetcher(job.allowed)
    where = _css_path(job)
    found = Diagnostics(root=job.assets)
    with _weasyprint_warnings(found, where):
        fonts = FontConfiguration()
        stylesheet = CSS(
            string=css, base_url=job.layout.folder.resolve().as_uri() + "/", url_fetcher=fetcher, font_config=fonts
        )
        _removed_at_exit(fonts)  # its folder exists once the faces are loaded
    _refused(job, refused, found)
    numbered: dict[int, object] = {}

    def lay_out(html: str, first_page: int, diags: Diagnostics):
        """One piece, its pages numbered from ``first_page``, the first a verso if that is even (WeasyPrint
        takes the first page's side from the root's ``break-before``), else a recto."""
        if first_page not in numbered:
            side = "html { break-before: left }" if first_page % 2 == 0 else ""
            numbered[first_page] = CSS(string=f"@page :first {{ counter-reset: page {first_page} }} {side}")
        before = len(refused)
        with _weasyprint_warnings(diags, where):
            document = HTML(string=html, base_url=job.assets.resolve().as_uri() + "/", url_fetcher=fetcher).render(
                stylesheets=[stylesheet, numbered[first_page]], font_config=fonts
            )
        _refused(job, refused[before:], diags)
        return document

    return Typesetter(
        tuple(found.items), lay_out, job.assets, job.kept_in("pages"), f"{identity}\0{job.version}\0{pinned.TARGETS}"
    )


def _refused(job: RenderJob, urls: list[str], diags: Diagnostics) -> None:
    for url in urls:
        diags.error(
            job.layout.folder / job.layout.templates.pdf,
            0,
            "resource-refused",
            f"the PDF asked for {url}, which is outside the content folder, the layout and fonts/; it was not loaded",
        )


def _removed_at_exit(fonts) -> None:
    """WeasyPrint removes a font configuration's temporary folder (the faces it loaded) when the object
    is collected (``_folder``, WeasyPrint 70.0: pinned); a process that ends without collecting
    (``__main__.exit_quickly``) removes it at exit."""
    if fonts._folder:
        atexit.register(shutil.rmtree, fonts._folder, True)


def render(job: RenderJob, target: Path, diags: Diagnostics) -> None:
    """Write the print edition laid out by :func:`lay_out` as a PDF."""
    with _weasyprint_warnings(diags, _css_path(job)), _writing(job):
        job.printed.document.write_pdf(target, pdf_identifier=True, pdf_variant=job.press.pdf_variant)


def cover_pdf(job: RenderJob, diags: Diagnostics) -> bytes:
    """The print cover (the first page) as a PDF of its own, for the e-book's cover image.

    Written from the layout when the e-book asks for it, not while laying out: the
    e-book is written in a process of its own, beside the PDF.
    """
    printed = job.printed
    if printed.document is None or printed.edition.cover_pdf:
        return printed.edition.cover_pdf
    with _weasyprint_warnings(diags, _css_path(job)), _writing(job):
        return printed.document.copy(printed.document.pages[:1]).write_pdf()


@contextmanager
def _writing(job: RenderJob) -> Iterator[None]:
    """Font cuts made once per character set (see :mod:`.subsets`) and streams compressed once (see
    :mod:`.streams`), both kept in the build's cache; leader dots repeated (see :mod:`.leaders`)."""
    from publisher.render.pdf.engine.leaders import repeated_leaders
    from publisher.render.pdf.engine.streams import compressed_once
    from publisher.render.pdf.engine.subsets import cached_subsets

    with cached_subsets(job.kept_in("subsets")), compressed_once(job.kept_in("streams")), repeated_leaders():
        yield


def _stylesheet(job: RenderJob, diags: Diagnostics) -> str:
    """The print book's CSS, from the layout's template."""
    return render_template(
        environment(job.layout),
        job.layout.templates.print_css,
        diags,
        **job.context(),
        m=job.layout.metrics(job.paper),
        press=job.press,
        faces=[
            {"css_family": css_family(r), "url": f.path.resolve().as_uri()}
            for r, f in sorted({face.role: face for face in job.faces.values()}.items())
        ],
        family=lambda element: css_family(job.faces[element].role),
    )


def _markup(job: RenderJob, diags: Diagnostics) -> tuple[FrontMarkup, list[ArticleMarkup]]:
    """The print book's HTML, piece by piece (see :mod:`.pieces`): the front matter, for the page
    numbers it will print, and each article (with the image files it shows, as they are now)."""
    env = environment(job.layout)
    template = job.layout.templates.pdf
    autospace = job.layout.typography.autospace  # checked when the layout was loaded
    context = job.context()

    def front(folios: dict[str, int], pages: int) -> str:
        return render_template(env, template, diags, **job.context(pages), front=True, folios=folios, pieces=[])

    articles = [
        ArticleMarkup(
            article.slug,
            render_template(
                env,
                template,
                diags,
                **context,
                front=False,
                folios={},
                pieces=[{"article": article, "parts": xhtml.article_parts(article, "inline", autospace=autospace)}],
            ),
            files_now([job.assets / local_path(b.src) for b in d.article_blocks(article) if isinstance(b, d.Image)]),
        )
        for article in job.book.articles
    ]
    return front, articles


def _justification(job: RenderJob) -> AbstractContextManager:
    """The layout's ``typography: justify:``: ``inter-character`` (CLReq, see :mod:`.justify`) or
    ``spaces`` (WeasyPrint's own, which leaves Chinese lines ragged); checked when loaded."""
    if job.layout.typography.justify == "inter-character":
        from publisher.render.pdf.engine.justify import inter_character

        return inter_character()
    return nullcontext()


def _css_path(job: RenderJob) -> Path:
    return job.layout.folder / job.layout.templates.print_css


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
