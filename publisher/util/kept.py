"""Pure results kept on disk between builds (``build/.cache/<kind>/``), keyed by what they depend on.

A result is only ever a function of its key, so a stale one cannot be served;
a folder that cannot be read or written only means the work is done again.
Each kind keeps its newest few results.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path


def recall(folder: Path | None, key: str) -> bytes | None:
    """The result kept under ``key``, or ``None``."""
    if folder is None:
        return None
    try:
        return (folder / key).read_bytes()
    except OSError:
        return None


def keep(folder: Path | None, key: str, data: bytes, newest: int) -> None:
    """Keep ``data`` under ``key`` (written atomically), and only the ``newest`` results of the folder."""
    if folder is None:
        return
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{key}.{os.getpid()}.tmp"
        temp.write_bytes(data)
        os.replace(temp, folder / key)
        results = sorted(
            (path for path in folder.iterdir() if not path.name.startswith(".")), key=lambda path: path.stat().st_mtime
        )
        for old in results[:-newest]:
            old.unlink(missing_ok=True)
