"""typo: misused characters and words (错别字) by a dictionary: 一如继往 → 一如既往, 坐阵 → 坐镇.

The dictionary is data (``data/typos.txt``, with its sources); a book adds entries
(``typos:``) or allows a form (``allowed-typos:``) in style.yaml. A form of two or
three characters can also be the meeting of two correct words (以经 in 以经济建设),
so it is reported only where the segmenter finds it standing as words of its own; a
longer form (an idiom) is reported wherever it stands. At each place the longest
form found wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from publisher.checks.proofread.lexicon import Correction, typos
from publisher.checks.proofread.segments import Finding, Segment
from publisher.checks.proofread.style import Style
from publisher.checks.proofread.words import Words
from publisher.diagnostics import ERROR

CODE = "typo"
SHORT = 3
"""Forms of at most this many characters are checked against the segmenter's word boundaries."""


@dataclass(frozen=True)
class Dictionary:
    entries: dict[str, Correction]
    by_start: dict[str, tuple[str, ...]]
    """The first two characters of each form → the forms, longest first."""
    first: re.Pattern[str]
    """Any first character of a form: the text is scanned for these alone."""

    def at(self, text: str, index: int) -> str | None:
        """The longest form that starts at ``index``."""
        for form in self.by_start.get(text[index : index + 2], ()):
            if text.startswith(form, index):
                return form
        return None


@lru_cache(maxsize=8)
def dictionary(added: tuple[tuple[str, str], ...], allowed: frozenset[str]) -> Dictionary:
    """The shipped dictionary with the book's entries over it, less the forms the book allows."""
    entries = {**typos(), **{wrong: Correction(right, ERROR) for wrong, right in added}}
    for form in allowed:
        entries.pop(form, None)
    by_start: dict[str, list[str]] = {}
    for form in entries:
        by_start.setdefault(form[:2], []).append(form)
    firsts = "".join(sorted({form[0] for form in entries}))
    return Dictionary(
        entries,
        {start: tuple(sorted(forms, key=len, reverse=True)) for start, forms in by_start.items()},
        re.compile(f"[{re.escape(firsts)}]" if firsts else "(?!)"),
    )


def check(segments: Sequence[Segment], style: Style, words: Words) -> Iterator[Finding]:
    """Each dictionary form in the text, with the form to write."""
    table = dictionary(style.typos, style.allowed_typos)
    for segment in segments:
        yield from _segment(segment, table, words)


def _segment(segment: Segment, table: Dictionary, words: Words) -> Iterator[Finding]:
    text = segment.text
    found = table.first.search(text)
    while found is not None and found.start() < len(text) - 1:
        index = found.start()
        form = table.at(text, index)
        end = index + len(form) if form else index
        if form is None or (len(form) <= SHORT and not _stands_alone(words, text, index, end)):
            found = table.first.search(text, index + 1)
            continue
        correction = table.entries[form]
        kind = "a misused form" if correction.severity == ERROR else "a variant form the national standard does not use"
        yield segment.finding(
            CODE,
            correction.severity,
            index,
            end,
            f"'{form}' is {kind} (write {correction.right})",
            after=correction.right,
        )
        found = table.first.search(text, end)


def _stands_alone(words: Words, text: str, start: int, end: int) -> bool:
    """No word of the text runs across either end of the form."""
    bounds = words.bounds(text)
    return start in bounds and end in bounds
