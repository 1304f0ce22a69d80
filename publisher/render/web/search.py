"""The web edition's search index: each article's text and where its words begin and end.

Chinese is written without spaces, so a search that matches any run of characters finds ``国和``
inside ``中国和美国``. The index marks the word boundaries jieba (the segmenter the project uses)
finds in each article, in its search mode, which also gives the shorter words inside a long one
(``中华人民共和国`` → ``中华``, ``人民``, ``共和国``…). The page's script finds a query where it
starts and ends on such boundaries, and falls back to any run of characters when nothing does (a
name jieba did not know). The index is a script (``search-index.js``) rather than JSON, so that the
site searches when opened from the disk, where a browser refuses to fetch a file.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from publisher.util.segmenter import tokenizer

SPACE = re.compile(r"\s+")
FILE = "search-index.js"


@dataclass(frozen=True)
class Entry:
    """An article as the search sees it: its page, its title and its text."""

    href: str
    title: str
    text: str


def plain(text: str) -> str:
    """Text as the search compares it: white space runs made one space, Latin letters in lower case."""
    return SPACE.sub(" ", text).strip().lower()


def boundaries(text: str, cache: Path | None) -> str:
    """Where words begin and end in ``text``, as hexadecimal digits, one for each two characters.

    Each character ``i`` has two bits, the higher set when a word begins at ``i``, the lower when
    one ends before it (``len(text) + 1`` positions, the first of a digit in its higher pair). Starts
    and ends are kept apart so that the words jieba finds overlapping (``共和`` and ``共和国``) do not
    make a word of the gap between them (``国和`` in ``共和国和``).
    """
    marks = bytearray(len(text) + 2)
    for _, start, end in tokenizer((), cache).tokenize(text, mode="search"):
        marks[start] |= 2
        marks[end] |= 1
    return "".join("0123456789abcdef"[marks[i] << 2 | marks[i + 1]] for i in range(0, len(text) + 1, 2))


def index_script(entries: list[Entry], pages: dict[int, str], cache: Path | None) -> bytes:
    """``search-index.js``: the articles with their words' boundaries, and the article of each print page."""
    articles = []
    for entry in entries:
        text = plain(entry.text)
        articles.append({"href": entry.href, "title": entry.title, "text": text, "cuts": _cuts(text, cache)})
    data = {"articles": articles, "pages": {str(page): href for page, href in sorted(pages.items())}}
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.publisherSearch = {body};\n".encode()


@functools.lru_cache(maxsize=512)
def _cuts(text: str, cache: Path | None) -> str:
    """:func:`boundaries`, kept in this process: a rebuild while serving segments only the articles that changed."""
    return boundaries(text, cache)
