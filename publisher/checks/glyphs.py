"""Check, before rendering, that every character has a glyph in the font that will set it.

Without this check Pango silently borrows a glyph from any installed font, and
the book looks different on every machine (or shows tofu boxes in print).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from publisher import document as d
from publisher.diagnostics import Diagnostics
from publisher.layout.fonts import Face

Run = tuple[str, str, d.Pos]
"""(element, text, position): a piece of text and the layout element that sets it."""


def check_glyphs(book: d.Book, faces: dict[str, Face], content: Path, book_file: Path, diags: Diagnostics) -> None:
    reported: set[tuple[str, str]] = set()
    for element, text, pos in _runs(book):
        face = faces[element]
        missing = {char for char in set(text) if ord(char) not in face.codepoints}
        for char in text if missing else ():
            if char not in missing or char.isspace() or unicodedata.category(char) == "Cc":
                continue
            if (pos.file, char) in reported:
                continue
            reported.add((pos.file, char))
            where = content / pos.file if pos.file else book_file
            name = _char_name(char)
            diags.error(
                where,
                pos.line,
                "glyph-missing",
                f"'{char}' (U+{ord(char):04X} {name}) has no glyph in {face.path.name}, "
                f"the font for {element} text; replace the character or add a font "
                "that has it to fonts/",
                _column(where, pos.line, char),
            )


def _column(path: Path, line: int, char: str) -> int:
    """The 1-based column of ``char`` on ``line`` of the source file, or 0 (no column) if it is not there.

    The document keeps lines only; a missing glyph is rare, so the file is read again to say where."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return 0
    return lines[line - 1].find(char) + 1 if 0 < line <= len(lines) else 0


def _char_name(char: str) -> str:
    """Private-use and unassigned characters have no Unicode name; say what they are instead."""
    kinds = {
        "Co": "private-use character: it only means something in one font",
        "Cn": "unassigned code point",
        "Cs": "lone surrogate",
    }
    return unicodedata.name(char, "") or kinds.get(unicodedata.category(char), "unnamed character")


def _runs(book: d.Book) -> Iterator[Run]:
    meta = book.meta

    def line(field: str) -> d.Pos:
        return d.Pos("", meta.field_lines.get(field, 1))

    yield "book-title", meta.title, line("title")
    yield "book-subtitle", meta.subtitle, line("subtitle")
    for person in meta.contributors:
        yield "editor", person.name, line("editor" if person.role == "editor" else "authors")
    if meta.imprint is not None:
        yield from _imprint_runs(meta, line)
    for paragraph in meta.back_cover.blurb if meta.back_cover else []:
        yield "body", paragraph, line("back-cover")
    for article in book.articles:
        lines = article.field_lines
        for field in ("title", "kicker", "subtitle", "author", "note"):
            position = d.Pos(article.pos.file, lines.get(field, 1))
            yield field, getattr(article, field), position
        for block in d.article_blocks(article):
            yield from _block_runs(block)


def _imprint_runs(meta: d.BookMeta, line: Callable[[str], d.Pos]) -> Iterator[Run]:
    """The imprint page's own fields, and the title, editors, publisher and rights it repeats in its face."""
    for field in ("cip", "edition", "printing", "price", "printer"):
        yield "imprint", getattr(meta.imprint, field), line(f"imprint.{field}")
    for field in ("title", "publisher", "rights"):
        yield "imprint", getattr(meta, field), line(field)
    for person in meta.contributors:
        if person.role == "editor":
            yield "imprint", person.name, line("editor")


def _block_runs(block: d.Block) -> Iterator[Run]:
    if isinstance(block, d.Heading):
        yield from _inline_runs(block.children, "heading")
    elif isinstance(block, d.Paragraph):
        yield from _inline_runs(block.children, "body")
    elif isinstance(block, d.Table):
        for cell in block.header + [c for row in block.rows for c in row]:
            yield from _inline_runs(cell.children, "body")
    elif isinstance(block, d.Image):
        yield "body", block.title, block.pos
    elif isinstance(block, d.CodeBlock):
        yield "code", block.text, block.pos


def _inline_runs(nodes: list[d.Inline], element: str) -> Iterator[Run]:
    for node in nodes:
        if isinstance(node, d.Text):
            yield element, node.text, node.pos
        elif isinstance(node, d.Code):
            yield "code", node.text, node.pos
        elif isinstance(node, d.Strong):
            yield from _inline_runs(node.children, "strong")
        elif isinstance(node, d.Emphasis):
            yield from _inline_runs(node.children, "emphasis")
        elif isinstance(node, d.Link):
            yield from _inline_runs(node.children, element)
