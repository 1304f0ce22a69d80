"""Arguments several commands share: where the book is."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_root(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the book's root: the folder holding content/ and the book's own layouts/ and fonts/ "
        "(default: the content folder's parent, else the working directory)",
    )


def add_book(command: argparse.ArgumentParser) -> None:
    """The content folder, the book's root and the layout: what every command that builds the book takes."""
    command.add_argument(
        "content",
        nargs="?",
        default=None,
        type=Path,
        help="the content folder with book.yaml and the articles (default: content in the book's root)",
    )
    add_root(command)
    command.add_argument(
        "--layout", default=None, help="a layout of the book's layouts/ or a built-in one (default: from book.yaml)"
    )


def book_content(args: argparse.Namespace) -> Path:
    """The content folder: as given, else ``content/`` in the book's root or the working directory."""
    if getattr(args, "content", None) is not None:
        return args.content
    return (args.root or Path()) / "content"


FIXES = ("marks", "typos")


def bare_fix(argv: list[str]) -> list[str]:
    """``--fix`` takes an optional value, so argparse would hand it the word after it: in
    ``publisher check --fix content`` that word is the folder, not a kind of fix. A bare ``--fix``
    before anything but a kind of fix is made ``--fix=marks``."""
    return [
        "--fix=marks" if arg == "--fix" and (argv[i + 1 : i + 2] or ["-"])[0] not in FIXES else arg
        for i, arg in enumerate(argv)
    ]
