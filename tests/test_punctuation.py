"""Adjacent punctuation compression (CLReq §3.1.6): a pair of full-width marks takes 1.5 em, not 2 em.

The splitting is tested on strings; the width on the PDF of a tiny book whose
paragraphs are one short line each (the last line of a paragraph is not
justified), each holding one pair and otherwise only characters 1 em wide: the
row's width (``pdftotext -bbox-layout``) less 1 em per other character is the pair's.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from publisher.layout.markup import text
from publisher.layout.pagesizes import PRESETS
from publisher.layout.punctuation import CompressionRun, compressed, compression_runs
from tests.helpers import PROJECT, article, booklet, make_content, row_widths, squash

PAIRS = ["。”", "，“", "）。", "”，", "：“", "》、", "、“", "”。", "？”", "（“", "《「"]


@pytest.mark.parametrize("pair", PAIRS)
def test_a_pair_of_marks_has_one_set_half_width(pair: str) -> None:
    value = f"他说{pair}好"
    index = 2 if pair[0] in "，。、；：？！）」』》〉】〕”’" else 3  # the closing first, else the opening second
    assert compressed(value) == [index]
    assert compression_runs(value) == [
        CompressionRun(value[:index]),
        CompressionRun(value[index], True),
        CompressionRun(value[index + 1 :]),
    ]


@pytest.mark.parametrize(
    "value",
    [
        "一个句号。后面是字",
        "“引号”",
        "（括号）",
        "逗号，",
        "“”",
        "（）",
        "破折号——后面",
        "省略号……",
        "。——",
        "……”",
        "马克·吐温",
        'He said, "yes." (Really.)',
        "Latin: “quoted,” then (‘x’).",
        "“‘Hi,’ she said.”",
        "",
        "汉字",
        "Hello, world.",
    ],
)
def test_no_pair_no_compression(value: str) -> None:
    assert compressed(value) == []
    assert compression_runs(value) == [CompressionRun(value)]


def test_curly_quotes_pair_up_only_next_to_chinese() -> None:
    assert compressed("“‘Hi’”") == []
    assert compressed("他说：“‘好’”") == [2, 4, 6]  # ：“ then “‘ (the opening second) then ’”


def test_a_cluster_of_marks() -> None:
    value = "好。”）然后"
    assert compressed(value) == [1, 2]
    assert "".join(piece.text for piece in compression_runs(value)) == value


def test_the_markup_adds_spans_not_characters() -> None:
    assert text("好。”<然") == '好<span class="halt">。</span>”&lt;然'
    assert etree.fromstring(f"<p>{text('甲，“乙”。')}</p>").xpath("string()") == "甲，“乙”。"


def test_the_print_and_epub_stylesheets_turn_on_halt() -> None:
    for name in ("print.css.j2", "epub.css.j2"):
        assert '.halt { font-feature-settings: "halt"; }' in (PROJECT / "layouts" / "booklet" / name).read_text()


SENTENCES = {  # one line each, every other character 1 em wide: the marks' width is what is left
    "。”": "他说“好了。”",
    "，“": "我们说，“好”字很重要。",
    "）。": "这是（甲乙）。",
    "”，": "所谓“好”，就是对。",
    "：“": "标题为：“好”字。",
    "》、": "读《论语》、诗经等书。",
    "、“": "甲、“乙”和丙。",
    "”。": "他说“好”。",
    "？”": "他问“好吗？”",
    "（“": "（“甲”字）这个说法。",
    "《「": "书名《「甲」集》很长。",
    "。": "他说好。然后走了。",
    "——": "他说——然后走了。",
    "……": "他说……然后走了。",
}


@dataclass
class Laid:
    pdf: Path
    rows: dict[str, float]
    """Each row of the article's page: its text (words in x order) → its width in em."""


@pytest.fixture(scope="module")
def laid(tmp_path_factory: pytest.TempPathFactory) -> Laid:
    root = tmp_path_factory.mktemp("punctuation")
    body = "".join(f"{sentence}\n\n" for sentence in SENTENCES.values())
    content = make_content(root, {"01-first.md": article("title: 标点挤压", "order: 1", body=body)})
    diags = Diagnostics(root=content)
    (pdf,) = build(
        BuildOptions(content=content, out=root / "out", formats=("pdf",)), {"SOURCE_DATE_EPOCH": "0"}, diags
    ).paths
    assert [d.format() for d in diags.items] == []
    em = booklet().metrics(PRESETS["A5"])["font_size"]
    return Laid(pdf, row_widths(pdf, em))


@pytest.fixture(scope="module")
def widths(laid: Laid) -> dict[str, float]:
    """The width in em of each marks string of SENTENCES: the row's width less 1 em per other character."""
    return {marks: laid.rows[sentence] - (len(sentence) - len(marks)) for marks, sentence in SENTENCES.items()}


def test_the_text_layer_is_the_source_text(laid: Laid) -> None:
    """halt moves glyphs, it adds no character: the text copies as it was written (whitespace aside)."""
    for mode in ([], ["-raw"]):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *mode, str(laid.pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert squash("".join(SENTENCES.values())) in squash(text)


@pytest.mark.parametrize("pair", PAIRS)
def test_a_pair_takes_one_and_a_half_em_on_the_pdf(widths: dict[str, float], pair: str) -> None:
    assert compressed(SENTENCES[pair]) == [SENTENCES[pair].index(pair) + (pair[0] in "（《")]
    assert widths[pair] == pytest.approx(1.5, abs=0.05)


@pytest.mark.parametrize("marks", ["。", "——", "……"])
def test_lone_marks_and_joined_marks_keep_their_width(widths: dict[str, float], marks: str) -> None:
    assert compressed(SENTENCES[marks]) == []
    assert widths[marks] == pytest.approx(len(marks), abs=0.05)
