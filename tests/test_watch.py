"""``publisher build --watch`` rebuilds on save and survives content errors."""

from __future__ import annotations

import io
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import watchfiles
from watchfiles import Change

from publisher.cli.exits import EXIT_OK
from publisher.cli.main import main
from tests.helpers import CONTENT, EPOCH

SLUG = "gonghui-gaozhiliang-fazhan"


def test_watch_rebuilds_on_each_save_and_survives_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch as an editor sees it, with the saves the watcher reports given in turn: an error is
    reported and nothing written, the next save is built, and the outputs never trigger a build."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    article = content / "06-ma-lu.md"
    original = article.read_text(encoding="utf-8")
    watched = []

    def saves(*folders: str, watch_filter, raise_interrupt: bool):
        watched.append((folders, watch_filter))
        article.write_text(original.replace("title:", "titel:"), encoding="utf-8")
        yield {(Change.modified, str(article))}
        article.write_text(original + "\n新的一段。\n", encoding="utf-8")
        yield {(Change.modified, str(article))}

    monkeypatch.setattr(watchfiles, "watch", saves)
    out, err = io.StringIO(), io.StringIO()
    assert main(["build", str(content), "--watch", "--format", "json"], out, err) == EXIT_OK
    said, cursor = err.getvalue(), 0
    for step in (
        f"publisher: watching {content}",
        "publisher: changed: 06-ma-lu.md",
        "content/06-ma-lu.md:2: error: title-missing:",
        "nothing was written",
        "publisher: changed: 06-ma-lu.md",
    ):
        found = said.find(step, cursor)
        assert found >= 0, f"no {step!r} after:\n{said[:cursor]}"
        cursor = found + len(step)
    assert said.count(": error: ") == 1 and said.count("changed:") == 2
    assert out.getvalue().count("build done") == 2, "the first build, and the one after the mend"
    data = (tmp_path / "build" / f"{SLUG}.json").read_text(encoding="utf-8")
    assert "新的一段。" in data
    ((folders, only_sources),) = watched
    assert str(content) in folders
    assert only_sources(Change.modified, str(article))
    assert not only_sources(Change.added, str(tmp_path / "build" / f".{SLUG}.json.x.tmp"))


def lines_of(process: subprocess.Popen) -> queue.Queue:
    found: queue.Queue = queue.Queue()

    def pump(stream) -> None:
        for line in stream:
            found.put(line)

    for stream in (process.stdout, process.stderr):
        threading.Thread(target=pump, args=(stream,), daemon=True).start()
    return found


def wait_for(found: queue.Queue, text: str, seen: list[str], save=None, seconds: int = 90) -> None:
    """Wait for a line containing ``text``. The watcher starts watching just after it says so, and
    may miss a save made at that moment: the save is made again while nothing is said. The
    time limit only stops a watch that hangs."""
    for _ in range(seconds // 3):
        try:
            line = found.get(timeout=3)
        except queue.Empty:
            if save:
                save()
            continue
        seen.append(line)
        if text in line:
            return
    raise AssertionError(f"no '{text}' in:\n{''.join(seen)}")


INTERRUPTIBLE = """
import signal, sys
from publisher.__main__ import run
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.argv[0] = "publisher"
run()
"""
"""``python -m publisher`` that Ctrl-C stops even when the tests run in the background, where a shell
starts them with SIGINT ignored and every process they start inherits it."""


def test_the_real_watcher_sees_a_save(tmp_path: Path) -> None:
    """The watch in a process of its own, with the file system's own notifications."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    article = content / "06-ma-lu.md"
    original = article.read_text(encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    seen: list[str] = []

    def save() -> None:
        article.write_text(original + "\n新的一段。\n", encoding="utf-8")

    with subprocess.Popen(
        [sys.executable, "-c", INTERRUPTIBLE, "build", str(content), "--watch", "--format", "json"],
        cwd=tmp_path,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        try:
            found = lines_of(process)
            wait_for(found, "watching", seen)
            save()
            wait_for(found, "changed: 06-ma-lu.md", seen, save)
            wait_for(found, "build done", seen)
            assert process.poll() is None, "the watch ended"
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    data = (tmp_path / "build" / f"{SLUG}.json").read_text(encoding="utf-8")
    assert "新的一段。" in data, "".join(seen)
