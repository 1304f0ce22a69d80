"""``publisher diff``: which pages a change moved. Two PDFs, or the book at a git revision and now.

Exit codes: 0 nothing changed, 1 something changed (with ``--fail-on reflow``: only when other pages than
those with changed text moved), or the book at one side has errors; 2 a wrong command line, a file that is not
a PDF, a revision git cannot check out.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TextIO

from publisher.cli.arguments import add_root, book_content
from publisher.cli.exits import EXIT_CONTENT, EXIT_OK, EXIT_USAGE

FAIL_ON = ("change", "reflow")


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="OLD.pdf NEW.pdf; with --base, the content folder (default: content in the book's root)",
    )
    command.add_argument(
        "--base", metavar="REV", help="compare the book as it is with the book at this git revision (e.g. main)"
    )
    add_root(command)
    command.add_argument(
        "-o", "--out", type=Path, default=None, help="where the pictures of the changed pages go (default: build/diff)"
    )
    command.add_argument("--format", choices=("markdown", "json"), default="markdown", help="how the result is printed")
    command.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="change",
        help="exit 1 on any change (default), or only when other pages than those with changed text moved (reflow)",
    )


def diff_command(args: argparse.Namespace, out: TextIO, err: TextIO, environ: Mapping[str, str]) -> int:
    from publisher.build.revision import RevisionError
    from publisher.checks.inspect.pdftext import NotAPdf
    from publisher.diagnostics import ContentError, Diagnostics

    problem = _usage(args)
    if problem:
        print(f"publisher: error: {problem}", file=err)
        return EXIT_USAGE
    diags = Diagnostics(cwd=Path.cwd())
    try:
        with _printings(args, environ, diags) as (old, new, names, folder):
            return _compare(args, old, new, names, folder, out, environ)
    except (NotAPdf, RevisionError) as exc:
        print(f"publisher: error: {exc}", file=err)
        return EXIT_USAGE
    except ContentError:
        for diag in diags.items:
            print(diag.format(), file=err)
        print("publisher: the book has errors at one side of the comparison: nothing was compared", file=err)
        return EXIT_CONTENT


def _usage(args: argparse.Namespace) -> str:
    if args.base is None and len(args.paths) != 2:
        return "diff compares two PDFs (publisher diff OLD.pdf NEW.pdf) or the book with a revision (--base REV)"
    if args.base is not None and len(args.paths) > 1:
        return "with --base, give at most the content folder"
    missing = [str(path) for path in args.paths if args.base is None and not path.is_file()]
    return f"{', '.join(missing)}: no such file" if missing else ""


@contextmanager
def _printings(
    args: argparse.Namespace, environ: Mapping[str, str], diags: object
) -> Iterator[tuple[Path, Path, tuple[str, str], Path]]:
    """The two PDFs, their names for the summary, and the folder the pictures go to."""
    if args.base is None:
        old, new = args.paths
        yield old, new, (str(old), str(new)), args.out or new.parent / "diff"
        return
    import tempfile

    from publisher.build.pipeline import BuildOptions, build
    from publisher.build.revision import built_at

    content = args.paths[0] if args.paths else book_content(args)
    root = args.root or content.parent
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="publisher-diff-")))
        options = BuildOptions(content=content, out=scratch / "now", formats=("pdf",), root=args.root)
        old = stack.enter_context(built_at(args.base, options, environ, diags))
        new = build(options, environ, diags).paths[0]
        yield old, new, (args.base, "this change"), args.out or root / "build" / "diff"


def _compare(
    args: argparse.Namespace, old: Path, new: Path, names: tuple[str, str], folder: Path, out: TextIO,
    environ: Mapping[str, str],
) -> int:  # fmt: skip
    from publisher.checks.diff.compare import compare
    from publisher.checks.diff.pictures import alike, printings, side_by_side
    from publisher.checks.diff.report import as_json, markdown
    from publisher.checks.inspect.pdftext import read_pdf
    from publisher.cli.report import shown

    before, after = read_pdf(old), read_pdf(new)
    pictures: dict[int, str] = {}
    with printings(old, new) as (drawn_before, drawn_after):
        comparison = compare(before, after, lambda number: alike(drawn_before, drawn_after, number))
        if comparison.changed:
            folder.mkdir(parents=True, exist_ok=True)
        for page in comparison.changed:
            path = folder / f"page-{page.number:03d}.png"
            side_by_side(drawn_before, drawn_after, page.number).save(path, "PNG")
            pictures[page.number] = shown(path)
    summary = markdown(comparison, *names, pictures)
    out.write(as_json(comparison, *names, pictures) if args.format == "json" else summary)
    if environ.get("GITHUB_STEP_SUMMARY"):
        with open(environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as step:
            step.write(summary)
    failed = comparison.reflowed if args.fail_on == "reflow" else bool(comparison.changed)
    return EXIT_CONTENT if failed else EXIT_OK
