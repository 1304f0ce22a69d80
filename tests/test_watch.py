"""``publisher build --watch`` rebuilds on save and survives content errors."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.helpers import CONTENT


def lines_of(process: subprocess.Popen) -> queue.Queue:
    found: queue.Queue = queue.Queue()

    def pump(stream) -> None:
        for line in stream:
            found.put(line)

    for stream in (process.stdout, process.stderr):
        threading.Thread(target=pump, args=(stream,), daemon=True).start()
    return found


def wait_for(found: queue.Queue, text: str, seen: list[str], save=None) -> None:
    """Wait for a line containing ``text``; on a busy machine the watcher may start late and
    miss a save, so the save is repeated while nothing is said."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
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


def test_watch_rebuilds_on_save_and_survives_an_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    article = content / "06-ma-lu.md"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1745812800"}
    process = subprocess.Popen(
        [sys.executable, "-m", "publisher", "build", str(content), "--watch", "--format", "json"],
        cwd=tmp_path,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    seen: list[str] = []
    try:
        found = lines_of(process)
        wait_for(found, "watching", seen)
        time.sleep(1)  # the watcher starts just after it says so
        original = article.read_text(encoding="utf-8")

        def break_it() -> None:
            article.write_text(original.replace("title:", "titel:"), encoding="utf-8")

        def mend_it() -> None:
            article.write_text(original + "\n新的一段。\n", encoding="utf-8")

        break_it()
        wait_for(found, "title-missing", seen, break_it)
        wait_for(found, "nothing was written", seen)
        mend_it()
        wait_for(found, "build done", seen, mend_it)
        assert process.poll() is None, "the watch ended"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    data = (tmp_path / "build" / "gonghui-gaozhiliang-fazhan.json").read_text(encoding="utf-8")
    assert "新的一段。" in data, "".join(seen)
