"""The words of an article are kept between runs: a second check of the same text never loads jieba."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import PROJECT, write_article

CHECK = """
import json, sys
from pathlib import Path
from publisher.checks.proofread import proofread
from publisher.diagnostics import Diagnostics
folder, kept = Path(sys.argv[1]), Path(sys.argv[2])
diags = Diagnostics()
proofread(folder, [folder / "a.md"], diags, kept)
print(json.dumps({"found": [d.format() for d in diags.items], "jieba": "jieba" in sys.modules}))
"""


def _check(folder: Path, kept: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, str(folder), str(kept)], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_words_are_cut_once_per_text(tmp_path: Path) -> None:
    kept = tmp_path / "build" / ".cache" / "words"
    write_article(tmp_path, "他以经来了。坚持以经济建设为中心。我们认真的研究了这个问题。")
    first = _check(tmp_path, kept)
    assert first["jieba"] and len(first["found"]) == 2
    assert len(list(kept.iterdir())) == 1
    assert _check(tmp_path, kept) == {"found": first["found"], "jieba": False}
    write_article(tmp_path, "他以经走了。")
    assert _check(tmp_path, kept)["jieba"]


def test_a_text_without_candidates_never_loads_jieba(tmp_path: Path) -> None:
    write_article(tmp_path, "坚持以职工为中心的工作导向，推动工会工作高质量发展。")
    assert _check(tmp_path, tmp_path / "kept") == {"found": [], "jieba": False}
    assert not (tmp_path / "kept").exists()
