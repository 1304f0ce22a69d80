"""The one date a build stamps into its outputs, so that the same sources give the same bytes."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def build_time(book_date: str, content: Path, environ: Mapping[str, str]) -> datetime:
    """``SOURCE_DATE_EPOCH`` if set; else the last commit that touched the content; else the
    book's own ``date``; else the Unix epoch.

    Never the clock: a build that stamps the current time can never be
    reproduced byte for byte, on another day or in another folder.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    commit = last_commit_time(content)
    if commit is not None:
        return datetime.fromtimestamp(commit, tz=UTC)
    return book_time(book_date)


def last_commit_time(folder: Path) -> int | None:
    """When the last commit touching ``folder`` was made, if ``folder`` is in a git work tree."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return int(stamp) if result.returncode == 0 and stamp.isdigit() else None


def book_time(book_date: str) -> datetime:
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", book_date)
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            return datetime(year, month, day, tzinfo=UTC)
        except ValueError:
            pass
    return EPOCH
