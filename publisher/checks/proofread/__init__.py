"""Proofreading Chinese text before it is published: the rules of docs/proofreading.md.

``proofread`` reports findings as diagnostics with the file, line and column of
the Markdown source; ``apply_fixes`` makes the mechanical fixes, and the typo
dictionary's corrections only when asked.

The rules are imported when one of these is first asked for, not with the package: a build reads the
house style's terms (:mod:`.style`) for its display titles before it proofreads, on the other core.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from publisher.checks.proofread.fix import Change, apply_fixes
    from publisher.checks.proofread.runner import proofread

__all__ = ["Change", "apply_fixes", "proofread"]
HOMES = {"Change": "fix", "apply_fixes": "fix", "proofread": "runner"}


def __getattr__(name: str) -> object:
    if name not in HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{HOMES[name]}"), name)
