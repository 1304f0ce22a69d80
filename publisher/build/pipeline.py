"""The build, stage by stage: read → check → lay out → render → rename into place."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from publisher import __version__
from publisher.build import cache
from publisher.build.dates import build_time
from publisher.checks.glyphs import check_glyphs
from publisher.diagnostics import ContentError, Diagnostics
from publisher.document import Book, plain_text
from publisher.layout.contents import contents, walk
from publisher.layout.fonts import load_faces
from publisher.layout.loading import load_layout
from publisher.layout.markup import headings as headings_of
from publisher.layout.pagesizes import PageSize, page_size, unknown_page_size
from publisher.layout.settings import Layout, font_faces, mm
from publisher.render import DEFAULT_FORMATS, FORMATS, lay_out, render_all
from publisher.render.job import RenderJob
from publisher.render.pdf.impose import impose_saddle
from publisher.render.pdf.press import PressOptions
from publisher.resources import builtin, user_cache
from publisher.sources.book import read_book
from publisher.sources.bookfile import BOOK_FILE
from publisher.util import cores, pins
from publisher.util.atomic import atomic_folder, atomic_path
from publisher.util.segmenter import Segmenter

if TYPE_CHECKING:  # imported where they run: the proofreader in a child process, the engine to lay out
    from publisher.checks.proofread import Change
    from publisher.render.pdf.engine import Memo

COLLECTION_THRESHOLDS = (10_000, 20, 20)  # Python's defaults: (700, 10, 10)


@dataclass(frozen=True)
class BuildOptions:
    content: Path
    out: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    layout: str | None = None
    layouts_dir: Path = field(default_factory=lambda: builtin("layouts"))
    """The built-in layouts."""
    fonts_dir: Path = field(default_factory=lambda: builtin("fonts"))
    """The built-in fonts."""
    strict: bool = False
    press: PressOptions = field(default_factory=PressOptions)
    root: Path | None = None
    """The book's root, the folder that holds its ``layouts/`` and ``fonts/`` (default: the content's parent)."""

    @property
    def book_root(self) -> Path:
        return self.root if self.root is not None else self.content.parent

    @property
    def layout_dirs(self) -> tuple[Path, ...]:
        """Where layouts are looked for: the book's own ``layouts/`` first, then the built-in ones."""
        return _own_first(self.book_root / "layouts", self.layouts_dir, "layouts", "layout.yaml")

    @property
    def font_dirs(self) -> tuple[Path, ...]:
        """Where fonts are: the built-in ones, then the book's own ``fonts/`` (whose roles win)."""
        return tuple(reversed(_own_first(self.book_root / "fonts", self.fonts_dir, "fonts", "manifest.yaml")))


def _own_first(own: Path, given: Path, name: str, marker: str) -> tuple[Path, ...]:
    """The book's own folder (when it has ``marker``, directly or in a subfolder) before ``given``, unless
    it is the package's built-in folder ``name`` itself (the default book of the package's repository)."""
    if not (own / marker).is_file() and not any(own.glob(f"*/{marker}")):
        return (given,)
    if os.path.realpath(own) in (os.path.realpath(given), os.path.realpath(builtin(name))):
        return (given,)
    return (own, given)


def failed(options: BuildOptions, diags: Diagnostics) -> bool:
    return diags.has_errors or (options.strict and bool(diags.items))


Stage = Callable[[str], None]
"""Told the name of each stage as it starts, for progress displays."""


def quiet(_stage: str) -> None:
    """No progress display."""


def fix(options: BuildOptions, diags: Diagnostics, typos: bool = False) -> list[Change]:
    """Apply the proofreader's mechanical fixes to the articles; their wording only with ``typos``."""
    from publisher.checks.proofread import apply_fixes

    book = read_book(options.content, diags)
    return apply_fixes(options.content, [options.content / article.pos.file for article in book.articles], typos)


def check(options: BuildOptions, diags: Diagnostics, stage: Stage = quiet) -> list[Path]:
    """Every check ``build`` makes before rendering, and nothing else; writes nothing but kept results."""
    stage("reading the content")
    book = read_book(options.content, diags)
    stage("checking layout and glyphs")
    prepare(book, options, {}, diags)
    return []


@dataclass(frozen=True)
class Outputs:
    paths: list[Path]
    rendered: bool


def build(
    options: BuildOptions,
    environ: Mapping[str, str],
    diags: Diagnostics,
    stage: Stage = quiet,
    memo: Memo | None = None,
) -> Outputs:
    """Build every requested format, unless nothing changed since the last build.

    Outputs replace the old ones only if all of them succeed. ``memo`` keeps what one build
    laid out for the next build in the same process (``--watch``).
    """
    key = cache.fingerprint(
        options.content,
        options.layout_dirs,
        options.font_dirs,
        {"formats": options.formats, "layout": options.layout, "strict": options.strict, "press": options.press},
        environ,
    )
    stage("looking for changes")
    hit = cache.lookup(options.out, key)
    if hit is not None:
        diags.items.extend(hit[1])
        return Outputs(hit[0], rendered=False)
    with _fewer_collections():
        return _rebuild(options, environ, diags, stage, key, memo)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The garbage collector run less often while a book is built.

    Laying out and writing a book allocates millions of small objects that live
    until the end; at Python's default thresholds the collector runs thousands of
    times over them for little garbage (~6 % of a build). Restored afterwards.
    """
    before = gc.get_threshold()
    gc.set_threshold(*COLLECTION_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _rebuild(
    options: BuildOptions, environ: Mapping[str, str], diags: Diagnostics, stage: Stage, key: str, memo: Memo | None
) -> Outputs:
    """Read, check, lay out and render the book, then remember the outputs under ``key``."""
    stage("reading the content")
    book = read_book(options.content, diags)
    stage("checking layout and glyphs")
    job, checks = _prepare_beside(book, options, environ, diags)
    stage("laying out pages")
    laid_out = diags.fresh()
    try:
        job = lay_out(job, options.formats, laid_out, memo)
    except Exception:
        diags.items.extend(checks.result())
        if failed(options, diags):  # the content's errors come first, as when they stopped the build
            raise ContentError from None
        diags.items.extend(laid_out.items)  # then the layout's own: a template that failed
        raise
    else:
        diags.items.extend(checks.result())
    finally:
        checks.cancel()
    if failed(options, diags):
        raise ContentError
    diags.items.extend(laid_out.items)
    targets = [options.out / FORMATS[fmt].output(book.meta.slug) for fmt in options.formats]
    written = list(targets)
    with ExitStack() as stack:
        temps = {
            fmt: stack.enter_context((atomic_folder if FORMATS[fmt].folder else atomic_path)(target))
            for fmt, target in zip(options.formats, targets)
        }
        stage(f"rendering {', '.join(f.upper() for f in options.formats)}")
        render_all(job, temps, diags)
        if failed(options, diags):
            raise ContentError
        if "pdf" in temps and options.press.impose:
            stage("imposing")
            written.append(_impose(temps["pdf"], options, book.meta.slug, stack))
    cache.store(options.out, key, written, diags.items)
    return Outputs(written, rendered=True)


def _impose(pdf: Path, options: BuildOptions, slug: str, stack: ExitStack) -> Path:
    """The PDF's pages in saddle-stitch order, two to a sheet side, as ``<slug>-imposed.pdf``."""
    target = options.out / f"{slug}-imposed.pdf"
    impose_saddle(pdf, stack.enter_context(atomic_path(target)), mm(options.press.creep_mm))
    return target


def prepare(book: Book, options: BuildOptions, environ: Mapping[str, str], diags: Diagnostics) -> RenderJob:
    """Choose the layout and fonts, and check every glyph, before anything is rendered."""
    job = _job(book, options, environ, diags)
    _check_text(book, job, options, diags)
    if failed(options, diags):
        raise ContentError
    return job


def _job(book: Book, options: BuildOptions, environ: Mapping[str, str], diags: Diagnostics) -> RenderJob:
    """The layout, paper and fonts the book asks for (their problems reported), as a job to render."""
    content = options.content
    book_path = content / BOOK_FILE
    where, line = (Path("--layout"), 0) if options.layout else (book_path, book.meta.field_lines.get("layout", 0))
    manifest = load_faces(options.font_dirs, diags)
    layout = load_layout(options.layout_dirs, options.layout or book.meta.layout, diags, where, line, manifest)
    paper = _paper(book, layout, options, diags)
    faces = font_faces(layout, manifest)
    job = RenderJob(
        book=book,
        layout=layout,
        faces=faces,
        assets=content,
        allowed=(content, *layout.folders, *options.font_dirs),
        timestamp=build_time(book.meta.date, content, environ),
        version=__version__,
        paper=paper,
        press=options.press,
        cache=options.out / cache.CACHE_FILE.parent,
        engine_cache=user_cache(environ) / "engine",
        title_words=_title_words(book, content, environ),
    )
    if any(FORMATS[fmt].printed for fmt in options.formats or DEFAULT_FORMATS):
        from publisher.render.pdf.requirements import check as check_engine

        check_engine(job, diags)
        pins.check(diags)
    return job


def _title_words(book: Book, content: Path, environ: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The display titles (the book's, the parts', the articles') and every heading (the contents list some as
    sections; print breaks a long one as a title) cut into words, with the book's terms (``style.yaml``) as a user
    dictionary; kept in the user's cache folder, shared by every book, since a segmentation depends only on its
    texts and terms. A style file with errors gives no terms here: the proofreader reports them (and the names of
    its rules, which are not imported here, for the proofreader's child process to do it beside the layout)."""
    from publisher.checks.proofread.style import load_style

    style = load_style(content, Diagnostics(), None)
    segmenter = Segmenter(style.terms if style else (), user_cache(environ) / "words")
    headings = (plain_text(heading.children) for article in book.articles for heading in headings_of(article))
    return segmenter.words([book.meta.title, *(entry.title for entry in walk(contents(book, depth=1))), *headings])


def _check_text(book: Book, job: RenderJob, options: BuildOptions, diags: Diagnostics) -> None:
    """Proofread every article and check that every character has a glyph in its font."""
    from publisher.checks.proofread import proofread

    content = options.content
    proofread(content, [content / article.pos.file for article in book.articles], diags, job.kept_in("words"))
    check_glyphs(book, job.faces, content, content / BOOK_FILE, diags)


class _Done:
    """Checks already made, in this process."""

    def __init__(self, items: list) -> None:
        self.items = items

    def result(self) -> list:
        return self.items

    def cancel(self) -> None:
        pass


def _prepare_beside(
    book: Book, options: BuildOptions, environ: Mapping[str, str], diags: Diagnostics
) -> tuple[RenderJob, _Done | cores.Child]:
    """:func:`prepare` for ``build``: the job at once, and the text checks (proofreading, glyphs) on the
    other core while this process imports WeasyPrint and lays the book out.

    Their diagnostics come back to be added before the layout's own, as if they had been made first;
    if they fail the build, the layout is thrown away and nothing is rendered, as before.
    """
    job = _job(book, options, environ, diags)
    if failed(options, diags) or not cores.available():
        _check_text(book, job, options, diags)
        if failed(options, diags):
            raise ContentError
        return job, _Done([])
    return job, cores.Child(lambda: _checked(book, job, options, diags))


def _checked(book: Book, job: RenderJob, options: BuildOptions, diags: Diagnostics) -> list:
    own = diags.fresh()
    _check_text(book, job, options, own)
    return own.items


def _paper(book: Book, layout: Layout, options: BuildOptions, diags: Diagnostics) -> PageSize:
    """--page-size, else book.yaml's page-size, else the layout's (checked when it was loaded); each one
    given is checked, even if another overrides it."""
    given = (
        (options.press.page_size, Path("--page-size"), 0),
        (book.meta.page_size, options.content / BOOK_FILE, book.meta.field_lines.get("page-size", 0)),
    )
    papers = [_page_size(name, where, line, diags) for name, where, line in given if name]
    return next((paper for paper in papers if paper), layout.page.size)


def _page_size(name: str, where: Path, line: int, diags: Diagnostics) -> PageSize | None:
    paper = page_size(name)
    if paper is None:
        diags.error(where, line, "page-size", unknown_page_size(name))
    return paper
