"""Proofreading Chinese text before it is published: the rules of docs/proofreading.md.

``proofread`` reports findings as diagnostics with the file, line and column of
the Markdown source; ``apply_fixes`` makes the mechanical fixes, and the typo
dictionary's corrections only when asked.
"""

from publisher.checks.proofread.fix import Change, apply_fixes
from publisher.checks.proofread.runner import proofread

__all__ = ["Change", "apply_fixes", "proofread"]
