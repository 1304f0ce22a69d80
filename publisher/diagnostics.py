"""One diagnostic type for every stage, so the CLI alone decides how problems are shown.

Stages never print and never raise for content problems: they append to a
:class:`Diagnostics` list and go on, so that an editor sees every problem of a
build at once instead of fixing them one run at a time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """A problem in the sources, with where it is and what to do about it."""

    file: str
    line: int
    col: int
    severity: str
    code: str
    message: str

    def format(self) -> str:
        """``file:line:col: severity: code: message``; a problem of no file (the installed engines) is the tool's."""
        where = self.file or "publisher"
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        return f"{where}: {self.severity}: {self.code}: {self.message}"


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics, shared by the stages of one build."""

    root: Path | None = None
    items: list[Diagnostic] = field(default_factory=list)
    cwd: Path | None = None
    """The working directory: files inside it are named from it (the repository's root, in CI)."""

    def _name(self, file: Path | str) -> str:
        """The file as the editor knows it: relative to the working directory when it is inside it (so
        that CI annotations land on the repository's file), else to the content folder's parent.

        Only the folder is resolved, never the file itself, so that a symbolic
        link is named as the link, not as wherever (or nowhere) it leads.
        """
        path = Path(file)
        if not str(file):
            return ""
        for base in (self.cwd, self.root.parent if self.root is not None else None):
            if base is None:
                continue
            try:
                folder = Path(os.path.realpath(path.parent))
                return str((folder / path.name).relative_to(os.path.realpath(base)))
            except (ValueError, OSError):
                continue
        return str(file)

    def fresh(self) -> Diagnostics:
        """An empty list that names files as this one does: for a stage that reports on its own (in
        another process, or before its findings are known to be wanted)."""
        return Diagnostics(root=self.root, cwd=self.cwd)

    def error(self, file: Path | str, line: int, code: str, message: str, col: int = 0) -> None:
        self.items.append(Diagnostic(self._name(file), line, col, ERROR, code, message))

    def warning(self, file: Path | str, line: int, code: str, message: str, col: int = 0) -> None:
        self.items.append(Diagnostic(self._name(file), line, col, WARNING, code, message))

    @property
    def has_errors(self) -> bool:
        return any(d.severity == ERROR for d in self.items)


class ContentError(Exception):
    """Raised at a stage boundary when the sources have errors; carries no message of its own."""
