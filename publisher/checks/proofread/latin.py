"""latin-word: English words that slipped into Chinese sentences (企业 and 职工).

Chinese text is full of Latin that belongs there: units (GB, ms, kg), acronyms
(CPU, HTTPS), names (PostgreSQL, Python), versions and identifiers (UTF-8,
AES-256-GCM, v2.1, max_connections), code and URLs. None of it is a slip, and a
checker that warns on it gets switched off. So only a lower-case word of an English
word list (``data/english_words.txt``: function words such as and, of, the, and common
words such as risk, people) is reported, as an error, with the Chinese to write where
the list gives it. A word is left alone when it is part of a Latin passage
(three or more words in a row), follows a number (5 in, 3 am), is quoted (“and”的用法),
names a term the next words explain (for 循环, if 语句) or is listed in ``allowed-latin``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher.checks.proofread.chars import SPACES, is_cjk
from publisher.checks.proofread.lexicon import english_words
from publisher.checks.proofread.segments import Finding, Segment, per_segment
from publisher.checks.proofread.style import Style
from publisher.diagnostics import ERROR

CODE = "latin-word"
CHUNK = re.compile(r"[A-Za-z0-9_./:@#+%&=?~'’\\-]+")
"""A run of Latin text without spaces: a word, or an identifier, version, path…"""
EDGES = ".,;:!?'’"
WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
PASSAGE_WORDS = 3
NUMBER_BEFORE = re.compile(r"[0-9][0-9.,]*[ \u00a0]?$")
QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}
TERM_AFTER = re.compile(
    r"[ \u00a0]?(?:循环|语句|关键字|关键词|命令|函数|方法|参数|选项|字段|属性|标签|模式|指令|子句"
    r"|运算符|操作符|变量|类型|值)"
)
"""A word the next words call a term (the for 循环, an if 语句) is that term, not a slip."""


@per_segment
def check(segment: Segment, style: Style) -> Iterator[Finding]:
    """Each listed English word of a short Latin run that touches Chinese text."""
    text = segment.text
    for run in _runs(text):
        if len(run) >= PASSAGE_WORDS or not _touches_chinese(text, run):
            continue
        for chunk in run:
            start, word = _word(chunk)
            if word and word not in style.allowed_latin and not _explained(text, start, start + len(word)):
                finding = _finding(segment, start, word)
                if finding is not None:
                    yield finding


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Latin chunks grouped while only spaces and ASCII marks stand between them."""
    runs: list[list[re.Match[str]]] = []
    for match in CHUNK.finditer(text):
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


def _word(chunk: re.Match[str]) -> tuple[int, str]:
    """The chunk as a plain lower-case word of two letters or more (with its start), or ''.

    Anything else is a name, an acronym, a unit, a variable or an identifier."""
    core = chunk.group().strip(EDGES)
    start = chunk.start() + chunk.group().index(core) if core else chunk.start()
    return (start, core) if len(core) > 1 and WORD.fullmatch(core) else (start, "")


def _explained(text: str, start: int, end: int) -> bool:
    """After a number (a unit), within quotation marks (a word talked about), or before a term's name."""
    if NUMBER_BEFORE.search(text[:start]):
        return True
    opening, closing = text[start - 1 : start], text[end : end + 1]
    return QUOTES.get(opening) == closing or bool(TERM_AFTER.match(text, end))


def _finding(segment: Segment, start: int, word: str) -> Finding | None:
    words = english_words()
    end = start + len(word)
    if word in words.function:
        chinese = words.function[word]
        hint = f"use {chinese}" if chinese else "write it in Chinese"
        return segment.finding(CODE, ERROR, start, end, f"English word '{word}' inside Chinese text ({hint})")
    if word in words.common:
        return segment.finding(
            CODE, ERROR, start, end, f"English word '{word}' inside Chinese text (write it in Chinese)"
        )
    return None
