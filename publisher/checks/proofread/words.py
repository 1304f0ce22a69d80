"""Chinese words and their parts of speech, by jieba: loaded only when a rule needs them, kept per article.

Loading jieba's dictionary takes about a second, so no rule asks for words unless
its own cheap test found a candidate (a dictionary form, 积极的 before a word…),
and what was asked is kept in ``build/.cache/words/`` under the article's text:
a check of a book that did not change never loads jieba at all.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from publisher.util import kept
from publisher.util.segmenter import jieba_version, tagger

Word = tuple[str, str]
"""A word and its part-of-speech tag (jieba's ICTCLAS tags: v verb, ad adverbial adjective, x mark…)."""

NEWEST = 2000
"""Results kept: one per article that needed words."""


@lru_cache(maxsize=1)
def _segmenter() -> str:
    """What the kept words depend on besides the text: jieba's version (read without importing it)."""
    return f"jieba {jieba_version()}"


def tag(text: str) -> list[Word]:
    """``text`` cut into words with their tags, by the dictionary alone (no guessing of unknown words)."""
    return [(pair.word, pair.flag) for pair in tagger().cut(text, HMM=False)]


class Words:
    """The words of the article being checked: taken from what was kept, else cut now and kept."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.key = ""
        self.memo: dict[str, list[Word]] = {}
        self.added = False

    def start(self, article: str) -> None:
        """Begin an article: recall what was kept for this text."""
        self.key = hashlib.sha256(f"{_segmenter()}\n{article}".encode()).hexdigest()
        stored = kept.recall(self.folder, self.key)
        self.memo = (
            {text: [tuple(word) for word in words] for text, words in json.loads(stored).items()} if stored else {}
        )
        self.added = False

    def finish(self) -> None:
        """End the article: keep what was cut for it, if anything new was."""
        if self.added:
            data = json.dumps(self.memo, ensure_ascii=False, sort_keys=True).encode()
            kept.keep(self.folder, self.key, data, NEWEST)

    def of(self, text: str) -> list[Word]:
        """The words of ``text`` (a segment's text)."""
        if text not in self.memo:
            self.memo[text] = tag(text)
            self.added = True
        return self.memo[text]

    def bounds(self, text: str) -> set[int]:
        """The offsets in ``text`` where a word starts or ends."""
        offsets, at = {0}, 0
        for word, _ in self.of(text):
            at += len(word)
            offsets.add(at)
        return offsets

    def spans(self, text: str) -> list[tuple[int, int, str, str]]:
        """Each word of ``text`` as (start, end, word, tag)."""
        spans, at = [], 0
        for word, flag in self.of(text):
            spans.append((at, at + len(word), word, flag))
            at += len(word)
        return spans
