"""The faces the print edition is laid out with: each face of ``fonts/`` cut to what a book can show, and kept.

WeasyPrint reads, copies and hashes every face it is given, several times a build, before it cuts
it to the glyphs the PDF shows: work that grows with the face, not with the book. The faces in
``fonts/`` keep every character of their sources (9–15 MB each), where a book uses a few thousand.
So each face is first cut with HarfBuzz to GB 2312, the common punctuation, symbol and Latin
ranges, and every other character of the book (its document) and of the layout's files
(templates, stylesheets, labels): every character the print edition can draw, generated text
included. The cut keeps the face's glyphs, metrics, layout features and names.

A cut is kept in the user's cache folder beside the engine's declarations (the build's own
``build/.cache/faces/`` without one), under a key of the face (path, size and time, as the build
fingerprint knows it), the characters beyond GB 2312 and the common ranges, and HarfBuzz's
version: every build of a book, and of most books, finds it there, without importing HarfBuzz or
listing GB 2312. The glyph check reads the whole faces, so a character no face has is still
reported before anything is laid out.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from publisher.document import to_data
from publisher.render.job import RenderJob
from publisher.util import kept
from publisher.util.distributions import versions

NEWEST = 32  # cuts kept (2–4 MB each): the four faces of eight books with rare characters of their own;
# enough that the builds of other books running beside a build do not evict the cuts it is about to load
COMMON_RANGES = (
    (0x0020, 0x007E),  # Basic Latin (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x218F),  # Letterlike Symbols, Number Forms
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)


def cut_faces(job: RenderJob) -> dict[Path, Path]:
    """Each face file of the layout → the file of its cut (the face itself when nothing can be kept)."""
    folder = job.engine_cache / "faces" if job.engine_cache else job.kept_in("faces")
    paths = sorted({face.path for face in job.faces.values()})
    if folder is None:
        return {path: path for path in paths}
    drawn = set(json.dumps(to_data(job.book), ensure_ascii=False))  # every text of the document, and more
    for text in _layout_texts(job.layout.folders):
        drawn.update(text)
    extra = tuple(sorted(ord(char) for char in drawn if not _common(char)))
    harfbuzz = versions().get("uharfbuzz", "")
    return {path: _cut(folder, path, extra, harfbuzz) for path in paths}


def _common(char: str) -> bool:
    """Whether a cut keeps ``char`` whatever the book: a character of GB 2312 or of the common ranges."""
    code = ord(char)
    if any(low <= code <= high for low, high in COMMON_RANGES):
        return True
    try:
        return len(char.encode("gb2312")) == 2
    except UnicodeEncodeError:
        return False


def _common_codepoints() -> Iterable[int]:
    for low, high in COMMON_RANGES:
        yield from range(low, high + 1)
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                yield ord(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue


def _layout_texts(folders: Iterable[Path]) -> Iterable[str]:
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield path.read_bytes().decode("utf-8", "ignore")


def _cut(folder: Path, path: Path, extra: tuple[int, ...], harfbuzz: str) -> Path:
    stat = path.stat()
    face = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, harfbuzz)
    digest = hashlib.sha256(repr((face, "GB 2312", COMMON_RANGES, extra)).encode())
    cut = folder / digest.hexdigest()
    if not cut.is_file():
        kept.keep(folder, cut.name, _subset(path, (*sorted(set(_common_codepoints())), *extra)), NEWEST)
    return cut if cut.is_file() else path  # a folder that cannot be written: the whole face


def _subset(path: Path, codepoints: tuple[int, ...]) -> bytes:
    """The face at ``path`` with the glyphs of ``codepoints`` and those its layout features reach from them."""
    import uharfbuzz as hb

    request = hb.SubsetInput()
    for codepoint in codepoints:
        request.unicode_set.add(codepoint)
    for kind in (hb.SubsetInputSets.NAME_ID, hb.SubsetInputSets.NAME_LANG_ID, hb.SubsetInputSets.LAYOUT_FEATURE_TAG):
        every = request.sets(kind)
        every.clear()
        every.invert()  # the empty set inverted: all of them
    request.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    return bytes(hb.subset(hb.Face(hb.Blob.from_file_path(os.fspath(path))), request).blob.data)
