"""The one WeasyPrint version whose internals our patches reach into (justify, pagestyles, subsets).

Each patch states what it changes and what to re-read in WeasyPrint's source;
:func:`check` refuses to run it against any other version, loudly, rather than
let it misbehave quietly.
"""

from __future__ import annotations

import weasyprint

TARGET = "70.0"


def check(patch: str, what: str, reread: str) -> None:
    """Raise when the installed WeasyPrint is not :data:`TARGET`, saying which source to re-read."""
    if weasyprint.__version__ != TARGET:
        raise RuntimeError(f"publisher.renderers.{patch} {what} of WeasyPrint {TARGET}, but WeasyPrint "
                           f"{weasyprint.__version__} is installed: check {reread}, then update it")
