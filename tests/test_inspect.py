"""The typography inspector (``publisher inspect``), on PDFs that break each rule and on the default book.

The broken book (tests/fixtures/inspect/broken/) is built with a copy of the booklet
layout whose stylesheet gets tests/fixtures/inspect/broken.css appended: forced line
breaks in the sources and those style rules break every rule once, each where the test
expects it. The page-break article is written here, from the layout's lines per page,
so that a paragraph's first line lands last on a page, a last line first on one, and a
heading last on one.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from lxml import etree

from publisher.build.pipeline import BuildOptions, build
from publisher.checks.inspect.inspector import Inspection
from publisher.checks.inspect.lines import group_lines
from publisher.checks.inspect.pdftext import read_pdf
from publisher.checks.inspect.report import diagnostics
from publisher.checks.inspect.rules import RULES
from publisher.cli.exits import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.cli.main import main
from publisher.diagnostics import Diagnostics
from publisher.layout.pagesizes import PRESETS
from tests.helpers import CONTENT, EPOCH, PROJECT, Built, booklet
from tests.helpers import INSPECTOR_CODES as CODES

FIXTURES = Path(__file__).parent / "fixtures" / "inspect"


def lines_per_page() -> int:
    metrics = booklet().metrics(PRESETS["A5"])
    return round(metrics["text_height"] / metrics["line_height"])


def paragraph(lines: int, name: str) -> str:
    """A paragraph of exactly ``lines`` short lines (forced breaks)."""
    return "\\\n".join(f"{name}第{n}行。" for n in range(1, lines + 1))


def page_break_article(per_page: int) -> str:
    """Each level-2 heading starts a page (broken.css) and takes a line; what follows fills it to a chosen line."""
    return (
        "\n\n".join(
            [
                "---\ntitle: 分页的规则\nauthor: 王五\nslug: pages\n---",
                "## 孤行",
                paragraph(per_page - 2, "甲"),
                paragraph(3, "乙"),
                "## 寡行",
                paragraph(per_page - 3, "丙"),
                paragraph(3, "丁"),
                "## 标题",
                paragraph(per_page - 2, "戊"),
                "### 落单的小标题",
                paragraph(2, "己"),
            ]
        )
        + "\n"
    )


def inspect(pdf: Path, content: Path, layouts: Path = PROJECT / "layouts") -> Inspection:
    return inspect_pdf(pdf, BuildOptions(content=content, out=pdf.parent, layouts_dir=layouts), Diagnostics())


def build_pdf(content: Path, out: Path, layouts: Path = PROJECT / "layouts") -> Path:
    options = BuildOptions(content=content, out=out, formats=("pdf",), layouts_dir=layouts)
    return build(options, {"SOURCE_DATE_EPOCH": EPOCH}, Diagnostics(root=content)).paths[0]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The broken book: its PDF, its content folder and its layouts folder."""
    root = tmp_path_factory.mktemp("broken")
    layouts, content = root / "layouts", root / "content"
    shutil.copytree(PROJECT / "layouts" / "booklet", layouts / "booklet")
    with (layouts / "booklet" / "print.css.j2").open("a", encoding="utf-8") as css:
        css.write("\n" + (FIXTURES / "broken.css").read_text(encoding="utf-8"))
    shutil.copytree(FIXTURES / "broken", content)
    (content / "02-pages.md").write_text(page_break_article(lines_per_page()), encoding="utf-8")
    return build_pdf(content, root / "out", layouts), content, layouts


@pytest.fixture(scope="module")
def found(broken: tuple[Path, Path, Path]) -> list[str]:
    pdf, content, layouts = broken
    return [d.format() for d in diagnostics(inspect(pdf, content, layouts))]


LINES = "第1篇《行的规则》"
PAGES = "第2篇《分页的规则》"
EXPECTED = {
    "flush": [f'{LINES}: line ends 21.00 em short of the right edge — "这一行很短"'],
    "loose": [
        f"{LINES}: line opens ",
        " em between Han characters: the next line starts with a run it could not break, 'internationaliz…'",
    ],
    "line-start": [
        f"{LINES}: line starts with '·' — \"·这一行以间隔号开头。\"",
        f"{LINES}: line starts with '—' — \"—这一行以单个连接号开头。\"",
    ],
    "line-end": [f"{LINES}: line ends with '《' — \"这一行以书名号结尾《\""],
    "split-dash": [
        f"{LINES}: '——' or '……' split between two lines — \"破折号被拆开了—⏎—在两行之间。\"",
        f"{LINES}: '——' or '……' split between two lines — \"省略号被拆开了…⏎…在两行之间。\"",
    ],
    "split-number": [f'{LINES}: a number split between two lines — "数字被拆开了20⏎25年。"'],
    "split-word": [f"{LINES}: a Latin word split between two lines"],
    "overfull": [f"{LINES}: line runs ", ' pt past the right edge of the type area — "'],
    "indent": [
        f'{LINES}: paragraph indented 3.00 em, not 2 em — "这一段首行缩进三个字而不是两个字"',
        f'{LINES}: paragraph indented 2.50 em, not 2 em — "这一段引文向右伸出了版心，每一行"',
        f'{LINES}: line starts 0.50 em from the left edge — "',
    ],
    "lone-char": [f'{LINES}: the paragraph\'s last line has 1 character(s) — "这一段的最后一行只有一个字⏎字。"'],
    "orphan": [f'{PAGES}: a paragraph\'s first line is alone at the foot of the page — "乙第1行。"'],
    "widow": [f'{PAGES}: a paragraph\'s last line is alone at the top of the page — "丁第3行。"'],
    "heading-last": [f'{PAGES}: a heading is the last line of the page — "落单的小标题"'],
    "glyph-missing": [f'{LINES}: 1 character(s) with no glyph or no Unicode value (U+FFFD) — "\ufffd U+FFFD"'],
    "glyph-fallback": [
        f"{LINES}: 1 character(s) drawn with font 'DejaVu",
        "not one of the layout's faces (publisher-kai, publisher-mono, publisher-serif, publisher-serif-bold)"
        ' — "☃ U+2603"',
    ],
    "toc": [
        f'{LINES}: the entry gives page 99, but the article starts on page 7 — "行的规则张三"',
        f'{PAGES}: the entry gives page 99, but the article starts on page 9 — "分页的规则王五"',
    ],
    "running-head": ["the running head reads '错误的书眉'; expected '排版检查反例样书'"],
    "folio": ["the folio reads '8页'; expected '8'"],
    "text-layer": [f"{LINES}: the text layer differs from 01-lines.md:4 at character "],
}


@pytest.mark.parametrize("code", [code for code in CODES if code != "outline"])
def test_each_rule_fires_on_a_pdf_that_breaks_it(code: str, found: list[str]) -> None:
    mine = [line for line in found if f": error: {code}: " in line]
    for expected in EXPECTED[code]:
        assert any(expected in line for line in mine), f"no {code} violation saying {expected!r} in:\n" + "\n".join(
            mine
        )


def test_a_violation_names_the_file_the_page_and_the_article(broken: tuple[Path, Path, Path], found: list[str]) -> None:
    pdf = broken[0]
    assert f"{pdf}:p7: error: line-start: {LINES}: line starts with '·' — \"·这一行以间隔号开头。\"" in found
    orphans = [line for line in found if ": orphan: " in line]
    assert len(orphans) == 1 and orphans[0].startswith(f"{pdf}:p10: error: orphan: {PAGES}")


def test_only_the_broken_paragraphs_are_reported(found: list[str]) -> None:
    """The page-break article's own paragraphs break nothing else than the page-break rules and flush
    (their lines are forced short): no line-start, split, indent or 孤字 there."""
    pages = [line for line in found if PAGES in line]
    codes = {line.split(": error: ")[1].split(":")[0] for line in pages}
    assert codes == {"flush", "orphan", "widow", "heading-last", "toc", "running-head", "folio"}


def test_every_rule_is_registered_and_shown_to_fire() -> None:
    assert next(name for name, _ in RULES) == "outline"
    assert set(EXPECTED) | {"outline"} == set(CODES)


def test_line_extents_agree_with_pdftotext(built: Built) -> None:
    """PDFium's lines as the inspector reads them have the edges pdftotext -bbox-layout gives
    (advance-based, as the flush rule needs), to 0.01 pt."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(built.pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    theirs = {
        (number, "".join(line.itertext()).replace(" ", "").strip()): (float(line.get("xMin")), float(line.get("xMax")))
        for number, page in enumerate(etree.fromstring(html.encode()).iter("{*}page"), 1)
        for line in page.iter("{*}line")
    }
    ours = {
        (line.page, line.text): (line.left, line.right)
        for page in read_pdf(built.pdf).pages
        for line in group_lines(page.number, page.chars)
    }
    both = set(ours) & set(theirs)
    assert len(both) > 0.9 * len(ours) > 300
    far = [
        (key, ours[key], theirs[key]) for key in both if max(abs(a - b) for a, b in zip(ours[key], theirs[key])) > 0.01
    ]
    assert far == []


def test_the_default_book_is_inspected_in_full(inspection: Inspection) -> None:
    """Not vacuous: every article, most of its lines in paragraphs of several lines."""
    model = inspection.printed
    assert len(model.articles) == len(model.book.articles) == 13
    assert len(model.paragraphs) > 50 and sum(len(p.lines) - 1 for p in model.paragraphs) > 150


@pytest.fixture(scope="module")
def inspection(built: Built) -> Inspection:
    return inspect(built.pdf, CONTENT)


XFAIL: dict[str, str] = {}
"""Rules the default book does not pass yet, each with the reason (strict: a fix makes the test fail)."""


@pytest.mark.parametrize(
    "code",
    [
        pytest.param(code, marks=pytest.mark.xfail(strict=True, reason=XFAIL[code])) if code in XFAIL else code
        for code in CODES
    ],
)
def test_the_default_book_passes(code: str, inspection: Inspection) -> None:
    bad = [d.format() for d in diagnostics(inspection) if d.code == code]
    assert bad == [], "\n".join(bad)


def test_a_pdf_of_another_book_is_reported_as_such(built: Built) -> None:
    found = inspect(built.pdf, FIXTURES / "clean").violations
    assert [v.code for v in found] == ["outline"] * 2
    assert found[0].message == (
        "the PDF has 13 bookmark(s) but the book has 1 article(s): is it built from this content folder?"
    )


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["inspect", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_a_clean_pdf_exits_0_with_its_table(tmp_path: Path) -> None:
    pdf = build_pdf(FIXTURES / "clean", tmp_path)
    code, out, err = run(str(pdf), str(FIXTURES / "clean"))
    assert code == EXIT_OK, err
    assert "第1篇《合乎规则的一篇文章》" in out and "100.0%" in out
    assert "no violation (0 error(s), 0 warning(s))" in out


def test_violations_exit_1_one_line_each(broken: tuple[Path, Path, Path], found: list[str]) -> None:
    pdf, content, _ = broken
    code, out, err = run(str(pdf), str(content), "-q")
    assert code == EXIT_CONTENT and out == ""
    assert err.splitlines() == [
        *found,
        f"publisher: inspected {pdf} (16 pages) in {err.split(' in ')[-1].split()[0]} "
        f"s: violations found ({len(found)} error(s), 0 warning(s))",
    ]


def test_json_diagnostics(built: Built) -> None:
    code, out, _ = run(str(built.pdf), str(CONTENT), "--diagnostics", "json")
    data = json.loads(out)
    assert data["exit_code"] == code
    assert [row["article"][:4] for row in data["articles"]][:2] == ["第1篇《", "第2篇《"]
    assert all(0 <= row["flush_ratio"] <= 1 for row in data["articles"])


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.pdf", None, "missing.pdf: no such file"),
        ("notes.pdf", b"not a PDF at all", "is not a readable PDF"),
        ("empty.pdf", b"", "is not a readable PDF"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_a_usage_error(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, _out, err = run(str(path))
    assert code == EXIT_USAGE and message in err and "Traceback" not in err


@pytest.fixture(scope="module")
def annotated(broken: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    """The broken book's PDF inspected with ``--annotate``: the copy, the exit code and what it printed."""
    pdf, content, _ = broken
    target = tmp_path_factory.mktemp("annotated") / "marked.pdf"
    before = pdf.read_bytes()
    code, out, _err = run(str(pdf), str(content), "--annotate", str(target))
    assert pdf.read_bytes() == before, "the inspected PDF must stay as it was"
    return target, code, out


def notes(pdf: Path) -> dict[int, list[str]]:
    """The inspector's notes on each page (1-based) of an annotated copy."""
    found: dict[int, list[str]] = {}
    for number, page in enumerate(pypdf.PdfReader(pdf).pages, 1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if str(annotation.get("/NM", "")).startswith("publisher-inspect-"):
                found.setdefault(number, []).append(str(annotation["/Contents"]))
    return found


def test_the_annotated_copy_has_a_note_for_every_violation_on_its_page(
    annotated: tuple[Path, int, str], broken: tuple[Path, Path, Path]
) -> None:
    target, code, out = annotated
    assert code == EXIT_CONTENT and f"wrote {target}" in out
    pdf, content, layouts = broken
    violations = inspect(pdf, content, layouts).violations
    drawn = notes(target)
    for violation in violations:
        pages = {line.page for line in violation.lines} or {violation.page}
        for page in pages:
            assert any(note.startswith(f"{violation.code}: ") and violation.message in note for note in drawn[page]), (
                violation
            )
    assert sum(len(n) for n in drawn.values()) >= len(violations)


def test_a_note_names_the_source_line_to_correct(annotated: tuple[Path, int, str]) -> None:
    source = (FIXTURES / "broken" / "01-lines.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(source, 1) if text.startswith("·这一行以间隔号开头"))
    starts = [note for page in notes(annotated[0]).values() for note in page if "line starts with '·'" in note]
    assert len(starts) == 1 and starts[0].endswith(f"\nsource: 01-lines.md:{line}")


def test_each_violation_is_drawn_around_its_line(
    annotated: tuple[Path, int, str], broken: tuple[Path, Path, Path]
) -> None:
    """Rendered, the copy shows a red box close around the line that starts with '·'; the original shows none."""
    pdf = broken[0]
    page = next(p for p in read_pdf(pdf).pages if any(c.text == "·" for c in p.chars))
    line = next(li for li in group_lines(page.number, page.chars) if li.text.startswith("·这一行"))
    scale = 2

    def reds(path: Path) -> list[tuple[int, int]]:
        document = pdfium.PdfDocument(str(path))
        image = document[page.number - 1].render(scale=scale, crop=_bleed(document[page.number - 1])).to_pil()
        rgb = image.convert("RGB")
        return [
            (x, y)
            for x in range(rgb.width)
            for y in range(0, rgb.height, 2)
            if (pixel := rgb.getpixel((x, y)))[0] > 180 and pixel[1] < 80 and pixel[2] < 80
        ]

    assert reds(pdf) == []
    marked = reds(annotated[0])
    near = [
        (x, y)
        for x, y in marked
        if line.left - 6 <= x / scale <= line.right + 6
        and line.baseline - 2 * line.size <= y / scale <= line.baseline + line.size
    ]
    assert len(near) > 50, "no red box drawn around the line"


def _bleed(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """Crop a page's render to its trim box, the frame the inspector's coordinates use."""
    left, bottom, right, top = page.get_mediabox()
    t_left, t_bottom, t_right, t_top = page.get_trimbox()
    return t_left - left, t_bottom - bottom, right - t_right, top - t_top


def test_a_clean_pdf_gives_a_copy_with_nothing_drawn(built: Built, tmp_path: Path) -> None:
    target = tmp_path / "marked.pdf"
    code, _out, err = run(str(built.pdf), str(CONTENT), "--annotate", str(target))
    assert code == EXIT_OK, err
    assert notes(target) == {} and len(pypdf.PdfReader(target).pages) == len(pypdf.PdfReader(built.pdf).pages)


def test_annotate_refuses_to_overwrite_the_inspected_pdf(built: Built) -> None:
    before = built.pdf.read_bytes()
    code, _out, err = run(str(built.pdf), str(CONTENT), "--annotate", str(built.pdf))
    assert code == EXIT_USAGE and "that is the PDF inspected" in err
    assert built.pdf.read_bytes() == before
