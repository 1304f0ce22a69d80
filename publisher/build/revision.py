"""The book as its sources were at a git revision, built in a temporary worktree: what ``publisher diff
--base`` compares the working tree's book with."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics


class RevisionError(Exception):
    """The revision cannot be checked out; the message says why and what to do."""


@contextmanager
def built_at(revision: str, options: BuildOptions, environ: Mapping[str, str], diags: Diagnostics) -> Iterator[Path]:
    """The PDF of the book of ``options`` as it was at ``revision``, while in force (then removed)."""
    top = _git(["rev-parse", "--show-toplevel"], options.book_root).strip()
    repository = Path(top)
    with tempfile.TemporaryDirectory(prefix="publisher-diff-") as scratch:
        tree = Path(scratch) / "tree"
        _git(["worktree", "add", "--quiet", "--detach", str(tree), revision], repository)
        try:
            moved = replace(
                options,
                content=tree / _inside(options.content, repository),
                root=tree / _inside(options.book_root, repository),
                out=Path(scratch) / "out",
                formats=("pdf",),
            )
            yield build(moved, environ, diags).paths[0]
        finally:
            _git(["worktree", "remove", "--force", str(tree)], repository)
            shutil.rmtree(tree, ignore_errors=True)


def _inside(path: Path, repository: Path) -> Path:
    return Path(os.path.realpath(path)).relative_to(os.path.realpath(repository))


def _git(args: list[str], where: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=where, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise RevisionError(f"git cannot be run ({exc.strerror}): install git to compare with a revision") from None
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"
        raise RevisionError(f"git {args[0]} failed in {where}: {said}")
    return done.stdout
