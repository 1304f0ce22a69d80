"""Which date a build stamps: SOURCE_DATE_EPOCH, else the last commit, else the book's date."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

from publisher.build.dates import build_time


def test_source_date_epoch_wins(tmp_path: Path) -> None:
    moment = build_time("2025", tmp_path, {"SOURCE_DATE_EPOCH": "1745812800"})
    assert moment == datetime(2025, 4, 28, 4, 0, tzinfo=UTC)


def test_outside_git_the_book_date_is_used(tmp_path: Path) -> None:
    assert build_time("2025-04-28", tmp_path, {}) == datetime(2025, 4, 28, tzinfo=UTC)
    assert build_time("", tmp_path, {}) == datetime(1970, 1, 1, tzinfo=UTC)
    assert build_time("2025-13-40", tmp_path, {}) == datetime(1970, 1, 1, tzinfo=UTC)


def test_in_git_the_last_commit_touching_the_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "book.yaml").write_text("title: 书\n", encoding="utf-8")
    env = {
        "GIT_AUTHOR_DATE": "2025-04-28T08:00:00Z",
        "GIT_COMMITTER_DATE": "2025-04-28T08:00:00Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "HOME": str(tmp_path),
    }
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "c"]):
        subprocess.run(command, cwd=tmp_path, check=True, env=env)
    assert build_time("2020", content, {}) == datetime(2025, 4, 28, 8, 0, tzinfo=UTC)
