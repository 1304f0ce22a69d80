"""Rule on the text layer: what a reader copies from an article's pages is the source's text.

Compared without white space, without the hyphens the layout adds where it
hyphenates a Latin word, and without the header a table repeats at the top of a page
it runs on to; the first difference is reported with the page it is on and the source
line it comes from.
"""

from __future__ import annotations

from publisher import document as d
from publisher.checks.inspect.model import ArticleSpan, Printed, Violation
from publisher.checks.inspect.pdftext import Char
from publisher.checks.inspect.source import first_difference, source_line, source_text, squash

CONTEXT = 12
HYPHENS = ("-", "\x02")


def text_layer(book: Printed) -> list[Violation]:
    found = []
    for span in book.articles:
        chars = [
            (page.number, char.text, _line_end_hyphen(char, after))
            for page in book.pages[span.first - 1 : span.last]
            for char, after in zip(page.chars, [*page.chars[1:], None])
        ]
        source = source_text(list(span.pieces))
        headers = _headers(span.article.blocks)
        while True:
            printed = "".join(text for _, text, _ in chars)
            index = first_difference(source, printed)
            if index is None or index >= len(chars):
                break
            if repeated := _repeated_header(chars, printed, index, headers):
                del chars[index : index + len(repeated)]
                continue
            if not chars[index][2]:
                break
            if source[index : index + 1] == "-":
                chars[index] = (chars[index][0], "-", False)  # the source's own hyphen
            else:
                del chars[index]  # a hyphen the layout added where it hyphenated a word
        if index is not None:
            page = chars[min(index, len(chars) - 1)][0] if chars else span.first
            found.append(_difference(span, source, printed, index, page))
    return found


def _headers(blocks: list[d.Block]) -> list[str]:
    """The header rows of the tables among ``blocks`` (in quotes and lists too), each as its text without
    white space."""
    return [
        squash("".join(d.plain_text(cell.children) for cell in block.header))
        for block in d.walk_blocks(blocks)
        if isinstance(block, d.Table) and block.header
    ]


def _repeated_header(chars: list[tuple[int, str, bool]], printed: str, index: int, headers: list[str]) -> str:
    """The header of a table that the printed text repeats at ``index``, the top of a page (a table that runs
    on to the next page repeats its header there); "" if none."""
    top = index == 0 or chars[index - 1][0] != chars[index][0]
    return next((header for header in headers if top and printed.startswith(header, index)), "")


def _line_end_hyphen(char: Char, after: Char | None) -> bool:
    """A hyphen that ends its line: the layout's, when it hyphenates a Latin word, if the source has none
    there (see docs/typography.md). PDFium reads a hyphen that ends a line inside a word as U+0002."""
    return char.text in HYPHENS and (after is None or abs(after.baseline - char.baseline) > char.size / 2)


def _difference(span: ArticleSpan, source: str, printed: str, index: int, page: int) -> Violation:
    line = source_line(list(span.pieces), index)
    around = slice(max(0, index - CONTEXT), index + CONTEXT)
    return Violation(
        page,
        "text-layer",
        f"the text layer differs from {span.article.pos.file}:{line} at "
        f"character {index}: source …{source[around]}… PDF …{printed[around]}…",
        span,
    )
