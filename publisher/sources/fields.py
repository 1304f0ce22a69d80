"""Checks shared by ``book.yaml`` and article front-matter: known fields, text values, slugs."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from publisher.diagnostics import Diagnostics

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def slugify(name: str) -> str:
    """A name's ASCII letters and digits in lower case, every other run of characters a hyphen
    (``My Book`` → ``my-book``); empty when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def did_you_mean(name: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class Fields:
    """One mapping of fields as written in a file, with the line of each field."""

    path: Path
    data: dict
    lines: dict[str, int]
    fallback_line: int

    def line(self, key: str) -> int:
        return self.lines.get(key, self.fallback_line)

    def warn_unknown(self, known: tuple[str, ...], what: str, diags: Diagnostics) -> None:
        for key in self.data:
            if key not in known:
                diags.warning(
                    self.path,
                    self.line(key),
                    "unknown-field",
                    f"unknown {what} '{key}' is ignored{did_you_mean(key, known)}",
                )

    def texts(self, keys: tuple[str, ...], diags: Diagnostics) -> dict[str, str]:
        """The fields that hold one line of text; a list or mapping there is an error."""
        out: dict[str, str] = {}
        for key in keys:
            value = self.data.get(key)
            if value is None:
                continue
            if isinstance(value, (dict, list)):
                diags.error(self.path, self.line(key), "field-type", f"'{key}' must be a single line of text")
                continue
            out[key] = str(value).strip()
        return out
