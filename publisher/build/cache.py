"""Skip a build whose inputs have not changed, so a no-op rebuild costs almost nothing.

A skipped build must give what a clean build would: the same exit code, the same diagnostics and
the same bytes. So the fingerprint covers everything a build looks at, as the build looks at it:

* the content folder, every entry of it at every depth, hidden ones and those the reader skips
  (``README.md``, ``.#x.md``) included, since a layout's stylesheet may still load any file in it:
  each entry's name, kind (file, folder, symbolic link, anything else) and permissions, a regular
  file's bytes, and a symbolic link's target as written and where it leads: inside the folder
  (which entry), outside it, or nowhere (a missing file, a loop), as the reader tells them apart.
  A link is never followed out of the folder and nothing outside it is read; a pipe or a device
  is never opened;
* the layouts: every entry of the layout folders, links followed as the layout loader follows
  them, with their bytes;
* the fonts: the manifests' bytes, and each font file's size and time (they are large);
* the package's own code and data, the pinned versions it compares the engines with, the version
  of every installed distribution (the engines), the options, the date the build would stamp, and
  where the build runs from (diagnostics name files from the working directory or the content
  folder's parent).

It does not cover what no build reads: the times of content files, their owners, the bytes of a
file outside the content folder that a link leads to (the reader refuses the link whatever the
file holds). Nor does it cover the system's own libraries WeasyPrint loads (Pango, fontconfig):
an upgrade of them is not seen. A hit also requires the previous outputs to be on disk, byte for
byte as recorded.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

from publisher.build.dates import last_commit_time
from publisher.diagnostics import Diagnostic
from publisher.resources import PACKAGE, pinned_requirements
from publisher.util.atomic import atomic_path
from publisher.util.distributions import dist_infos

CACHE_FILE = Path(".cache") / "build.json"
OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""A file is opened to be hashed without following a link and without waiting on a pipe."""


def fingerprint(
    content: Path, layouts: Sequence[Path], fonts: Sequence[Path], settings: dict, environ: Mapping[str, str]
) -> str:
    digest = hashlib.sha256()

    def add(*record: object) -> None:
        digest.update(json.dumps(record, default=str).encode() + b"\n")

    add("settings", json.dumps(settings, sort_keys=True, default=str))
    add("epoch", environ.get("SOURCE_DATE_EPOCH", ""))
    add("commit", last_commit_time(content) if content.is_dir() else None)
    add("where", *_where(content))
    for name in dist_infos():
        add("distribution", name)
    for record in _content_entries(content):
        add("content", *record)
    for folder in layouts:
        for record in _followed(folder):
            add("layouts", str(folder), *record)
    for path in _code():
        add("code", path.relative_to(PACKAGE).as_posix(), _bytes(path))
    add("pins", _bytes(pinned_requirements(), follow=True))
    for folder in fonts:
        for record in _fonts(folder):
            add("fonts", str(folder), *record)
    return digest.hexdigest()


def _code() -> list[Path]:
    """The package's own files, its data (the house style, the page sizes) included; not the
    built-in layouts and fonts an installed package carries (``data/``: the build names the
    layouts and fonts it uses), nor Python's compiled files."""
    return sorted(
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.relative_to(PACKAGE).parts[0] != "data"
    )


def _content_entries(root: Path) -> Iterator[tuple[object, ...]]:
    """Every entry of the content folder as the reader can see it, never following a link:
    ``(name, kind, …)`` in name order, a folder's entries after it."""
    try:
        if not stat.S_ISDIR(os.stat(root).st_mode):
            yield (".", "not-a-folder")
            return
    except OSError as error:
        yield (".", "missing", error.errno)
        return
    yield from _entries(root, "", os.path.realpath(root))


def _listed(folder: Path | str) -> list[os.DirEntry] | int:
    """A folder's entries in name order, or the error number that kept it from being listed."""
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        return error.errno


def _entries(folder: Path | str, prefix: str, real_root: str) -> Iterator[tuple[object, ...]]:
    entries = _listed(folder)
    if isinstance(entries, int):
        yield (prefix or ".", "unlisted", entries)
        return
    for entry in entries:
        name = prefix + entry.name
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as error:
            yield (name, "gone", error.errno)
            continue
        mode = stat.S_IMODE(info.st_mode)
        if stat.S_ISLNK(info.st_mode):
            yield (name, "link", _readlink(entry.path), _leads(entry.path, real_root))
        elif stat.S_ISDIR(info.st_mode):
            yield (name, "folder", mode)
            yield from _entries(entry.path, name + "/", real_root)
        elif stat.S_ISREG(info.st_mode):
            yield (name, "file", mode, _bytes(entry.path))
        else:
            yield (name, "other", stat.S_IFMT(info.st_mode), mode)


def _leads(link: str, real_root: str) -> str:
    """Where a link leads, as the reader tells it: ``nowhere`` (a missing file, a loop: it says
    ``symlink-broken``), ``outside`` (``file-outside``, ``image-outside``: whatever is there, it is
    never read), or the entry inside the folder, whose own record says what it is."""
    if not os.path.exists(link):
        return "nowhere"
    target = os.path.realpath(link)
    if os.path.commonpath([target, real_root]) != real_root:
        return "outside"
    return "inside:" + Path(os.path.relpath(target, real_root)).as_posix()


def _followed(root: Path) -> Iterator[tuple[object, ...]]:
    """Every entry of a layouts folder, following links as the layout loader does (a layout
    folder may be a link), each folder walked once."""
    seen: set[str] = set()

    def walk(folder: str, prefix: str) -> Iterator[tuple[object, ...]]:
        real = os.path.realpath(folder)
        if real in seen:
            yield (prefix or ".", "seen", real)
            return
        seen.add(real)
        entries = _listed(folder)
        if isinstance(entries, int):
            yield (prefix or ".", "unlisted", entries)
            return
        for entry in entries:
            name = prefix + entry.name
            link = _readlink(entry.path) if entry.is_symlink() else None
            try:
                info = os.stat(entry.path)
            except OSError as error:
                yield (name, "gone", link, error.errno)
                continue
            if stat.S_ISDIR(info.st_mode):
                yield (name, "folder", link)
                yield from walk(entry.path, name + "/")
            elif stat.S_ISREG(info.st_mode):
                yield (name, "file", link, _bytes(entry.path, follow=True))
            else:
                yield (name, "other", link, stat.S_IFMT(info.st_mode))

    yield from walk(str(root), "")


def _fonts(folder: Path) -> Iterator[tuple[object, ...]]:
    """The manifests' bytes; every other file's size and time (font files are large)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        yield (".", "unlisted", error.errno)
        return
    for name in names:
        path = folder / name
        try:
            info = path.stat()
        except OSError as error:
            yield (name, "gone", error.errno)
            continue
        if name.endswith(".yaml"):
            yield (name, _bytes(path, follow=True))
        else:
            yield (name, info.st_size, info.st_mtime_ns)


def _bytes(path: Path | str, follow: bool = False) -> str:
    """The file's SHA-256, or why it cannot be read (the reader says so too): a file replaced
    by a link, a pipe or a device since it was listed is never read."""
    flags = OPEN_FLAGS & ~getattr(os, "O_NOFOLLOW", 0) if follow else OPEN_FLAGS
    try:
        handle = os.open(path, flags)
    except OSError as error:
        return f"unreadable:{error.errno}"
    with open(handle, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return "not-a-file"
            return hashlib.file_digest(file, "sha256").hexdigest()
        except OSError as error:
            return f"unreadable:{error.errno}"


def _readlink(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError as error:
        return f"unreadable:{error.errno}"


def _where(content: Path) -> tuple[str, str]:
    """Where the build runs from and where its content is: diagnostics name files from there."""
    try:
        working = os.path.realpath(os.getcwd())
    except OSError:  # the working directory was removed
        working = ""
    return working, os.path.realpath(content)


def file_hash(path: Path) -> str:
    """The digest of an output: a file's bytes, or a folder's files' names and bytes (the web edition)."""
    if not path.is_dir():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    digest = hashlib.sha256()
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{file.relative_to(path).as_posix()}\0{file_hash(file)}\0".encode())
    return digest.hexdigest()


def lookup(out: Path, key: str) -> tuple[list[Path], list[Diagnostic]] | None:
    """The outputs and diagnostics of the last build with this fingerprint, if still intact."""
    try:
        record = json.loads((out / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("fingerprint") != key:
        return None
    paths = [out / entry["name"] for entry in record["outputs"]]
    for path, entry in zip(paths, record["outputs"]):
        if not path.exists() or file_hash(path) != entry["sha256"]:
            return None
    return paths, [Diagnostic(**item) for item in record["diagnostics"]]


def store(out: Path, key: str, paths: list[Path], diagnostics: list[Diagnostic]) -> None:
    record = {
        "fingerprint": key,
        "outputs": [{"name": os.path.relpath(p, out), "sha256": file_hash(p)} for p in paths],
        "diagnostics": [asdict(d) for d in diagnostics],
    }
    with atomic_path(out / CACHE_FILE) as temp:
        temp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
