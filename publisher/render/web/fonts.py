"""The book's faces on the web: WOFF2 files cut down to the characters of the site (layout ``web.fonts``).

The same subsets as the e-book's (:func:`publisher.render.epub.fonts.subset`), compressed as WOFF2
(fontTools with Brotli), the format every current browser reads and the smallest. A CJK subset takes
a second or two to compress, so each is kept in ``build/.cache/woff2/`` under the font's bytes and
the characters: a rebuild after an edit that brings no new character reuses it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from publisher.layout.fonts import Face
from publisher.render.epub.fonts import subset
from publisher.render.job import RenderJob
from publisher.util import kept

FOLDER = "fonts"
NEWEST = 8
ENGINES = ("uharfbuzz", "fonttools", "brotli")
"""What cuts and compresses a face: a kept WOFF2 is looked up under their versions too."""


@dataclass(frozen=True)
class WebFont:
    face: Face
    name: str
    """The file's path in the site, e.g. ``fonts/NotoSerifSC-Regular.woff2``."""
    data: bytes


def web_fonts(job: RenderJob, text: str) -> list[WebFont]:
    """Each face of the layout, once, as WOFF2 cut down to the characters of ``text``; none with ``web.fonts: none``."""
    if job.layout.web.fonts == "none":
        return []
    faces = {face.path: face for face in job.faces.values()}
    codepoints = tuple(sorted({ord(char) for char in text if unicodedata.category(char)[0] != "C"}))
    return [
        WebFont(faces[path], f"{FOLDER}/{path.stem}.woff2", woff2(path, codepoints, job.kept_in("woff2")))
        for path in sorted(faces)
    ]


def woff2(path: Path, codepoints: tuple[int, ...], folder: Path | None) -> bytes:
    """The font at ``path`` cut down to ``codepoints``, as WOFF2 (kept in ``folder``, if given)."""
    status = path.stat()
    engines = [metadata.version(name) for name in ENGINES]
    key = f"{_digest(path, status.st_size, status.st_mtime_ns)}:{engines}:{codepoints}"
    key = hashlib.sha256(key.encode()).hexdigest()
    found = kept.recall(folder, key)
    if found is None:
        from fontTools.ttLib import woff2 as compressor

        out = io.BytesIO()
        compressor.compress(io.BytesIO(subset(path, codepoints)[1]), out)
        found = out.getvalue()
        kept.keep(folder, key, found, NEWEST)
    return found


@functools.lru_cache(maxsize=16)
def _digest(path: Path, size: int, modified: int) -> str:
    """The font's digest, computed once per process for a file of that size and time: a font is megabytes,
    and ``publisher serve`` builds again on every save."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def licences(fonts: list[WebFont]) -> dict[str, bytes]:
    """The licence text of each font, by its path in the site (the OFL asks that it travel with the fonts)."""
    return {f"{FOLDER}/{font.face.license}": (font.face.path.parent / font.face.license).read_bytes() for font in fonts}
