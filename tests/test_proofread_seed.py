"""The checker against the two texts of the default book: the published one and its raw source."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.checks.proofread import proofread
from publisher.diagnostics import Diagnostics
from tests.helpers import CONTENT, SEED, write_raw_seed


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The raw seed: the newspaper page as 13 articles, its errors kept (see ``write_raw_seed``)."""
    return write_raw_seed(tmp_path_factory.mktemp("seed") / "seed-raw")


def _articles(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.md") if path.name not in ("README.md", "ERRATA.md"))


def _proofread(folder: Path) -> list[str]:
    """The raw seed is the same book, so it is read with the book's house style."""
    diags = Diagnostics(root=folder)
    proofread(CONTENT, _articles(folder), diags)
    return [d.format() for d in diags.items]


def test_the_published_book_has_no_finding() -> None:
    assert _articles(CONTENT)
    assert _proofread(CONTENT) == []


EDITORIAL_CORRECTIONS = [
    # article 1: duplicated 的领导
    "seed-raw/01-xu-liuping.md:9:69: error: duplicate: '领导' is written twice in '领导的领导' "
    "(delete the second '的领导')",
    # article 4: 中国工人人大思政课, twice
    "seed-raw/05-zhu-jianping.md:25:68: error: duplicate: '人' is doubled in the name '中国工人大思政课' "
    "(write 中国工人大思政课)",
    "seed-raw/05-zhu-jianping.md:25:178: error: duplicate: '人' is doubled in the name '中国工人大思政课' "
    "(write 中国工人大思政课)",
    # article 7: English words
    "seed-raw/09-jin-shanwen.md:19:77: error: latin-word: English word 'and' inside Chinese text (use 和)",
    "seed-raw/09-jin-shanwen.md:21:38: error: latin-word: English word 'risk' inside Chinese text "
    "(write it in Chinese)",
    # article 13: the canonical formulation
    "seed-raw/13-pan-jian.md:11:148: error: formulation: '以习近平为中心的工作导向' is not the fixed "
    "formulation (write 以职工为中心的工作导向)",
    # the truncated note at the very end, never closed
    "seed-raw/13-pan-jian.md:13:1: error: pairs: '（' is never closed in this paragraph (add ）)",
]

TRUNCATED = [  # the fragments of the newspaper page that stop mid-sentence
    "01-xu-liuping.md:11:16",
    "02-yang-yudong.md:11:52",
    "03-li-jinying.md:9:83",
    "04-wei-dichun.md:9:110",
    "05-zhu-jianping.md:7:46",
    "07-zhong-hongjiang.md:14:31",
    "08-cai-anhui.md:11:66",
    "09-jin-shanwen.md:7:194",
    "09-jin-shanwen.md:25:176",
    "10-wang-jiaoping.md:9:182",
    "12-zhu-huxiang.md:9:127",
    "13-pan-jian.md:9:46",
    "13-pan-jian.md:13:15",
]


def test_the_raw_seed_has_each_editorial_correction_and_nothing_else(raw: Path) -> None:
    found = _proofread(raw)
    errors = [line for line in found if ": error: " in line]
    warnings = [line.split(": warning: ")[0].removeprefix("seed-raw/") for line in found if ": warning: " in line]
    assert errors == EDITORIAL_CORRECTIONS
    assert sorted(warnings) == sorted(TRUNCATED)
    assert all(": warning: truncated: " in line for line in found if ": warning: " in line)


def test_the_truncated_note_is_reported_at_its_dangling_mark(raw: Path) -> None:
    found = [line for line in _proofread(raw) if line.startswith("seed-raw/13-pan-jian.md:13:15:")]
    assert found == [
        "seed-raw/13-pan-jian.md:13:15: warning: truncated: the paragraph stops in "
        "mid-sentence at '书记处书记、' (finish the sentence, or mark the missing text with ……)"
    ]


def test_the_raw_seed_keeps_every_line_of_the_seed_in_order(raw: Path) -> None:
    """Word for word: the title, kicker and byline lines as front-matter values, the others as paragraphs."""
    written = "".join(path.read_text(encoding="utf-8") for path in [raw / "book.yaml", *sorted(raw.glob("*.md"))])
    cursor = 0
    for line in (line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()):
        found = written.find(line, cursor)
        assert found >= 0, f"not in the raw seed after position {cursor}: {line}"
        cursor = found + len(line)
