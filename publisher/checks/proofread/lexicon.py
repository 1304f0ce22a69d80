"""The word lists the rules apply, shipped as data in ``data/`` with their sources: read on first use.

Lists are data an editor can read and correct without touching a rule; each file
says where its entries come from. Reading one costs a few milliseconds, and only
a rule that needs it pays for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from publisher.diagnostics import ERROR, WARNING

DATA = Path(__file__).with_name("data")
SECTION_SEVERITY = {"[typos]": ERROR, "[variants]": WARNING}
"""typos.txt: a misused form is an error; a variant form the national table does not recommend, a warning."""


@dataclass(frozen=True)
class Correction:
    right: str
    severity: str


@dataclass(frozen=True)
class EnglishWords:
    function: dict[str, str]
    """Function words, each with the Chinese to write instead ('' when none is obvious)."""
    common: frozenset[str]


def _lines(name: str) -> list[str]:
    """The file's lines without comments and blank lines."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def typos() -> dict[str, Correction]:
    """Wrong form → its correction, from ``data/typos.txt``."""
    table: dict[str, Correction] = {}
    severity = ERROR
    for line in _lines("typos.txt"):
        if line in SECTION_SEVERITY:
            severity = SECTION_SEVERITY[line]
            continue
        wrong, right = line.split()
        table[wrong] = Correction(right, severity)
    return table


@lru_cache(maxsize=1)
def standard_characters() -> frozenset[str]:
    """The 8,105 characters of 通用规范汉字表, from ``data/standard_chars.txt``."""
    return frozenset("".join(_lines("standard_chars.txt")))


@lru_cache(maxsize=1)
def english_words() -> EnglishWords:
    """Function and common English words, from ``data/english_words.txt``."""
    text = (DATA / "english_words.txt").read_text(encoding="utf-8")
    function: dict[str, str] = {}
    common: set[str] = set()
    section = None
    for raw in text.splitlines():
        line = raw.strip()
        if line in ("# function", "# common"):
            section = line[2:]
        elif line and not line.startswith("#"):
            word, _, chinese = line.partition(" ")
            if section == "function":
                function[word] = chinese
            else:
                common.add(word)
    return EnglishWords(function, frozenset(common))
