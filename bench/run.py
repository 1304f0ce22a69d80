"""Build benchmarks for the default book, each in a fresh process: prints a table.

    make bench            # or: .venv/bin/python bench/run.py [--runs N]

Timing goals live here, never in the tests. Each figure is the median of
``--runs`` runs; peak memory is the largest resident set of those processes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1745812800"}


@dataclass
class Result:
    name: str
    seconds: list[float]
    peak_mb: float
    target: str


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one fresh process (the largest of it and its children)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "publisher", *args], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark build failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def first_build(out: Path) -> Path:
    """As on a fresh machine: nothing in the user's cache folder (the engine's parsed declarations, the cut
    faces, the titles' words and jieba's parsed dictionary; see docs/performance.md)."""
    shutil.rmtree(Path(ENV["XDG_CACHE_HOME"]) / "publisher", ignore_errors=True)
    return out


def measure(name: str, target: str, runs: int, setup, args) -> Result:
    times, peaks = [], []
    for run in range(runs):
        call = setup(run)
        seconds, peak = timed(args(call))
        times.append(seconds)
        peaks.append(peak)
    return Result(name, times, max(peaks), target)


def watch_rebuilds(content: Path, out: Path, runs: int) -> Result:
    """Seconds from saving an edit to the end of the rebuild, in one warm ``--watch`` process.

    Saves come a second apart, as a person saves, not the instant the last rebuild ended.
    """
    return warm_rebuilds(
        "(d) rebuild in watch mode", "≤ 0.5 s", ["build", str(content), "-o", str(out), "--watch"], content, runs
    )


def serve_rebuilds(content: Path, runs: int) -> Result:
    """The same edits in ``publisher serve``, which also writes the web edition (into ``content``'s ``build/``)."""
    return warm_rebuilds(
        "(d) … in serve, with the web edition", "≤ watch", ["serve", str(content), "--port", "0"], content, runs
    )


def warm_rebuilds(name: str, target: str, args: list[str], content: Path, runs: int) -> Result:
    """Seconds from saving an edit of one article to the end of the rebuild, in one warm process."""
    process = subprocess.Popen(
        [sys.executable, "-m", "publisher", *args],
        cwd=ROOT,
        env=ENV,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(process, "watching")
        article = content / "06-ma-lu.md"
        times = []
        for run in range(runs):
            time.sleep(1)
            article.write_text(article.read_text(encoding="utf-8") + f"\n监视第{run}次。\n", encoding="utf-8")
            started = time.perf_counter()
            wait_for(process, "build done")
            times.append(time.perf_counter() - started)
        peak = peak_rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait()
    return Result(name, times, peak, target)


def wait_for(process: subprocess.Popen, text: str) -> None:
    for line in process.stdout:
        if text in line:
            return
    sys.exit(f"watch ended before '{text}'")


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def scaled_content(folder: Path, factor: int) -> Path:
    """The default book's articles repeated ``factor`` times, as one bigger book with the same book.yaml and
    style.yaml."""
    content = folder / f"content-x{factor}"
    content.mkdir()
    for name in ("book.yaml", "style.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)
    for copy in range(factor):
        for article in sorted((ROOT / "content").glob("[0-9]*.md")):
            text = re.sub(r"^order: .*\n", "", article.read_text(encoding="utf-8"), flags=re.M)
            (content / f"{copy:03d}-{article.name}").write_text(text, encoding="utf-8")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ENV["XDG_CACHE_HOME"] = str(work / "cache")  # the engine cache of these builds, warm after the first
        content = work / "content"
        shutil.copytree(ROOT / "content", content)
        out = work / "out"

        def edit(run: int) -> Path:
            article = content / "05-zhu-jianping.md"
            article.write_text(article.read_text(encoding="utf-8") + f"\n第{run}次修改。\n", encoding="utf-8")
            return out

        timed(["build", str(content), "-o", str(out)])
        results = [
            measure(
                "(a) cold build, PDF + EPUB",
                "≤ 1.1 s",
                runs,
                lambda run: work / f"cold-{run}",
                lambda o: ["build", str(content), "-o", str(o)],
            ),
            # The same, as the first build on a fresh machine: nothing in the user's cache folder.
            measure(
                "(a) … and no user cache either",
                "",
                runs,
                lambda run: first_build(work / f"first-{run}"),
                lambda o: ["build", str(content), "-o", str(o)],
            ),
            measure(
                "(b) no-op rebuild", "≤ 0.25 s", runs, lambda run: out, lambda o: ["build", str(content), "-o", str(o)]
            ),
            measure(
                "(c) rebuild after editing one article",
                "≤ 1.1 s",
                runs,
                edit,
                lambda o: ["build", str(content), "-o", str(o)],
            ),
        ]
        results.append(watch_rebuilds(content, out, runs))
        results.append(serve_rebuilds(content, runs))
        for factor, target, times in ((10, "≤ 4 s", runs), (50, "≤ 15 s", max(1, runs // 3))):
            big = scaled_content(work, factor)
            results.append(
                measure(
                    f"(e) {factor}× the default book",
                    target,
                    times,
                    lambda run, f=factor: work / f"x{f}-{run}",
                    lambda o, b=big: ["build", str(b), "-o", str(o)],
                )
            )
    print(f"{'benchmark':<42} {'median':>8} {'min':>8} {'peak RSS':>9}  target")
    for r in results:
        print(
            f"{r.name:<42} {statistics.median(r.seconds):>7.2f}s {min(r.seconds):>7.2f}s "
            f"{r.peak_mb:>7.0f}MB  {r.target}"
        )


if __name__ == "__main__":
    main()
