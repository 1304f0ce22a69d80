"""The one version of each engine whose internals our patches reach into: WeasyPrint (justify,
pagestyles, subsets, leaders, renumber, drawn) and pydyf, its PDF writer (streams).

Each patch states what it changes and what to re-read in the engine's source;
:func:`check` refuses to run it against any other version, loudly, rather than
let it misbehave quietly. :func:`replaced` puts a patch's stand-ins in place for a while.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TARGETS = {"WeasyPrint": "70.0", "pydyf": "0.13.0"}


def check(patch: str, what: str, reread: str, engine: str = "WeasyPrint") -> None:
    """Raise when the installed ``engine`` is not the version in :data:`TARGETS`, saying which source to re-read."""
    installed = importlib.import_module(engine.lower()).__version__
    if installed != TARGETS[engine]:
        raise RuntimeError(
            f"publisher.renderers.{patch} {what} of {engine} {TARGETS[engine]}, but {engine} "
            f"{installed} is installed: check {reread}, then update it"
        )


@contextmanager
def replaced(owner: Any, **stand_ins: Any) -> Iterator[None]:
    """``owner``'s attributes named in ``stand_ins`` replaced by them while in force, restored after."""
    before = {name: getattr(owner, name) for name in stand_ins}
    for name, value in stand_ins.items():
        setattr(owner, name, value)
    try:
        yield
    finally:
        for name, value in before.items():
            setattr(owner, name, value)
