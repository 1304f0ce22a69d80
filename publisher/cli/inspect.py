"""``publisher inspect FILE.pdf [CONTENT_DIR]``: the command, behind the CLI's error boundary.

Its arguments are declared here and the inspector imported only when it runs, so that
``publisher build`` and ``--help`` do not load PDFium.

``--annotate OUT.pdf`` also writes a copy with each violation drawn on its page
(:mod:`publisher.checks.inspect.annotate`), whatever the verdict.

Exit codes (:mod:`publisher.cli.exits`): 0 no violation, 1 violations (or a content
folder with errors), 2 a file that is missing or not a PDF (or ``--annotate`` naming
the PDF itself), 3 internal error.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from publisher.cli.arguments import add_root, book_content
from publisher.cli.exits import EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:  # the inspector is imported when it runs
    from publisher.build.pipeline import BuildOptions
    from publisher.checks.inspect.inspector import Inspection
    from publisher.diagnostics import Diagnostics


def add_arguments(command: argparse.ArgumentParser, styles: tuple[str, ...]) -> None:
    command.add_argument("pdf", type=Path, help="the PDF to inspect, as built by publisher build")
    command.add_argument(
        "content",
        nargs="?",
        default=None,
        type=Path,
        help="the content folder it was built from (default: content in the book's root)",
    )
    add_root(command)
    command.add_argument("--layout", default=None, help="layout name under layouts/ (default: from book.yaml)")
    command.add_argument(
        "--diagnostics",
        choices=styles,
        default=None,
        help="how violations are printed: human (default), github or json",
    )
    command.add_argument("-q", "--quiet", action="store_true", help="print only violations, no table")
    command.add_argument(
        "--annotate",
        type=Path,
        default=None,
        metavar="OUT.pdf",
        help="also write a copy of the PDF with each violation drawn on its page (a box and a note)",
    )


def inspect_command(args: argparse.Namespace, style: str, out: TextIO, err: TextIO) -> int:
    """Inspect one PDF and print its violations and table; every failure becomes an exit code."""
    from publisher.build.pipeline import BuildOptions
    from publisher.checks.inspect.pdftext import NotAPdf
    from publisher.checks.inspect.report import as_json, diagnostics, table
    from publisher.cli.report import Report
    from publisher.diagnostics import ContentError, Diagnostics

    report = Report(style, out, err, args.quiet)
    if not args.pdf.is_file():
        print(f"publisher: error: {args.pdf}: no such file", file=err)
        return EXIT_USAGE
    if args.annotate is not None and args.annotate.resolve() == args.pdf.resolve():
        print(f"publisher: error: --annotate {args.annotate}: that is the PDF inspected; name another file", file=err)
        return EXIT_USAGE
    content = book_content(args)
    diags = Diagnostics(root=content, cwd=Path.cwd())
    options = BuildOptions(content=content, out=args.pdf.parent, layout=args.layout, root=args.root)
    started = time.perf_counter()
    try:
        inspection = inspect(args.pdf, options, diags)
    except NotAPdf as exc:
        print(f"publisher: error: {exc}", file=err)
        return EXIT_USAGE
    except ContentError:
        return report.finish(diags.items, [], EXIT_CONTENT, "the content folder has errors: nothing was inspected")
    except Exception as exc:  # a bug, or a PDF that breaks an assumption of the inspector
        return report.finish(
            [],
            [],
            EXIT_INTERNAL,
            f"internal error: {type(exc).__name__}: {exc}\nPlease report this with the command you ran.",
        )
    code = EXIT_CONTENT if inspection.violations else EXIT_OK
    if args.annotate is not None:
        from publisher.checks.inspect.annotate import annotate
        from publisher.util.atomic import atomic_path

        with atomic_path(args.annotate) as temp:
            annotate(inspection, temp)
    if style == "json":
        as_json(inspection, code, out)
        return code
    if not args.quiet:
        table(inspection, out)
    pages = len(inspection.printed.pages)
    verdict = "violations found" if code else "no violation"
    return report.finish(
        diagnostics(inspection),
        [args.annotate] if args.annotate is not None else [],
        code,
        f"inspected {args.pdf} ({pages} pages) in {time.perf_counter() - started:.2f} s: {verdict}",
    )


def inspect(pdf: Path, options: BuildOptions, diags: Diagnostics) -> Inspection:
    """Check ``pdf`` as the book of ``options.content`` laid out with its layout.

    Raises :class:`~publisher.checks.inspect.pdftext.NotAPdf` for a file PDFium cannot read, and
    ``ContentError`` (with ``diags`` filled in) when the content folder cannot be read.
    """
    from publisher.build.pipeline import prepare
    from publisher.checks.inspect.inspector import inspect_pdf
    from publisher.checks.inspect.pdftext import read_pdf
    from publisher.render.pdf.writer import css_family
    from publisher.sources.book import read_book

    text = read_pdf(pdf)  # not a PDF: said before the content is read
    book = read_book(options.content, diags)
    job = prepare(book, options, {}, diags)
    faces = frozenset(css_family(face.role) for face in job.faces.values())
    code = job.faces["code"]
    prose = {face.path for element, face in job.faces.items() if element != "code"}
    return inspect_pdf(pdf, text, book, job.layout, faces, "" if code.path in prose else css_family(code.role))
