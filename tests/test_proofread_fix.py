"""``apply_fixes``: mechanical fixes only, each one reported, written once, idempotent."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from publisher.checks.proofread import Change, apply_fixes
from publisher.cli.main import main
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


def test_typos_are_fixed_only_when_asked(tmp_path: Path) -> None:
    path = write_article(tmp_path, "他们一如继往,坚守在生产一线。")
    assert [(c.before, c.after, c.wording) for c in apply_fixes(tmp_path, [path])] == [(",", "，", False)]
    assert "一如继往" in path.read_text(encoding="utf-8")
    changes = apply_fixes(tmp_path, [path], typos=True)
    assert changes == [
        Change(
            path, 5, 3, "一如继往", "一如既往", True, "他们一如继往，坚守在生产一线。", "他们一如既往，坚守在生产一线。"
        )
    ]
    assert findings(tmp_path, "他们一如既往，坚守在生产一线。") == []


def test_check_fix_typos_shows_each_change_of_wording_as_a_diff(tmp_path: Path) -> None:
    content = shutil.copytree(CONTENT, tmp_path / "content")
    article = content / "05-zhu-jianping.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n大家一如继往地干。\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", str(content), "--fix"], out, err) == 1  # the typo is an error, left to the editor
    assert "typo: '一如继往' is a misused form (write 一如既往)" in err.getvalue()
    out = io.StringIO()
    assert main(["check", str(content), "--fix=typos"], out, io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    at = next(i for i, line in enumerate(lines) if "'一如继往' → '一如既往'" in line)
    assert lines[at + 1 : at + 3] == ["  - 大家一如继往地干。", "  + 大家一如既往地干。"]
    assert article.read_text(encoding="utf-8").endswith("\n大家一如既往地干。\n")


@pytest.mark.parametrize("argv", [["--fix", "{content}"], ["{content}", "--fix"], ["--fix", "typos", "{content}"]])
def test_fix_may_come_before_or_after_the_content_folder(tmp_path: Path, argv: list[str]) -> None:
    content = shutil.copytree(CONTENT, tmp_path / "content")
    article = content / "05-zhu-jianping.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n大家都来了,好。\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["check", *(arg.format(content=content) for arg in argv)], out, err) == 0, err.getvalue()
    assert article.read_text(encoding="utf-8").endswith("\n大家都来了，好。\n")
