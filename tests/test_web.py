"""The web edition (``--format html``) as its files are: the pages, their links, the notes, the print
page anchors, the fonts, the search index, the same bytes from the same sources."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from fontTools.ttLib import TTFont
from lxml import html

from publisher.build.pipeline import BuildOptions, build
from publisher.cli.exits import EXIT_CONTENT
from publisher.diagnostics import Diagnostics
from publisher.layout.markup import sections
from publisher.render.web.search import boundaries
from publisher.sources.book import read_book
from publisher.util.atomic import atomic_folder
from tests.helpers import CONTENT, EPOCH, FEATURES, PROJECT, Built, make_content
from tests.helpers import build as build_cli

HANDBOOK = PROJECT / "examples" / "handbook"


def site(content: Path, out: Path, environ: dict[str, str] | None = None, root: Path | None = None) -> Path:
    diags = Diagnostics(root=content)
    options = BuildOptions(content=content, out=out, formats=("html",), root=root)
    (folder,) = build(options, environ or {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
    assert [d.format() for d in diags.items] == []
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def page(folder: Path, name: str) -> html.HtmlElement:
    return html.document_fromstring((folder / name).read_text(encoding="utf-8"))


def search_index(folder: Path) -> dict:
    script = (folder / "search-index.js").read_text(encoding="utf-8")
    return json.loads(re.fullmatch(r"window\.publisherSearch = (.*);\n", script, re.DOTALL).group(1))


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return site(FEATURES, tmp_path_factory.mktemp("features-web"))


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook: a book in parts, with an image."""
    return site(HANDBOOK, tmp_path_factory.mktemp("handbook-web"), root=HANDBOOK.parent)


def test_the_index_shows_the_cover_the_title_page_and_the_contents(built: Built) -> None:
    index = built.web_page("index.html")
    meta = built.book.meta
    assert index.get("lang") == "zh-CN"
    cover = index.find(".//main//img")
    assert (built.web / cover.get("src")).read_bytes().startswith(b"\x89PNG") and meta.title in cover.get("alt")
    text = index.find(".//main").text_content()
    for words in (meta.title, meta.subtitle, *(p.name for p in meta.contributors)):
        assert words in text
    toc = [(a.get("href"), a.text_content()) for a in index.findall(".//main//nav//a")]
    assert toc == [(f"{a.slug}.html", f"{a.title} {a.author}") for a in built.book.articles]


def test_each_article_is_a_page_with_the_contents_beside_it_and_its_neighbours_below(built: Built) -> None:
    articles = built.book.articles
    for index, article in enumerate(articles):
        doc = built.web_page(f"{article.slug}.html")
        assert doc.get("lang") == "zh-CN"
        assert doc.find(".//main//h1").text_content() == article.title
        assert doc.findtext(".//title").startswith(article.title)
        side = doc.find(".//nav[@id='contents']")
        assert [a.get("href") for a in side.iter("a")] == [f"{a.slug}.html" for a in articles]
        assert [a.get("href") for a in side.iter("a") if a.get("aria-current") == "page"] == [f"{article.slug}.html"]
        previous = doc.find(".//a[@rel='prev']").get("href")
        assert previous == (f"{articles[index - 1].slug}.html" if index else "index.html")
        following = doc.find(".//a[@rel='next']")
        if index + 1 < len(articles):
            assert following.get("href") == f"{articles[index + 1].slug}.html"
        else:
            assert following is None


def test_every_link_and_image_of_the_site_leads_to_a_file_and_an_anchor_in_it(
    built: Built, features: Path, handbook: Path
) -> None:
    for folder in (built.web, features, handbook):
        ids = {
            name: {e.get("id") for e in page(folder, name).iter() if e.get("id")}
            for name in files(folder)
            if name.endswith(".html")
        }
        for name in ids:
            for element in page(folder, name).iter():
                target = element.get("href") or element.get("src")
                if not target or target.startswith(("https:", "http:", "mailto:")):
                    continue
                parts = urlsplit(target)
                file = unquote(parts.path) or name
                assert (folder / file).is_file(), f"{name}: {target} leads to no file"
                if parts.fragment:
                    assert parts.fragment in ids[file], f"{name}: {target} leads to no anchor"


def test_the_contents_name_each_part_before_its_first_article_and_its_sections_after_it(handbook: Path) -> None:
    """The handbook's layout lists sections too (toc-depth: 2), as its print contents and e-book do."""
    book = read_book(HANDBOOK, Diagnostics(root=HANDBOOK))
    assert book.parts
    expected = []
    for article in book.articles:
        part = book.part_opened_by(article.slug)
        expected += [part.title] if part else []
        expected.append(f"{article.slug}.html")
        expected += [f"{article.slug}.html#{section.anchor}" for section in sections(article)]
    assert len(expected) > len(book.articles) + len(book.parts)
    for name in ("index.html", f"{book.articles[0].slug}.html"):
        nav = page(handbook, name).find(".//nav[@id='contents']" if name != "index.html" else ".//main//nav")
        listed = [li.find("a").get("href") if li.find("a") is not None else li.text_content() for li in nav.iter("li")]
        assert listed == expected, name


def test_notes_link_to_their_text_and_back(features: Path) -> None:
    doc = page(features, "01-features.html")
    calls = doc.findall(".//a[@role='doc-noteref']")
    assert len(calls) == 2
    for call in calls:
        note = doc.get_element_by_id(call.get("href")[1:])
        assert note.get("role") == "doc-footnote"
        back = note.find(".//a[@role='doc-backlink']")
        assert back.get("href") == f"#{call.get('id')}" and back.text == call.text


def test_images_are_in_the_site(features: Path) -> None:
    (image,) = page(features, "01-features.html").findall(".//main//figure/img")
    assert image.get("src") == "images/figure-1.png" and image.get("alt") == "示意图"
    assert (features / "images" / "figure-1.png").read_bytes() == (FEATURES / "images" / "图 一.png").read_bytes()


def test_each_printed_page_is_an_anchor_where_the_e_book_marks_it(built: Built) -> None:
    """The anchors are those of the e-book's page list (``slug.xhtml#page-N``), in the same articles;
    the search index knows the page of each, for ``#page-N`` on any page."""
    nav = html.fromstring(built.epub_file("EPUB/nav.xhtml").encode())
    listed = [a.get("href") for a in nav.xpath("//nav[@id='page-list']//a")]
    assert len(listed) > 20
    anchors = [
        f"{a.slug}.xhtml#{e.get('id')}"
        for a in built.book.articles
        for e in built.web_page(f"{a.slug}.html").iter()
        if (e.get("id") or "").startswith("page-")
    ]
    assert anchors == listed
    pages = search_index(built.web)["pages"]
    assert {f"{href[: -len('.html')]}.xhtml#page-{number}" for number, href in pages.items()} == set(listed)


def test_the_web_edition_is_html_without_the_e_books_own_attributes(built: Built) -> None:
    for name in files(built.web):
        if name.endswith(".html"):
            text = (built.web / name).read_text(encoding="utf-8")
            assert text.startswith("<!DOCTYPE html>") and "epub:type" not in text and "<?xml" not in text


def test_the_fonts_are_woff2_slices_with_every_character_of_the_site(built: Built) -> None:
    """Each face is cut into slices of code points, each declared with its range: together they hold every
    character of the site, each slice only characters of its range."""
    css = (built.web / "style.css").read_text(encoding="utf-8")
    declared = re.findall(
        r'font-family: "([^"]+)";\s*font-weight: (\d+);.*?url\("([^"]+)"\) format\("woff2"\);\s*'
        r"unicode-range: U\+([0-9A-F]+)-([0-9A-F]+);",
        css,
        re.DOTALL,
    )
    assert sorted(url for *_, url, _, _ in declared) == sorted(n for n in files(built.web) if n.endswith(".woff2"))
    text = "".join(built.web_page(f"{a.slug}.html").find(".//main").text_content() for a in built.book.articles)
    needed = {ord(c) for c in text if not c.isspace()}
    covered: dict[tuple[str, str], set[int]] = {}
    for family, weight, url, low, high in declared:
        data = (built.web / url).read_bytes()
        assert data[:4] == b"wOF2"
        cmap = set(TTFont(io.BytesIO(data)).getBestCmap())
        assert all(int(low, 16) <= point <= int(high, 16) for point in cmap - {0x20}), url
        covered.setdefault((family, weight), set()).update(cmap)
    assert len(covered) == 3 and len(declared) > 3 * 4
    for face, points in covered.items():
        assert not needed - points, face
    assert sum(len(data) for name, data in files(built.web).items() if name.endswith(".woff2")) < 1_200_000
    assert {"fonts/OFL-NotoCJK.txt", "fonts/OFL-LXGWWenKai.txt"} <= set(files(built.web))


def test_web_fonts_none_leaves_the_fonts_to_the_reader(tmp_path: Path) -> None:
    mine = tmp_path / "layouts" / "mine"
    mine.mkdir(parents=True)
    (mine / "layout.yaml").write_text("extends: booklet\nweb:\n  fonts: none\n", encoding="utf-8")
    content = make_content(tmp_path, {"book.yaml": "title: 测试文集\nslug: test-book\nlayout: mine\n"})
    folder = site(content, tmp_path / "out", root=tmp_path)
    assert not (folder / "fonts").exists()
    css = (folder / "style.css").read_text(encoding="utf-8")
    assert "@font-face" not in css and '"Noto Serif CJK SC", "Noto Serif CJK SC"' in css


def test_a_layout_without_a_web_section_says_so(tmp_path: Path) -> None:
    mine = tmp_path / "layouts" / "mine"
    shutil.copytree(CONTENT.parent / "layouts" / "booklet", mine)
    settings = mine / "layout.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").split("\nweb:")[0], encoding="utf-8")
    content = make_content(tmp_path, {"book.yaml": "title: 测试文集\nslug: test-book\nlayout: mine\n"})
    result = build_cli(content, "--root", str(tmp_path), fmt="html")
    assert result.code == EXIT_CONTENT and "nothing was written" in result.err
    assert not (result.out_dir / "test-book-web").exists()
    assert "no 'web:' section" in result.only("layout").message


def test_the_same_sources_make_the_same_site(tmp_path: Path) -> None:
    first = files(site(FEATURES, tmp_path / "one"))
    assert first == files(site(FEATURES, tmp_path / "two"))
    assert {"index.html", "01-features.html", "02-second.html", "style.css", "site.js", "search-index.js"} <= set(first)


def test_a_second_build_with_nothing_changed_renders_nothing_and_a_damaged_site_is_built_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    folder = site(FEATURES, out)
    diags = Diagnostics(root=FEATURES)
    options = BuildOptions(content=FEATURES, out=out, formats=("html",))
    assert not build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).rendered
    (folder / "02-second.html").write_text("damaged", encoding="utf-8")
    assert build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).rendered
    assert "damaged" not in (folder / "02-second.html").read_text(encoding="utf-8")


def test_a_failed_build_leaves_the_previous_site_whole(tmp_path: Path) -> None:
    target = tmp_path / "book-web"
    with atomic_folder(target) as temp:
        (temp / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_folder(target) as temp:
        (temp / "index.html").write_text("half", encoding="utf-8")
        raise RuntimeError
    assert files(target) == {"index.html": b"old"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book-web"]
    with atomic_folder(target) as temp:
        (temp / "new.html").write_text("new", encoding="utf-8")
    assert files(target) == {"new.html": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book-web"]


def test_the_search_index_marks_where_the_segmenter_puts_word_boundaries() -> None:
    """中华人民共和国和美国: 人民 and 美国 are words; 国和 and 民共 are not."""
    text = "中华人民共和国和美国"
    cuts = boundaries(text, None)
    marks = [(int(cuts[i // 2], 16) >> (0 if i % 2 else 2)) & 3 for i in range(len(text) + 1)]

    def word(piece: str) -> bool:
        start = text.index(piece)
        return bool(marks[start] & 2 and marks[start + len(piece)] & 1)

    assert word("人民") and word("美国") and word("共和国") and word("中华人民共和国") and word("和美国")
    assert not word("国和") and not word("民共")


def test_the_search_index_holds_each_article_s_text(built: Built) -> None:
    index = search_index(built.web)
    assert [a["href"] for a in index["articles"]] == [f"{a.slug}.html" for a in built.book.articles]
    for entry, article in zip(index["articles"], built.book.articles):
        page_text = " ".join(built.web_page(entry["href"]).find(".//main/section").text_content().split())
        assert entry["text"] == page_text.lower() and entry["title"] == article.title
        assert len(entry["cuts"]) == len(entry["text"]) // 2 + 1


def test_an_unknown_web_fonts_option_is_a_layout_error(tmp_path: Path) -> None:
    mine = tmp_path / "layouts" / "mine"
    mine.mkdir(parents=True)
    (mine / "layout.yaml").write_text("extends: booklet\nweb:\n  fonts: all\n", encoding="utf-8")
    content = make_content(tmp_path, {"book.yaml": "title: 测试文集\nslug: test-book\nlayout: mine\n"})
    result = build_cli(content, "--root", str(tmp_path), fmt="html")
    assert result.code == EXIT_CONTENT
    diag = result.only("layout")
    assert (Path(diag.file).name, diag.line) == ("layout.yaml", 3) and "none, subset" in diag.message
