"""``publisher build --watch``: one warm process that rebuilds whenever a source is saved.

The engines stay imported between builds, and the build cache makes a save
that changes nothing cost nothing. A content error never ends the watch: it
is reported, and the next save is awaited.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from publisher.cli.exits import EXIT_INTERRUPTED, EXIT_OK


def watch(build_once: Callable[[], int], folders: tuple[Path, ...], out: Path, err: TextIO) -> int:
    from watchfiles import DefaultFilter
    from watchfiles import watch as changes

    out = out.resolve()

    class SourcesOnly(DefaultFilter):
        """Ignore the outputs (and their temporary files) so that a build never triggers itself."""

        def __call__(self, change: object, path: str) -> bool:
            return super().__call__(change, path) and not Path(path).resolve().is_relative_to(out)

    if build_once() == EXIT_INTERRUPTED:
        return EXIT_INTERRUPTED
    gc.collect()
    watched = [str(folder) for folder in folders if folder.is_dir()]
    print(f"publisher: watching {', '.join(watched)} (Ctrl-C to stop)", file=err, flush=True)
    for changed in changes(*watched, watch_filter=SourcesOnly(), raise_interrupt=False):
        names = sorted({Path(path).name for _, path in changed})
        print(f"publisher: changed: {', '.join(names)}", file=err, flush=True)
        if build_once() == EXIT_INTERRUPTED:
            break
        # The last build's laid-out pages are garbage now (cycles, many): freed while waiting
        # for the next save rather than by a collection in the middle of the next build.
        gc.collect()
    return EXIT_OK
