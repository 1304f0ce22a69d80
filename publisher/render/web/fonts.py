"""The book's faces on the web: WOFF2 files cut down to the characters of the site (layout ``web.fonts``).

The same subsets as the e-book's (:func:`publisher.render.epub.fonts.subset`), compressed as WOFF2
(fontTools with Brotli), the format every current browser reads and the smallest. Each face is cut
into slices of fixed ranges of code points (:data:`SLICES`), each a file of its own declared with
its ``unicode-range``, as web font services serve CJK faces: compressing a whole CJK face takes a
second or two, a slice a tenth of that, so an edit that brings a new character (a rebuild in
``publisher serve``) compresses again only the slice of each face that holds it. Each slice is
kept in ``build/.cache/woff2/`` under the face's bytes, its characters and the tools' versions.
"""

from __future__ import annotations

import functools
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from publisher.layout.fonts import Face
from publisher.render.epub.fonts import face_codepoints, subset
from publisher.render.job import RenderJob
from publisher.util import kept
from publisher.util.distributions import versions

FOLDER = "fonts"
SLICES = (
    (0x0000, 0x3000),  # Latin, punctuation, symbols
    (0x3000, 0x4E00),  # CJK symbols and punctuation, kana, extension A
    *((start, start + 0x800) for start in range(0x4E00, 0xA000, 0x800)),  # CJK unified ideographs
    (0xA000, 0x110000),  # compatibility ideographs, full-width forms, the rest
)
"""The ranges of code points a face is cut into, the same for every book: a slice's characters move
only when the book's text in that range does."""
NEWEST = 128
ENGINES = ("uharfbuzz", "fonttools", "brotli")
"""What cuts and compresses a face: a kept WOFF2 is looked up under their versions too."""


@dataclass(frozen=True)
class WebFont:
    face: Face
    name: str
    """The file's path in the site, e.g. ``fonts/NotoSerifSC-Regular-02.woff2``."""
    data: bytes
    unicode_range: str
    """The slice's range as CSS ``unicode-range`` gives it, e.g. ``U+4E00-55FF``."""


def web_fonts(job: RenderJob, text: str, code: str) -> list[WebFont]:
    """Each face of the layout, once, as WOFF2 slices cut down to the characters of ``text``, or of ``code``
    for a face that sets nothing else (left out if that is empty, as in the e-book); none with
    ``web.fonts: none``."""
    if job.layout.web.fonts == "none":
        return []
    faces = {face.path: face for face in job.faces.values()}
    engines = _engines()
    fonts = []
    for path, codepoints in face_codepoints(job, text, code).items():
        for index, (low, high) in enumerate(SLICES):
            inside = tuple(point for point in codepoints if low <= point < high)
            if inside:
                data = woff2(path, inside, job.kept_in("woff2"), engines)
                name = f"{FOLDER}/{path.stem}-{index:02d}.woff2"
                fonts.append(WebFont(faces[path], name, data, f"U+{low:04X}-{high - 1:04X}"))
    return fonts


def _engines() -> list[str]:
    """The versions of :data:`ENGINES`, from one listing of site-packages (``importlib.metadata`` parses
    each distribution's metadata on every call: a tenth of a second for the slices of a book)."""
    installed = versions()
    return [installed.get(name, "") for name in ENGINES]


def woff2(path: Path, codepoints: tuple[int, ...], folder: Path | None, engines: list[str]) -> bytes:
    """The font at ``path`` cut down to ``codepoints``, as WOFF2 (kept in ``folder``, if given, under
    the versions of the ``engines`` too)."""
    status = path.stat()
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
