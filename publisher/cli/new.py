"""``publisher new DIR``: a book repository that builds at once.

The files are templates shipped with the package (``scaffold/``, ``string.Template``): the book's
``book.yaml``, a sample article that passes ``publisher check`` without a finding, a commented
house style, ``.gitignore``, a GitHub workflow that checks, builds and validates the book, and a
README for its editors. Nothing is ever overwritten: when one of the files is there already,
nothing is written.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import unicodedata
from pathlib import Path
from string import Template
from typing import TextIO

from publisher import __version__
from publisher.cli.exits import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from publisher.sources.limits import MAX_TITLE_CHARS

SCAFFOLD = Path(__file__).with_name("scaffold")
ARTICLE = "01-shili.md"
"""The sample article (示例)."""
FILES = {
    "content/book.yaml": "book.yaml",
    f"content/{ARTICLE}": "article.md",
    "content/style.yaml": "style.yaml",
    ".gitignore": "gitignore",
    ".github/workflows/publish.yml": "publish.yml",
    "README.md": "README.md",
}
"""Each file of a new book, by its place in the book's folder: its template in ``scaffold/``."""
PLACEHOLDER_TITLE = "书名待定"
DEFAULT_SLUG = "book"


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "dir",
        type=Path,
        metavar="DIR",
        help="the new book's folder: created, or an existing one (no file in it is overwritten)",
    )
    command.add_argument("--title", help=f"the book's title (default: {PLACEHOLDER_TITLE}, to change in book.yaml)")
    command.add_argument("--layout", metavar="NAME", help="the book's layout, one of publisher's (default: booklet)")


def new_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the new book's files, or nothing; print what was written and what to run next."""
    title = PLACEHOLDER_TITLE if args.title is None else args.title.strip()
    problem = title_problem(title) or (layout_problem(args.layout) if args.layout is not None else None)
    if problem:
        print(f"publisher: error: {problem}", file=err)
        return EXIT_USAGE
    root: Path = args.dir
    if root.exists() and not root.is_dir():
        print(f"publisher: error: {root} is a file, not a folder; nothing was written", file=err)
        return EXIT_CONTENT
    taken = in_the_way(root)
    if taken:
        for path in taken:
            print(f"{path}: error: exists: publisher new never overwrites a file", file=err)
        print(f"publisher: nothing was written ({len(taken)} file(s) in the way)", file=err)
        return EXIT_CONTENT
    slug = slug_of(root)
    texts = scaffold(title, slug, args.layout)
    try:
        written = write_all(root, texts)
    except OSError as exc:
        print(
            f"publisher: error: cannot write {exc.filename or root}: {exc.strerror or exc}; nothing was written",
            file=err,
        )
        return EXIT_CONTENT
    for path in written:
        print(f"wrote {path}", file=out)
    where = shlex.quote(str(root))
    print(f"publisher: a new book in {root}; next:", file=out)
    print(f"  cd {where} && publisher check    # proofread and check the sources", file=out)
    print(f"  cd {where} && publisher build    # → build/{slug}.pdf and build/{slug}.epub", file=out)
    return EXIT_OK


def title_problem(title: str) -> str | None:
    if not title:
        return "--title is empty"
    if len(title) > MAX_TITLE_CHARS:
        return f"--title has {len(title)} characters; a title has at most {MAX_TITLE_CHARS}"
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in title):
        return "--title holds a line break or an invisible control character"
    return None


def layout_problem(name: str) -> str | None:
    from publisher.layout.loading import available
    from publisher.resources import builtin
    from publisher.sources.fields import did_you_mean

    names = list(available([builtin("layouts")]))
    if name in names:
        return None
    return f"--layout: unknown layout '{name}'{did_you_mean(name, names)}; available: {', '.join(names)}"


def slug_of(root: Path) -> str:
    """The output files' name from the folder's: ``My Book`` → ``my-book``; ``book`` when it is
    not plain ASCII (``工会文集``)."""
    from publisher.sources.fields import SLUG, slugify

    name = Path(os.path.abspath(root)).name
    slug = slugify(name) if name.isascii() else ""
    return slug if SLUG.match(slug) else DEFAULT_SLUG


def scaffold(title: str, slug: str, layout: str | None) -> dict[str, str]:
    """Each file's text, by its place in the book's folder."""
    values = {
        "title": title,
        "yaml_title": yaml_scalar(title),
        "slug": slug,
        "layout": f"layout: {layout}" if layout else "# layout: booklet",
        "article": ARTICLE,
        "version": __version__,
    }
    return {
        place: Template((SCAFFOLD / name).read_text(encoding="utf-8")).substitute(values)
        for place, name in FILES.items()
    }


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML value: as it is when YAML reads it back so, else double-quoted."""
    import yaml

    try:
        if yaml.safe_load(f"title: {text}\n") == {"title": text} and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def in_the_way(root: Path) -> list[Path]:
    """What is there already where a file of the new book would go: the file, or a file where
    one of its folders would be."""
    found: list[Path] = []
    for place in FILES:
        parts = Path(place).parts
        for end in range(1, len(parts) + 1):
            path = root.joinpath(*parts[:end])
            if os.path.lexists(path) and (end == len(parts) or not path.is_dir()):
                found += [] if path in found else [path]
                break
    return found


def write_all(root: Path, texts: dict[str, str]) -> list[Path]:
    """Write every file, each created anew (never over one that appeared meanwhile); on a failure,
    remove what was written and the folders made for it."""
    made: list[Path] = []
    try:
        for place, text in texts.items():
            path = root / place
            for folder in reversed(path.parents):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            with open(path, "x", encoding="utf-8", newline="\n") as file:
                made.append(path)
                file.write(text)
    except OSError:
        for path in reversed(made):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()
        raise
    return [p for p in made if not p.is_dir()]
