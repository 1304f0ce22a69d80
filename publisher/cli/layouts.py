"""``publisher layouts``: the layouts a book can use, what each is for and where it comes from."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from publisher.cli.arguments import book_content
from publisher.cli.exits import EXIT_OK
from publisher.cli.report import shown


def layouts_command(args: argparse.Namespace, out: TextIO) -> int:
    from publisher.build.pipeline import BuildOptions
    from publisher.diagnostics import ContentError, Diagnostics
    from publisher.layout.loading import available, load_layout

    options = BuildOptions(content=book_content(args), out=Path("build"), root=args.root)
    rows = []
    for name, folder in available(options.layout_dirs).items():
        try:
            layout = load_layout(options.layout_dirs, name, Diagnostics(), folder, 0)
        except ContentError:
            errors = f"(has errors: publisher check --layout {name} tells them)"
            rows.append((name, errors, _origin(folder, options.layouts_dir)))
            continue
        extends = f", extends {layout.folders[1].name}" if len(layout.folders) > 1 else ""
        rows.append((name, layout.description, _origin(folder, options.layouts_dir) + extends))
    width = max((len(name) for name, _, _ in rows), default=0)
    for name, description, origin in rows:
        print(f"{name:<{width}}  {description}  [{origin}]", file=out)
    return EXIT_OK


def _origin(folder: Path, builtin: Path | None = None) -> str:
    """``built-in``, or where the layout's folder is (from the working directory when it is inside it)."""
    if builtin is not None and folder.parent.resolve() == builtin.resolve():
        return "built-in"
    return shown(folder)
