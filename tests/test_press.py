"""Print production on the PDF itself: page sizes, bleed and marks, imposition, PDF standards."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from publisher.cli.main import main
from publisher.layout.pagesizes import PRESETS, page_size
from tests.helpers import FEATURES, booklet

PT = 72 / 25.4


def build(out: Path, *options: str) -> tuple[int, str]:
    err = io.StringIO()
    code = main(["build", str(FEATURES), "-o", str(out), "--format", "pdf", *options], io.StringIO(), err)
    return code, err.getvalue()


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_page_size(tmp_path: Path, name: str) -> None:
    assert build(tmp_path, "--page-size", name)[0] == 0
    reader = PdfReader(tmp_path / "features.pdf")
    size = PRESETS[name]
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            (size.width_mm * PT, size.height_mm * PT), abs=0.5
        )


def test_type_area_is_whole_characters_on_every_preset() -> None:

    layout = booklet()
    for size in PRESETS.values():
        m = layout.metrics(size)
        assert (m["text_width"] / m["font_size"]).is_integer()
        assert (m["text_height"] / m["line_height"]).is_integer()
        assert m["outer"] >= 24 * PT - 0.01 and m["bottom"] >= 22 * PT - 0.01
    assert layout.metrics(PRESETS["A5"])["text_width"] == 28 * 10.5


def test_custom_page_size_and_bad_ones(tmp_path: Path) -> None:
    assert page_size("150x220").width_mm == 150 and page_size("150×220mm").height_mm == 220
    assert page_size("1x2") is None and page_size("A3") is None
    code, err = build(tmp_path, "--page-size", "A3")
    assert code == 1 and "--page-size: error: page-size: unknown page size 'A3'" in err


def test_page_size_from_book_yaml(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "book.yaml").write_text("title: 书\npage-size: 32开\n", encoding="utf-8")
    (content / "01.md").write_text("---\ntitle: 一\n---\n\n正文。\n", encoding="utf-8")
    assert main(["build", str(content), "--format", "pdf"], io.StringIO(), io.StringIO()) == 0
    page = PdfReader(tmp_path / "build" / "book.pdf").pages[0]
    assert float(page.mediabox.width) == pytest.approx(130 * PT, abs=0.5)
    (content / "book.yaml").write_text("title: 书\npage-size: 64开\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["check", str(content)], io.StringIO(), err) == 1
    assert "book.yaml:2: error: page-size: unknown page size '64开'" in err.getvalue()


def test_bleed_sets_trim_and_bleed_boxes(tmp_path: Path) -> None:
    assert build(tmp_path, "--bleed", "3mm", "--marks", "crop")[0] == 0
    page = PdfReader(tmp_path / "features.pdf").pages[0]
    trim, bleed, media = page.trimbox, page.bleedbox, page.mediabox
    assert float(trim.width) == pytest.approx(148 * PT, abs=0.5)
    assert float(trim.height) == pytest.approx(210 * PT, abs=0.5)
    assert float(bleed.width) == pytest.approx((148 + 6) * PT, abs=0.5)
    assert float(media.width) >= float(bleed.width)


def test_impose_writes_a_second_file_of_sheets(tmp_path: Path) -> None:
    assert build(tmp_path, "--impose", "saddle", "--creep", "0.1mm")[0] == 0
    pages = len(PdfReader(tmp_path / "features.pdf").pages)
    sheets = PdfReader(tmp_path / "features-imposed.pdf").pages
    assert len(sheets) * 2 == pages + (-pages % 4)
    assert float(sheets[0].mediabox.width) == pytest.approx(2 * 148 * PT, abs=0.5)


def test_impose_and_bleed_together_is_a_usage_error(tmp_path: Path) -> None:
    assert build(tmp_path, "--impose", "saddle", "--bleed", "3mm")[0] == 2


def test_pdf_a_3b(tmp_path: Path) -> None:
    assert build(tmp_path, "--pdf-variant", "pdf/a-3b")[0] == 0
    root = PdfReader(tmp_path / "features.pdf").trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3" pdfaid:conformance="B"' in xmp
    assert root["/OutputIntents"][0].get_object()["/S"] == "/GTS_PDFA1"


def test_pdf_ua_1_is_tagged_with_language(tmp_path: Path) -> None:
    assert build(tmp_path, "--pdf-variant", "pdf/ua-1")[0] == 0
    root = PdfReader(tmp_path / "features.pdf").trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "zh-CN"
