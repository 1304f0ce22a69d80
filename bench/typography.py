"""What the Chinese typography costs: the default book's PDF with it and with WeasyPrint's own line setting.

    .venv/bin/python bench/typography.py [--runs N]

"plain" is the booklet layout with ``typography: justify: spaces`` and
``autospace: none``, and the spans of punctuation compression and line
breaking switched off in its stylesheet: what WeasyPrint does by itself. Both
are built in one warm process, in turn, PDF only, on one core; the figure is
the median of the runs (the first two left out as warm-up).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAIN_CSS = "\n.keep { white-space: normal; }\n.halt { font-feature-settings: normal; }\n"


def plain_layouts(folder: Path) -> Path:
    layouts = folder / "layouts"
    shutil.copytree(ROOT / "layouts", layouts)
    settings = layouts / "booklet" / "layout.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("justify: inter-character", "justify: spaces").replace("autospace: letters", "autospace: none"),
        encoding="utf-8",
    )
    with (layouts / "booklet" / "print.css.j2").open("a", encoding="utf-8") as css:
        css.write(PLAIN_CSS)
    return layouts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    runs = parser.parse_args().runs
    os.environ["PUBLISHER_NO_FORK"] = "1"
    from publisher.build.pipeline import BuildOptions, build
    from publisher.diagnostics import Diagnostics

    content = ROOT / "content"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        variants = {"with the typography": ROOT / "layouts", "plain WeasyPrint": plain_layouts(work)}
        times: dict[str, list[float]] = {name: [] for name in variants}
        for run in range(runs):
            for name, layouts in variants.items():
                out = work / f"out-{run}-{len(times[name])}-{name[0]}"
                options = BuildOptions(content=content, out=out, formats=("pdf",), layouts_dir=layouts)
                started = time.perf_counter()
                build(options, {"SOURCE_DATE_EPOCH": "1745812800"}, Diagnostics(root=content))
                times[name].append(time.perf_counter() - started)
    for name, seconds in times.items():
        print(f"{name:<22} {statistics.median(seconds[2:]):.3f} s  (min {min(seconds):.3f} s)")


if __name__ == "__main__":
    main()
