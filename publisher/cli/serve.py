"""``publisher serve``: build the book, serve the web edition, the PDF and the EPUB, rebuild on save.

The builds are those of ``build --watch`` (one warm process, the laid-out pages kept between
builds); the server (:mod:`.server`) runs beside them in threads of this process and tells the
open pages when a build is done or failed. It listens on 127.0.0.1 unless ``--host`` names
another address.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from pathlib import Path
from typing import TextIO

from publisher.cli.arguments import add_book, book_content
from publisher.cli.exits import EXIT_CONTENT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

FORMATS = ("pdf", "epub", "html")
DEFAULT_PORT = 8000


def add_arguments(command: argparse.ArgumentParser) -> None:
    add_book(command)
    command.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"the port to listen on (default: {DEFAULT_PORT}; 0: any free one)",
    )
    command.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default: 127.0.0.1, this computer only; another one lets other "
        "computers of the network read the book)",
    )


def serve_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from publisher.build.pipeline import BuildOptions
    from publisher.cli.report import Report
    from publisher.cli.server import BuildState, Server
    from publisher.cli.watch import watch
    from publisher.render.pdf.engine import Memo

    content = book_content(args)
    options = BuildOptions(
        content=content,
        out=(args.root or content.parent) / "build",
        formats=FORMATS,
        layout=args.layout,
        root=args.root,
    )
    options.out.mkdir(parents=True, exist_ok=True)
    state = BuildState()
    try:
        server = Server((args.host, args.port), options.out, state)
    except OSError as exc:
        print(
            f"publisher: error: cannot listen on {args.host}:{args.port} ({exc.strerror}): "
            "choose another port with --port, or --port 0 for any free one",
            file=err,
        )
        return EXIT_USAGE
    thread = threading.Thread(target=server.serve_forever, name="publisher-serve", daemon=True)
    thread.start()
    print(f"publisher: serving {server.url} (Ctrl-C to stop)", file=err, flush=True)
    report = Report("human", out, err, quiet=False)
    memo = Memo()
    try:
        code = watch(
            lambda: build_once(options, report, memo, state),
            (options.content, *options.layout_dirs, *options.font_dirs),
            options.out,
            err,
        )
    finally:
        state.close()
        server.shutdown()
        server.server_close()
    print("publisher: stopped", file=err, flush=True)
    return EXIT_OK if code in (EXIT_OK, EXIT_INTERRUPTED) else code


def build_once(options: object, report: object, memo: object, state: object) -> int:
    """One build, as ``build --watch`` makes it; the open pages are told how it went."""
    from publisher.build.pipeline import build
    from publisher.cli.progress import progress
    from publisher.diagnostics import ContentError, Diagnostics
    from publisher.render import FORMATS as ALL

    diags = Diagnostics(root=options.content, cwd=Path.cwd())
    started = time.perf_counter()
    try:
        with progress(report.err, False, False) as stage:
            outputs = build(options, os.environ, diags, stage, memo)
    except ContentError:
        state.failed([d.format() for d in diags.items if d.severity == "error"])
        return report.finish(diags.items, [], EXIT_CONTENT, "nothing was written; the pages show the last good build")
    except KeyboardInterrupt:
        return report.finish(diags.items, [], EXIT_INTERRUPTED, "interrupted; previous outputs are untouched")
    except Exception as exc:  # the error boundary, as build's
        state.failed([f"internal error: {type(exc).__name__}: {exc}"])
        return report.finish(
            diags.items,
            [],
            EXIT_INTERNAL,
            f"internal error: {type(exc).__name__}: {exc}\nThe previous outputs were left untouched. "
            "Please report this with the command you ran.",
        )
    names = {fmt: path.name for fmt, path in zip(options.formats, outputs.paths)}
    state.built(names.pop("html"), {fmt: name for fmt, name in names.items() if not ALL[fmt].folder}, outputs.rendered)
    done = "build done" if outputs.rendered else "up to date: nothing changed, nothing rendered"
    return report.finish(diags.items, outputs.paths, EXIT_OK, f"{done} in {time.perf_counter() - started:.2f} s")
