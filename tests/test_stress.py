"""The stress book (tests/fixtures/stress/) passes the typography inspector: every rule, every line.

Its paragraphs repeat a phrase whose length is prime to the measure, so that each
mark lands at every place of a line, the line's end and start included: ``·`` in
foreign names, ``～`` ranges, a lone ``—``, ``〃``, ``35 ℃``, ``100%``, ``——`` and
``……``, Latin words and numbers, clusters of marks, quotes inside brackets, long
titles, paragraphs one character longer than a line, headings near a page's foot.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from publisher.build.pipeline import BuildOptions, build
from publisher.checks.inspect.inspector import Inspection
from publisher.checks.inspect.report import diagnostics
from publisher.checks.inspect.source import source_text
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.diagnostics import Diagnostics
from tests.helpers import EPOCH, FIXTURES, PROJECT
from tests.helpers import INSPECTOR_CODES as CODES

STRESS = FIXTURES / "stress"


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Inspection]:
    out = tmp_path_factory.mktemp("stress")
    diags = Diagnostics(root=STRESS)
    (pdf,) = build(BuildOptions(content=STRESS, out=out, formats=("pdf",)), {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
    assert not diags.items, [item.format() for item in diags.items]
    return pdf, inspect_pdf(pdf, BuildOptions(content=STRESS, out=out), Diagnostics(root=STRESS))


def test_the_stress_book_is_inspected_in_full(stress: tuple[Path, Inspection]) -> None:
    model = stress[1].printed
    assert len(model.articles) == 6
    assert len(model.paragraphs) > 80 and sum(len(p.lines) - 1 for p in model.paragraphs) > 250


@pytest.mark.parametrize("code", CODES)
def test_the_stress_book_passes(code: str, stress: tuple[Path, Inspection]) -> None:
    bad = [d.format() for d in diagnostics(stress[1]) if d.code == code]
    assert bad == [], "\n".join(bad)


def test_its_text_layer_is_the_source_as_pdftotext_reads_it(stress: tuple[Path, Inspection]) -> None:
    """Nothing added, nothing lost, nothing out of order: what poppler copies from each article's type
    areas, page after page, is the source's text (white space aside)."""
    pdf, inspection = stress
    for span in inspection.printed.articles:
        copied = ""
        for page in inspection.printed.pages[span.first - 1 : span.last]:
            box = page.area
            copied += subprocess.run(
                [
                    "pdftotext",
                    "-enc",
                    "UTF-8",
                    "-f",
                    str(page.number),
                    "-l",
                    str(page.number),
                    "-r",
                    "72",
                    "-x",
                    str(int(box.left) - 2),
                    "-y",
                    str(int(box.top) - 12),
                    "-W",
                    str(int(box.width) + 4),
                    "-H",
                    str(int(box.height) + 14),
                    str(pdf),
                    "-",
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        assert "".join(copied.split()) == source_text(list(span.pieces)), span.label


PLAIN_CSS = """
.keep { white-space: normal; }
.article h2, .article h3 { break-after: auto; }
.article p { orphans: 1; widows: 1; }
"""


def test_the_stress_book_needs_every_mechanism(tmp_path: Path) -> None:
    """Not vacuous: with WeasyPrint's own justification and line breaking, and no widow, orphan or
    heading control, the same book breaks each rule the mechanisms exist for."""
    layouts = tmp_path / "layouts"
    shutil.copytree(PROJECT / "layouts" / "booklet", layouts / "booklet")
    settings = layouts / "booklet" / "layout.yaml"
    settings.write_text(settings.read_text().replace("justify: inter-character", "justify: spaces"))
    with (layouts / "booklet" / "print.css.j2").open("a", encoding="utf-8") as css:
        css.write(PLAIN_CSS)
    options = BuildOptions(content=STRESS, out=tmp_path, formats=("pdf",), layouts_dir=layouts)
    (pdf,) = build(options, {"SOURCE_DATE_EPOCH": EPOCH}, Diagnostics(root=STRESS)).paths
    found = Counter(v.code for v in inspect_pdf(pdf, options, Diagnostics(root=STRESS)).violations)
    assert {"flush", "line-start", "split-number", "lone-char", "orphan", "widow", "heading-last"} <= set(found), found
