"""A book's own repository: its layouts (extending the built-in ones) and fonts, found from its root;
``publisher layouts``; problems named from the working directory, as CI annotations need them (from
the book's root when the book is outside it)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest
from pypdf import PdfReader

from publisher.cli.main import main
from publisher.layout.pagesizes import PRESETS
from publisher.layout.settings import PT_PER_MM
from tests.helpers import PROJECT, SLUG, article, assert_diag, build, line_of, make_content

MINE = """extends: booklet
description: 我们的版式：B5，蓝封面
page:
  size: B5
colours:
  cover: "#1b3ba6"
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A book's repository: content/, and layouts/mine/ extending the built-in booklet, with its own title page."""
    root = tmp_path / "mybook"
    make_content(root, {"book.yaml": f"title: 我们的书\nslug: {SLUG}\nlayout: mine\n"})
    mine = root / "layouts" / "mine"
    mine.mkdir(parents=True)
    (mine / "layout.yaml").write_text(MINE, encoding="utf-8")
    titlepage = (PROJECT / "layouts" / "booklet" / "titlepage.html.j2").read_text(encoding="utf-8")
    (mine / "titlepage.html.j2").write_text(titlepage.replace("{{ meta.title", "本书版式自定 {{ meta.title", 1),
                                            encoding="utf-8")  # fmt: skip
    assert "本书版式自定" in (mine / "titlepage.html.j2").read_text(encoding="utf-8")
    return root


def test_a_layout_of_the_book_extends_the_built_in_one(book: Path) -> None:
    code, _, err = run("build", "--root", str(book), "-q")
    assert code == 0, err
    pdf = book / "build" / f"{SLUG}.pdf"
    first = PdfReader(pdf).pages[0]
    b5 = PRESETS["B5"]
    assert (float(first.mediabox.width), float(first.mediabox.height)) == pytest.approx(
        (b5.width_mm * PT_PER_MM, b5.height_mm * PT_PER_MM), abs=0.5
    ), "its page size"
    cover = pypdfium2.PdfDocument(pdf)[0].render(scale=0.2).to_pil().convert("RGB")
    assert cover.getpixel((2, 2)) == pytest.approx((0x1B, 0x3B, 0xA6), abs=3), "its cover colour"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "本书版式自定" in text, "its own title page template"
    assert "第一段正文" in text, "and the built-in templates for the rest"


def test_layouts_lists_the_book_s_own_and_the_built_in_ones(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(book)
    code, out, _ = run("layouts")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()}
    assert rows.keys() == {"booklet", "mine"}
    assert "[built-in]" in rows["booklet"] and "A5 booklet" in rows["booklet"]
    assert rows["mine"].endswith("[layouts/mine, extends booklet]") and "我们的版式" in rows["mine"]


def test_a_layout_that_extends_an_unknown_one_or_itself_is_an_error(book: Path) -> None:
    mine = book / "layouts" / "mine" / "layout.yaml"
    mine.write_text(MINE.replace("extends: booklet", "extends: boklet"), encoding="utf-8")
    result = build(book / "content")
    assert_diag(result, "layout", "layouts/mine/layout.yaml", 1, "'boklet' is not a layout", "'booklet'")
    other = book / "layouts" / "other"
    other.mkdir()
    (other / "layout.yaml").write_text("extends: mine\n", encoding="utf-8")
    mine.write_text(MINE.replace("extends: booklet", "extends: other"), encoding="utf-8")
    result = build(book / "content")
    assert_diag(result, "layout", "layouts/other/layout.yaml", 1, "'mine' would make a circle")


def test_a_setting_the_book_overrides_is_checked_at_its_own_line(book: Path) -> None:
    mine = book / "layouts" / "mine" / "layout.yaml"
    mine.write_text(MINE.replace("size: B5", "size: B55"), encoding="utf-8")
    result = build(book / "content")
    assert_diag(result, "layout", "layouts/mine/layout.yaml", line_of(MINE, "size:"), "B55")


def test_the_book_s_fonts_replace_a_built_in_role(book: Path) -> None:
    fonts = book / "fonts"
    fonts.mkdir()
    shutil.copy(PROJECT / "fonts" / "NotoSerifSC-Regular.otf", fonts / "BookKai.otf")
    shutil.copy(PROJECT / "fonts" / "OFL-NotoCJK.txt", fonts / "OFL.txt")
    (fonts / "manifest.yaml").write_text(
        "fonts:\n  - file: BookKai.otf\n    role: kai\n    family: Book Kai\n    weight: 400\n    license: OFL.txt\n",
        encoding="utf-8",
    )
    code, _, err = run("build", str(book / "content"), "-q")
    assert code == 0, err
    listed = subprocess.run(["pdffonts", str(book / "build" / f"{SLUG}.pdf")], capture_output=True, text=True).stdout
    [kai] = [line for line in listed.splitlines() if "+publisher-kai " in line]
    assert "CID Type 0C (OT)" in kai, "the built-in Kai face (TrueType outlines) is replaced by the book's (CFF)"
    (fonts / "manifest.yaml").write_text("fonts:\n  - file: Missing.otf\n    role: kai\n    family: X\n"
                                         "    weight: 400\n    license: OFL.txt\n", encoding="utf-8")  # fmt: skip
    result = build(book / "content")
    assert_diag(result, "fonts", "fonts/manifest.yaml", 2, "'Missing.otf'")


def test_problems_are_named_from_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A book in a subfolder of the repository is annotated at its path in the repository."""
    content = make_content(tmp_path / "books", {"01-first.md": "---\ntitel: 第一篇\n---\n\n正文。\n"})
    monkeypatch.chdir(tmp_path)
    result = build(content)
    assert_diag(result, "title-missing", "books/content/01-first.md", 2)


def test_what_each_stage_reports_is_named_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The proofreader runs in a process of its own beside the layout; its findings are named as the
    reader's are."""
    text = article("title: 第一篇", body="这一段话没有说完就停了，\n")
    content = make_content(tmp_path / "books", {"01-first.md": text})
    monkeypatch.chdir(tmp_path)
    result = build(content)
    assert_diag(result, "truncated", "books/content/01-first.md", line_of(text, "这一段"), severity="warning")
