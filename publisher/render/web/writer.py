"""The web edition: a folder of pages that reads, searches and prints from the files alone.

Each article is a page of its own made from the same markup as the e-book's chapter (the layout's
article template, the notes after the text, the section headings ranked, a marker with the id
``page-N`` where each printed page starts), put in the layout's page frame (``web.page``): the
contents beside it, previous and next below. The index page shows the cover, the title page and the
contents. The images, the book's fonts as WOFF2 (:mod:`.fonts`), the stylesheet, the layout's
script and the search index (:mod:`.search`) sit beside the pages. Every file is a function of the
sources: the same book makes the same bytes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from publisher import document as d
from publisher.diagnostics import ContentError, Diagnostics
from publisher.layout import markup as xhtml
from publisher.layout.contents import walk
from publisher.layout.templates import environment
from publisher.layout.templates import render as render_template
from publisher.render.epub.cover import cover_png
from publisher.render.epub.fonts import shown_text
from publisher.render.epub.headings import ranked
from publisher.render.epub.pagebreaks import marked
from publisher.render.job import RenderJob
from publisher.render.pdf import writer as pdf
from publisher.render.web import search
from publisher.render.web.fonts import licences, web_fonts
from publisher.sources.images import local_path, media_type

INDEX = "index.html"
STYLESHEET = "style.css"
SCRIPT = "site.js"
COVER = "images/cover.png"
EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
LIST_NUMBERS = "0123456789."
"""What a browser draws itself for an ordered list's numbers: the faces keep these characters too."""


@dataclass(frozen=True)
class Link:
    href: str
    title: str
    author: str = ""
    back: bool = False
    part: str = ""
    """The title of the part (``parts:`` of book.yaml) this article opens, if it opens one."""
    sections: tuple[Link, ...] = ()
    """The article's sections, at ``toc-depth: 2``: links to their headings on its page."""


def render(job: RenderJob, target: Path, diags: Diagnostics) -> None:
    """Write the site into the empty folder ``target``."""
    web = job.layout.web
    if web is None:
        diags.error(
            job.layout.folder / "layout.yaml",
            1,
            "layout",
            f"the layout '{job.layout.name}' has no 'web:' section, so it cannot make a web edition: add one "
            "(see the built-in booklet layout), or build the other formats with --format pdf,epub",
        )
        raise ContentError
    env = environment(job.layout)
    files: dict[str, bytes] = {COVER: cover_png(pdf.cover_pdf(job, diags), job.kept_in("covers"))}
    images = _images(job, files)
    contents = _contents(job)
    bodies = [_article(job, env, diags, article, images) for article in job.book.articles]
    context = {**job.context(), "contents": contents, "stylesheet": STYLESHEET, "script": SCRIPT}
    context["search_index"] = search.FILE
    pages = {
        INDEX: render_template(
            env,
            web.page,
            diags,
            **context,
            kind="index",
            title=job.book.meta.title,
            current="",
            cover=COVER,
            titlepage=Markup(_html(render_template(env, job.layout.templates.titlepage, diags, **job.context()))),
            imprint_page=Markup(_html(render_template(env, job.layout.templates.imprint, diags, **job.context())))
            if job.book.meta.imprint is not None
            else "",
            body="",
            previous=None,
            next=None,
        )
    }
    for index, (link, body) in enumerate(zip(contents, bodies)):
        pages[link.href] = render_template(
            env,
            web.page,
            diags,
            **context,
            kind="article",
            title=link.title,
            current=link.href,
            cover="",
            titlepage="",
            imprint_page="",
            body=Markup(body),
            previous=contents[index - 1] if index else Link(INDEX, job.book.meta.title),
            next=contents[index + 1] if index + 1 < len(contents) else None,
        )
    texts = [shown_text(page) for page in pages.values()]
    text = "".join(prose for prose, _ in texts) + _labels(job.layout.labels) + LIST_NUMBERS
    fonts = web_fonts(job, text, "".join(code for _, code in texts))
    faces = [
        {"family": f.face.family, "weight": f.face.weight, "url": f.name, "unicode_range": f.unicode_range}
        for f in fonts
    ]
    css = render_template(
        env, web.css, diags, **job.context(), fonts=faces, family=lambda element: job.faces[element].family
    )
    files.update({name: page.encode() for name, page in pages.items()})
    files.update({font.name: font.data for font in fonts})
    files.update(licences(fonts))
    files[STYLESHEET] = css.encode()
    files[SCRIPT] = job.layout.file(web.script).read_bytes()
    entries = [search.Entry(link.href, link.title, shown_text(body)[0]) for link, body in zip(contents, bodies)]
    printed = {start.page: f"{start.article}.html" for start in job.printed.edition.pages}
    files[search.FILE] = search.index_script(entries, printed, job.kept_in("jieba"))
    for name in sorted(files):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[name])


def _contents(job: RenderJob) -> list[Link]:
    """Each article's page, with its sections as the print contents and the e-book's navigation list them."""
    links = []
    for entry in (entry for entry in walk(job.contents) if entry.kind == "article"):
        article, href = entry.article, f"{entry.anchor}.html"
        part = job.book.part_opened_by(article.slug)
        sections = tuple(Link(f"{href}#{section.anchor}", section.title) for section in entry.children)
        links.append(
            Link(href, article.title, article.author, article.matter == "back", part.title if part else "", sections)
        )
    return links


def _article(job: RenderJob, env: object, diags: Diagnostics, article: d.Article, images: dict[str, str]) -> str:
    """The article's markup as the e-book's chapter has it, its page markers included, for a web page."""
    parts = xhtml.article_parts(article, "end", images.__getitem__, job.layout.typography.autospace)
    parts = dataclasses.replace(parts, body=Markup(ranked(parts.body)))
    markup = render_template(env, job.layout.templates.article, diags, **job.context(), article=article, parts=parts)
    return _html(marked(markup, job.printed.edition.pages_of(article.slug)))


def _html(markup: str) -> str:
    """The shared markup without what only an e-book reads (``epub:type``)."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(markup.strip())
    for element in root.iter():
        element.attrib.pop("epub:type", None)
    return lxml_html.tostring(root, encoding="unicode")


def _labels(labels: Mapping[str, object]) -> str:
    """Every label's text: the script shows some of them (the search's), and the stylesheet one (the break)."""
    return "".join(_labels(value) if isinstance(value, Mapping) else str(value) for value in labels.values())


def _images(job: RenderJob, files: dict[str, bytes]) -> dict[str, str]:
    """Put every image the articles show into ``files``; return ``src`` → its path in the site.

    Named in reading order, as in the e-book: stable, ASCII and free of spaces whatever the source
    file was called.
    """
    names: dict[str, str] = {}
    for article in job.book.articles:
        for block in d.article_blocks(article):
            if isinstance(block, d.Image) and block.src not in names:
                data = (job.assets / local_path(block.src)).read_bytes()
                names[block.src] = f"images/figure-{len(names) + 1}{EXTENSIONS[media_type(data)]}"
                files[names[block.src]] = data
    return names
