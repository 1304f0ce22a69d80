"""Rule on the text layer: what a reader copies from an article's pages is the source's text.

Compared without white space; the first difference is reported with the page
it is on and the source line it comes from.
"""

from __future__ import annotations

from publisher.checks.inspect.model import ArticleSpan, Printed, Violation
from publisher.checks.inspect.source import first_difference, source_line, source_text

CONTEXT = 12


def text_layer(book: Printed) -> list[Violation]:
    found = []
    for span in book.articles:
        chars = [(page.number, char.text) for page in book.pages[span.first - 1 : span.last] for char in page.chars]
        printed = "".join(text for _, text in chars)
        source = source_text(list(span.pieces))
        index = first_difference(source, printed)
        if index is not None:
            page = chars[min(index, len(chars) - 1)][0] if chars else span.first
            found.append(_difference(span, source, printed, index, page))
    return found


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
