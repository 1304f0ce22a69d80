"""Skip a build whose inputs have not changed, so a no-op rebuild costs almost nothing.

The fingerprint covers everything that shapes the outputs: every file of the
content folder, the layouts, the fonts, the package's own code, the version of
every installed distribution (the engines), the options, and the date the build
would stamp. A hit also requires the previous outputs to be on disk, byte for
byte as recorded.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path

from publisher.build.dates import last_commit_time
from publisher.diagnostics import Diagnostic
from publisher.resources import PACKAGE
from publisher.util.atomic import atomic_path
from publisher.util.distributions import dist_infos

CACHE_FILE = Path(".cache") / "build.json"


def fingerprint(
    content: Path, layouts: Sequence[Path], fonts: Sequence[Path], settings: dict, environ: Mapping[str, str]
) -> str:
    digest = hashlib.sha256()
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(environ.get("SOURCE_DATE_EPOCH", "").encode())
    digest.update(str(last_commit_time(content) if content.is_dir() else "").encode())
    for name in dist_infos():
        digest.update(name.encode() + b"\0")
    roots = [(content, "**/*"), *((folder, "**/*") for folder in layouts), (PACKAGE, "**/*.py")]
    for root, pattern in [*roots, *((folder, "*.yaml") for folder in fonts)]:
        for path in sorted(root.glob(pattern)):
            if _inside(path, root) and path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                with path.open("rb") as handle:
                    digest.update(hashlib.file_digest(handle, "sha256").digest())
    for path in sorted(path for folder in fonts for path in folder.glob("*")):
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path`` really lies in ``root``: a symbolic link out of the content is not
    read here (the reader refuses it and says so)."""
    try:
        return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))
    except OSError:
        return False


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        if not path.is_file() or file_hash(path) != entry["sha256"]:
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
