"""The EPUB navigation document: table of contents, landmarks and the print page list.

Written here rather than by ebooklib, whose page list takes every element
that has both an ``id`` and an ``epub:type`` (chapters, note references)
for a page break.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from publisher.render.printed import PageStart

FILE = "nav.xhtml"


@dataclass(frozen=True)
class Entry:
    href: str
    text: str
    kind: str = ""
    children: tuple[Entry, ...] = ()
    """Entries under this one: a part's articles, an article's sections."""


def nav_body(labels: dict[str, str], toc: list[Entry], landmarks: list[Entry], pages: list[Entry]) -> str:
    """The body of the navigation document; the landmarks and page list are for reading systems only."""
    parts = [_nav("toc", labels["toc"], toc, ' role="doc-toc"')]
    parts.append(_nav("landmarks", labels["landmarks"], landmarks, ' hidden=""'))
    if pages:
        parts.append(_nav("page-list", labels["page-list"], pages, ' role="doc-pagelist" hidden=""'))
    return "".join(parts)


def page_entries(starts: list[PageStart], file_of: dict[str, str]) -> list[Entry]:
    return [Entry(f"{file_of[s.article]}#page-{s.page}", str(s.page)) for s in starts]


def _nav(kind: str, title: str, entries: list[Entry], attributes: str) -> str:
    return f'<nav epub:type="{kind}" id="{kind}"{attributes}>\n<h2>{escape(title)}</h2>\n{_list(entries)}</nav>\n'


def _list(entries: list[Entry] | tuple[Entry, ...]) -> str:
    """An ``ol`` of the entries, each with its own entries nested under it (EPUB 3 navigation)."""
    items = "".join(f"<li>{_link(e)}{chr(10) + _list(e.children) if e.children else ''}</li>\n" for e in entries)
    return f"<ol>\n{items}</ol>\n"


def _link(entry: Entry) -> Markup:
    kind = Markup(' epub:type="{}"').format(entry.kind) if entry.kind else ""
    return Markup('<a{} href="{}">{}</a>').format(kind, entry.href, entry.text)
