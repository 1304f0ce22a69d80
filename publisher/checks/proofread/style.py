"""The house style: the project's default (``default_style.yaml``) with the book's merged over it.

Formulations, enumerations and allowed words are data an editor maintains with
the book (``content/style.yaml``), not code: the rules only apply them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from publisher.checks.proofread.stylefile import REGEX_PREFIX, read_style_file
from publisher.diagnostics import Diagnostics

DEFAULT = Path(__file__).with_name("default_style.yaml")
BOOK_FILE = "style.yaml"


@dataclass(frozen=True)
class Style:
    allowed_latin: frozenset[str] = frozenset()
    allowed_reduplications: frozenset[str] = frozenset()
    allowed_traditional: tuple[str, ...] = ()
    allowed_typos: frozenset[str] = frozenset()
    """Forms of the typo dictionary that are right in this book."""
    terms: tuple[str, ...] = ()
    typos: tuple[tuple[str, str], ...] = ()
    """(wrong, right) added to the typo dictionary: the house style's own choices (做出 → 作出)."""
    formulations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(canonical, wrong variants): a variant is literal text, or a pattern after ``re:``."""
    enumerations: tuple[tuple[str, ...], ...] = ()
    off: frozenset[str] = frozenset()


def load_style(content: Path, diags: Diagnostics, codes: tuple[str, ...] | None) -> Style | None:
    """The default merged with ``content/style.yaml``; ``None`` when either has errors. ``codes``: the rule
    names ``off:`` may list, or ``None`` not to check them (the proofreader does)."""
    default = read_style_file(DEFAULT, diags, codes)
    book_path = content / BOOK_FILE
    book = read_style_file(book_path, diags, codes) if book_path.is_file() else {}
    if default is None or book is None:
        return None
    return _style(merge(default, book))


def merge(default: dict, book: dict) -> dict:
    """The book adds to every list; a formulation or typo it lists again replaces the default's."""
    merged = dict(default)
    for key, value in book.items():
        if isinstance(value, dict):
            merged[key] = {**default.get(key, {}), **value}
        else:
            old = default.get(key, [])
            merged[key] = old + [item for item in value if item not in old]
    return merged


def _style(data: dict) -> Style:
    return Style(
        allowed_latin=frozenset(data.get("allowed-latin", [])),
        allowed_reduplications=frozenset(data.get("allowed-reduplications", [])),
        allowed_traditional=tuple(data.get("allowed-traditional", [])),
        allowed_typos=frozenset(data.get("allowed-typos", [])),
        terms=tuple(data.get("terms", [])),
        typos=tuple(data.get("typos", {}).items()),
        formulations=tuple((canonical, tuple(wrong)) for canonical, wrong in data.get("formulations", {}).items()),
        enumerations=tuple(tuple(items) for items in data.get("enumerations", [])),
        off=frozenset(data.get("off", [])),
    )


def variant_pattern(variant: str) -> re.Pattern[str]:
    """A wrong variant as a pattern: ``re:…`` is a regular expression, anything else literal."""
    if variant.startswith(REGEX_PREFIX):
        return re.compile(variant[len(REGEX_PREFIX) :])
    return re.compile(re.escape(variant))
