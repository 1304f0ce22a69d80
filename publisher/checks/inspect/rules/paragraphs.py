"""Rules on paragraphs and page breaks: 孤字, widows and orphans, a heading last on a page."""

from __future__ import annotations

from itertools import groupby

from publisher.checks.inspect.chars import counts_as_character
from publisher.checks.inspect.model import Printed, TextLine, Violation
from publisher.checks.inspect.rules.lines import head, tail

MIN_LAST_LINE = 2  # characters, punctuation not counted
MIN_LINES = 2  # lines of a paragraph on each side of a page break
SIZE_TOLERANCE = 0.1


def lone_char(book: Printed) -> list[Violation]:
    """The last line of a paragraph carries at least two characters (no 孤字)."""
    found = []
    for paragraph in book.paragraphs:
        last = paragraph.lines[-1]
        count = sum(map(counts_as_character, last.text))
        if len(paragraph.lines) > 1 and count < MIN_LAST_LINE:
            found.append(
                Violation(
                    last.page,
                    "lone-char",
                    f"the paragraph's last line has {count} character(s)",
                    paragraph.article,
                    tail(paragraph.lines[-2].text) + "⏎" + last.text,
                    (paragraph.lines[-2].line, last.line),
                )
            )
    return found


def widows_and_orphans(book: Printed) -> list[Violation]:
    """A paragraph split by a page break leaves at least two lines on each side."""
    found = []
    for paragraph in book.paragraphs:
        parts = [list(lines) for _, lines in groupby(paragraph.lines, key=lambda line: line.page)]
        if len(parts) < 2:
            continue
        if len(parts[0]) < MIN_LINES:
            found.append(
                Violation(
                    parts[0][0].page,
                    "orphan",
                    "a paragraph's first line is alone at the foot of the page",
                    paragraph.article,
                    head(parts[0][0].text),
                    (parts[0][0].line,),
                )
            )
        if len(parts[-1]) < MIN_LINES:
            found.append(
                Violation(
                    parts[-1][0].page,
                    "widow",
                    "a paragraph's last line is alone at the top of the page",
                    paragraph.article,
                    tail(parts[-1][0].text),
                    (parts[-1][0].line,),
                )
            )
    return found


def heading_last(book: Printed) -> list[Violation]:
    """The last line of a page whose article goes on over the page is not a heading.

    A heading is a line outside the body paragraphs that is centred or set larger
    than the body; footnotes (set smaller) at the foot of the page are passed over.
    """
    found = []
    for page in book.pages:
        if page.article is None or page.number >= page.article.last:
            continue
        lines = [line for line in page.text if line.line.size >= book.em - SIZE_TOLERANCE]
        if lines and _is_heading(lines[-1], book):
            found.append(
                Violation(
                    page.number,
                    "heading-last",
                    "a heading is the last line of the page",
                    page.article,
                    head(lines[-1].text),
                    (lines[-1].line,),
                )
            )
    return found


def _is_heading(line: TextLine, book: Printed) -> bool:
    centred = abs(line.x0 - (book.text_width - line.x1)) <= 1.0
    return not line.body and (centred or line.line.size > book.em + SIZE_TOLERANCE)
