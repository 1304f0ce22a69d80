"""Rules on single lines and on line breaks: flush, loose, line start and end, splits, overfull, indent."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from publisher.checks.inspect.chars import (
    NO_END,
    NO_START,
    NUMBER_TAIL,
    PAIRED,
    is_digit,
    is_latin_letter,
    run_length,
)
from publisher.checks.inspect.lines import is_call, stray_call
from publisher.checks.inspect.model import ArticleSpan, Paragraph, Printed, TextLine, Violation
from publisher.checks.inspect.source import squash
from publisher.layout.autospace import han as is_han

FLUSH = 0.1  # em: how short of the right edge a non-final line may end
LOOSE = 0.2  # em: the widest gap a justified line may open between two Han characters
SPACE = 0.15  # em: a gap between two characters this wide or wider is a space (spaces are not drawn)
RUN = 16  # characters: the longest run a loose violation names
OVERFULL = 0.5  # pt: how far past the type area ink may run
INDENT = 0.5  # pt: how far from 2 em a first line may start
CONTEXT = 8


def flush(book: Printed) -> list[Violation]:
    """Every non-final line of a body paragraph reaches the right edge of the type area."""
    edge = book.text_width - FLUSH * book.em
    return [
        Violation(
            line.page,
            "flush",
            f"line ends {(book.text_width - line.x1) / book.em:.2f} em short of the right edge",
            paragraph.article,
            tail(line.text),
            (line.line,),
        )
        for paragraph in book.paragraphs
        for line in paragraph.lines[:-1]
        if line.x1 < edge
    ]


def loose(book: Printed) -> list[Violation]:
    """No justified line opens more than 0.2 em between two Han characters.

    Such a line was stretched because what follows it could not break: the start of the next line,
    up to its first break between two Han characters or at a space, is named as the cause.
    """
    found = []
    for paragraph in book.paragraphs:
        for line, after in zip(paragraph.lines, paragraph.lines[1:]):
            chars = line.line.chars
            widest = max(
                (
                    right.left - left.right
                    for left, right in itertools.pairwise(chars)
                    if is_han(left.text) and is_han(right.text)
                ),
                default=0.0,
            )
            if widest > LOOSE * book.em:
                found.append(
                    Violation(
                        line.page,
                        "loose",
                        f"line opens {widest / book.em:.2f} em between Han characters: the next line starts "
                        f"with a run it could not break, '{unbroken_run(after, book.em)}'",
                        paragraph.article,
                        tail(line.text),
                        (line.line, after.line),
                    )
                )
    return found


def unbroken_run(line: TextLine, em: float) -> str:
    """The line's first characters, up to the first place a line may break: between two Han characters or at
    a space (an undrawn space shows as a gap)."""
    chars = line.line.chars
    end = len(chars)
    for index, (left, right) in enumerate(itertools.pairwise(chars)):
        if (is_han(left.text) and is_han(right.text)) or right.left - left.right >= SPACE * em:
            end = index + 1
            break
    run = "".join(char.text for char in chars[:end])
    return run if len(run) <= RUN else run[: RUN - 1] + "…"


def article_lines(book: Printed) -> Iterator[tuple[TextLine | None, TextLine, ArticleSpan]]:
    """Each line of the articles' type areas, code aside, with the line before it in the same article."""
    for span in book.articles:
        before = None
        for page in book.pages[span.first - 1 : span.last]:
            for line in page.text:
                if book.is_code(line):
                    before = None
                    continue
                yield before, line, span
                before = line


def line_start(book: Printed) -> list[Violation]:
    """No line starts with a mark that may not start one, nor with a footnote call; a lone ``—`` neither
    (``——`` may).

    A ``—`` whose other half ends the line before is a split dash, reported as such."""
    found = []
    for before, line, span in article_lines(book):
        text = line.text
        lone_dash = text[0] == "—" and run_length(text, "—", from_end=False) % 2 == 1
        split = before is not None and before.text.endswith("—")
        if stray_call(line.line, before and before.line) or is_call(line.line.chars[0], line.line):
            call = "".join(c.text for c in itertools.takewhile(lambda c: c.text.isdigit(), line.line.chars))
            what = f"a footnote call ('{call}'), apart from the text it annotates"
        elif text[0] in NO_START or (lone_dash and not split):
            what = f"'{text[0]}'"
        else:
            continue
        found.append(Violation(line.page, "line-start", f"line starts with {what}", span, head(text), (line.line,)))
    return found


def line_end(book: Printed) -> list[Violation]:
    """No line ends with an opening mark."""
    return [
        Violation(line.page, "line-end", f"line ends with '{line.text[-1]}'", span, tail(line.text), (line.line,))
        for _, line, span in article_lines(book)
        if line.text[-1] in NO_END
    ]


def splits(book: Printed) -> list[Violation]:
    """``——``, ``……``, numbers and Latin words are never split between two lines of a paragraph."""
    found = []
    for paragraph in book.paragraphs:
        for upper, lower in zip(paragraph.lines, paragraph.lines[1:]):
            kind = split_kind(upper.text, lower.text, paragraph)
            if kind:
                found.append(
                    Violation(
                        lower.page,
                        f"split-{kind}",
                        f"{_NAMES[kind]} split between two lines",
                        paragraph.article,
                        f"{tail(upper.text)}⏎{head(lower.text)}",
                        (upper.line, lower.line),
                    )
                )
    return found


_NAMES = {"dash": "'——' or '……'", "number": "a number", "word": "a Latin word"}


def split_kind(upper: str, lower: str, paragraph: Paragraph) -> str | None:
    """What a line break between ``upper`` and ``lower`` splits, if anything."""
    last, first = upper[-1], lower[0]
    if last == first and last in PAIRED and run_length(upper, last, True) % 2 and run_length(lower, first, False) % 2:
        return "dash"
    if is_digit(last) and (is_digit(first) or first in NUMBER_TAIL or re.match(r"\.\d", lower)):
        return "number"
    if upper.endswith(".") and len(upper) > 1 and is_digit(upper[-2]) and is_digit(first):
        return "number"
    if is_latin_letter(last) and is_latin_letter(first) and _one_word(upper, lower, paragraph):
        return "word"
    return None


def _one_word(upper: str, lower: str, paragraph: Paragraph) -> bool:
    """Whether the Latin letters either side of the break are one word in the source.

    The break's space, if there was one, is not drawn, so only the source tells
    ``Latin words|on`` (a break at a space) from ``wor|ds``.
    """
    left = re.search(r"[A-Za-z]+$", upper).group()
    right = re.match(r"[A-Za-z]+", lower).group()
    return any(left + right in piece.text for piece in paragraph.article.pieces)


def overfull(book: Printed) -> list[Violation]:
    """No line runs past either side of the type area, on the articles' pages.

    On the right a line overfills when both its ink and its advances run past: a mark set half-width
    keeps its full advance, and a glyph may draw a stroke past its own advance (员), as its
    designer meant, at the end of a line that is flush.
    """
    found = []
    for page in book.pages:
        for line in page.text if page.article else ():
            right = min(line.ink, line.x1) - book.text_width
            over = max(-line.x0, right)
            if over > OVERFULL:
                side = "left" if -line.x0 > right else "right"
                found.append(
                    Violation(
                        page.number,
                        "overfull",
                        f"line runs {over:.1f} pt past the {side} edge of the type area",
                        page.article,
                        tail(line.text),
                        (line.line,),
                    )
                )
    return found


def indent(book: Printed) -> list[Violation]:
    """Every body paragraph's first line is indented 2 em, and the others start at the left edge (of
    the quote or list item it is in); a list item's first line starts with its marker, 2 em out."""
    found = []
    for paragraph in book.paragraphs:
        first, *rest = paragraph.lines
        if abs(first.x0 - paragraph.first_x) > INDENT:
            expected = (paragraph.first_x - paragraph.left) / book.em
            found.append(
                Violation(
                    first.page,
                    "indent",
                    f"paragraph indented {(first.x0 - paragraph.left) / book.em:.2f} em, not {expected:g} em",
                    paragraph.article,
                    head(first.text),
                    (first.line,),
                )
            )
        found += [
            Violation(
                line.page,
                "indent",
                f"line starts {line.x0 / book.em:.2f} em from the left edge",
                paragraph.article,
                head(line.text),
                (line.line,),
            )
            for line in rest
            if abs(line.x0 - paragraph.left) > INDENT
        ]
    return found


def head(text: str) -> str:
    return squash(text)[: CONTEXT * 2]


def tail(text: str) -> str:
    return squash(text)[-CONTEXT * 2 :]
