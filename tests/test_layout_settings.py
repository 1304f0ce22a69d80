"""layout.yaml read once into a typed model: a mistake in it is the editor's to fix, told at its line.

Each broken layout is a copy of the booklet with one edit; ``publisher check`` must exit 1 and name
layout.yaml, the line and the key, never end in a traceback (exit 3).
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from publisher.build import pipeline
from publisher.cli.main import main
from publisher.diagnostics import ContentError, Diagnostics
from publisher.layout.fonts import load_faces
from publisher.layout.loading import load_layout
from publisher.layout.pagesizes import PRESETS
from publisher.layout.settings import EpubSettings, PageSettings, Templates, Typography
from tests.helpers import PROJECT

BOOKLET = Path("booklet") / "layout.yaml"


@pytest.fixture
def layouts(tmp_path: Path) -> Path:
    """A copy of the repository's layouts, to break."""
    shutil.copytree(PROJECT / "layouts", tmp_path / "layouts")
    return tmp_path / "layouts"


def edit(layouts: Path, old: str, new: str) -> str:
    """Replace ``old`` (which must be there) in the booklet's layout.yaml; its new text."""
    path = layouts / BOOKLET
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, start: str) -> int:
    return next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(start))


def check(layouts: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """``publisher check`` of a small book with ``layouts`` as the built-in layouts; exit code and stderr."""
    content = layouts.parent / "content"
    content.mkdir()
    (content / "book.yaml").write_text("title: 书\n", encoding="utf-8")
    (content / "01.md").write_text("---\ntitle: 一\n---\n\n正文。\n", encoding="utf-8")
    builtin = pipeline.builtin
    monkeypatch.setattr(pipeline, "builtin", lambda name: layouts if name == "layouts" else builtin(name))
    err = io.StringIO()
    code = main(["check", str(content), "-q"], io.StringIO(), err)
    return code, err.getvalue()


@pytest.mark.parametrize(
    "old, new, key, said",
    [
        ("  line-height: 18", "  # line-height: 18", "page:", "page: line-height is missing: add it under 'page:'"),
        ("font-size: 10.5", "font-size: big", "  font-size:", "page: font-size: 'big' is not a positive number"),
        ("inner: 20mm", "inner: 2cm", "  inner:", "page: inner: '2cm' is not a length in millimetres"),
        ("size: A5 ", "size: A7 ", "  size:", "page: size: unknown page size 'A7'"),
        ("  justify: inter-character", "  justify: both", "  justify:", "typography: justify: 'both' is neither"),
        ("  title: serif-bold", "  title: serif-black", "  title:", "faces: title: 'serif-black' is not a font role"),
        ("  note: kai\n", "", "faces:", "faces: no font role for note"),
        ('  cover: "#a61b1b"', "  cover: #a61b1b", "  cover:", "colours: cover is empty: give a CSS colour, in quotes"),
        ("  toc: 目　录\n", "", "labels:", "labels: no label for toc"),
        ("    isbn: 书　　号", "    isbn: [书号]", "    isbn:", "labels: imprint: isbn: ['书号'] is not text"),
        (
            "article: article.html.j2",
            "article: chapter.html.j2",
            "  article:",
            "templates: article: there is no file 'chapter.html.j2' in the layout's folder booklet/",
        ),
        ("pdf: book.html.j2", "pdf: ../book.html.j2", "  pdf:", "templates: pdf: there is no file '../book.html.j2'"),
        (
            "{title}（印刷版）",
            "{name}（印刷版）",
            "  page-source:",
            "epub: page-source: '{name}（印刷版）' may name only",
        ),
    ],
)
def test_a_broken_layout_is_reported_at_its_line(
    layouts: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, key: str, said: str
) -> None:
    text = edit(layouts, old, new)
    code, err = check(layouts, monkeypatch)
    assert code == 1, err
    assert f"layouts/booklet/layout.yaml:{line_of(text, key)}: error: layout: {said}" in err
    assert "Traceback" not in err and "please report" not in err


def test_a_missing_section_is_reported_at_line_1(layouts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (layouts / BOOKLET).read_text(encoding="utf-8")
    edit(layouts, text[text.index("# The e-book") :], "")
    code, err = check(layouts, monkeypatch)
    assert code == 1 and "layouts/booklet/layout.yaml:1: error: layout: epub is missing: add it" in err


def test_every_problem_is_reported_at_once(layouts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(layouts, "font-size: 10.5", "font-size: big")
    edit(layouts, "  title: serif-bold", "  title: serif-black")
    edit(layouts, "article: article.html.j2", "article: chapter.html.j2")
    edit(layouts, "typography:", "typograhpy:")
    code, err = check(layouts, monkeypatch)
    assert code == 1
    assert len(re.findall(r"layout\.yaml:\d+: error: layout: ", err)) == 3
    assert "typograhpy: unknown setting, ignored (did you mean 'typography'?)" in err


def test_the_booklet_loads_into_the_typed_model() -> None:
    diags = Diagnostics()
    layout = load_layout([PROJECT / "layouts"], "booklet", diags, PROJECT, 0, load_faces([PROJECT / "fonts"], diags))
    assert diags.items == []
    assert layout.page == PageSettings(PRESETS["A5"], 10.5, 18.0, 20.0, 22.0, 24.0, 22.0, "recto")
    assert layout.typography == Typography("inter-character", "letters")
    assert layout.templates == Templates(
        "book.html.j2",
        "print.css.j2",
        "epub.css.j2",
        "titlepage.html.j2",
        "imprint.html.j2",
        "article.html.j2",
        "part.html.j2",
    )
    assert layout.toc_depth == 1
    assert isinstance(layout.epub, EpubSettings) and layout.epub.fonts == "subset"
    assert layout.faces["title"] == "serif-bold" and layout.sizes["title"] == 20
    assert layout.colours["cover"] == "#a61b1b" and layout.labels["imprint"]["isbn"] == "书　　号"
    assert layout.metrics(PRESETS["A5"])["text_width"] == 28 * 10.5


def test_left_out_options_take_their_defaults(layouts: Path) -> None:
    text = (layouts / BOOKLET).read_text(encoding="utf-8")
    edit(layouts, text[text.index("# How lines are set") : text.index("# The font role")], "")
    edit(layouts, "  article-start: recto", "  #")
    edit(layouts, "  fonts: subset", "  #")
    layout = load_layout([layouts], "booklet", Diagnostics(), PROJECT, 0)
    assert layout.typography == Typography("spaces", "letters")
    assert layout.page.article_start == "recto" and layout.epub.fonts == "subset"


def test_a_layout_that_is_no_mapping(layouts: Path) -> None:
    (layouts / BOOKLET).write_text("- page\n", encoding="utf-8")
    diags = Diagnostics()
    with pytest.raises(ContentError):
        load_layout([layouts], "booklet", diags, PROJECT, 0)
    assert [(d.line, d.code) for d in diags.items] == [(1, "layout")]


@pytest.mark.parametrize(
    "stage, later", [("sources", "layout|render|checks|build|cli"), ("layout", "render|checks|build|cli")]
)
def test_a_stage_imports_no_later_one(stage: str, later: str) -> None:
    imports = re.compile(rf"^\s*(from|import) publisher\.({later})\b", re.MULTILINE)
    found = [p.name for p in (PROJECT / "publisher" / stage).rglob("*.py") if imports.search(p.read_text())]
    assert found == []
