"""Text parity: every article reads the same, character for character, in the source, the PDF and the EPUB.

Text is compared without white space (line breaks, justification and page
breaks differ by output; characters must not). A failure names the article,
the output, the first character that differs and the source line it is on.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate

import pytest
from lxml import etree
from pypdf import PdfReader

from publisher import document as d
from publisher.build import PROJECT
from publisher.diagnostics import Diagnostics
from publisher.layout import load_layout
from publisher.pagesizes import PRESETS

from .conftest import Built
from .test_epub import NS
from .textutil import squash

LAYOUT = load_layout(PROJECT / "layouts", "booklet", Diagnostics(), PROJECT, 0)
CONTEXT = 12


@dataclass(frozen=True)
class Piece:
    """A piece of an article's text and the source line it comes from."""

    text: str
    line: int


def source_pieces(article: d.Article) -> list[Piece]:
    """What a reader sees of an article, in order, with the layout's labels (the dash, the brackets)."""
    labels = LAYOUT.settings["labels"]
    line = article.field_lines.get
    pieces = [Piece(article.kicker, line("kicker", 1)), Piece(article.title, line("title", 1))]
    if article.subtitle:
        pieces.append(Piece(labels["subtitle-dash"] + article.subtitle, line("subtitle", 1)))
    pieces.append(Piece(article.author, line("author", 1)))
    for block in d.walk_blocks(article.blocks):
        if isinstance(block, (d.Paragraph, d.Heading)):
            pieces.append(Piece(d.plain_text(block.children), block.pos.line))
        elif isinstance(block, d.Table):
            cells = block.header + [cell for row in block.rows for cell in row]
            pieces += [Piece(d.plain_text(cell.children), block.pos.line) for cell in cells]
        elif isinstance(block, (d.Image, d.CodeBlock)):
            pieces.append(Piece(getattr(block, "title", "") or getattr(block, "text", ""), block.pos.line))
    if article.note:
        pieces.append(Piece(labels["note-open"] + article.note + labels["note-close"], line("note", 1)))
    return pieces


def type_area(page: int) -> tuple[float, float, float, float]:
    metrics = LAYOUT.metrics(PRESETS["A5"])
    return (metrics["inner"] if page % 2 else metrics["outer"], metrics["top"],
            metrics["text_width"], metrics["text_height"])


def pdf_texts(built: Built) -> dict[str, str]:
    """Slug → the text of the type areas of the pages from the article's first to the next one's."""
    reader = PdfReader(built.pdf)
    firsts = [reader.get_destination_page_number(item) + 1 for item in reader.outline] + [len(reader.pages) + 1]
    return {article.slug: "".join(built.pdftotext(page, type_area(page)) for page in range(first, end))
            for article, first, end in zip(built.book.articles, firsts, firsts[1:])}


def epub_text(built: Built, article: d.Article) -> str:
    root = etree.fromstring(built.epub_file(f"EPUB/{article.slug}.xhtml").encode())
    return "".join(root.find("x:body", NS).itertext())


def first_difference(article: d.Article, source: str, other: str, name: str) -> str:
    """Where ``other`` first departs from ``source``, said so that an editor can find it."""
    index = next((i for i, (a, b) in enumerate(zip(source, other)) if a != b), min(len(source), len(other)))
    pieces = source_pieces(article)
    ends = accumulate(len(squash(piece.text)) for piece in pieces)
    line = next((piece.line for piece, end in zip(pieces, ends) if end > index), pieces[-1].line)
    return (f"{article.pos.file}:{line}: the {name} differs from the source at character {index}:\n"
            f"  source: …{source[max(0, index - CONTEXT):index + CONTEXT]}…\n"
            f"  {name}: …{other[max(0, index - CONTEXT):index + CONTEXT]}…")


@pytest.fixture(scope="module")
def pdf(built: Built) -> dict[str, str]:
    return pdf_texts(built)


def test_every_article_has_the_same_text_in_source_pdf_and_epub(built: Built, pdf: dict[str, str]) -> None:
    for article in built.book.articles:
        source = squash("".join(piece.text for piece in source_pieces(article)))
        for name, text in (("PDF", squash(pdf[article.slug])), ("EPUB", squash(epub_text(built, article)))):
            assert text == source, first_difference(article, source, text, name)


def test_a_difference_is_reported_with_its_place(built: Built) -> None:
    """A character changed at the start of the second paragraph is reported on that paragraph's line."""
    article = built.book.articles[2]
    pieces = source_pieces(article)
    source = squash("".join(piece.text for piece in pieces))
    second = article.blocks[1]
    index = source.index(squash(d.plain_text(second.children)))
    message = first_difference(article, source, source[:index] + "错" + source[index + 1:], "PDF")
    assert message.startswith(f"{article.pos.file}:{second.pos.line}: the PDF differs from the source "
                              f"at character {index}:")
