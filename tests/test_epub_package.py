"""What accessibility checkers and converters read first: the package's language, the cover's
manifest id, and section headings that make an outline without gaps."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from publisher.render.epub.headings import ranked
from publisher.render.epub.writer import with_language
from tests.helpers import FEATURES, NS, Built, build

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def opf(built: Built) -> etree._Element:
    return etree.fromstring(built.epub_file("EPUB/content.opf").encode())


def test_the_package_has_the_book_language(opf: etree._Element, built: Built) -> None:
    assert opf.get(XML_LANG) == opf.findtext("opf:metadata/dc:language", namespaces=NS) == built.book.meta.language


def test_the_language_rewrite_keeps_the_rest_of_the_package() -> None:
    source = (
        b"<?xml version='1.0' encoding='utf-8'?>\n"
        b'<package xmlns="http://www.idpf.org/2007/opf" version="3.0">\n  <metadata/>\n</package>\n'
    )
    out = with_language("zh-CN")(source)
    assert out == source.replace(b'version="3.0">', b'version="3.0" xml:lang="zh-CN">')


def test_the_cover_image_is_the_manifest_item_cover(opf: etree._Element) -> None:
    (image,) = opf.iterfind("opf:manifest/opf:item[@properties='cover-image']", NS)
    assert (image.get("id"), image.get("href")) == ("cover", "images/cover.png")
    assert [m.get("content") for m in opf.iterfind("opf:metadata/opf:meta[@name='cover']", NS)] == ["cover"]
    ids = [item.get("id") for item in opf.iterfind("opf:manifest/opf:item", NS)]
    assert len(ids) == len(set(ids))


def heading(level: int, text: str, block: int = 1) -> str:
    return f'<h{level} class="section" data-block="{block}">{text}</h{level}>\n'


def levels(body: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h(\d) ", body)]


@pytest.mark.parametrize(
    ("markup", "ranks"),
    [
        ([3, 3, 3], [2, 2, 2]),  # ## ## ##: the article's sections
        ([2, 3, 2], [2, 3, 2]),  # # ## #: already an outline
        ([3, 5, 3, 5, 4], [2, 3, 2, 3, 3]),  # ## #### ## #### ###: the skipped level closed up
        ([4, 3], [2, 2]),  # ### ##: a deeper heading first is still a top one
        ([2, 4, 3], [2, 3, 3]),  # # ### ##: both under the #
        ([2, 3, 4, 5, 6], [2, 3, 4, 5, 6]),  # as deep as the markup goes (# to #####, and ######)
        ([6, 5, 4, 3, 2], [2, 2, 2, 2, 2]),  # each a shallower one: none under another
    ],
)
def test_section_headings_are_ranked_under_the_title(markup: list[int], ranks: list[int]) -> None:
    body = "".join(heading(level, f"标题{n}", n) for n, level in enumerate(markup, 1))
    assert levels(ranked(body)) == ranks


def test_ranking_keeps_the_heading_text_and_marks() -> None:
    inner = '小标题<a epub:type="noteref" href="#n1" id="r1" role="doc-noteref">1</a>'
    body = f"<p>正文</p>\n{heading(3, inner, 7)}<p>正文</p>\n"
    assert ranked(body) == body.replace("<h3", "<h2").replace("</h3>", "</h2>")


def test_a_fixture_book_with_sections_has_them_at_h2(tmp_path: Path) -> None:
    result = build(FEATURES, fmt="epub", out=tmp_path)
    assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "features.epub") as archive:
        document = archive.read("EPUB/01-features.xhtml").decode("utf-8")
    assert levels(document) == [1, 2]
