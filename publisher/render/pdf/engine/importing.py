"""Importing WeasyPrint without paying twice for what does not change between builds.

Two accelerators (see :mod:`.patches`), each in force only with the version it was written for:

- ``import`` (WeasyPrint 70.0):

  - **Library lookup** (~0.15 s). For each C library WeasyPrint tries several names (Windows,
    macOS and Linux spellings); cffi hands each name it cannot open directly to
    ``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` and then *compiles a test
    program with gcc* and runs ``ld`` for every name that is not in the linker cache. Here the
    lookup reads the linker cache once and stops there: every library WeasyPrint needs also has
    a ``libNAME.so.0`` name, which cffi opens with ``dlopen`` directly (search path,
    ``LD_LIBRARY_PATH`` and linker cache included), so nothing that loads without this fails to
    load with it. Restored as soon as the import is done.
  - **Fallbacks** (~0.09 s). WeasyPrint imports fontTools' subsetter and variable-font instancer
    (and, through them, uharfbuzz) for two things our builds do not do: cut a face with fontTools
    when HarfBuzz cannot (libharfbuzz-subset is a checked system requirement) and make a variable
    font static (the faces in ``fonts/`` are static). While WeasyPrint is imported, those two
    modules are stand-ins that import the real module the moment anything of them is used; after
    it, they are imported as usual.

- ``declarations`` (cffi 2.1.1): **C declarations** (~0.1 s at import, and a few ms for each C
  type WeasyPrint later names, ``ffi.new("hb_codepoint_t[22005]")``). cffi parses them with
  pycparser in every process. The parser's result is pure data that depends only on the text
  parsed and on cffi's version: it is kept in the user's cache folder (like Python's own
  ``__pycache__``), keyed by both, and reused; a sized array is made from its item type. A parser
  that has already parsed something, and a missing or unreadable cache, simply parse as before.

None of these changes what WeasyPrint computes: the same libraries are loaded, the same
declarations and the same modules are used, so the outputs are byte for byte the same.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pickle
import re
import subprocess
import sys
import types
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from publisher.render.pdf.engine.patches import replaced

ON_USE = {"fontTools.subset": (), "fontTools.varLib.instancer": ("instantiateVariableFont",)}
"""The fallbacks above, with the functions WeasyPrint 70 imports from them by name."""


def import_weasyprint(folder: Path | None, quick: bool, declarations: bool) -> None:
    """Import WeasyPrint (once per process); ``quick``: with the ``import`` accelerator,
    ``declarations``: with the parsed declarations kept in ``folder``."""
    if "weasyprint" in sys.modules:
        return
    with ExitStack() as stack:
        if quick:
            stack.enter_context(_linker_cache_lookup())
            stack.enter_context(_imported_on_use(ON_USE))
        if declarations and folder is not None:
            stack.enter_context(_cached_declarations(folder))
        import weasyprint
        import weasyprint.text.ffi  # noqa: F401  (the C declarations and libraries)


@contextmanager
def _imported_on_use(modules: dict[str, tuple[str, ...]]) -> Iterator[None]:
    """Stand-ins for ``modules`` (not imported yet) while WeasyPrint is imported; see the module's docstring."""
    stand_ins = {name: _on_use(name, functions) for name, functions in modules.items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _on_use(name: str, functions: tuple[str, ...]) -> types.ModuleType:
    """A module that imports the real ``name`` when an attribute is asked of it, or one of
    ``functions`` (taken by name at import time) is called."""
    stand_in = types.ModuleType(name)

    def real() -> types.ModuleType:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return importlib.import_module(name)

    def deferred(function: str):
        def call(*args, **kwargs):
            return getattr(real(), function)(*args, **kwargs)

        call.__name__ = function
        return call

    def attribute_of_real(attribute: str):
        if attribute.startswith("__"):  # what the import system asks of any module (``__path__``…)
            raise AttributeError(attribute)
        return getattr(real(), attribute)

    for function in functions:
        setattr(stand_in, function, deferred(function))
    stand_in.__getattr__ = attribute_of_real
    return stand_in


@contextmanager
def _linker_cache_lookup() -> Iterator[None]:
    """``ctypes.util.find_library`` answered from one reading of the linker cache (glibc Linux only)."""
    import ctypes.util

    if not hasattr(ctypes.util, "_findSoname_ldconfig"):
        yield
        return
    listing: list[bytes] = []

    def find_library(name: str) -> str | None:
        if not listing:
            listing.append(_ldconfig_listing())
        # The very expression ctypes.util._findSoname_ldconfig searches for.
        machine = os.uname().machine + ("-64" if sys.maxsize > 2**32 else "-32")
        abi = {
            "x86_64-64": "libc6,x86-64",
            "ppc64-64": "libc6,64bit",
            "sparc64-64": "libc6,64bit",
            "s390x-64": "libc6,64bit",
            "ia64-64": "libc6,IA-64",
        }.get(machine, "libc6")
        found = re.search(os.fsencode(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"), listing[0])
        return os.fsdecode(found.group(1)) if found else None

    with replaced(ctypes.util, find_library=find_library):
        yield


def _ldconfig_listing() -> bytes:
    try:
        return subprocess.run(
            ["/sbin/ldconfig", "-p"],
            stdin=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
        ).stdout
    except OSError:
        return b""


ARRAY = re.compile(r"([^\[\]]+)\[(\d+)\]")
"""A sized array type, ``hb_codepoint_t[22005]``: its size changes with the text, its item type does not."""


@contextmanager
def _cached_declarations(folder: Path) -> Iterator[None]:
    """While importing, a fresh cffi parser takes its state from the cache instead of parsing.

    The types WeasyPrint asks for later by name (``ffi.new("PangoRectangle *")``,
    each a pycparser run of a few milliseconds on a first use) come from the same
    cache, pickled with the declarations they point into (cffi compares struct
    types by identity, so they must share one object graph). Types first met in
    this process are added to the cache when it exits.
    """
    import cffi
    from cffi import cparser

    original = cparser.Parser.parse

    def parse(parser, csource, override=False, packed=False, pack=None, dllexport=False):
        fresh = not parser._declarations and not parser._int_constants
        key = hashlib.sha256(repr((2, cffi.__version__, csource, override, packed, pack, dllexport)).encode())
        path = folder / f"cffi-{key.hexdigest()[:32]}.pickle"
        if not fresh:
            return original(parser, csource, override, packed, pack, dllexport)
        with suppress(Exception):
            entry = pickle.loads(path.read_bytes())
            state, clean, types = entry["state"], entry["clean"], entry["types"]
            parser.__dict__.update(state)
            _TypeCache(parser, path, clean, types)
            return None
        result = original(parser, csource, override, packed, pack, dllexport)
        # Pickled now, before any use: cffi marks declarations it has built C types for.
        clean = pickle.dumps(_state(parser), protocol=pickle.HIGHEST_PROTOCOL)
        _TypeCache(parser, path, clean, {}).save_at_exit()
        return result

    with replaced(cparser.Parser, parse=parse):
        yield


def _state(parser) -> dict:
    return {name: value for name, value in parser.__dict__.items() if name != "_structnode2type"}


class _TypeCache:
    """``parser.parse_type_and_quals`` answered from the cache, sized arrays from their item type."""

    def __init__(self, parser, path: Path, clean: bytes, types: dict) -> None:
        self.path, self.clean, self.types, self.new = path, clean, types, False
        self.parse = parser.parse_type_and_quals
        parser.parse_type_and_quals = self.parse_type_and_quals

    def parse_type_and_quals(self, cdecl: str):
        if cdecl in self.types:
            return self.types[cdecl]
        sized = ARRAY.fullmatch(cdecl)
        if sized:
            from cffi import model

            unsized, quals = self.parse_type_and_quals(sized[1] + "[]")
            if isinstance(unsized, model.ArrayType) and unsized.length is None:
                return model.ArrayType(unsized.item, int(sized[2])), quals
        found = self.types[cdecl] = self.parse(cdecl)
        if not self.new:
            self.new = True
            self.save_at_exit()
        return found

    def save_at_exit(self) -> None:
        import atexit

        atexit.register(self.save, os.getpid())

    def save(self, pid: int) -> None:
        """Parse every type met so far again, against a fresh copy of the clean declarations, and
        pickle the two together (a forked child, which leaves without exit handlers, never does)."""
        if os.getpid() != pid:
            return
        with suppress(Exception):
            from cffi import cparser

            parser = cparser.Parser()
            state = pickle.loads(self.clean)
            parser.__dict__.update(state)
            types = {cdecl: parser.parse_type_and_quals(cdecl) for cdecl in sorted(self.types)}
            _store(self.path, {"state": state, "clean": self.clean, "types": types})


def _store(path: Path, entry: dict) -> None:
    """Write the cache entry atomically; a folder that cannot be written only means no cache."""
    with suppress(Exception):
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_bytes(pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temp, path)
