"""Code in both editions: the monospaced face, never justified, long lines broken only where code may
break and marked, and the text a reader copies exactly the code as written."""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from lxml import html

from publisher.checks.inspect.pdftext import PdfPage, read_pdf
from publisher.cli.main import main
from publisher.layout import linebreak
from publisher.layout.code import BLOCK_BREAKS, INLINE_BREAKS, pieces
from tests.helpers import article, assert_valid_epub, build, make_content

INSTALL = "pip install some-package==2.4.1"
LONG = f"{INSTALL} && publisher build content -o build --format pdf,epub --page-size A5 --verbose"
URL = "curl -fsSL https://example.org/downloads/releases/publisher/2.4.1/publisher_2.4.1_linux_amd64.tar.gz"
CODE = f"{LONG}\n{URL} -o publisher.tar.gz\n\n# 安装完成后运行：\npublisher --version\n" + (
    "def main(\n    argv,\n):\n    print({\n        1: 2,\n    })\n.venv/bin/publisher build\n"
)
PROSE = (
    f"安装时先在终端运行 `{INSTALL}` 命令，再用 `publisher --version` 查看版本号，"
    "然后按照本章说明逐步配置工作目录、字体和版式，最后生成印刷版和电子书两种格式的成品。"
)
BODY = f"{PROSE}\n\n```sh\n{CODE}```\n\n{PROSE}\n"


@dataclass(frozen=True)
class Outputs:
    content: Path
    pdf: Path
    epub: Path
    page: PdfPage


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    content = make_content(tmp_path_factory.mktemp("code"), {"01-first.md": article("title: 安装", body=BODY)})
    result = build(content, fmt="pdf,epub")
    assert result.code == 0, result.err
    pdf = next(result.out_dir.glob("*.pdf"))
    page = next(p for p in read_pdf(pdf).pages if "curl" in "".join(c.text for c in p.chars))
    return Outputs(content, pdf, next(result.out_dir.glob("*.epub")), page)


def lines_of(page: PdfPage) -> list[list]:
    """The page's characters, line by line from the top (by baseline), each line left to right."""
    rows: dict[float, list] = {}
    for char in page.chars:
        rows.setdefault(round(char.baseline, 1), []).append(char)
    return [sorted(row, key=lambda c: c.left) for _, row in sorted(rows.items())]


def text(row: list) -> str:
    return "".join(c.text for c in row)


def test_a_line_breaks_at_a_space_before_a_word_that_fits() -> None:
    assert pieces(INSTALL, 60) == ["pip ", "install ", "some-package==2.4.1"]
    assert pieces(INSTALL, 12) == ["pip ", "install ", "some-", "package=", "=", "2.", "4.", "1"]


def test_pieces_join_to_the_line_and_break_only_where_allowed() -> None:
    for line in (LONG, URL, "  x = 1", "中文 注释 ", ""):
        for columns in (1, 8, 40):
            for breaks in (BLOCK_BREAKS, INLINE_BREAKS):
                cut = pieces(line, columns, breaks)
                assert "".join(cut) == line
                assert all(p[-1] == " " or p[-1] in breaks for p in cut[:-1]), cut
    assert all(not p.endswith("-") for p in pieces(URL, 8, INLINE_BREAKS))


def test_the_pdf_text_layer_is_the_code_as_written(outputs: Outputs) -> None:
    drawn = "".join(c.text for c in outputs.page.chars)
    squashed = "".join(CODE.split())
    assert squashed in "".join(drawn.split())


def test_a_long_line_breaks_at_spaces_never_inside_a_short_word(outputs: Outputs) -> None:
    rows = [text(row) for row in lines_of(outputs.page)]
    first = next(i for i, row in enumerate(rows) if row.startswith("pip install"))
    assert INSTALL in rows[first]  # some-package==2.4.1 is never cut at its hyphen
    url = next(i for i, row in enumerate(rows) if row.startswith("curl"))
    assert rows[url + 1] != ""
    for row in rows[first : url + 3]:
        assert not row.rstrip().endswith("some-")


def test_continuation_lines_are_indented_and_marked(outputs: Outputs) -> None:
    rows = lines_of(outputs.page)
    index = next(i for i, row in enumerate(rows) if text(row).startswith("pip install"))
    first, continuation = rows[index], rows[index + 1]
    em = first[0].size
    assert continuation[0].left - first[0].left == pytest.approx(em, abs=0.5)
    # the mark: rule-coloured ink in the indent, beside the continuation line and not beside the first
    pdf = pdfium.PdfDocument(outputs.pdf)
    scale = 4
    image = pdf[outputs.page.number - 1].render(scale=scale, grayscale=True).to_pil()
    height = outputs.page.height

    def ink(row) -> int:
        x0, x1 = first[0].left * scale, (first[0].left + em) * scale
        y0, y1 = (height - row[0].baseline - em) * scale, (height - row[0].baseline + em * 0.3) * scale
        box = image.crop((int(x0), int(y0), int(x1), int(y1)))
        return sum(1 for value in box.tobytes() if value < 180)

    assert ink(continuation) > 0


def test_code_is_set_in_the_monospaced_face_and_never_stretched(outputs: Outputs) -> None:
    mono = [[c for c in row if "mono" in c.font.lower() and not c.text.isspace()] for row in lines_of(outputs.page)]
    drawn = "".join(text(row) for row in mono)
    assert "".join(INSTALL.split()) in drawn and "curl" in drawn  # inline code and the block
    inline = [row for row in mono if row and row[0].size > 9.2]  # 0.9 em of the 10.5 pt text; the block is 9 pt
    assert inline, "no inline code in the monospaced face"
    for row in inline:
        half = row[0].size / 2  # every character of the inline code here is half-width
        for a, b in itertools.pairwise(row):
            steps = (b.left - a.left) / half
            assert steps == pytest.approx(round(steps), abs=0.02), f"{a.text}{b.text} stretched in {text(row)}"


def test_the_epub_keeps_the_code_lines_and_embeds_the_monospaced_face(outputs: Outputs) -> None:
    with zipfile.ZipFile(outputs.epub) as archive:
        chapter = next(n for n in archive.namelist() if n.endswith(".xhtml") and b"<pre" in archive.read(n))
        root = html.fromstring(archive.read(chapter))
        fonts = [n for n in archive.namelist() if n.startswith("EPUB/fonts/") and n.endswith((".otf", ".ttf"))]
    pre = root.find(".//pre")
    code_lines = [span.text_content() for span in pre.iter("span") if "line" in span.get("class", "").split()]
    assert code_lines == CODE.removesuffix("\n").split("\n")
    assert pre.find(".//wbr") is not None
    assert "EPUB/fonts/NotoSansMonoSC-Regular.otf" in fonts
    assert_valid_epub(outputs.epub)


def test_the_inspector_reads_code_lines_as_code(outputs: Outputs) -> None:
    """Lines of code start with ``)``, ``}`` or ``.`` as the code does: no line-start violation."""
    out, err = io.StringIO(), io.StringIO()
    main(["inspect", str(outputs.pdf), str(outputs.content)], out, err)
    assert "line-start" not in out.getvalue() + err.getvalue()


PATHS = "".join(f"{'测' * n}在 `/data/office/backup` 目录中，其余的文字照常排列。\n\n" for n in range(8, 30))


def pushed(tmp_path: Path) -> int:
    """How many lines of the book start with ``在`` and the path after it: paragraphs one character longer each,
    so that in many the path does not fit at the end of a line where ``在`` does."""
    content = make_content(tmp_path, {"01-first.md": article("title: 路径", body=PATHS)})
    result = build(content, fmt="pdf")
    assert result.code == 0, result.err
    pdf = next(result.out_dir.glob("*.pdf"))
    lines = ["".join(text(row).split()) for page in read_pdf(pdf).pages for row in lines_of(page)]
    return sum(line.startswith("在/data") for line in lines)


def test_inline_code_unicode_never_breaks_before_leaves_the_word_before_it_where_it_fits(tmp_path: Path) -> None:
    """``在 `/data/…``` breaks at the space: 在 starts a line only where it does not fit at the end of the one
    before, the space after it included (the break opportunity is after the space): two of the paragraphs."""
    assert pushed(tmp_path) <= 2


def test_without_the_opportunity_the_word_goes_with_the_code(tmp_path: Path, monkeypatch) -> None:
    """Not vacuous: Unicode line breaking (UAX #14, LB13) never breaks before ``/``, even after a space."""
    monkeypatch.setattr(linebreak, "GLUED_AFTER_SPACE", frozenset())
    assert pushed(tmp_path) >= 3
