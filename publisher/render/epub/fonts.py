"""The book's faces inside the e-book, cut down to the characters it uses (layout ``epub.fonts``).

``subset`` (the default) embeds every face the layout names, each reduced
with HarfBuzz to the characters of the whole e-book, so that a reading
system shows the designed faces for every character of any text, a title
as much as a note: a full CJK face weighs 13–15 MB, a subset a few hundred KB.
A face that sets only code (the monospaced one) is reduced to the characters
of the book's code, and left out of a book without code.
``none`` embeds nothing and leaves the faces to the reading system.

Subsets are deterministic and keep the fonts' name records, copyright and
licence included; the licence texts travel with them (SIL OFL 1.1).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from publisher.layout.fonts import Face
from publisher.render.job import RenderJob

FOLDER = "fonts"


@dataclass(frozen=True)
class EmbeddedFont:
    face: Face
    href: str
    media_type: str
    data: bytes


def embedded_fonts(job: RenderJob, text: str, code: str) -> list[EmbeddedFont]:
    """Each face of the layout, once, subset to the characters of ``text``, or of ``code`` for a face
    that sets nothing else (left out if that is empty); none if ``epub.fonts: none``."""
    if job.layout.epub.fonts == "none":
        return []
    faces = {face.path: face for face in job.faces.values()}
    return [
        EmbeddedFont(faces[path], f"{FOLDER}/{path.name}", *subset(path, codepoints))
        for path, codepoints in face_codepoints(job, text, code).items()
    ]


def face_codepoints(job: RenderJob, text: str, code: str) -> dict[Path, tuple[int, ...]]:
    """Each face's file and the characters it must have: those of ``text``, or of ``code`` for a face
    that sets nothing else; a face with none is left out. The e-book and the web edition cut alike."""
    prose = {face.path for element, face in job.faces.items() if element != "code"}
    shown = {False: _codepoints(code), True: _codepoints(text)}
    found = {}
    for path in sorted({face.path for face in job.faces.values()}):
        if codepoints := shown[path in prose]:
            found[path] = codepoints
    return found


def _codepoints(text: str) -> tuple[int, ...]:
    """The characters of ``text`` that draw something (no control or format character), sorted."""
    return tuple(sorted(ord(char) for char in set(text) if unicodedata.category(char)[0] != "C"))


def shown_text(markup: str) -> tuple[str, str]:
    """Every character a reader sees in a page's markup, and those of its code."""
    from lxml import html as lxml_html

    root = lxml_html.document_fromstring(markup)
    return root.text_content(), "".join(element.text_content() for element in root.iter("code"))


def subset(path: Path, codepoints: tuple[int, ...]) -> tuple[str, bytes]:
    """The media type and bytes of the font at ``path`` cut down to ``codepoints``.

    HarfBuzz's subsetter (uharfbuzz) does in milliseconds what fontTools does
    in most of a second per CJK face, with the same result for our purpose:
    every name record kept (copyright, licence, reserved names, as the OFL
    asks), outlines desubroutinised (smaller once deflated), bytes reproducible.
    """
    import uharfbuzz as hb

    request = hb.SubsetInput()
    for codepoint in codepoints:
        request.unicode_set.add(codepoint)
    for kind in (hb.SubsetInputSets.NAME_ID, hb.SubsetInputSets.NAME_LANG_ID):
        every = request.sets(kind)
        every.clear()
        every.invert()  # the empty set inverted: all of them
    request.flags = hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NOTDEF_OUTLINE
    result = hb.subset(hb.Face(hb.Blob.from_file_path(str(path))), request).blob.data
    return ("font/otf" if result[:4] == b"OTTO" else "font/ttf"), bytes(result)


def licences(fonts: list[EmbeddedFont]) -> dict[str, bytes]:
    """The licence text of each embedded font, by its name in the package."""
    found: dict[str, bytes] = {}
    for font in fonts:
        name = font.face.license
        found[f"{FOLDER}/{name}"] = (font.face.path.parent / name).read_bytes()
    return found
