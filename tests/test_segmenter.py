"""The segmenter reads jieba's parsed dictionary itself (for speed): the words are those jieba cuts when it
reads the dictionary its own way, with and without the book's terms."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba

from publisher.diagnostics import Diagnostics
from publisher.sources.book import read_book
from publisher.util import segmenter
from tests.helpers import CONTENT

TERMS = ("中华全国总工会", "劳模工匠助企行", "中国特色社会主义")


def jiebas_own(terms: tuple[str, ...], folder: Path) -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    cutter = jieba.Tokenizer()
    cutter.tmp_dir = str(folder)
    cutter.initialize()
    for term in terms:
        cutter.add_word(term)
    return cutter


def test_the_dictionary_read_here_cuts_as_jieba_reading_it(tmp_path: Path) -> None:
    book = read_book(CONTENT, Diagnostics(root=CONTENT))
    texts = [book.meta.title, *(a.title for a in book.articles), *(a.note for a in book.articles if a.note)]
    texts.append("全面实施“劳模工匠助企行”专项行动")
    own = jiebas_own((), tmp_path)  # jieba parses its dictionary and keeps it in the folder
    assert segmenter._dictionary(tmp_path) is not None, "the kept dictionary is read here"
    for terms in ((), TERMS):
        ours, theirs = segmenter.tokenizer(terms, tmp_path), own if not terms else jiebas_own(terms, tmp_path)
        assert ours is not theirs
        for text in texts:
            assert list(ours.cut(text, HMM=False)) == list(theirs.cut(text, HMM=False)), text
    assert segmenter.tokenizer(TERMS, tmp_path).lcut("劳模工匠助企行专项行动", HMM=False)[:1] == ["劳模工匠助企行"]
    assert segmenter.tokenizer((), tmp_path).lcut("劳模工匠助企行专项行动", HMM=False)[:1] != ["劳模工匠助企行"]


def test_without_a_kept_dictionary_jieba_reads_its_own(tmp_path: Path) -> None:
    assert segmenter._dictionary(tmp_path / "empty") is None
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "jieba.cache").write_bytes(b"not marshal data")
    assert segmenter._dictionary(tmp_path / "bad") is None
