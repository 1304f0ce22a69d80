"""Running heads stay on one line: a title too long for the measure is shortened between phrases or words.

The default book's titles fit an A5 running head; on a small page (100 × 160 mm) the book's title and
many article titles do not. The inspector reads every page's running head and folio.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from publisher.build.pipeline import BuildOptions
from publisher.checks.inspect.inspector import Inspection
from publisher.layout.titles import ELLIPSIS, running_head
from publisher.render.pdf.press import PressOptions
from tests.helpers import CONTENT, PROJECT, inspected

SMALL = "100x160"
BOOK_TITLE = ("推动", "工会", "工作", "高质量", "发展", "，", "书写", "工运", "事业", "壮丽", "篇章")


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        (30, "推动工会工作高质量发展，书写工运事业壮丽篇章"),
        (16, "推动工会工作高质量发展"),
        (8, "推动工会工作……"),
    ],
)
def test_a_title_too_long_is_cut_after_a_phrase_or_else_after_a_word(measure: float, expected: str) -> None:
    assert running_head(BOOK_TITLE, measure) == expected


def test_a_title_of_one_phrase_is_cut_between_words() -> None:
    words = ("奋力", "书写", "我国", "工运", "事业", "更加", "壮丽", "的", "时代", "篇章")
    head = running_head(words, 12)
    assert head.endswith(ELLIPSIS) and "".join(words).startswith(head.removesuffix(ELLIPSIS))
    assert any(head.removesuffix(ELLIPSIS) == "".join(words[:n]) for n in range(1, len(words)))


def small(tmp_path: Path, layouts: Path = PROJECT / "layouts") -> Inspection:
    """The default book on a small page, inspected."""
    press = PressOptions(page_size=SMALL)
    return inspected(BuildOptions(content=CONTENT, out=tmp_path, formats=("pdf",), layouts_dir=layouts, press=press))


def test_on_a_small_page_every_running_head_takes_one_line(tmp_path: Path) -> None:
    inspection = small(tmp_path)
    heads = [page.head for page in inspection.printed.pages if page.head]
    assert heads and all(len(head) == 1 for head in heads)
    assert {head[0].text for head in heads} >= {"推动工会工作高质量发展"}
    assert any(head[0].text.endswith(ELLIPSIS) for head in heads)
    assert [v for v in inspection.violations if v.code in ("running-head", "folio")] == []


def test_the_inspector_reports_a_running_head_on_two_lines(tmp_path: Path) -> None:
    """Not vacuous: with the titles printed whole, the heads wrap, and the inspector says so."""
    layouts = tmp_path / "layouts"
    shutil.copytree(PROJECT / "layouts" / "booklet", layouts / "booklet")
    css = layouts / "booklet" / "print.css.j2"
    css.write_text(css.read_text().replace('| running_head(m.text_width / s["running-head"]) ', ""))
    template = layouts / "booklet" / "article.html.j2"
    template.write_text(
        template.read_text().replace(
            'article.title | running_head(m.text_width / layout.sizes["running-head"])', "article.title"
        )
    )
    found = [v.message for v in small(tmp_path / "out", layouts).violations if v.code == "running-head"]
    assert found and all(re.fullmatch(r"the running head takes [23] lines: .*", message) for message in found), found
