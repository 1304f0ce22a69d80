"""The command line: ``publisher build [CONTENT_DIR] [-o OUT] [--format …] [--layout NAME]``.

The one error boundary: expected problems print as diagnostics (one line
each, never a traceback) and map to documented exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Sequence, TextIO

from . import __version__

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
FORMATS = ("pdf", "epub", "json")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="publisher",
        description="Turn a folder of Markdown articles into a PDF booklet and an EPUB 3 e-book.",
        epilog="Exit codes: 0 built, 1 errors in the content, 2 wrong command line, "
               "3 internal error (a bug: please report it).",
    )
    top.add_argument("--version", action="version", version=f"publisher {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the book (PDF and EPUB by default)")
    build.add_argument("content", nargs="?", default="content", type=Path,
                       help="the content folder with book.yaml and the articles (default: content)")
    build.add_argument("-o", "--out", type=Path, default=None,
                       help="output folder (default: build/ beside the content folder)")
    build.add_argument("--format", default="pdf,epub",
                       help="comma-separated formats among pdf, epub, json (default: pdf,epub)")
    build.add_argument("--layout", default=None, help="layout name under layouts/ (default: from book.yaml)")
    return top


def formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return chosen


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    args = parser().parse_args(argv)
    if args.command != "build":
        parser().print_help(err)
        return EXIT_USAGE
    try:
        chosen = formats(args.format)
    except argparse.ArgumentTypeError as exc:
        print(f"publisher: error: {exc}", file=err)
        return EXIT_USAGE
    return run_build(args, chosen, out, err)


def run_build(args: argparse.Namespace, chosen: tuple[str, ...], out: TextIO, err: TextIO) -> int:
    from .build import BuildOptions, build
    from .diagnostics import ContentError, Diagnostics

    content = args.content
    options = BuildOptions(content=content, out=args.out or content.parent / "build",
                           formats=chosen, layout=args.layout)
    diags = Diagnostics(root=content)
    started = time.perf_counter()
    written: list[Path] | None = None
    failure: BaseException | None = None
    try:
        written = build(options, os.environ, diags)
    except ContentError:
        pass
    except (Exception, KeyboardInterrupt) as exc:  # the error boundary: a bug, an engine crash, Ctrl-C
        failure = exc
    for diag in diags.items:
        print(diag.format(), file=err)
    if isinstance(failure, KeyboardInterrupt):
        print("publisher: interrupted; the previous outputs were left untouched.", file=err)
        return EXIT_INTERRUPTED
    if failure is not None:
        print(f"publisher: internal error: {type(failure).__name__}: {failure}\n"
              "The previous outputs were left untouched. Please report this with the command you ran.",
              file=err)
        return EXIT_INTERNAL
    if written is None:
        errors = sum(d.severity == "error" for d in diags.items)
        print(f"publisher: {errors} error(s); nothing was written, previous outputs are untouched.", file=err)
        return EXIT_CONTENT
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=out)
    print(f"built in {time.perf_counter() - started:.2f} s", file=out)
    return EXIT_OK
