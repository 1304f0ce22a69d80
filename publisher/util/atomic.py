"""Write an output so that readers see either the old file or the whole new one, never half."""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STALE_TEMP_SECONDS = 15 * 60
"""A temporary output older than this was left by a killed build: the next build
removes it. Far longer than a build within the content limits takes (under a minute),
so a build running at the same time never loses its own file."""


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only on success.

    On any failure (an exception in a renderer, Ctrl-C) the temporary file is
    removed and the previous output stays as it was. Each build gets its own
    temporary name, so two builds at once never write into the same file; the
    rename is atomic, so a reader (or a build killed at any moment) sees the
    old file or the new one, never half of one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a new empty folder beside ``target``; put it in ``target``'s place only on success.

    An output that is a folder (the web edition) cannot be renamed over a folder that has files, so
    the old one is first renamed aside, the new one renamed into place and the old one removed: a
    reader sees the whole old folder or the whole new one, never a mixture (for the moment between
    the two renames, none). On any failure the new folder is removed and the old one stays.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        yield temp
        os.chmod(temp, 0o755)
        if target.is_dir() and not target.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
            os.replace(target, old)
            os.replace(temp, target)
            shutil.rmtree(old)
        else:
            os.replace(temp, target)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def remove_stale(target: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of ``target`` that a killed build left behind.

    SIGKILL runs no ``finally``, so its ``.NAME.*.tmp`` stays. Only files older
    than :data:`STALE_TEMP_SECONDS` go: a younger one may belong to a build
    running right now in the same folder.
    """
    cutoff = (time.time() if now is None else now) - STALE_TEMP_SECONDS
    removed = []
    for name in glob.glob(f".{glob.escape(target.name)}.*.tmp", root_dir=target.parent):
        path = target.parent / name
        try:
            if path.lstat().st_mtime < cutoff:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
                removed.append(path)
        except FileNotFoundError:  # another build removed it first
            pass
    return removed
