"""Where a build is, shown as it goes: a spinner on a terminal, plain lines with --verbose."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO


@contextmanager
def progress(err: TextIO, verbose: bool, quiet: bool) -> Iterator[Callable[[str], None]]:
    """Yield the callback stages call; it logs, animates, or does nothing."""
    started = time.perf_counter()
    if verbose:

        def log(stage: str) -> None:
            print(f"publisher: [{time.perf_counter() - started:5.2f} s] {stage}", file=err, flush=True)

        yield log
    elif not quiet and err.isatty():
        from rich.console import Console

        with Console(file=err).status("publisher") as status:
            yield lambda stage: status.update(f"publisher: {stage}…")
    else:
        yield lambda stage: None
