"""The e-book edition: EPUB 3 (with an EPUB 2 NCX for old readers), written by ebooklib.

Articles use the same templates as print; only the stylesheet is the layout's
reflowable one. ebooklib stamps the wall-clock time on every zip entry, so the
archive is rewritten with the build's timestamp to make it reproducible.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from markupsafe import escape

from .. import document as d
from .. import xhtml
from ..images import local_path, media_type
from ..diagnostics import Diagnostics
from ..layout import environment, render as render_template
from . import RenderJob
from .cover import cover_png

CSS_PATH = "style/book.css"
COVER_IMAGE = "images/cover.png"
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}


def render(job: RenderJob, target: Path, diags: Diagnostics) -> None:
    from ebooklib import epub

    meta = job.book.meta
    env = environment(job.layout)
    templates = job.layout.settings["templates"]
    context = job.context()
    book = epub.EpubBook()
    book.set_identifier(meta.identifier)
    book.set_title(meta.title)
    book.set_language(meta.language)
    for index, person in enumerate(meta.contributors):
        book.add_author(person.name, role="edt" if person.role == "editor" else "aut", uid=f"creator{index}")
    book.add_metadata("DC", "date", meta.date or job.timestamp.strftime("%Y-%m-%d"))
    for name in ("publisher", "rights"):
        if getattr(meta, name):
            book.add_metadata("DC", name, getattr(meta, name))
    if meta.subtitle:
        book.add_metadata("DC", "description", meta.subtitle)

    style = epub.EpubItem(uid="style", file_name=CSS_PATH, media_type="text/css",
                          content=render_template(env, templates["epub-css"], diags, **context).encode())
    book.add_item(style)
    book.set_cover(COVER_IMAGE, cover_png(job), create_page=False)

    def page(uid: str, file_name: str, title: str, content: str) -> epub.EpubHtml:
        item = epub.EpubHtml(uid=uid, file_name=file_name, title=title, lang=meta.language, content=content)
        item.add_item(style)
        book.add_item(item)
        return item

    cover = page("cover-page", "cover.xhtml", meta.title,
                 f'<section class="cover" epub:type="cover"><img src="{COVER_IMAGE}" '
                 f'alt="{escape(meta.title)}"/></section>')
    titlepage = page("titlepage", "titlepage.xhtml", meta.title,
                     render_template(env, templates["titlepage"], diags, **context))
    images = add_images(book, job)
    chapters = [
        page(f"a-{article.slug}", f"{article.slug}.xhtml", article.title,
             render_template(env, templates["article"], diags, **context, article=article,
                             parts=xhtml.article_parts(article, "end", images.__getitem__)))
        for article in job.book.articles
    ]
    nav = epub.EpubNav(title=job.layout.settings["labels"]["toc"])
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = chapters
    book.spine = [cover, titlepage, nav, *chapters]
    book.guide = [
        {"type": "cover", "href": cover.file_name, "title": meta.title},
        {"type": "toc", "href": nav.file_name, "title": nav.title},
        {"type": "text", "href": chapters[0].file_name, "title": chapters[0].title},
    ]
    raw = io.BytesIO()
    epub.write_epub(raw, book, {"mtime": job.timestamp, "epub3_pages": False, "raise_exceptions": True,
                                "landmark_title": job.layout.settings["labels"]["landmarks"]})
    target.write_bytes(normalised_zip(raw.getvalue(), job.timestamp.timetuple()[:6]))


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
                book.add_item(epub.EpubImage(uid=f"figure-{len(names) + 1}", file_name=name,
                                             media_type=media_type(data), content=data))
                names[block.src] = name
    return names


def normalised_zip(data: bytes, date_time: tuple[int, ...]) -> bytes:
    """The same archive with every entry dated ``date_time``; ``mimetype`` first and stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as dest:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=max(date_time, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dest.writestr(entry, source.read(info.filename))
    return out.getvalue()
