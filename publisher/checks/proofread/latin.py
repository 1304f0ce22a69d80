"""latin-word: English words that slipped into Chinese sentences (企业 and 职工).

A lower-case English word between Chinese characters is certainly a slip (an
error); a capitalised word or an abbreviation may be a name or a term the
editor wants (a warning, silenced by ``allowed-latin``). Three or more Latin
words in a row are a passage (a quotation, a title), not a slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.checks.proofread.chars import SPACES, is_cjk
from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR, WARNING

CODE = "latin-word"
WORD = re.compile(r"[0-9]*[A-Za-z][A-Za-z0-9]*(?:[.'’-][A-Za-z0-9]+)*")
PASSAGE_WORDS = 3
IN_CHINESE = {
    "and": "和",
    "or": "或",
    "with": "与",
    "of": "的",
    "for": "为",
    "in": "在",
    "on": "在",
    "to": "到",
    "from": "从",
    "by": "由",
    "not": "不",
    "is": "是",
    "vs": "对",
}
"""Common English function words and the Chinese word to write instead."""


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Each Latin word of a short run that touches Chinese text."""
    for run in _runs(segment.text):
        if len(run) >= PASSAGE_WORDS or not _touches_chinese(segment.text, run):
            continue
        for match in run:
            word = match.group()
            if word not in style.allowed_latin and not _letter_word(word):
                yield _finding(segment, match)


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Latin words grouped while only spaces and ASCII marks stand between them."""
    runs: list[list[re.Match[str]]] = []
    for match in WORD.finditer(text):
        gap = text[runs[-1][-1].end() : match.start()] if runs else None
        if gap is not None and gap.isascii() and not any(c.isalnum() for c in gap):
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _touches_chinese(text: str, run: list[re.Match[str]]) -> bool:
    left = text[: run[0].start()].rstrip(SPACES)
    right = text[run[-1].end() :].lstrip(SPACES)
    return is_cjk(left[-1:]) or is_cjk(right[:1])


def _letter_word(word: str) -> bool:
    """A single capital letter is part of a Chinese word: A股, X光, B超, T恤."""
    return len(word) == 1 and word.isupper()


def _finding(segment: Segment, match: re.Match[str]) -> Finding:
    word = match.group()
    if word.islower():
        hint = f"use {IN_CHINESE[word]}" if word in IN_CHINESE else "write it in Chinese"
        return segment.finding(
            CODE, ERROR, match.start(), match.end(), f"English word '{word}' inside Chinese text ({hint})"
        )
    return segment.finding(
        CODE,
        WARNING,
        match.start(),
        match.end(),
        f"Latin word '{word}' inside Chinese text (write it in Chinese, or add "
        "it to allowed-latin in style.yaml if it is a name or an abbreviation)",
    )
