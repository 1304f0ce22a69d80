"""Cold build of the default book (PDF + EPUB), each run a fresh process: prints the median of 5.

Run with `make bench`. Timing goals live here, never in the tests.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def cold_build(out: Path) -> float:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1745812800"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "publisher", "build", str(ROOT / "content"), "-o", str(out)],
                   check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        times = [cold_build(Path(tmp) / str(run)) for run in range(RUNS)]
    print(f"{'benchmark':<40} {'median':>8} {'min':>8} {'max':>8}")
    print(f"{'cold build, default book, PDF + EPUB':<40} {statistics.median(times):>7.2f}s "
          f"{min(times):>7.2f}s {max(times):>7.2f}s")


if __name__ == "__main__":
    main()
