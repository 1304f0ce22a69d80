"""A footnote call stays on the line of the text it annotates: never alone at the start of the next.

Paragraphs one character longer each end in a full stop and a footnote call, so that in one of
them the stop falls at the very end of a line (a break is allowed after it, and the call would
start the next line). The inspector reads the PDF: a call alone on a line is not raised above
its line's baseline, so it is not taken for a call and the text layer no longer matches the source.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publisher.build.pipeline import BuildOptions, build
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.diagnostics import Diagnostics
from publisher.render.pdf.press import PressOptions
from tests.helpers import BOOK_YAML, EPOCH, PROJECT, article, make_content

BODY = "".join(f"{'测' * length}。[^{length}]\n\n" for length in range(16, 48)) + "".join(
    f"[^{length}]: 注。\n" for length in range(16, 48)
)


def built(root: Path, layouts: Path = PROJECT / "layouts", size: str | None = None) -> list[str]:
    """The book's violations, as the inspector reports them."""
    content = make_content(root, {"book.yaml": BOOK_YAML, "01.md": article("title: 脚注", body=BODY)})
    press = PressOptions(page_size=size)
    options = BuildOptions(content=content, out=root / "build", formats=("pdf",), layouts_dir=layouts, press=press)
    diags = Diagnostics(root=content)
    (pdf,) = build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
    assert [d.format() for d in diags.items] == []
    return [f"{v.code}: {v.message}" for v in inspect_pdf(pdf, options, Diagnostics(root=content)).violations]


def test_no_footnote_call_starts_a_line(tmp_path: Path) -> None:
    assert built(tmp_path) == []


@pytest.mark.parametrize("size", ["120x180", "32开"])
def test_nor_at_other_page_sizes(tmp_path: Path, size: str) -> None:
    assert built(tmp_path, size=size) == []


def test_without_the_word_joiner_one_does(tmp_path: Path) -> None:
    """Not vacuous: with WeasyPrint's own call, one paragraph's call starts a line, and the inspector says so
    (and only that: the text layer, the call aside, is still the source's)."""
    layouts = tmp_path / "layouts"
    shutil.copytree(PROJECT / "layouts" / "booklet", layouts / "booklet")
    css = layouts / "booklet" / "print.css.j2"
    css.write_text(css.read_text().replace('content: "\\2060" counter(footnote); ', ""))
    found = built(tmp_path, layouts)
    assert found and all(f.startswith("line-start: line starts with a footnote call ('") for f in found), found
