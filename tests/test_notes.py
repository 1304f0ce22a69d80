"""Notes set as the text they belong to: a footnote call on the line of what it annotates, a closing
note whose last line never holds one character alone.

Each paragraph (or closing note) is one character longer than the one before, so that in one of them
the last character falls at the very end of a line: a footnote call would then start the next line
(a break is allowed after a full stop), and a closing note's ``）`` would take one character with it
to a line of their own. The inspector reads the PDF and reports either (``line-start``, ``lone-char``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from publisher.build.pipeline import BuildOptions
from publisher.render.pdf.press import PressOptions
from tests.helpers import BOOK_YAML, PROJECT, article, inspected, make_content

LENGTHS = range(16, 48)
CALLS = "".join(f"{'测' * n}。[^{n}]\n\n" for n in LENGTHS) + "".join(f"[^{n}]: 注。\n" for n in LENGTHS)
NOTES = {f"{n}.md": article(f"title: 附注{n}", f"note: {'测' * n}", body="正文。\n") for n in LENGTHS[::3]}


def violations(root: Path, layouts: Path = PROJECT / "layouts", size: str | None = None) -> list[str]:
    """The book's violations, as the inspector reports them."""
    content = make_content(root, {"book.yaml": BOOK_YAML, "01.md": article("title: 脚注", body=CALLS), **NOTES})
    press = PressOptions(page_size=size)
    options = BuildOptions(content=content, out=root / "build", formats=("pdf",), layouts_dir=layouts, press=press)
    return [f"{v.code}: {v.message}" for v in inspected(options).violations]


@pytest.mark.parametrize("size", [None, "120x180", "32开"])
def test_no_call_starts_a_line_and_no_closing_note_ends_in_one_character(tmp_path: Path, size: str | None) -> None:
    assert violations(tmp_path, size=size) == []


def test_without_the_word_joiner_and_the_prose_filter_both_happen(tmp_path: Path) -> None:
    """Not vacuous: with WeasyPrint's own call and the closing note printed as it is written, a call starts a
    line and a closing note's last line holds one character; the inspector says so, and only that (the text
    layer, the call aside, is still the source's)."""
    layouts = tmp_path / "layouts"
    shutil.copytree(PROJECT / "layouts" / "booklet", layouts / "booklet")
    for name, ours in (("print.css.j2", 'content: "\\2060" counter(footnote); '), ("article.html.j2", " | prose")):
        template = layouts / "booklet" / name
        assert ours in template.read_text()
        template.write_text(template.read_text().replace(ours, ""))
    found = violations(tmp_path, layouts)
    assert {f.split(":")[0] for f in found} == {"line-start", "lone-char"}, found
    assert all(f.startswith("line-start: line starts with a footnote call ('") for f in found if "line-start" in f)
