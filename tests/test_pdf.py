"""The print edition, checked on the PDF itself (pypdf and poppler's pdftotext/pdffonts)."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from publisher.checks.inspect.lines import group_lines
from publisher.checks.inspect.pdftext import read_pdf
from publisher.layout.pagesizes import PRESETS
from tests.helpers import (
    EPOCH,
    Built,
    assert_heads_and_folios,
    assert_in_order,
    booklet,
    paragraphs,
    squash,
    toc_pages,
)

A5 = (419.53, 595.28)


@pytest.fixture(scope="module")
def reader(built: Built) -> PdfReader:
    return PdfReader(built.pdf)


@pytest.fixture(scope="module")
def metrics() -> dict[str, float]:
    return booklet().metrics(PRESETS["A5"])


@pytest.fixture(scope="module")
def toc(built: Built) -> dict[str, int]:
    return toc_pages(built)


def test_toc_titles_hang_and_page_numbers_keep_their_column(built: Built, toc: dict[str, int], metrics) -> None:
    """A long title wraps with a hanging indent (2 em) and keeps out of the numbers' column (2.5 em at the
    right); every page number ends at the right edge of the type area."""
    em, width = metrics["font_size"], metrics["text_width"]
    page = next(page for page in read_pdf(built.pdf).pages if "目　录" in "".join(c.text for c in page.chars))
    left = metrics["inner"] if page.number % 2 else metrics["outer"]
    lines = [
        (line.left - left, line.right - left, line.text)
        for line in group_lines(page.number, page.chars)
        if squash(line.text) not in ("", "目录")
    ]
    ends = [(x0, x1, text) for x0, x1, text in lines if x1 > width - 0.5]
    assert len(ends) == len(toc) and [int(re.search(r"\d+$", text)[0]) for *_, text in ends] == list(toc.values())
    starts, wrapped = [], []
    for previous, line in zip([None, *lines], lines):
        (starts if previous is None or previous[1] > width - 0.5 else wrapped).append(line)
    assert all(abs(x0) < 0.5 for x0, _, _ in starts), starts
    assert wrapped and all(abs(x0 - 2 * em) < 0.5 + em for x0, _, _ in wrapped), wrapped
    assert all(x1 <= width - 2.5 * em + 0.5 for x0, x1, text in lines if (x0, x1, text) not in ends)


def test_every_page_is_a5(reader: PdfReader) -> None:
    for number, page in enumerate(reader.pages, 1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A5, abs=0.5), f"page {number} is {size}, not A5"


def test_build_has_no_warnings(built: Built) -> None:
    assert built.warnings == []


def test_toc_lists_every_article_in_order(toc: dict[str, int], built: Built) -> None:
    numbers = [toc[a.slug] for a in built.book.articles]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_each_article_starts_on_the_page_the_toc_gives(toc: dict[str, int], built: Built, metrics) -> None:
    for article in built.book.articles:
        page = toc[article.slug]
        text = squash(built.pdftotext(page))
        assert squash(article.title) in text, f"{article.title} is not on page {page}"
        assert page % 2 == 1, f"{article.title} opens on a verso (page {page})"


def test_every_paragraph_is_in_the_type_area_in_order(built: Built, reader: PdfReader, metrics) -> None:
    body = ""
    for number in range(1, len(reader.pages) + 1):
        left = metrics["inner"] if number % 2 else metrics["outer"]
        body += built.pdftotext(
            number, (left - 2, metrics["top"] - 2, metrics["text_width"] + 4, metrics["text_height"] + 4)
        )
    body = squash(body)
    for article in built.book.articles:
        assert_in_order(body, paragraphs(article), article.pos.file)


def test_running_heads_and_folios(toc: dict[str, int], built: Built, reader: PdfReader, metrics) -> None:
    assert_heads_and_folios(built, toc, len(reader.pages), metrics)


def test_fonts_are_embedded_subsets_from_fonts_folder(built: Built) -> None:
    out = subprocess.run(["pdffonts", str(built.pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    names = {row[0].split("+", 1)[1] for row in rows}
    assert names == {"publisher-serif", "publisher-serif-bold", "publisher-kai"}
    for row in rows:
        assert "Type 3" not in " ".join(row)
        emb, sub, uni = row[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_metadata(reader: PdfReader, built: Built) -> None:
    info = reader.metadata
    assert info.title == built.book.meta.title
    assert info.author == "全国总工会党组理论学习中心组"
    moment = datetime.fromtimestamp(int(EPOCH), tz=UTC)
    assert info.creation_date == moment and info.modification_date == moment
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_one_bookmark_per_article(reader: PdfReader, built: Built) -> None:
    titles = [squash(item.title) for item in reader.outline]
    assert titles == [squash(a.title) for a in built.book.articles]


def test_closing_notes_in_full_width_brackets(built: Built) -> None:
    text = squash(built.pdftotext())
    for article in built.book.articles:
        assert squash(f"（{article.note}）") in text


def test_headers_are_centred_and_paragraphs_indented_two_em(toc: dict[str, int], built: Built, reader, metrics) -> None:
    """Title, kicker and author centred on the type area; every body paragraph indented 2 em."""
    em = metrics["font_size"]
    for index, article in enumerate(built.book.articles):
        first = toc[article.slug]
        last = (
            toc[built.book.articles[index + 1].slug] - 1 if index + 1 < len(built.book.articles) else len(reader.pages)
        )
        lines = [
            line
            for page in range(first, last + 1)
            for line in built.lines(page)
            if page == first or line.y_min > metrics["top"] - 1
        ]
        left = metrics["inner"]
        centre = left + metrics["text_width"] / 2
        for text in (t for t in (article.kicker, article.author) if t):
            line = next((ln for ln in lines if squash(ln.text) == squash(text)), None)
            assert line is not None, f"{article.pos.file}: no line reads {text}"
            assert (line.x_min + line.x_max) / 2 == pytest.approx(centre, abs=1), f"{text} is not centred"
        cursor = 0
        for paragraph in paragraphs(article)[
            len([t for t in (article.kicker, article.title, article.subtitle, article.author) if t]) :
        ]:
            start = squash(paragraph)[:8]
            found = next(i for i in range(cursor, len(lines)) if squash(lines[i].text).startswith(start))
            page_left = lines[found].x_min
            assert page_left - em * 2 in (
                pytest.approx(metrics["inner"], abs=0.5),
                pytest.approx(metrics["outer"], abs=0.5),
            ), f"{article.pos.file}: paragraph '{start}…' starts at x={page_left:.1f}, not 2 em in"
            cursor = found + 1
