"""The intermediate document: one typed tree for the whole book.

This is the contract between the sources stage and the renderers (see
``docs/document.md`` and ``docs/document.schema.json``). It holds content only,
never renderer state (no page numbers, no footnote numbers, no ids). Every node
carries the source position it came from so that any later stage can point an
editor back to the Markdown. Change it deliberately and bump
``SCHEMA_VERSION`` with the schema file.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Pos:
    """Where a node starts: file relative to the content folder, 1-based line."""

    file: str
    line: int


# Inlines


@dataclass
class Text:
    pos: Pos
    text: str


@dataclass
class Emphasis:
    pos: Pos
    children: list[Inline]


@dataclass
class Strong:
    pos: Pos
    children: list[Inline]


@dataclass
class Code:
    pos: Pos
    text: str


@dataclass
class Link:
    pos: Pos
    href: str
    children: list[Inline]


@dataclass
class FootnoteRef:
    pos: Pos
    label: str


@dataclass
class LineBreak:
    pos: Pos


Inline = Text | Emphasis | Strong | Code | Link | FootnoteRef | LineBreak


# Blocks


@dataclass
class Heading:
    pos: Pos
    level: int
    children: list[Inline]


@dataclass
class Paragraph:
    pos: Pos
    children: list[Inline]


@dataclass
class BlockQuote:
    pos: Pos
    children: list[Block]


@dataclass
class ListItem:
    pos: Pos
    children: list[Block]


@dataclass
class ListBlock:
    pos: Pos
    ordered: bool
    start: int
    items: list[ListItem]


@dataclass
class TableCell:
    pos: Pos
    align: str
    children: list[Inline]


@dataclass
class Table:
    pos: Pos
    header: list[TableCell]
    rows: list[list[TableCell]]


@dataclass
class Image:
    """An image in a paragraph of its own; ``src`` is relative to the content folder."""

    pos: Pos
    src: str
    alt: str
    title: str


@dataclass
class CodeBlock:
    pos: Pos
    info: str
    text: str


@dataclass
class ThematicBreak:
    pos: Pos


@dataclass
class Footnote:
    pos: Pos
    label: str
    children: list[Block]


Block = Heading | Paragraph | BlockQuote | ListBlock | Table | Image | CodeBlock | ThematicBreak


# Book


@dataclass
class Contributor:
    name: str
    role: str


@dataclass
class Imprint:
    """The imprint page (版权页) as ``book.yaml`` gives it.

    开本, 印张 and 字数 are not here: they depend on the page size and the page
    count, which only the print layout knows, so the renderer computes them.
    """

    cip: str = ""
    edition: str = ""
    printing: str = ""
    price: str = ""
    printer: str = ""
    sheet: str = ""


@dataclass
class BookMeta:
    title: str
    subtitle: str = ""
    contributors: list[Contributor] = field(default_factory=list)
    publisher: str = ""
    language: str = "zh-CN"
    date: str = ""
    identifier: str = ""
    rights: str = ""
    layout: str = "booklet"
    slug: str = "book"
    page_size: str = ""
    imprint: Imprint | None = None
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Article:
    pos: Pos
    slug: str
    title: str
    author: str = ""
    kicker: str = ""
    subtitle: str = ""
    note: str = ""
    order: int | None = None
    matter: str = "body"
    """``"body"``, or ``"back"``: back matter (an afterword), placed after every body article."""
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class Part:
    """A part of the book (篇, 编): a title over consecutive articles, named by their slugs in reading
    order; ``pos`` is its entry in ``book.yaml``."""

    pos: Pos
    title: str
    articles: list[str]


@dataclass
class Book:
    meta: BookMeta
    articles: list[Article]
    parts: list[Part] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def part_opened_by(self, slug: str) -> Part | None:
        """The part whose first article is ``slug``: its title page comes before that article."""
        return next((part for part in self.parts if part.articles[:1] == [slug]), None)


def to_data(node: object) -> object:
    """Turn the tree into JSON-ready data; each node names its type in ``"type"``."""
    if isinstance(node, Pos):
        return {"file": node.file, "line": node.line}
    if dataclasses.is_dataclass(node):
        data: dict[str, object] = {"type": type(node).__name__}
        for f in dataclasses.fields(node):
            data[f.name] = to_data(getattr(node, f.name))
        return data
    if isinstance(node, list):
        return [to_data(item) for item in node]
    if isinstance(node, dict):
        return {key: to_data(value) for key, value in node.items()}
    return node


def to_json(book: Book) -> str:
    """The document as stable, human-readable JSON (the ``--format json`` output)."""
    return json.dumps(to_data(book), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def plain_text(inlines: list[Inline]) -> str:
    """The characters a reader sees, without markup (footnote markers excluded)."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, (Emphasis, Strong, Link)):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append("\n")
    return "".join(parts)


def walk_blocks(blocks: list[Block]):
    """Every block, depth first, including those inside quotes and lists."""
    for block in blocks:
        yield block
        if isinstance(block, BlockQuote):
            yield from walk_blocks(block.children)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from walk_blocks(item.children)


def article_blocks(article: Article):
    """Every block of an article, its footnotes' blocks included."""
    yield from walk_blocks(article.blocks)
    for note in article.footnotes:
        yield from walk_blocks(note.children)
