"""Text parity: every article reads the same, character for character, in the source, the PDF, the EPUB
and the web edition.

Text is compared without white space (line breaks, justification and page
breaks differ by output; characters must not). A failure names the article,
the output, the first character that differs and the source line it is on.
"""

from __future__ import annotations

import pytest
from lxml import etree
from pypdf import PdfReader

from publisher import document as d
from publisher.checks.inspect import source
from publisher.layout.pagesizes import PRESETS
from tests.helpers import NS, Built, booklet, squash

LAYOUT = booklet()
CONTEXT = 12


def source_pieces(article: d.Article) -> list[source.Piece]:
    """What a reader sees of an article, in order, with the booklet's labels (the dash, the brackets)."""
    return source.source_pieces(article, LAYOUT.labels)


def type_area(page: int) -> tuple[float, float, float, float]:
    metrics = LAYOUT.metrics(PRESETS["A5"])
    return (
        metrics["inner"] if page % 2 else metrics["outer"],
        metrics["top"],
        metrics["text_width"],
        metrics["text_height"],
    )


def pdf_texts(built: Built) -> dict[str, str]:
    """Slug → the text of the type areas of the pages from the article's first to the next one's."""
    reader = PdfReader(built.pdf)
    firsts = [reader.get_destination_page_number(item) + 1 for item in reader.outline] + [len(reader.pages) + 1]
    return {
        article.slug: "".join(built.pdftotext(page, type_area(page)) for page in range(first, end))
        for article, first, end in zip(built.book.articles, firsts, firsts[1:])
    }


def epub_text(built: Built, article: d.Article) -> str:
    root = etree.fromstring(built.epub_file(f"EPUB/{article.slug}.xhtml").encode())
    return "".join(root.find("x:body", NS).itertext())


def web_text(built: Built, article: d.Article) -> str:
    """The article's text on its page of the web edition (the contents and the links around it left out)."""
    return "".join(built.web_page(f"{article.slug}.html").find(".//main/section").itertext())


def first_difference(article: d.Article, text: str, other: str, name: str) -> str:
    """Where ``other`` first departs from ``text``, said so that an editor can find it."""
    index = source.first_difference(text, other)
    line = source.source_line(source_pieces(article), index)
    return (
        f"{article.pos.file}:{line}: the {name} differs from the source at character {index}:\n"
        f"  source: …{text[max(0, index - CONTEXT) : index + CONTEXT]}…\n"
        f"  {name}: …{other[max(0, index - CONTEXT) : index + CONTEXT]}…"
    )


@pytest.fixture(scope="module")
def pdf(built: Built) -> dict[str, str]:
    return pdf_texts(built)


def test_every_article_has_the_same_text_in_source_pdf_epub_and_web(built: Built, pdf: dict[str, str]) -> None:
    for article in built.book.articles:
        expected = source.source_text(source_pieces(article))
        for name, text in (
            ("PDF", squash(pdf[article.slug])),
            ("EPUB", squash(epub_text(built, article))),
            ("web edition", squash(web_text(built, article))),
        ):
            assert text == expected, first_difference(article, expected, text, name)


def test_a_difference_is_reported_with_its_place(built: Built) -> None:
    """A character changed at the start of the second paragraph is reported on that paragraph's line."""
    article = built.book.articles[2]
    text = source.source_text(source_pieces(article))
    second = article.blocks[1]
    index = text.index(squash(d.plain_text(second.children)))
    message = first_difference(article, text, text[:index] + "错" + text[index + 1 :], "PDF")
    assert message.startswith(
        f"{article.pos.file}:{second.pos.line}: the PDF differs from the source at character {index}:"
    )
