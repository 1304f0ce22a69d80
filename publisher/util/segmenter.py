"""Chinese word segmentation (jieba): the one place it is imported, for every stage that needs words.

Display titles break between words (:class:`Segmenter`), the proofreader reads words and their
parts of speech (:func:`tagger`), the web edition's search index marks where words begin and end
(:func:`tokenizer`). jieba's dictionary takes about a second to load, so it is loaded only when a
text has not been segmented before: results are kept in a folder (see :mod:`publisher.util.kept`)
under a key of the texts, the user dictionary and jieba's version, and most builds never import
jieba at all.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import marshal
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from publisher.util import kept
from publisher.util.distributions import versions

NEWEST = 64
READS_ITS_CACHE = "0.42.1"
"""The jieba whose dictionary cache :func:`_dictionary` reads itself; another version reads its own."""


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
        cutter = tokenizer(self.terms, self.folder / "dictionary" if self.folder else None)
        found = {text: tuple(cutter.cut(text, HMM=False)) for text in texts}
        kept.keep(self._kept(), key, json.dumps(found, ensure_ascii=False).encode(), NEWEST)
        return found

    def _kept(self) -> Path | None:
        return self.folder / "segments" if self.folder else None

    def _key(self, texts: Sequence[str]) -> str:
        digest = hashlib.sha256(json.dumps([jieba_version(), self.terms, texts], ensure_ascii=False).encode())
        return digest.hexdigest()


def jieba_version() -> str:
    """The installed jieba's version, read without importing it: what kept words depend on besides the text."""
    return versions()["jieba"]


@functools.lru_cache(maxsize=4)
def tokenizer(terms: tuple[str, ...] = (), folder: Path | None = None):
    """A jieba tokenizer of its own (not jieba's global one) that knows ``terms``, made once per process;
    its parsed dictionary kept in ``folder`` (else jieba's own place, the temporary folder).

    jieba imports ``pkg_resources`` when setuptools is installed, which warns that it is deprecated,
    and its sources have escape sequences newer Pythons warn about when compiling them: both are
    jieba's own and say nothing about this program, so exactly those are ignored while it is imported.
    Its log (on stderr, at debug level) is turned down to warnings.
    """
    jieba = _jieba()
    cutter = jieba.Tokenizer()
    if folder is not None:
        with suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            cutter.tmp_dir = str(folder)
    loaded = _dictionary(folder) if jieba.__version__ == READS_ITS_CACHE else None
    if loaded is not None:
        cutter.FREQ, cutter.total = dict(loaded[0]) if terms else loaded[0], loaded[1]  # terms are added to a copy
        cutter.initialized = True
    for term in terms:
        cutter.add_word(term)
    cutter.initialize()
    return cutter


def _dictionary(folder: Path | None) -> tuple[dict[str, int], int] | None:
    """jieba's default dictionary as it keeps it parsed (``jieba.cache``, in ``folder`` or the temporary
    folder), read once per process; None when it is not there yet (jieba makes it) or unreadable.

    This reads what jieba's ``Tokenizer.initialize`` reads, for speed only: jieba 0.42.1 unmarshals
    the open file, 0.6 s where the bytes unmarshalled take 0.2 s, and does it again for each
    tokenizer (the titles' has the book's terms, the search's none). Any doubt, and jieba reads it.
    """
    try:
        return _read_dictionary(folder)
    except (OSError, EOFError, ValueError, TypeError):
        return None  # not kept: a later call, once jieba has written the file, reads it


@functools.lru_cache(maxsize=2)
def _read_dictionary(folder: Path | None) -> tuple[dict[str, int], int]:
    freq, total = marshal.loads((Path(folder or tempfile.gettempdir()) / "jieba.cache").read_bytes())
    if not isinstance(freq, dict) or not isinstance(total, int):
        raise TypeError("not jieba's dictionary")
    return freq, total


@functools.lru_cache(maxsize=1)
def tagger():
    """jieba's part-of-speech tokenizer over a :func:`tokenizer` of its own dictionary."""
    jieba = _jieba()
    with _quiet():
        import jieba.posseg
    return jieba.posseg.POSTokenizer(tokenizer())


def _jieba():
    """jieba, without its part-of-speech tagger (its tables take a third of a second to import)."""
    with _quiet():
        import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


@contextmanager
def _quiet() -> Iterator[None]:
    """What jieba's import warns about and is jieba's own (see :func:`tokenizer`), ignored."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"pkg_resources is deprecated")
        warnings.filterwarnings("ignore", message=r"invalid escape sequence")
        yield
