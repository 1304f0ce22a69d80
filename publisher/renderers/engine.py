"""Importing WeasyPrint without paying twice for what does not change between builds.

``import weasyprint`` took ~0.45 s of a 1.5 s build, most of it not typesetting:

- **Library lookup** (~0.15 s). For each C library WeasyPrint tries several
  names (Windows, macOS and Linux spellings); cffi hands each name it cannot
  open directly to ``ctypes.util.find_library``, which on Linux runs
  ``ldconfig -p`` and then *compiles a test program with gcc* and runs ``ld``
  for every name that is not in the linker cache. Here the lookup reads the
  linker cache once and stops there: every library WeasyPrint needs also has
  a ``libNAME.so.0`` name, which cffi opens with ``dlopen`` directly (search
  path, ``LD_LIBRARY_PATH`` and linker cache included), so nothing that loads
  now failed to load before. Restored as soon as the import is done.
- **C declarations** (~0.1 s). cffi parses WeasyPrint's 500 lines of C
  declarations with pycparser on every import. The parser's result is pure
  data that depends only on the text parsed and on cffi's version: it is kept
  in the user's cache folder (``$XDG_CACHE_HOME/publisher``, like Python's own
  ``__pycache__``), keyed by both, and reused. A parser that has already
  parsed something, a missing or unreadable cache and any other cffi version
  than the one this was written against simply parse as before.

Neither changes what WeasyPrint computes: the same libraries are loaded and
the same declarations are used, so the outputs are byte for byte the same.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

CFFI_TARGET = "2.1.1"
"""The cffi whose parser state (``cffi.cparser.Parser``) is cached; any other version parses as usual."""


def import_weasyprint() -> None:
    """Import WeasyPrint (once per process) with the two shortcuts above."""
    if "weasyprint" in sys.modules:
        return
    with _linker_cache_lookup(), _cached_declarations(_cache_folder()):
        import weasyprint  # noqa: F401
        import weasyprint.text.ffi  # noqa: F401  (the C declarations and libraries)


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "publisher"


@contextmanager
def _linker_cache_lookup() -> Iterator[None]:
    """``ctypes.util.find_library`` answered from one reading of the linker cache (glibc Linux only)."""
    import ctypes.util

    if not hasattr(ctypes.util, "_findSoname_ldconfig"):
        yield
        return
    original = ctypes.util.find_library
    listing: list[bytes] = []

    def find_library(name: str) -> str | None:
        if not listing:
            listing.append(_ldconfig_listing())
        # The very expression ctypes.util._findSoname_ldconfig searches for.
        machine = os.uname().machine + ("-64" if sys.maxsize > 2**32 else "-32")
        abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
               "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")
        found = re.search(os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi)), listing[0])
        return os.fsdecode(found.group(1)) if found else None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> bytes:
    try:
        return subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, env={"LC_ALL": "C", "LANG": "C"}, check=False).stdout
    except OSError:
        return b""


@contextmanager
def _cached_declarations(folder: Path) -> Iterator[None]:
    """While importing, a fresh cffi parser takes its state from the cache instead of parsing."""
    import cffi
    from cffi import cparser

    if cffi.__version__ != CFFI_TARGET:
        yield
        return
    original = cparser.Parser.parse

    def parse(parser, csource, override=False, packed=False, pack=None, dllexport=False):
        fresh = not parser._declarations and not parser._int_constants
        key = hashlib.sha256(repr((cffi.__version__, csource, override, packed, pack, dllexport)).encode())
        path = folder / f"cffi-{key.hexdigest()[:32]}.pickle"
        if fresh:
            with suppress(Exception):
                parser.__dict__.update(pickle.loads(path.read_bytes()))
                return None
        result = original(parser, csource, override, packed, pack, dllexport)
        if fresh:
            _store(path, {name: value for name, value in parser.__dict__.items() if name != "_structnode2type"})
        return result

    cparser.Parser.parse = parse
    try:
        yield
    finally:
        cparser.Parser.parse = original


def _store(path: Path, state: dict) -> None:
    """Write the cache entry atomically; a folder that cannot be written only means no cache."""
    with suppress(Exception):
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, path)
