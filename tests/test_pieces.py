"""The print edition laid out in pieces (publisher/render/pdf/engine/pieces.py): numbering, blank versos,
the front matter's second layout, and what a watch takes again from the build before."""

from __future__ import annotations

import itertools
import re
import shutil
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from pypdf import PdfReader

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from publisher.layout.loading import load_layout
from publisher.layout.pagesizes import PRESETS
from publisher.render.pdf.engine import pieces
from publisher.render.pdf.engine.pieces import BLANK, Memo, Typesetter, compose, files_now
from publisher.render.pdf.engine.pieces import ArticleMarkup as A
from publisher.sources.book import read_book
from tests.helpers import (
    CONTENT,
    FEATURES,
    PROJECT,
    Built,
    Document,
    Laid,
    assert_heads_and_folios,
    front_markup,
    page,
    squash,
    toc_pages,
    typesetter,
)

ENV = {"SOURCE_DATE_EPOCH": "1745812800"}


def names(document: Document) -> list[str]:
    return [p.name for p in document.pages]


def test_articles_start_on_rectos_numbered_on_from_the_front_matter() -> None:
    laid = Laid([5, 5])
    document, _ = compose(typesetter(laid), front_markup, [A("a", "a:3"), A("b", "b:2"), A("c", "c:1")])
    # front 1–5, a 7–9 (6 blank), b 11–12 (10 blank), c 13
    assert names(document) == [
        *[f"front {[('a', 7), ('b', 11), ('c', 13)]} 13-{n}" for n in range(1, 6)],
        "blank verso",
        "a-7",
        "a-8",
        "a-9",
        "blank verso",
        "b-11",
        "b-12",
        "c-13",
    ]
    assert laid.calls[0] == (front_markup({}, 0), 1), "the front matter is first laid out without numbers"
    assert laid.calls[-1] == (front_markup({"a": 7, "b": 11, "c": 13}, 13), 1)


def test_articles_are_numbered_again_when_the_front_matter_grows() -> None:
    laid = Laid([4, 5, 5])
    document, _ = compose(typesetter(laid), front_markup, [A("a", "a:2")])
    assert names(document)[5:] == ["blank verso", "a-7", "a-8"]
    assert ("a:2", 5) in laid.calls and ("a:2", 7) in laid.calls
    calls = itertools.count()
    with pytest.raises(RuntimeError, match="changed in each"):
        compose(typesetter(Laid(range(4, 100))), lambda folios, pages: f"front {next(calls)}", [A("a", "a:2")])


def test_a_kept_front_matter_count_spares_its_first_layout_and_a_stale_one_is_corrected(tmp_path: Path) -> None:
    articles = [A("a", "a:2")]
    compose(Typesetter((), Laid([4, 4]), Diagnostics(), tmp_path, "same"), front_markup, articles)
    laid = Laid([4])
    document, _ = compose(Typesetter((), laid, Diagnostics(), tmp_path, "same"), front_markup, articles)
    assert laid.calls == [("a:2", 5), (front_markup({"a": 5}, 6), 1)] and len(document.pages) == 6
    (count_file,) = tmp_path.iterdir()
    count_file.write_text("2")  # stale: the front matter takes 4 pages
    laid = Laid([4, 4])
    document, _ = compose(Typesetter((), laid, Diagnostics(), tmp_path, "same"), front_markup, articles)
    assert names(document)[4:] == ["a-5", "a-6"] and ("a:2", 3) in laid.calls
    assert count_file.read_text() == "4"
    laid = Laid([4, 4])
    compose(Typesetter((), laid, Diagnostics(), tmp_path, "other stylesheet"), front_markup, articles)
    assert laid.calls[0] == (front_markup({}, 0), 1), "a count is kept for one stylesheet, faces and layout"


def test_a_watch_lays_out_again_only_what_changed() -> None:
    laid = Laid([4, 4, 4])
    setter = typesetter(laid)
    compose(setter, front_markup, [A("a", "a:3"), A("b", "b:2")])
    laid.calls.clear()
    _document, found = compose(setter, front_markup, [A("a", "a:3"), A("b", "b:2 edited")])
    assert laid.calls == [("b:2 edited", 9)], "the front matter and the first article are taken again"
    assert [d.message for d in found] == ["ignored a property"], "a piece taken again reports again, once"
    laid.calls.clear()
    compose(setter, front_markup, [A("a", "a:3"), A("b", "b:2")])
    assert laid.calls == [("b:2", 9)], "only the last build's pieces are kept"


def test_an_edited_image_lays_its_article_out_again(tmp_path: Path) -> None:
    image = tmp_path / "figure.png"
    image.write_bytes(b"one")
    laid = Laid([4, 4])
    setter = typesetter(laid)
    compose(setter, front_markup, [A("a", "a:1", files_now([image])), A("b", "b:1")])
    image.write_bytes(b"other")
    laid.calls.clear()
    compose(setter, front_markup, [A("a", "a:1", files_now([image])), A("b", "b:1")])
    assert laid.calls == [("a:1", 5)]
    assert files_now([tmp_path / "gone.png"]) == ((str(tmp_path / "gone.png"), -1, -1),)


def test_the_blank_verso_is_laid_out_once_and_checked() -> None:
    laid = Laid([3, 3])
    setter = typesetter(laid)
    document, _ = compose(setter, front_markup, [A("a", "a:1"), A("b", "b:1")])
    assert names(document)[3:] == ["blank verso", "a-5", "blank verso", "b-7"]
    assert [call for call in laid.calls if call[0].startswith("<!DOCTYPE")] == [(BLANK.format(side="right"), 1)]
    not_blank = Typesetter((), lambda html, first, diags: Document([page("x"), page("y")]), Diagnostics())
    with pytest.raises(AssertionError, match="not blank"):
        not_blank.blank(4)


@pytest.mark.parametrize(
    "start, expected",
    [
        ("any", ["a-4", "b-5", "b-6", "c-7"]),
        ("verso", ["a-4", "blank recto", "b-6", "b-7", "c-8"]),
    ],
)
def test_articles_start_where_the_layout_says(start: str, expected: list[str]) -> None:
    document, _ = compose(typesetter(Laid([3, 3])), front_markup, [A("a", "a:1"), A("b", "b:2"), A("c", "c:1")], start)
    assert names(document)[3:] == expected


def test_memo_keeps_the_typesetter_while_its_key_holds() -> None:
    memo, made = Memo(), []

    def make() -> str:
        made.append(1)
        return f"typesetter {len(made)}"

    assert memo.typesetter("css 1", make) == memo.typesetter("css 1", make) == "typesetter 1"
    assert memo.typesetter("css 2", make) == "typesetter 2" and len(made) == 2


def _copy(tmp: Path, name: str) -> Path:
    content = tmp / name
    shutil.copytree(CONTENT, content)
    return content


def _build(content: Path, out: Path, memo: Memo | None = None) -> list[Path]:
    diags = Diagnostics(root=content)
    paths = build(BuildOptions(content=content, out=out), ENV, diags, memo=memo).paths
    assert [d.format() for d in diags.items if d.severity == "error"] == []
    return paths


@pytest.mark.parametrize(
    "edit, laid_out",
    [
        ("\n监视中的一次修改。\n", 1),
        # pages enough to move every later article, and the back cover, on
        (
            "\n" + "\n\n".join(["　又一段很长的新增文字，用来把后面的文章推到后面的页上去。" * 6] * 30) + "\n",
            1 + 7 + 1 + 1,
        ),
    ],
)
def test_a_rebuild_in_one_process_equals_a_fresh_build(tmp_path: Path, edit: str, laid_out: int) -> None:
    watched, fresh = _copy(tmp_path, "watched"), _copy(tmp_path, "fresh")
    memo = Memo()
    _build(watched, tmp_path / "watched-out", memo)
    for content in (watched, fresh):
        article = content / "06-ma-lu.md"
        article.write_text(article.read_text(encoding="utf-8") + edit, encoding="utf-8")
    with mock.patch.object(pieces, "LaidPiece", wraps=pieces.LaidPiece) as made:
        again = _build(watched, tmp_path / "watched-out", memo)
    assert made.call_count == laid_out, (
        "the edited article, every article and the back cover it moved, the front matter"
    )
    first = _build(fresh, tmp_path / "fresh-out")
    for one, other in zip(again, first, strict=True):
        assert one.read_bytes() == other.read_bytes(), f"{one.name} differs from a fresh build's"
    if laid_out > 1:
        assert len(PdfReader(first[0]).pages) > 36


def test_articles_start_on_any_page_when_the_layout_says_so(tmp_path: Path) -> None:
    """``page: article-start: any``: no blank page before an article, and an article that starts on
    an even page has the verso's margins, head and folio (in a book without a back cover, whose blank
    pages before it are another matter)."""
    layouts = tmp_path / "layouts"
    shutil.copytree(PROJECT / "layouts", layouts)
    settings = layouts / "booklet" / "layout.yaml"
    text = settings.read_text(encoding="utf-8").replace("article-start: recto", "article-start: any")
    settings.write_text(text.replace("  back-cover: backcover.html.j2", "  #"), encoding="utf-8")
    diags = Diagnostics(root=CONTENT)
    (pdf,) = build(
        BuildOptions(content=CONTENT, out=tmp_path / "out", formats=("pdf",), layouts_dir=layouts), ENV, diags
    ).paths
    assert [d.format() for d in diags.items] == []
    built = Built(read_book(CONTENT, Diagnostics()), pdf, pdf, pdf, warnings=[])
    pages = len(PdfReader(pdf).pages)
    toc = toc_pages(built)
    assert pages < 32 and any(page % 2 == 0 for page in toc.values())
    assert all(built.pdftotext(page).strip() for page in range(min(toc.values()), pages + 1)), "a blank page"
    metrics = load_layout([layouts], "booklet", Diagnostics(), PROJECT, 0).metrics(PRESETS["A5"])
    assert_heads_and_folios(built, toc, pages, metrics)


def test_footnotes_are_numbered_per_article_in_print_as_in_the_e_book(tmp_path: Path) -> None:
    """Each article is laid out on its own, so its notes count from 1, as the e-book's do (the first
    article of the features book has two)."""
    content = tmp_path / "content"
    shutil.copytree(FEATURES, content)
    second = content / "02-second.md"
    second.write_text(
        second.read_text(encoding="utf-8").replace("再次引用同一幅图：", "再次引用同一幅图[^a]：")
        + "\n[^a]: 第二篇的脚注。\n",
        encoding="utf-8",
    )
    diags = Diagnostics(root=content)
    pdf, epub = build(BuildOptions(content=content, out=tmp_path / "out"), ENV, diags).paths
    assert [d.format() for d in diags.items] == []
    pages = PdfReader(pdf).pages
    page = next(p for p in pages if "第二篇只有一段" in squash(p.extract_text()))
    assert "1第二篇的脚注" in squash(page.extract_text())
    with zipfile.ZipFile(epub) as archive:
        chapter = archive.read("EPUB/02-second.xhtml").decode()
    assert re.search(r'epub:type="noteref"[^>]*>1<', chapter)
