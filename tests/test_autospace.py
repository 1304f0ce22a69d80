"""Han–Latin spacing: a ¼-em gap between Han and Latin letters (digits per the layout), made by spacing.

The splitting is tested on strings; the gap on the PDFs of a tiny book laid out
once per ``typography: autospace:`` mode, whose paragraphs are one short line
each (the last line of a paragraph is not justified): a row's width
(``pdftotext -bbox-layout``) with a mode less its width with ``none`` is the
spacing the mode added.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from publisher import document as d
from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from publisher.layout.autospace import SpacingRun, spacing_runs
from publisher.layout.markup import article_parts, text
from publisher.layout.pagesizes import PRESETS
from tests.helpers import PROJECT, article, booklet, make_content, row_widths, squash

BOTH = "letters-and-digits"


# ---------------------------------------------------------------- the splitting


def test_a_latin_word_between_han_asks_for_a_gap_on_both_sides() -> None:
    assert spacing_runs("我用Python写程序") == [
        SpacingRun("我用"),
        SpacingRun("Python", True, True),
        SpacingRun("写程序"),
    ]


def test_a_gap_only_on_the_han_side() -> None:
    assert spacing_runs("Python是语言") == [SpacingRun("Python", False, True), SpacingRun("是语言")]
    assert spacing_runs("学习Python") == [SpacingRun("学习"), SpacingRun("Python", True, False)]
    assert spacing_runs("X光片") == [SpacingRun("X", False, True), SpacingRun("光片")]
    assert spacing_runs("用Python，写") == [SpacingRun("用"), SpacingRun("Python", True, False), SpacingRun("，写")]


def test_digits_only_when_the_layout_asks() -> None:
    assert spacing_runs("共100年了") == [SpacingRun("共100年了")]
    assert spacing_runs("共100年了", BOTH) == [SpacingRun("共"), SpacingRun("100", True, True), SpacingRun("年了")]
    # letters only: the gap stops where the letters do, none between a digit and a Han character
    assert spacing_runs("用MP3播放") == [SpacingRun("用"), SpacingRun("MP", True, False), SpacingRun("3播放")]
    assert spacing_runs("用MP3播放", BOTH) == [SpacingRun("用"), SpacingRun("MP3", True, True), SpacingRun("播放")]
    assert spacing_runs("3D打印") == [SpacingRun("3"), SpacingRun("D", False, True), SpacingRun("打印")]


def test_none_adds_nothing() -> None:
    for value in ("我用Python写程序", "共100年了", ""):
        assert spacing_runs(value, "none") == [SpacingRun(value)]


@pytest.mark.parametrize(
    "value",
    [
        "",
        "汉字",
        "Hello, world.",
        "Latin only, 2024 and more",  # no Han, or no Latin
        "用 Python 写",
        "共 100 年",  # a space already separates them
        "“Python”是",
        "《Nature》杂志",
        "（Marx）说",
        "他说：OK",
        "好。OK",  # punctuation in between
        "用Ｐｙｔｈｏｎ写",
        "第１００年",  # full-width letters and digits are set like Han
        "用——Python",
        "マルクスMarx",  # a dash; kana is not Han
    ],
)
def test_no_gap_next_to_anything_but_han(value: str) -> None:
    for spacing in ("letters", BOTH):
        assert spacing_runs(value, spacing) == [SpacingRun(value)]


def test_never_inside_a_latin_word() -> None:
    """Only the letters that touch a Han character are set apart: the end of a word, never its inside."""
    assert spacing_runs("读Das Kapital和don't等") == [
        SpacingRun("读"),
        SpacingRun("Das", True, False),
        SpacingRun(" "),
        SpacingRun("Kapital", False, True),
        SpacingRun("和"),
        SpacingRun("don", True, False),
        SpacingRun("'"),
        SpacingRun("t", False, True),
        SpacingRun("等"),
    ]


def test_the_pieces_give_the_text_back() -> None:
    for value in ("我用Python写，X光和100年。", "a汉b字c", "汉a字b汉"):
        for spacing in ("letters", BOTH, "none"):
            assert "".join(piece.text for piece in spacing_runs(value, spacing)) == value


def test_the_markup_adds_spans_not_characters() -> None:
    assert text("用Python写", "letters") == '用<span class="autospace-before autospace-after" lang="en">Python</span>写'
    assert text("用A&B写", "letters") == (
        '用<span class="autospace-before">A</span>&amp;<span class="autospace-after">B</span>写'
    )
    assert text("用Python写") == "用Python写"  # the pure function adds nothing unless asked
    assert text("用Python写", "none") == "用Python写"
    marked = text("好。”用X光", BOTH)  # compression and spacing side by side
    assert marked == '好<span class="halt">。</span>”<wbr/>用<span class="autospace-before autospace-after">X</span>光'
    assert etree.fromstring(f"<p>{marked}</p>").xpath("string()") == "好。”用X光"


def test_code_spans_are_untouched() -> None:
    pos = d.Pos("01.md", 1)
    paragraph = d.Paragraph(pos, [d.Text(pos, "用"), d.Code(pos, "print写x"), d.Text(pos, "写Go程序")])
    body = str(article_parts(d.Article(pos, "a", "标题", blocks=[paragraph]), "inline", autospace=BOTH).body)
    assert "<code>print写x</code>" in body
    assert '写<span class="autospace-before autospace-after">Go</span>' in body


def test_the_layout_option() -> None:
    assert booklet().typography.autospace == "letters"


def test_only_the_print_stylesheet_sets_the_gap() -> None:
    folder = PROJECT / "layouts" / "booklet"
    print_css = (folder / "print.css.j2").read_text()
    assert ".autospace-before { margin-left: 0.25em; }" in print_css
    assert ".autospace-after { margin-right: 0.25em; }" in print_css
    assert ".autospace-" not in (folder / "epub.css.j2").read_text()  # readers have their own text-autospace


# ---------------------------------------------------------------- on the PDF

SENTENCES = {  # sentence → the gaps (in quarter ems) that letters and letters-and-digits add
    "我用Python写程序。": (2, 2),
    "Python是一种语言。": (1, 1),
    "他在学习Python": (1, 1),
    "这是X光片。": (2, 2),
    "共100年了。": (0, 2),
    "他用MP3播放。": (1, 2),
    "他用 Python 写。": (0, 0),
    "他说“Python”好。": (0, 0),
    "Hello world, Latin only.": (0, 0),
}


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    """For each mode: each row of the tiny book (its text, whitespace removed) → its width in em."""
    root = tmp_path_factory.mktemp("autospace")
    body = "".join(f"{sentence}\n\n" for sentence in SENTENCES)
    content = make_content(root, {"01-first.md": article("title: 中西间距", "order: 1", body=body)})
    em = booklet().metrics(PRESETS["A5"])["font_size"]
    out: dict[str, dict[str, float]] = {}
    for spacing in ("letters", BOTH, "none"):
        layouts = root / spacing / "layouts"
        shutil.copytree(PROJECT / "layouts", layouts)
        settings = layouts / "booklet" / "layout.yaml"
        source = settings.read_text()
        assert "  autospace: letters\n" in source
        settings.write_text(source.replace("  autospace: letters\n", f"  autospace: {spacing}\n"))
        diags = Diagnostics(root=content)
        (pdf,) = build(
            BuildOptions(content=content, out=root / spacing / "out", formats=("pdf",), layouts_dir=layouts),
            {"SOURCE_DATE_EPOCH": "0"},
            diags,
        ).paths
        # (the proofreader warns of the Latin words; only an error would matter here)
        assert not diags.has_errors, [item.format() for item in diags.items]
        copied = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        # the gap is spacing: the text layer is the source text, no character added
        assert squash("".join(SENTENCES)) in squash(copied)
        out[spacing] = row_widths(pdf, em)
    return out


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("spacing", ["letters", BOTH])
def test_each_han_latin_boundary_is_a_quarter_em_wider(
    rows: dict[str, dict[str, float]], sentence: str, spacing: str
) -> None:
    key = re.sub(r"\s+", "", sentence)
    gaps = SENTENCES[sentence][spacing == BOTH]
    assert gaps == sum(piece.before + piece.after for piece in spacing_runs(sentence, spacing))
    added = rows[spacing][key] - rows["none"][key]
    assert added == pytest.approx(0.25 * gaps, abs=0.03 * max(gaps, 1))


def test_none_adds_nothing_on_the_pdf(rows: dict[str, dict[str, float]]) -> None:
    """Where no Latin run touches a Han character, every mode sets the row alike; ``none`` is the baseline
    the test above measures against, so it added nothing anywhere."""
    for sentence, gaps in SENTENCES.items():
        if gaps == (0, 0):
            key = re.sub(r"\s+", "", sentence)
            assert rows["letters"][key] == pytest.approx(rows["none"][key], abs=0.01)
            assert rows[BOTH][key] == pytest.approx(rows["none"][key], abs=0.01)


def test_no_gap_against_the_edge_of_the_type_area(tmp_path: Path) -> None:
    """CLReq puts no Han–Latin gap at a line's start: a Latin word that wraps starts flush with the edge."""
    body = "字" * 25 + "用Python写程序，这一段的第二行从拉丁字母开始。\n"
    content = make_content(tmp_path, {"01-first.md": article("title: 行首", "order: 1", body=body)})
    diags = Diagnostics(root=content)
    (pdf,) = build(
        BuildOptions(content=content, out=tmp_path / "out", formats=("pdf",)), {"SOURCE_DATE_EPOCH": "0"}, diags
    ).paths
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [
        (float(line.get("xMin")), "".join(line.itertext()).strip())
        for line in etree.fromstring(html.encode()).iter("{*}line")
    ]
    first = next(x for x, words in lines if words.startswith("字字字"))
    second = next(x for x, words in lines if words.startswith("Python"))
    em = booklet().metrics(PRESETS["A5"])["font_size"]
    assert second == pytest.approx(first - 2 * em, abs=0.1)
