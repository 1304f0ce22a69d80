"""The e-book edition: EPUB 3 (with an EPUB 2 NCX for old readers), written by ebooklib.

Articles use the same templates as print; only the stylesheet is the layout's
reflowable one. From the print edition laid out before (``job.printed``) come
the cover image and the print page numbers. Every document is made before
the fonts, which are cut down to the characters of all of them. ebooklib
stamps the wall-clock time on every zip entry, so the archive is rewritten
with the build's timestamp to make it reproducible; the rewrite also gives the
package document the book's language (``xml:lang``), which ebooklib has no
option for.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from publisher import document as d
from publisher.diagnostics import Diagnostics
from publisher.layout import code
from publisher.layout import markup as xhtml
from publisher.layout.contents import Entry, contents, part_anchor
from publisher.layout.templates import environment
from publisher.layout.templates import render as render_template
from publisher.render.epub import nav as epubnav
from publisher.render.epub.cover import cover_png
from publisher.render.epub.fonts import embedded_fonts, licences, shown_text
from publisher.render.epub.headings import ranked
from publisher.render.epub.metadata import describe
from publisher.render.epub.pagebreaks import marked
from publisher.render.job import RenderJob
from publisher.render.pdf import writer as pdf
from publisher.sources.images import local_path, media_type

CSS_PATH = "style/book.css"
COVER_IMAGE = "images/cover.png"
COVER_ID = "cover"
"""The cover image's manifest id: the one readers and converters (Calibre) look for, beside the
``cover-image`` property and the EPUB 2 ``<meta name="cover">`` that names it."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}


def render(job: RenderJob, target: Path, diags: Diagnostics) -> None:
    from ebooklib import epub

    book = epub.EpubBook()
    describe(book, job)
    add_cover(book, cover_png(pdf.cover_pdf(job, diags), job.kept_in("covers")))
    made = documents(job, diags, add_images(book, job))
    pages, cover, nav = made.reading_order, made.cover, made.nav
    style = add_style(book, job, diags, pages)
    for page in pages:
        page.add_item(style)
        book.add_item(page)
    book.toc = ncx_toc(job, made)
    book.spine = pages
    book.guide = [
        {"type": "cover", "href": cover.file_name, "title": cover.title},
        {"type": "toc", "href": nav.file_name, "title": nav.title},
        {"type": "text", "href": made.body[0].file_name, "title": made.body[0].title},
    ]
    book.add_item(epub.EpubNcx())
    raw = io.BytesIO()
    # Stored uncompressed (level 0): normalised_zip compresses every entry once, as the final file has it.
    epub.write_epub(
        raw, book, {"mtime": job.timestamp, "epub3_pages": False, "raise_exceptions": True, "compresslevel": 0}
    )
    opf = f"{book.FOLDER_NAME}/content.opf"
    rewrites = {opf: with_language(job.book.meta.language)}
    target.write_bytes(normalised_zip(raw.getvalue(), job.timestamp.timetuple()[:6], rewrites))


def add_cover(book: object, png: bytes) -> None:
    """The cover image, as ebooklib's ``set_cover`` adds it but with the manifest id ``cover``
    (``set_cover`` always calls it ``cover-img``)."""
    from ebooklib import epub

    image = epub.EpubCover(uid=COVER_ID, file_name=COVER_IMAGE)
    image.content = png
    book.add_item(image)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": COVER_ID})


@dataclass(frozen=True)
class Documents:
    """The e-book's documents: the cover, navigation, one per article and one per part's title page."""

    reading_order: list[object]
    cover: object
    nav: object
    chapters: list[object]
    """One per article, in the book's order."""
    parts: dict[str, object]
    """A part's title page by its anchor (:func:`publisher.layout.contents.part_anchor`)."""
    body: list[object]
    """The articles and the parts' title pages, in reading order."""


def documents(job: RenderJob, diags: Diagnostics, images: dict[str, str]) -> Documents:
    """Cover, title page, imprint page (if any), navigation, then each article, the title page of a part
    before its first article, in reading order."""
    meta = job.book.meta
    env = environment(job.layout, job.title_words)
    chapters = [chapter(job, env, diags, article, images) for article in job.book.articles]
    parts = {
        part_anchor(job.book, part): part_page(job, env, diags, part, part_anchor(job.book, part))
        for part in job.book.parts
    }
    body = []
    for article, document in zip(job.book.articles, chapters):
        part = job.book.part_opened_by(article.slug)
        if part is not None:
            body.append(parts[part_anchor(job.book, part)])
        body.append(document)
    cover = page(
        job,
        "cover-page",
        "cover.xhtml",
        meta.title,
        f'<section class="cover" epub:type="cover"><img src="{COVER_IMAGE}" role="doc-cover" '
        f'alt="{escape(meta.title)}"/></section>',
    )
    front = [front_page(job, env, diags, "titlepage", job.layout.templates.titlepage)]
    if meta.imprint is not None:
        front.append(front_page(job, env, diags, "imprint", job.layout.templates.imprint))
    nav = page(job, "nav", epubnav.FILE, job.layout.labels["toc"], navigation(job, cover, body[0], chapters, parts))
    nav.properties.append("nav")
    return Documents([cover, *front, nav, *body], cover, nav, chapters, parts, body)


def part_page(job: RenderJob, env: object, diags: Diagnostics, part: d.Part, anchor: str) -> object:
    """A part's title page, from the layout's template for it (shared with print)."""
    markup = render_template(env, job.layout.templates.part, diags, **job.context(), part=part, anchor=anchor)
    return page(job, anchor.replace(".", "-"), f"{anchor}.xhtml", part.title, markup)


def front_page(job: RenderJob, env: object, diags: Diagnostics, name: str, template: str) -> object:
    """The title page or the imprint page, from the layout's template for it (shared with print)."""
    markup = render_template(env, template, diags, **job.context())
    return page(job, name, f"{name}.xhtml", job.book.meta.title, markup)


def chapter(job: RenderJob, env: object, diags: Diagnostics, article: d.Article, images: dict[str, str]) -> object:
    """An article's document, with a page-break marker where each of its printed pages starts."""
    columns = code.columns(job.layout, job.paper)  # code breaks where the print edition's may
    parts = xhtml.article_parts(article, "end", images.__getitem__, job.layout.typography.autospace, columns)
    parts = dataclasses.replace(parts, body=Markup(ranked(parts.body)))
    markup = render_template(env, job.layout.templates.article, diags, **job.context(), article=article, parts=parts)
    return page(
        job,
        f"a-{article.slug}",
        f"{article.slug}.xhtml",
        article.title,
        marked(markup, job.printed.edition.pages_of(article.slug)),
    )


def page(job: RenderJob, uid: str, file_name: str, title: str, content: str) -> object:
    from ebooklib import epub

    return epub.EpubHtml(uid=uid, file_name=file_name, title=title, lang=job.book.meta.language, content=content)


def navigation(job: RenderJob, cover: object, first: object, chapters: list[object], parts: dict[str, object]) -> str:
    """The navigation document's body; ``first`` is where the body of the book begins."""
    labels = {**job.layout.labels, "page-list": job.layout.epub.page_list}
    toc = nav_entries(job.contents, _files(job, chapters, parts))
    landmarks = [
        epubnav.Entry(cover.file_name, cover.title, "cover"),
        epubnav.Entry(epubnav.FILE, labels["toc"], "toc"),
        epubnav.Entry(first.file_name, first.title, "bodymatter"),
    ]
    files = {article.slug: chapter.file_name for article, chapter in zip(job.book.articles, chapters)}
    pages = epubnav.page_entries(list(job.printed.edition.pages), files)
    return epubnav.nav_body(labels, toc, landmarks, pages)


def _files(job: RenderJob, chapters: list[object], parts: dict[str, object]) -> dict[str, str]:
    """The document each anchor of the contents is in: an article's, a part's, a section's."""
    files = {anchor: part.file_name for anchor, part in parts.items()}
    for article, document in zip(job.book.articles, chapters):
        files[article.slug] = document.file_name
        files.update({section.anchor: document.file_name for section in xhtml.sections(article)})
    return files


def nav_entries(entries: list[Entry] | tuple[Entry, ...], files: dict[str, str]) -> list[epubnav.Entry]:
    """The contents as the navigation lists them: an article and a part by their document, a section
    by its heading's anchor in its article's document."""
    return [
        epubnav.Entry(
            files[e.anchor] + (f"#{e.anchor}" if e.kind == "section" else ""),
            e.title,
            children=tuple(nav_entries(e.children, files)),
        )
        for e in entries
    ]


def ncx_toc(job: RenderJob, made: Documents) -> list[object]:
    """The EPUB 2 table of contents (NCX) for old readers: the articles, under their parts."""
    from ebooklib import epub

    chapters = dict(zip((a.slug for a in job.book.articles), made.chapters))
    toc: list[object] = []
    for entry in contents(job.book, 1):
        if entry.kind == "part":
            part = made.parts[entry.anchor]
            section = epub.Section(entry.title, part.file_name)
            toc.append((section, [chapters[child.anchor] for child in entry.children]))
        else:
            toc.append(chapters[entry.anchor])
    return toc


def add_style(book: object, job: RenderJob, diags: Diagnostics, pages: list[object]) -> object:
    """The stylesheet, with the fonts it declares cut down to the characters of ``pages`` and their licences."""
    from ebooklib import epub

    texts = [text_of(page) for page in pages]
    fonts = embedded_fonts(job, "".join(text for text, _ in texts), "".join(listing for _, listing in texts))
    for font in fonts:
        book.add_item(
            epub.EpubItem(uid=Path(font.href).stem, file_name=font.href, media_type=font.media_type, content=font.data)
        )
    for index, (name, text) in enumerate(licences(fonts).items(), 1):
        book.add_item(epub.EpubItem(uid=f"font-licence-{index}", file_name=name, media_type="text/plain", content=text))
    faces = [{"family": f.face.family, "weight": f.face.weight, "url": f"../{f.href}"} for f in fonts]
    css = render_template(
        environment(job.layout, job.title_words),
        job.layout.templates.epub_css,
        diags,
        **job.context(),
        fonts=faces,
        family=lambda element: job.faces[element].family,
    )
    style = epub.EpubItem(uid="style", file_name=CSS_PATH, media_type="text/css", content=css.encode())
    book.add_item(style)
    return style


def text_of(page: object) -> tuple[str, str]:
    """Every character a reader sees in a document (its markup's text, and its title), and those of its code."""
    text, code = shown_text(page.content)
    return text + page.title, code


def add_images(book: object, job: RenderJob) -> dict[str, str]:
    """Put every image the articles show into the package; return ``src`` → its name there.

    Names are numbered in reading order so that they are stable, ASCII and free
    of spaces whatever the source file was called.
    """
    from ebooklib import epub

    names: dict[str, str] = {}
    for article in job.book.articles:
        for block in d.article_blocks(article):
            if isinstance(block, d.Image) and block.src not in names:
                path = job.assets / local_path(block.src)
                data = path.read_bytes()
                name = f"images/figure-{len(names) + 1}{EXTENSIONS[media_type(data)]}"
                book.add_item(
                    epub.EpubImage(
                        uid=f"figure-{len(names) + 1}", file_name=name, media_type=media_type(data), content=data
                    )
                )
                names[block.src] = name
    return names


def normalised_zip(
    data: bytes, date_time: tuple[int, ...], rewrites: dict[str, Callable[[bytes], bytes]] | None = None
) -> bytes:
    """The same archive with every entry dated ``date_time``; ``mimetype`` first and stored. An entry
    named in ``rewrites`` is written as its function makes it of the original."""
    rewrites = rewrites or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as dest:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=max(date_time, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename in rewrites:
                content = rewrites[info.filename](content)
            dest.writestr(entry, content)
    return out.getvalue()


def with_language(language: str) -> Callable[[bytes], bytes]:
    """A rewrite of the package document that gives its ``package`` element ``xml:lang``: the
    language of its metadata's text (title, description, accessibility summary…)."""

    def rewrite(opf: bytes) -> bytes:
        from lxml import etree

        root = etree.fromstring(opf)
        root.set(XML_LANG, language)
        return etree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    return rewrite
