"""``apply_fixes``: mechanical fixes only, each one reported, written once, idempotent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from publisher.checks.proofread import Change, apply_fixes
from tests.helpers import CONTENT, findings, write_article

MIXED = "工作,要落实...变化和 风险--挑战。企业 and 职工，推动推动发展，“中国工人人大思政课”二0二五年。"


def _words(text: str) -> str:
    """The wording: what is left without marks and spaces."""
    return re.sub(r"[\W_]", "", text)


def test_only_mechanical_things_change(tmp_path: Path) -> None:
    path = write_article(tmp_path, MIXED, front="title: 标题,副题")
    before = path.read_text(encoding="utf-8")
    changes = apply_fixes(tmp_path, [path])
    assert [(c.line, c.col, c.before, c.after) for c in changes] == [
        (2, 10, ",", "，"),
        (5, 3, ",", "，"),
        (5, 7, "...", "……"),
        (5, 13, " ", ""),
        (5, 16, "--", "——"),
    ]
    assert path.read_text(encoding="utf-8") == before.replace("标题,副题", "标题，副题").replace(
        "工作,要落实...变化和 风险--挑战", "工作，要落实……变化和风险——挑战"
    )
    assert _words(path.read_text(encoding="utf-8")) == _words(before)


def test_what_needs_an_editor_is_still_reported_after_fixing(tmp_path: Path) -> None:
    path = write_article(tmp_path, MIXED)
    apply_fixes(tmp_path, [path])
    assert findings(tmp_path, path.read_text(encoding="utf-8").split("---\n\n", 1)[1].rstrip("\n")) == [
        "5:22 error latin-word",
        "5:31 warning duplicate",
        "5:47 error numbers",
    ]


def test_fixing_twice_changes_nothing(tmp_path: Path) -> None:
    path = write_article(tmp_path, "工作 ,要落实。。。好")
    assert apply_fixes(tmp_path, [path]) == [
        Change(path, 5, 4, ",", "，"),
        Change(path, 5, 8, "。。。", "……"),
        Change(path, 5, 3, " ", ""),
    ]
    fixed = path.read_bytes()
    assert apply_fixes(tmp_path, [path]) == []
    assert path.read_bytes() == fixed == "---\ntitle: 测试\n---\n\n工作，要落实……好\n".encode()


def test_line_endings_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\r\ntitle: 测试\r\n---\r\n\r\n工作,要。\r\n".encode("utf-8"))
    assert apply_fixes(tmp_path, [path]) == [Change(path, 5, 3, ",", "，")]
    assert path.read_bytes() == "\ufeff---\r\ntitle: 测试\r\n---\r\n\r\n工作，要。\r\n".encode("utf-8")


def test_switched_off_rules_are_not_applied(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text("off: [stray-space]\n", encoding="utf-8")
    path = write_article(tmp_path, "变化和 风险。")
    assert apply_fixes(tmp_path, [path]) == []


def test_the_published_book_needs_no_fix(tmp_path: Path) -> None:
    copy = shutil.copytree(CONTENT, tmp_path / "content")
    files = sorted(copy.glob("[0-9]*.md"))
    assert files and apply_fixes(copy, files) == []
