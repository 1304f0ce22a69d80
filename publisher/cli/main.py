"""The command line: ``publisher build`` and ``publisher check``.

The one error boundary: expected problems print as diagnostics (one line
each, never a traceback) and map to documented exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from publisher import __version__
from publisher.cli.arguments import FIXES, add_book, add_root, bare_fix, book_content
from publisher.cli.diff import add_arguments as diff_arguments
from publisher.cli.exits import EXIT_CONTENT, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from publisher.cli.inspect import add_arguments as inspect_arguments
from publisher.cli.inspect import inspect_command
from publisher.cli.new import add_arguments as new_arguments
from publisher.cli.new import new_command
from publisher.cli.serve import add_arguments as serve_arguments
from publisher.cli.serve import serve_command
from publisher.render import DEFAULT_FORMATS, FORMATS
from publisher.render.pdf.press import IMPOSITIONS, PDF_VARIANTS, PressOptions, marks, millimetres

if TYPE_CHECKING:  # the build's modules are imported when a build runs: --help stays fast
    from publisher.render.pdf.engine import Memo

DIAGNOSTIC_FORMATS = ("human", "github", "json")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="publisher",
        description="Turn a folder of Markdown articles into a PDF booklet and an EPUB 3 e-book.",
        epilog="Exit codes: 0 done, 1 errors in the content (or warnings with --strict), "
        "2 wrong command line, 3 internal error (a bug: please report it), 130 interrupted.",
    )
    top.add_argument("--version", action="version", version=f"publisher {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the book (PDF and EPUB by default)")
    check = commands.add_parser("check", help="check the sources without rendering anything")
    for command in (build, check):
        add_book(command)
        command.add_argument(
            "--diagnostics",
            choices=DIAGNOSTIC_FORMATS,
            default=None,
            help="how problems are printed: human (default), github (workflow "
            "annotations; the default when GITHUB_ACTIONS=true) or json",
        )
        command.add_argument("--strict", action="store_true", help="fail on warnings too")
        loudness = command.add_mutually_exclusive_group()
        loudness.add_argument(
            "-q", "--quiet", action="store_true", help="print only problems, no progress and no summary"
        )
        loudness.add_argument("-v", "--verbose", action="store_true", help="log each stage with its time")
    check.add_argument(
        "--fix",
        nargs="?",
        const="marks",
        choices=FIXES,
        default=None,
        help="first apply the mechanical fixes (punctuation width, ……/—— forms, stray "
        "spaces between Chinese characters) and print each change; --fix=typos also applies "
        "the typo dictionary's corrections of wording, each printed as a diff of its line",
    )
    build.add_argument(
        "-o", "--out", type=Path, default=None, help="output folder (default: build/ in the book's root)"
    )
    build.add_argument(
        "--format",
        default=",".join(DEFAULT_FORMATS),
        help=f"comma-separated formats among {', '.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})",
    )
    press = build.add_argument_group("print production")
    press.add_argument(
        "--page-size", metavar="SIZE", help="A5 (default), B5, A4, 16开, 大32开, 32开, or WxH in mm (e.g. 150x220)"
    )
    press.add_argument(
        "--bleed", type=millimetres, default=0.0, metavar="MM", help="bleed around each page for the printer, e.g. 3mm"
    )
    press.add_argument(
        "--marks", type=marks, default=(), metavar="crop[,cross]", help="printer's marks in the bleed area"
    )
    press.add_argument(
        "--impose", choices=IMPOSITIONS, help="also write <slug>-imposed.pdf: saddle-stitch sheets, two pages a side"
    )
    press.add_argument(
        "--creep",
        type=millimetres,
        default=0.0,
        metavar="MM",
        help="with --impose: move each sheet's pages this much further towards the spine",
    )
    press.add_argument("--pdf-variant", choices=PDF_VARIANTS, help="write a PDF/A-3b or PDF/UA-1 file")
    build.add_argument(
        "--watch", action="store_true", help="stay running and rebuild whenever a source, the layout or a font changes"
    )
    serve_arguments(
        commands.add_parser(
            "serve", help="build the book and show it in a browser (web edition, PDF, EPUB), rebuilt on each save"
        )
    )
    add_root(commands.add_parser("layouts", help="list the layouts a book can use and where each comes from"))
    diff_arguments(
        commands.add_parser("diff", help="which pages a change moved: two PDFs, or the book at a git revision and now")
    )
    inspect_arguments(
        commands.add_parser(
            "inspect", help="check a built PDF's typography against its sources (exit 1 on any violation)"
        ),
        DIAGNOSTIC_FORMATS,
    )
    new_arguments(
        commands.add_parser("new", help="start a book: a folder with a sample article, house style and a CI workflow")
    )
    return top


def formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return chosen


def press_options(args: argparse.Namespace) -> PressOptions:
    if args.command != "build":
        return PressOptions()
    return PressOptions(
        page_size=args.page_size,
        bleed_mm=args.bleed,
        marks=args.marks,
        impose=args.impose,
        creep_mm=args.creep,
        pdf_variant=args.pdf_variant,
    )


def diagnostics_format(chosen: str | None, environ: Mapping[str, str]) -> str:
    if chosen:
        return chosen
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "human"


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    args = parser().parse_args(bare_fix(sys.argv[1:] if argv is None else list(argv)))
    if args.command is None:
        parser().print_help(err)
        return EXIT_USAGE
    if args.command == "inspect":
        return inspect_command(args, diagnostics_format(args.diagnostics, os.environ), out, err)
    if args.command == "layouts":
        from publisher.cli.layouts import layouts_command

        return layouts_command(args, out)
    if args.command == "diff":
        from publisher.cli.diff import diff_command

        return diff_command(args, out, err, os.environ)
    if args.command == "new":
        return new_command(args, out, err)
    if args.command == "serve":
        return serve_command(args, out, err)
    chosen: tuple[str, ...] = ()
    if args.command == "build":
        try:
            chosen = formats(args.format)
        except argparse.ArgumentTypeError as exc:
            print(f"publisher: error: {exc}", file=err)
            return EXIT_USAGE
        if args.impose and (args.bleed or args.marks):
            print(
                "publisher: error: --impose makes sheets of trimmed pages for a duplex printer; "
                "build the file for the press (--bleed, --marks) separately",
                file=err,
            )
            return EXIT_USAGE
    return run(args, chosen, out, err)


def run(args: argparse.Namespace, chosen: tuple[str, ...], out: TextIO, err: TextIO) -> int:
    from publisher.build.pipeline import BuildOptions
    from publisher.cli.report import Report

    content = book_content(args)
    out_dir = getattr(args, "out", None) or (args.root or content.parent) / "build"
    options = BuildOptions(
        content=content,
        out=out_dir,
        formats=chosen,
        layout=args.layout,
        strict=args.strict,
        press=press_options(args),
        root=args.root,
    )
    report = Report(diagnostics_format(args.diagnostics, os.environ), out, err, args.quiet)
    if getattr(args, "watch", False):
        from publisher.cli.watch import watch
        from publisher.render.pdf.engine import Memo

        memo = Memo()
        return watch(
            lambda: run_once(args, options, report, memo),
            (options.content, *options.layout_dirs, *options.font_dirs),
            options.out,
            err,
        )
    return run_once(args, options, report)


def run_once(args: argparse.Namespace, options: object, report: object, memo: Memo | None = None) -> int:
    """One build or check, start to finish; every failure becomes an exit code, never a traceback.

    ``memo`` (a watch's) keeps laid-out pieces from one build to the next.
    """
    from publisher.build.pipeline import build, check, fix
    from publisher.cli.progress import progress
    from publisher.diagnostics import ContentError, Diagnostics

    diags = Diagnostics(root=options.content, cwd=Path.cwd())
    started = time.perf_counter()
    try:
        with progress(report.err, args.verbose, args.quiet or report.style != "human") as stage:
            if args.command == "build":
                outputs = build(options, os.environ, diags, stage, memo)
                written = outputs.paths
                done = "build done" if outputs.rendered else "up to date: nothing changed, nothing rendered"
                verb = "wrote" if outputs.rendered else "unchanged"
            else:
                if getattr(args, "fix", None):
                    for change in fix(options, diags, typos=args.fix == "typos"):
                        print(
                            f"fixed {change.file}:{change.line}:{change.col}: '{change.before}' → '{change.after}'",
                            file=report.out,
                        )
                        if change.wording:
                            print(f"  - {change.was}\n  + {change.now}", file=report.out)
                written, done, verb = check(options, diags, stage), "check done", "wrote"
    except ContentError:
        return report.finish(diags.items, [], EXIT_CONTENT, "nothing was written, previous outputs are untouched")
    except KeyboardInterrupt:
        return report.finish(diags.items, [], EXIT_INTERRUPTED, "interrupted; previous outputs are untouched")
    except Exception as exc:  # the error boundary: a bug or a crash inside an engine
        return report.finish(
            diags.items,
            [],
            EXIT_INTERNAL,
            f"internal error: {type(exc).__name__}: {exc}\nThe previous outputs were left "
            "untouched. Please report this with the command you ran.",
        )
    return report.finish(diags.items, written, EXIT_OK, f"{done} in {time.perf_counter() - started:.2f} s", verb)
