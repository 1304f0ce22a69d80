"""How diagnostics and results reach the user: plain lines, GitHub annotations or JSON.

Stages produce one diagnostic type; only this module knows about output
formats. Human lines go to stderr; GitHub workflow commands and JSON go to
stdout, where the Actions runner and tools read them.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TextIO

from publisher.diagnostics import ERROR, Diagnostic


@dataclass
class Report:
    style: str
    out: TextIO
    err: TextIO
    quiet: bool = False

    def finish(self, items: list[Diagnostic], written: list[Path], code: int, message: str, verb: str = "wrote") -> int:
        """Print everything about one run and return its exit code."""
        counts = summary(items)
        if self.style == "json":
            json.dump(
                {
                    "exit_code": code,
                    "diagnostics": [asdict(d) for d in items],
                    "outputs": [str(p) for p in written],
                    "message": message,
                },
                self.out,
                ensure_ascii=False,
                indent=1,
            )
            self.out.write("\n")
            return code
        for diag in items:
            if self.style == "github":
                print(github_command(diag), file=self.out)
            else:
                print(diag.format(), file=self.err)
        if self.quiet and not code:
            return code
        for path in written:
            print(f"{verb} {path} ({size(path)})", file=self.out)
        print(f"publisher: {message} ({counts})", file=self.err if code else self.out)
        return code


def size(path: Path) -> str:
    """An output's size: a file's bytes, or a folder's files and their bytes (the web edition)."""
    if not path.is_dir():
        return f"{path.stat().st_size:,} bytes"
    files = [file.stat().st_size for file in path.rglob("*") if file.is_file()]
    return f"{len(files)} files, {sum(files):,} bytes"


def summary(items: list[Diagnostic]) -> str:
    errors = sum(d.severity == ERROR for d in items)
    return f"{errors} error(s), {len(items) - errors} warning(s)"


def github_command(diag: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the file and line of the diagnostic."""
    props = [f"file={_escape_property(diag.file)}"] if diag.file else []
    if diag.line:
        props.append(f"line={diag.line}")
    if diag.col:
        props.append(f"col={diag.col}")
    props.append(f"title={_escape_property(diag.code)}")
    return f"::{diag.severity} {','.join(props)}::{_escape_data(diag.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def shown(path: Path) -> str:
    """A path as the user reads it: from the working directory when it lies inside it, else as it is."""
    try:
        return str(Path(os.path.realpath(path)).relative_to(os.path.realpath(Path.cwd())))
    except ValueError:
        return str(path)
