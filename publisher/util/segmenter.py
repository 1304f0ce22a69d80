"""Chinese word segmentation (jieba) for the text that must break between words: display titles.

jieba's dictionary takes about a second to load, so it is loaded only when a
text has not been segmented before: results are kept in a folder (see
:mod:`publisher.util.kept`) under a key of the texts, the user dictionary and
jieba's version, and most builds never import jieba at all.
"""

from __future__ import annotations

import hashlib
import json
import logging
import warnings
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from publisher.util import kept

NEWEST = 64


@dataclass(frozen=True)
class Segmenter:
    """Words of texts, with ``terms`` (the book's ``style.yaml`` terms) as a user dictionary."""

    terms: tuple[str, ...] = ()
    folder: Path | None = None
    """Where segmentations (``segments/``) and jieba's parsed dictionary (``dictionary/``) are kept, or None."""

    def words(self, texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Each text cut into words: ``"".join`` of a text's words gives the text back."""
        texts = sorted(set(texts))
        if not texts:
            return {}
        key = self._key(texts)
        if (data := kept.recall(self._kept(), key)) is not None:
            return {text: tuple(words) for text, words in json.loads(data).items()}
        tokenizer = _tokenizer(self.terms, self.folder)
        found = {text: tuple(tokenizer.cut(text, HMM=False)) for text in texts}
        kept.keep(self._kept(), key, json.dumps(found, ensure_ascii=False).encode(), NEWEST)
        return found

    def _kept(self) -> Path | None:
        return self.folder / "segments" if self.folder else None

    def _key(self, texts: Sequence[str]) -> str:
        digest = hashlib.sha256(json.dumps([version("jieba"), self.terms, texts], ensure_ascii=False).encode())
        return digest.hexdigest()


def _tokenizer(terms: tuple[str, ...], folder: Path | None):
    """A jieba tokenizer of its own (not jieba's global one) that knows ``terms``.

    jieba imports ``pkg_resources`` when setuptools is installed, which warns that it is deprecated,
    and its sources have escape sequences newer Pythons warn about when compiling them: both are
    jieba's own and say nothing about this program, so exactly those are ignored while it is imported.
    Its log (on stderr, at debug level) is turned down to warnings.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"pkg_resources is deprecated")
        warnings.filterwarnings("ignore", message=r"invalid escape sequence")
        import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    if folder is not None:
        with suppress(OSError):
            (folder / "dictionary").mkdir(parents=True, exist_ok=True)
            tokenizer.tmp_dir = str(folder / "dictionary")
    for term in terms:
        tokenizer.add_word(term)
    return tokenizer
