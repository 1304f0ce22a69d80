"""The print edition: the layout's HTML and CSS, typeset by WeasyPrint (through :mod:`.engine`) with the
pinned fonts, laid out once for the PDF and for what the e-book takes from it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from markupsafe import Markup

from publisher import document as d
from publisher.diagnostics import Diagnostics
from publisher.layout import code, titles
from publisher.layout import markup as xhtml
from publisher.layout.contents import part_anchor
from publisher.layout.templates import environment, phrases
from publisher.layout.templates import render as render_template
from publisher.render.backcover import back_cover_page
from publisher.render.job import RenderJob
from publisher.render.pdf import engine, pdfx
from publisher.render.pdf.faces import cut_faces
from publisher.render.pdf.press import CMYK_PROFILE
from publisher.render.printed import PrintEdition, PrintLayout, page_starts
from publisher.sources.bookfile import BOOK_FILE
from publisher.sources.images import local_path


def css_family(role: str) -> str:
    """A family name no installed font has, so a face that fails to load cannot be replaced silently."""
    return f"publisher-{role}"


def lay_out(job: RenderJob, diags: Diagnostics, memo: engine.Memo | None = None) -> PrintLayout:
    """Typeset the print edition once: the PDF is written from it, the EPUB takes its pages and cover.

    The book is laid out in pieces (see :mod:`.engine.pieces`), on two cores where it can be (see
    :mod:`.engine.twocores`); ``memo`` keeps them from one build of a watch to the next.
    """
    engines = engine.plan()
    for patch in engines.off():
        if not patch.required:
            diags.warning("", 0, "engine-version", engines.why_off(patch))
    engine.start(engines, job.engine_cache)
    key, setup, faces = _setup(job, diags)
    typesetter = (memo or engine.Memo()).typesetter(key, lambda: engine.typesetter(setup))
    front, articles = _markup(job, diags)
    back = _back_cover(job, typesetter, diags)
    laid = engine.lay_out(
        typesetter,
        front,
        articles,
        job.layout.page.article_start,
        engines,
        justify=_justified(job),
        faces=faces,
        keep=memo is not None,
        marks=bool(job.press.marks),
        tagged=job.press.pdf_variant is not None,
        back=back,
    )
    diags.items.extend(laid.found)
    return PrintLayout(laid.document, PrintEdition(page_starts(laid.contents)))


def render(job: RenderJob, target: Path, diags: Diagnostics) -> None:
    """Write the print edition laid out by :func:`lay_out` as a PDF."""
    variant = job.press.pdf_variant
    profile = CMYK_PROFILE if job.press.process else None
    engine.write(job.printed.document, target, variant, engine.plan(), job.cache, _css_path(job), diags, profile)
    if job.press.process:
        for problem in pdfx.problems(target, variant):
            diags.error(_css_path(job), 0, "pdf-x", problem.message(variant))


def cover_pdf(job: RenderJob, diags: Diagnostics) -> bytes:
    """The print cover (the first page) as a PDF of its own, for the e-book's cover image.

    Written from the layout when the e-book asks for it, not while laying out: the
    e-book is written in a process of its own, beside the PDF.
    """
    printed = job.printed
    if printed.document is None or printed.edition.cover_pdf:
        return printed.edition.cover_pdf
    document = _front_on_screen(job, diags) if job.press.process else printed.document
    return engine.cover(document, engine.plan(), job.cache, _css_path(job), diags)


def _front_on_screen(job: RenderJob, diags: Diagnostics) -> object:
    """The front matter laid out again in the layout's screen colours: a PDF/X's cover is in the press's
    CMYK, which the e-book's cover image would show only as PDFium converts it. The e-book is then the
    one a build without the PDF/X makes."""
    screen = dataclasses.replace(job, press=dataclasses.replace(job.press, pdf_variant=None))
    _, setup, _ = _setup(screen, diags)
    front, _ = _markup(screen, diags)
    return engine.typesetter(setup).piece(front({}, 0), 1).document


def _setup(job: RenderJob, diags: Diagnostics) -> tuple[tuple, engine.Setup, list[Path]]:
    """WeasyPrint's set-up for the book (its stylesheet, faces and folders), what it depends on (a
    typesetter made for one key serves every build of a watch with that key), and the font files it
    lays out with: the faces cut to what the book can show (see :mod:`.faces`)."""
    cuts = cut_faces(job)
    css = _stylesheet(job, cuts, diags)
    key = (
        css,
        job.assets.resolve(),
        job.allowed,
        repr(job.layout),
        engine.files_now(
            [f.path for f in job.faces.values()]
            + [f for folder in job.layout.folders for f in sorted(folder.rglob("*"))]
        ),
    )
    allowed = (*job.allowed, *sorted({cut.parent for cut in cuts.values()}))  # the cut faces' folder too
    setup = engine.Setup(css, job.layout.folder, job.assets, allowed, _css_path(job),
                         job.layout.file(job.layout.templates.pdf), job.kept_in("pages"),
                         f"{key!r}\0{job.version}", diags)  # fmt: skip
    return key, setup, sorted(set(cuts.values()))


def _stylesheet(job: RenderJob, cuts: dict[Path, Path], diags: Diagnostics) -> str:
    """The print book's CSS, from the layout's template, its faces those of ``cuts`` (see :mod:`.faces`)."""
    return render_template(
        environment(job.layout, job.title_words),
        job.layout.templates.print_css,
        diags,
        **job.context(),
        m=job.layout.metrics(job.paper),
        press=job.press,
        faces=[
            {"css_family": css_family(r), "url": cuts[f.path].resolve().as_uri()}
            for r, f in sorted({face.role: face for face in job.faces.values()}.items())
        ],
        family=lambda element: css_family(job.faces[element].role),
        colour=lambda name: job.layout.colours[name].printed(job.press.process),
    )


def _markup(job: RenderJob, diags: Diagnostics) -> tuple[engine.FrontMarkup, list[engine.ArticleMarkup]]:
    """The print book's HTML, piece by piece (see :mod:`.engine.pieces`): the front matter, for the page
    numbers it will print, and each article (with the image files it shows, as they are now)."""
    env = environment(job.layout, job.title_words, xhtml.ZWSP)
    template = job.layout.templates.pdf
    autospace = job.layout.typography.autospace  # checked when the layout was loaded
    metrics = job.layout.metrics(job.paper)  # the measure titles are broken to
    columns = code.columns(job.layout, job.paper)
    context = {**job.context(), "m": metrics}

    heading_measure = metrics["text_width"] / job.layout.sizes.get("heading", metrics["font_size"])

    def heading_lines(text: str) -> Markup | None:
        """A heading too long for one line, in balanced lines broken between words (as titles are)."""
        if text not in job.title_words or titles.width(text) <= heading_measure:
            return None
        return phrases(job.title_words, text, heading_measure)

    def parts(article: d.Article) -> xhtml.Parts:
        return xhtml.article_parts(article, "inline", str, autospace, columns, xhtml.ZWSP, heading_lines)

    def front(folios: dict[str, int], pages: int) -> str:
        return render_template(
            env, template, diags, **job.context(pages), m=metrics, front=True, back=False, folios=folios, pieces=[]
        )

    articles = [
        engine.ArticleMarkup(
            article.slug,
            render_template(
                env,
                template,
                diags,
                **context,
                front=False,
                back=False,
                folios={},
                pieces=[_piece(job, article, parts(article))],
            ),
            engine.files_now(
                [job.assets / local_path(b.src) for b in d.article_blocks(article) if isinstance(b, d.Image)]
            ),
        )
        for article in job.book.articles
    ]
    return front, articles


def _piece(job: RenderJob, article: d.Article, parts: xhtml.Parts) -> dict[str, object]:
    """An article as the print template sets it: with the title page of the part it opens, if any."""
    part = job.book.part_opened_by(article.slug)
    anchor = part_anchor(job.book, part) if part else ""
    return {"article": article, "parts": parts, "part": part, "part_anchor": anchor}


def _back_cover(job: RenderJob, typesetter: engine.Typesetter, diags: Diagnostics) -> str | None:
    """The back cover's HTML, when the layout has one; one page, or an error at book.yaml's blurb.

    Only a blurb can take the back cover past its page: without one it is not laid out to be counted."""
    if job.layout.templates.back_cover is None:
        return None
    page = back_cover_page(job)
    html = render_template(
        environment(job.layout, job.title_words),
        job.layout.templates.pdf,
        diags,
        **job.context(),
        m=job.layout.metrics(job.paper),
        front=False,
        back=True,
        back_cover=page,
        folios={},
        pieces=[],
    )
    pages = typesetter.page_count(html) if page["blurb"] else 1
    if pages > 1:
        meta = job.book.meta
        diags.error(
            job.assets / BOOK_FILE,
            meta.field_lines.get("back-cover", 0),
            "back-cover",
            f"the back cover takes {pages} pages and must fit on one: shorten the blurb (back-cover: blurb:)",
        )
    return html


def _justified(job: RenderJob) -> bool:
    """The layout's ``typography: justify:``: ``inter-character`` (CLReq, see :mod:`.engine.justify`) or
    ``spaces`` (WeasyPrint's own, which leaves Chinese lines ragged); checked when loaded."""
    return job.layout.typography.justify == "inter-character"


def _css_path(job: RenderJob) -> Path:
    return job.layout.file(job.layout.templates.print_css)
