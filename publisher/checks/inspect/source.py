"""What a reader should see of an article, from the source: the text the PDF's text layer must equal.

Text is compared without white space: line breaks, justification and page
breaks differ by output, characters must not. The layout's labels (the
subtitle's dash, the note's brackets) are part of what is printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from publisher import document as d


@dataclass(frozen=True)
class SourceText:
    """A piece of an article's text and the source line it comes from."""

    text: str
    line: int


def squash(text: str) -> str:
    """Text without white space."""
    return re.sub(r"\s+", "", text)


def source_pieces(article: d.Article, labels: dict[str, str]) -> list[SourceText]:
    """What a reader sees of an article, in order, with the layout's labels."""
    line = article.field_lines.get
    pieces = [SourceText(article.kicker, line("kicker", 1)), SourceText(article.title, line("title", 1))]
    if article.subtitle:
        pieces.append(SourceText(labels["subtitle-dash"] + article.subtitle, line("subtitle", 1)))
    pieces.append(SourceText(article.author, line("author", 1)))
    pieces += block_pieces(article.blocks, labels)
    if article.note:
        pieces.append(SourceText(labels["note-open"] + article.note + labels["note-close"], line("note", 1)))
    return pieces


def block_pieces(blocks: list[d.Block], labels: dict[str, str]) -> list[SourceText]:
    """The text of blocks, with what print draws between them: the marker of a list item that opens
    with a paragraph (drawn in line with its text) and the ornament of a thematic break."""
    pieces = []
    for block in blocks:
        if isinstance(block, (d.Paragraph, d.Heading)):
            pieces += inline_pieces(block.children)
        elif isinstance(block, d.BlockQuote):
            pieces += block_pieces(block.children, labels)
        elif isinstance(block, d.ListBlock):
            for number, item in enumerate(block.items, block.start):
                inline = bool(item.children) and isinstance(item.children[0], d.Paragraph)
                marker = f"{number}{labels['list-number-suffix']}" if block.ordered else labels["list-bullet"]
                pieces.append(SourceText(marker if inline else "", item.pos.line))
                pieces += block_pieces(item.children, labels)
        elif isinstance(block, d.Table):
            cells = block.header + [cell for row in block.rows for cell in row]
            pieces += [SourceText(d.plain_text(cell.children), block.pos.line) for cell in cells]
        elif isinstance(block, (d.Image, d.CodeBlock)):
            pieces.append(SourceText(getattr(block, "title", "") or getattr(block, "text", ""), block.pos.line))
        elif isinstance(block, d.ThematicBreak):
            pieces.append(SourceText(labels["break"], block.pos.line))
    return pieces


def inline_pieces(inlines: list[d.Inline]) -> list[SourceText]:
    """The characters of :func:`~publisher.document.plain_text`, each run with its own source line,
    so that a line of a paragraph written over several source lines is found on its own."""
    pieces = []
    for node in inlines:
        if isinstance(node, (d.Text, d.Code)):
            pieces.append(SourceText(node.text, node.pos.line))
        elif isinstance(node, (d.Emphasis, d.Strong, d.Link)):
            pieces += inline_pieces(node.children)
        elif isinstance(node, d.LineBreak):
            pieces.append(SourceText("\n", node.pos.line))
    return pieces


def source_text(pieces: list[SourceText]) -> str:
    return squash("".join(piece.text for piece in pieces))


def first_difference(source: str, other: str) -> int | None:
    """The index of the first character where ``other`` departs from ``source``; ``None`` if equal."""
    if source == other:
        return None
    return next((i for i, (a, b) in enumerate(zip(source, other)) if a != b), min(len(source), len(other)))


def source_line(pieces: list[SourceText], index: int) -> int:
    """The source line of the character at ``index`` of :func:`source_text`."""
    ends = accumulate(len(squash(piece.text)) for piece in pieces)
    return next((piece.line for piece, end in zip(pieces, ends) if end > index), pieces[-1].line)


def printed_line(pieces: list[SourceText], printed: str) -> int | None:
    """The source line a printed line comes from: where its first characters occur in the article's text.

    ``None`` when they occur nowhere (a line the layout adds, or text the PDF garbled).
    """
    start = squash(printed)[:PRINTED_PREFIX]
    index = source_text(pieces).find(start) if start else -1
    return None if index < 0 else source_line(pieces, index)


PRINTED_PREFIX = 12
"""Characters of a printed line looked up in the source: enough to be found once in an article."""
