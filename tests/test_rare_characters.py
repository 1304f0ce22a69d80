"""Names in CJK Extension A and B and the symbols Chinese text uses are printed from the book's own faces;
a character that no face has is still an error at its file, line and column."""

from __future__ import annotations

import pytest

from publisher.checks.inspect.pdftext import read_pdf
from publisher.diagnostics import Diagnostics
from publisher.layout.fonts import load_faces
from tests.helpers import PROJECT, article, assert_diag, assert_failed, build, line_of, make_content

EXT_A = "䶮"  # U+4DAE, as in 刘䶮
EXT_B = "𠮷"  # U+20BB7
SYMBOLS = "−±×÷≤≥∶№℃‰²³"
BODY = (
    f"会议由王{EXT_A}主持，陈{EXT_B}记录。室温２３℃，误差−0.5～+0.5，即±0.5；"
    "比例3∶2，面积5 m²，体积2 m³，增长2‰，3×4÷2≥5，1≤2，№ 7。\n"
)
TEXT = article("title: 王" + EXT_A + "的发言", "author: 陈" + EXT_B, body=BODY)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory):
    content = make_content(tmp_path_factory.mktemp("rare"), {"01-first.md": TEXT})
    result = build(content, fmt="pdf")
    assert result.code == 0, result.err
    return read_pdf(next(result.out_dir.glob("*.pdf")))


def test_every_face_maps_what_its_source_maps() -> None:
    faces = load_faces([PROJECT / "fonts"], Diagnostics())
    for role in ("serif", "serif-bold", "kai", "mono"):
        assert {ord(EXT_A), ord(EXT_B), *map(ord, SYMBOLS)} <= faces[role].codepoints, role
    for role in ("serif", "serif-bold", "mono"):  # Noto CJK: all of Extension A, ~2,000 of Extension B
        codepoints = faces[role].codepoints
        assert len(codepoints) > 44_000, role
        assert sum(0x3400 <= cp <= 0x4DBF for cp in codepoints) >= 6582, role
        assert sum(0x20000 <= cp <= 0x2A6DF for cp in codepoints) >= 2000, role
    assert len(faces["kai"].codepoints) > 28_800  # LXGW WenKai: ~28,900


def test_rare_names_and_symbols_are_drawn_with_the_books_faces(printed) -> None:
    wanted = {EXT_A, EXT_B, *SYMBOLS}
    drawn = {(char.text, char.font) for page in printed.pages for char in page.chars if char.text in wanted}
    assert {text for text, _ in drawn} == wanted
    fonts = {font for _, font in drawn}
    assert fonts <= {"publisher-serif", "publisher-serif-bold", "publisher-kai"}, fonts  # the layout's, no fallback
    assert {text for text, font in drawn if font == "publisher-kai"} == {EXT_B}  # the author's name


def test_the_text_layer_keeps_the_rare_characters(printed) -> None:
    text = "".join(char.text for page in printed.pages for char in page.chars)
    assert f"王{EXT_A}主持" in text and f"陈{EXT_B}记录" in text
    assert "误差−0.5" in text and "3∶2" in text


def test_a_character_no_face_has_is_an_error_at_its_column(tmp_path) -> None:
    body = "第一段正文。\n\n第二段里有一个字：𪚥，没有字体有它。\n"
    text = article("title: 第一篇文章", body=body)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    line = line_of(text, "第二段")
    diag = assert_diag(result, "glyph-missing", "content/01-first.md", line, "U+2A6A5", "fonts/")
    assert diag.col == text.splitlines()[line - 1].index("𪚥") + 1
