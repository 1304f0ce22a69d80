"""Rules on pages: the outline matches the book, running heads and folios are right."""

from __future__ import annotations

from publisher.checks.inspect.model import Page, Printed, Violation
from publisher.checks.inspect.source import squash
from publisher.checks.inspect.structure import outline_titles
from publisher.layout.titles import ELLIPSIS


def outline(book: Printed) -> list[Violation]:
    """One bookmark per article and per part, in the book's order, with its title: else pages cannot be
    told apart."""
    found = []
    expected = outline_titles(book.book)
    if len(book.outline) != len(expected):
        parts = f" and {len(book.book.parts)} part(s)" if book.book.parts else ""
        found.append(
            Violation(
                1,
                "outline",
                f"the PDF has {len(book.outline)} bookmark(s) but the book has "
                f"{len(book.book.articles)} article(s){parts}: is it built from this content folder?",
            )
        )
    spans = {id(span.article): span for span in book.articles}
    for (label, page), (title, article) in zip(book.outline, expected):
        if squash(label) != squash(title):
            span = spans.get(id(article))
            found.append(Violation(page, "outline", f"bookmark '{label}' where the book has '{title}'", span))
    return found


def running_heads(book: Printed) -> list[Violation]:
    """Verso: the book's title; recto: the article's; none on an opening page; none, and no folio, on a blank one.

    A title too long for one line may be shortened (its first phrases, or its first words and ``……``); a
    running head never takes two lines."""
    found = []
    for page in book.pages:
        if page.article is None:
            continue
        head = squash("".join(line.text for line in page.head))
        foot = squash("".join(line.text for line in page.foot))
        expected_head, expected_foot = _expected(page, book)
        if not _reads(head, expected_head):
            found.append(
                Violation(
                    page.number, "running-head", _says("running head", head, expected_head), page.article, "", page.head
                )
            )
        elif len(page.head) > 1:
            found.append(
                Violation(
                    page.number,
                    "running-head",
                    f"the running head takes {len(page.head)} lines: shorten the title (or its size in the layout)",
                    page.article,
                    head,
                    page.head,
                )
            )
        if foot != expected_foot:
            found.append(
                Violation(page.number, "folio", _says("folio", foot, expected_foot), page.article, "", page.foot)
            )
    return found


def _expected(page: Page, book: Printed) -> tuple[str, str]:
    if not page.text:
        return "", ""
    if page.number == page.article.first:
        return "", str(page.number)
    title = page.article.article.title if page.recto else book.book.meta.title
    return squash(title), str(page.number)


def _reads(head: str, title: str) -> bool:
    """Whether a running head reads ``title``, whole or shortened (its beginning, maybe followed by ``……``)."""
    if head == title:
        return True
    start = head.removesuffix(ELLIPSIS)
    return bool(start) and bool(title) and start != title and title.startswith(start)


def _says(what: str, found: str, expected: str) -> str:
    if not expected:
        return f"the {what} should be empty but reads '{found}'"
    if not found:
        return f"no {what}; expected '{expected}'"
    return f"the {what} reads '{found}'; expected '{expected}'"
