"""Where the built-in layouts and fonts are, and where a build may keep what it learns about the engine.

Installed, the package carries the layouts and fonts as data (``publisher/data/``, copied from
the repository when the wheel is built: see ``setup.py``), with the pinned versions of its
dependencies (``requirements.txt``); in a checkout, or an editable install of one, they are the
repository's own top-level ``layouts/``, ``fonts/`` and ``requirements.txt``. Nothing is ever
written inside the package: kept results go to the book's ``build/.cache/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def builtin(name: str) -> Path:
    """The built-in ``layouts`` or ``fonts`` folder."""
    installed = PACKAGE / "data" / name
    return installed if installed.is_dir() else PACKAGE.parent / name


def pinned_requirements() -> Path:
    """``requirements.txt``: the exact versions of every dependency the outputs are made with."""
    installed = PACKAGE / "data" / "requirements.txt"
    return installed if installed.is_file() else PACKAGE.parent / "requirements.txt"


def user_cache(environ: Mapping[str, str]) -> Path:
    """The user's cache folder for publisher (``$XDG_CACHE_HOME/publisher``, else ``~/.cache/publisher``):
    what a build learns about the engine, shared by every book, like pip's or Python's own caches."""
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "publisher"
