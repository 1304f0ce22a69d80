"""The planted corpus (tests/fixtures/proofread/corpus.yaml): recall and false positives per class.

Each class has sentences with one planted error each and tricky sentences that are
right. An error counts as caught when a rule of its class reports it; a right
sentence counts as a false positive when any rule reports anything in it.
docs/proofreading.md gives the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from publisher.checks.proofread import proofread
from publisher.checks.proofread.lexicon import typos
from publisher.diagnostics import Diagnostics
from tests.helpers import BODY_LINE, FIXTURES, write_article

CORPUS = yaml.safe_load((FIXTURES / "proofread" / "corpus.yaml").read_text(encoding="utf-8"))
RECALL = {"typo": 0.95, "gbt15834": 0.95, "deadline": 1.0, "particle": 0.9, "must": 1.0, "latin-word": 1.0}
"""The recall each class must reach: 95 % for the dictionary and the GB/T 15834 rules; the
context rules' own figures, which only move up."""


@dataclass(frozen=True)
class Figures:
    errors: int
    caught: int
    missed: tuple[str, ...]
    false_positives: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.caught / self.errors


def measure(folder: Path, name: str) -> Figures:
    """Proofread the class's sentences as the paragraphs of one article and sort what was found."""
    spec = CORPUS[name]
    sentences = spec["errors"] + spec["correct"]
    diags = Diagnostics()
    proofread(folder, [write_article(folder, "\n\n".join(sentences))], diags)
    found: dict[int, set[str]] = {}
    for item in diags.items:
        found.setdefault((item.line - BODY_LINE) // 2, set()).add(item.code)
    caught = [i for i in range(len(spec["errors"])) if found.get(i, set()) & set(spec["codes"])]
    missed = tuple(sentence for i, sentence in enumerate(spec["errors"]) if i not in caught)
    first_correct = len(spec["errors"])
    false = tuple(
        f"{sentence} ({', '.join(sorted(found[first_correct + i]))})"
        for i, sentence in enumerate(spec["correct"])
        if first_correct + i in found
    )
    return Figures(len(spec["errors"]), len(caught), missed, false)


def test_the_corpus_is_big_enough() -> None:
    assert sum(len(spec["errors"]) for spec in CORPUS.values()) >= 100
    assert sum(len(spec["correct"]) for spec in CORPUS.values()) >= 100
    assert set(CORPUS) == set(RECALL)


@pytest.mark.parametrize("name", sorted(RECALL))
def test_recall_and_no_false_positive(tmp_path: Path, name: str) -> None:
    figures = measure(tmp_path, name)
    assert figures.false_positives == ()
    assert figures.recall >= RECALL[name], f"missed: {figures.missed}"


def _typo_lines(folder: Path, lines: list[str]) -> set[int]:
    """The indices of the lines the typo rule reports something in."""
    diags = Diagnostics()
    proofread(folder, [write_article(folder, "\n\n".join(lines))], diags)
    return {(item.line - BODY_LINE) // 2 for item in diags.items if item.code == "typo"}


def test_every_dictionary_entry_is_reported_and_no_right_form_is(tmp_path: Path) -> None:
    """Each of the dictionary's forms, quoted, is found; none of its right forms is, in any frame;
    unquoted among other words, the segmenter may join a short form to its neighbour, rarely."""
    entries = list(typos().items())
    assert len(entries) >= 1000
    frames = ("“{}”是一个例子。", "报告里有{}这几个字。", "他说{}，大家都听见了。")
    for frame in frames:
        assert _typo_lines(tmp_path, [frame.format(correction.right) for _, correction in entries]) == set()
    quoted = _typo_lines(tmp_path, [frames[0].format(wrong) for wrong, _ in entries])
    assert quoted == set(range(len(entries)))
    for frame in frames[1:]:
        assert len(_typo_lines(tmp_path, [frame.format(wrong) for wrong, _ in entries])) >= 0.98 * len(entries)
