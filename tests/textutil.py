"""What a reader sees of the source, in the form the tests compare outputs against."""

from __future__ import annotations

import re

from publisher import document as d


def squash(text: str) -> str:
    """Text without whitespace: line breaks and page breaks differ by output, characters must not."""
    return re.sub(r"\s+", "", text)


def paragraphs(article: d.Article, note_brackets: tuple[str, str] = ("（", "）")) -> list[str]:
    """Every paragraph a reader sees in an article, in order: header, body, closing note."""
    out = [t for t in (article.kicker, article.title, article.subtitle, article.author) if t]
    out += [d.plain_text(b.children) for b in d.walk_blocks(article.blocks) if isinstance(b, d.Paragraph)]
    if article.note:
        out.append(note_brackets[0] + article.note + note_brackets[1])
    return out


def assert_in_order(haystack: str, needles: list[str], where: str) -> None:
    """Each needle occurs in ``haystack`` after the previous one; report the first that does not."""
    cursor = 0
    for needle in needles:
        found = haystack.find(squash(needle), cursor)
        assert found >= 0, (f"{where}: not found after position {cursor}: {needle[:40]}…\n"
                            f"text there: {haystack[cursor:cursor + 80]}")
        cursor = found + len(squash(needle))
