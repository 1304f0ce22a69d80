"""What proofreading costs: ``publisher check`` on the default book, and on a book whose text needs words.

    .venv/bin/python bench/proofread.py [--runs N]

Each figure is the median wall time of ``--runs`` fresh processes. "words, first
check" starts without kept words (jieba's dictionary is loaded); "words, kept" runs
again on the same text, where the words of every article come from build/.cache/words.
The default book has no candidate for the rules that need words, so it never loads jieba.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "proofread" / "corpus.yaml"


def timed(content: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "publisher", "check", str(content), "-q"], cwd=ROOT, capture_output=True, check=False
    )
    return time.perf_counter() - started


def corpus_book(folder: Path) -> Path:
    """The default book with one more article: every sentence of the planted corpus."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    sentences = [
        line for spec in yaml.safe_load(CORPUS.read_text(encoding="utf-8")).values() for line in spec["errors"]
    ]
    body = "\n\n".join(sentences)
    (content / "99-corpus.md").write_text(f"---\ntitle: 校对语料\norder: 99\n---\n\n{body}\n", encoding="utf-8")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        default = work / "default" / "content"
        shutil.copytree(ROOT / "content", default)
        words = corpus_book(work / "words")
        kept = words.parent / "build" / ".cache" / "words"
        results = {"default book": [timed(default) for _ in range(runs)]}
        first = []
        for _ in range(runs):
            shutil.rmtree(kept, ignore_errors=True)
            first.append(timed(words))
        results["words, first check"] = first
        results["words, kept"] = [timed(words) for _ in range(runs)]
    print(f"{'publisher check':<24} {'median':>8} {'min':>8}")
    for name, seconds in results.items():
        print(f"{name:<24} {statistics.median(seconds):>7.2f}s {min(seconds):>7.2f}s")


if __name__ == "__main__":
    main()
