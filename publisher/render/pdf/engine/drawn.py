"""Pages drawn in one process and written into another's PDF, byte for byte as if drawn there
(part of the two-core accelerator, see :mod:`.patches`).

Laid-out pages hold Pango objects and cannot leave the process that laid them out (see
:mod:`.twocores`). What drawing a page gives WeasyPrint's PDF writer (``pdf.generate_pdf``) can:

- the page's content stream, every operator of it;
- the fonts it draws with, and for each the glyphs it adds, with their widths and text, in the
  order it adds them: WeasyPrint embeds each face cut down to the glyphs used, with a width
  array and a to-Unicode map written in that order;
- the transparency states it sets (``/a0.5 gs``);
- the raster images it shows, each the first time (WeasyPrint names an image after its URL and
  embeds it once, at the largest resolution any page asks for);
- its size, links, anchors and bookmarks, which WeasyPrint reads before drawing.

The process that laid the pages out draws them with :class:`Drawer` into :class:`Drawing`
records; the writing process puts a :class:`DrawnPage` where each page goes, and WeasyPrint,
writing, "paints" it by adding the recorded operators to the page's stream and the fonts and
glyphs to its own, in page order, as it would have drawing the page itself.

A page that draws anything else (SVG images, gradients, groups, form fields, glyphs no face has,
anything WeasyPrint warns about) cannot be recorded so: :meth:`Drawer.draw` says why, and the
writing process lays that part of the book out itself.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pydyf
from weasyprint.images import LazyImage, RasterImage
from weasyprint.pdf.fonts import Font
from weasyprint.pdf.stream import Stream

SCALE = 0.75
"""PDF points per CSS pixel: WeasyPrint's ``zoom * 0.75`` at the zoom the PDF is written with (1)."""
ALPHA_STATE = re.compile(r"[aA][0-9.e-]+")
"""The transparency states ``Stream.set_alpha`` names after their value: the same in every process."""
LEFT_OUT = ("hb_font", "hb_face", "file_content", "widths", "to_unicode", "missing")
"""A font's attributes that are not plain values, or that drawing changes."""


@dataclass(frozen=True)
class FontMade:
    """A font the drawing process met first: its plain attributes and its face's file (a path
    both processes can read, or the bytes)."""

    attributes: dict
    file: str | bytes


@dataclass(frozen=True)
class FontUse:
    """What one page adds to one font: the font itself if it is new, and glyphs (widths, text)."""

    key: int
    made: FontMade | None
    widths: tuple
    to_unicode: tuple


@dataclass(frozen=True)
class Drawing:
    """One page as drawn: its operators and what it adds to the PDF's shared resources."""

    operators: bytes
    fonts: tuple[FontUse, ...]
    states: tuple
    images: tuple = ()
    """``(name, image or None, interpolate, ratio)`` for each image shown, the image itself the first time."""


@dataclass(frozen=True)
class Sheet:
    """What WeasyPrint reads from a page before it draws it (see ``pdf.generate_pdf``), and the
    article text it shows (for :mod:`.pagemap`)."""

    width: float
    height: float
    bleed: dict
    bookmarks: list
    links: list
    anchors: dict
    content: tuple


def sheet(page: Any, content: tuple) -> Sheet | str:
    """A laid-out page's sheet, or why it cannot be drawn elsewhere."""
    if any(page.forms.get(None, ())) or set(page.forms) - {None}:
        return "a form field"
    if any(link[0] == "attachment" for link in page.links):
        return "an attachment"
    return Sheet(
        page.width,
        page.height,
        dict(page.bleed),
        list(page.bookmarks),
        [link[:3] for link in page.links],
        dict(page.anchors),
        content,
    )


class DrawnPage:
    """A page drawn ahead (by another process, or by this one before writing), in the place of a
    WeasyPrint page in the document written."""

    def __init__(self, sheet: Sheet) -> None:
        self.width, self.height, self.bleed = sheet.width, sheet.height, sheet.bleed
        self.bookmarks, self.anchors, self.content = sheet.bookmarks, sheet.anchors, sheet.content
        self.links = [(*link, SimpleNamespace()) for link in sheet.links]  # WeasyPrint notes the annotation on the box
        self.forms: dict = {None: []}
        self.drawing: Drawing | None = None

    def paint(self, stream: Stream, scale: float = 1) -> None:
        """As ``Page.paint``: the recorded operators, fonts and states added to the stream's own."""
        assert scale == SCALE and self.drawing is not None, "a drawn page written at another zoom, or not drawn"
        for use in self.drawing.fonts:
            font = stream._fonts.get(use.key)
            if font is None:
                font = stream._fonts[use.key] = _font(use.made)
            for glyph, width in use.widths:
                font.widths.setdefault(glyph, width)
            for glyph, text in use.to_unicode:
                font.to_unicode.setdefault(glyph, text)
        for key, state in self.drawing.states:
            stream._resources["ExtGState"].setdefault(key, state)
        for name, image, interpolate, ratio in self.drawing.images:
            stream._resources["XObject"][name] = None  # as Stream.add_image, which WeasyPrint sets when writing
            if name in stream._images:
                stream._images[name]["dpi_ratios"].add(ratio)
            else:
                assert image is not None, "an image was shown before the page that brought it"
                stream._images[name] = {
                    "image": image,
                    "interpolate": interpolate,
                    "dpi_ratios": {ratio},
                    "x_object": None,
                }
        if self.drawing.operators:
            stream.stream.append(self.drawing.operators)


class Drawer:
    """Draws pages as ``pdf.generate_pdf`` does, each on a stream of its own, recording what each adds."""

    def __init__(self, faces: FaceFiles) -> None:
        self._faces = faces
        self._fonts: dict = {}
        self._sent: dict[int, tuple[int, int]] = {}
        self._resources = pydyf.Dictionary(
            {
                "ExtGState": pydyf.Dictionary(),
                "XObject": pydyf.Dictionary(),
                "Pattern": pydyf.Dictionary(),
                "Shading": pydyf.Dictionary(),
                "ColorSpace": None,
            }
        )
        self._images: dict = {}
        self._shown: set[str] = set()

    def draw(self, page: Any, document: Any) -> Drawing | str:
        """The page drawn (``document`` is the one it was laid out in), or why it cannot be recorded."""
        if document.color_profiles:
            return "a colour profile"
        warned = _Warnings()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(warned)
        try:
            stream = _page_stream(page, self._fonts, self._resources, self._images, document)
            start = len(stream.stream)
            fonts_before, states_before = list(self._fonts), list(self._resources["ExtGState"])
            page.paint(stream, SCALE)
        except Exception as exc:  # drawn again where it is written, and reported there if it fails again
            return f"an error ({type(exc).__name__}: {exc})"
        finally:
            logger.removeHandler(warned)
        states = self._resources["ExtGState"]
        why = warned.first or self._not_recordable()
        if why:
            return why
        operators = b"\n".join(pydyf._to_bytes(item) for item in stream.stream[start:])
        made = set(self._fonts) - set(fonts_before)
        uses = tuple(self._use(key, key in made) for key in self._fonts)
        added = tuple((key, states[key]) for key in list(states)[len(states_before) :])
        return Drawing(
            operators,
            tuple(use for use in uses if use.made or use.widths or use.to_unicode),
            added,
            tuple(self._image_uses(stream.shown)),
        )

    def _image_uses(self, shown: list) -> Iterator[tuple]:
        for name, image, interpolate, ratio in shown:
            yield name, None if name in self._shown else _portable(image), interpolate, ratio
            self._shown.add(name)

    def _not_recordable(self) -> str:
        """What the pages drawn so far use that a :class:`Drawing` does not carry ("" if nothing)."""
        if (
            set(self._resources["XObject"]) - set(self._images)
            or self._resources["Pattern"]
            or self._resources["Shading"]
            or not all(isinstance(data["image"], RasterImage) for data in self._images.values())
        ):
            return "an SVG image, a gradient or a transparency group"
        if any(not ALPHA_STATE.fullmatch(key) for key in self._resources["ExtGState"]):
            return "a graphics state"
        if any(font.missing for font in self._fonts.values()):
            return "a glyph no face has"
        return ""

    def _use(self, key: int, new: bool) -> FontUse:
        font = self._fonts[key]
        widths_sent, texts_sent = self._sent.get(key, (0, 0))
        self._sent[key] = (len(font.widths), len(font.to_unicode))
        return FontUse(
            key,
            self._made(font) if new else None,
            tuple(font.widths.items())[widths_sent:],
            tuple(font.to_unicode.items())[texts_sent:],
        )

    def _made(self, font: Font) -> FontMade:
        attributes = {name: value for name, value in vars(font).items() if name not in LEFT_OUT}
        return FontMade(attributes, self._faces.named(font.file_content) or font.file_content)


class FaceFiles:
    """The book's font files, each read at most once in a process, whichever drawers ask: a font
    whose bytes are one of them is sent as its path (the writing process reads it there)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._paths = paths
        self._read: dict[Path, bytes] = {}

    def named(self, data: bytes) -> str | None:
        """The path of the file holding exactly ``data``, if one does."""
        for path in self._paths:
            if path not in self._read:
                if path.stat().st_size != len(data):
                    continue
                self._read[path] = path.read_bytes()
            if self._read[path] == data:
                return str(path)
        return None


def _page_stream(page: Any, fonts: dict, resources: Any, images: dict, document: Any) -> Stream:
    """The stream ``pdf.generate_pdf`` opens for a page, before the page paints itself on it."""
    width = SCALE * (page.width + page.bleed["left"] + page.bleed["right"])
    height = SCALE * (page.height + page.bleed["top"] + page.bleed["bottom"])
    left, top = -SCALE * page.bleed["left"], -SCALE * page.bleed["top"]
    rectangle = (left / SCALE, top / SCALE, width / SCALE, height / SCALE)
    stream = _Showing(
        fonts, rectangle, resources, images, None, document.color_profiles, document.output_intent, compress=True
    )
    stream.transform(d=-1, f=(page.height * SCALE))
    return stream


class _Showing(Stream):
    """A page's stream that notes the images shown on it (on the page itself: groups are refused)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shown: list = []

    def add_image(self, image: Any, interpolate: bool, ratio: float) -> str:
        name = super().add_image(image, interpolate, ratio)
        self.shown.append((name, image, interpolate, ratio))
        return name


def _portable(image: RasterImage) -> RasterImage:
    """The image as the writing process needs it, with its own bytes and none of the other images'
    (WeasyPrint keeps them all in one cache)."""
    portable = copy.copy(image)
    portable._cache = {key: value for key, value in image._cache.items() if key.startswith(f"{image.id}-")}
    if isinstance(image.image_data, LazyImage):
        portable.image_data = copy.copy(image.image_data)
        portable.image_data._cache = portable._cache
    return portable


def _font(made: FontMade | None) -> Font:
    """A font another process drew with, as WeasyPrint's PDF writer uses it: attributes, face and file."""
    assert made is not None, "a font was used before the page that made it"
    font = Font.__new__(Font)
    vars(font).update(made.attributes)
    font.file_content = Path(made.file).read_bytes() if isinstance(made.file, str) else made.file
    font.hb_face = _hb_face(font.file_content, font.index)
    font.hb_font = None
    font.widths, font.to_unicode, font.missing = {}, {}, {}
    font.publisher_face_bytes = font.file_content  # what the face reads, kept while the font lives
    return font


HARFBUZZ = ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll")
"""HarfBuzz, as WeasyPrint loaded it (loading it again gives the same library)."""


def _hb_face(data: bytes, index: int) -> Any:
    """A HarfBuzz face of ``data`` (not copied) for WeasyPrint's font cutter (``Font._harfbuzz_subset``),
    which otherwise takes it from the Pango font the page was drawn with."""
    import ctypes

    from weasyprint.text.ffi import ffi, harfbuzz

    library = _loaded(ctypes, HARFBUZZ)
    library.hb_blob_create.restype = library.hb_face_create.restype = ctypes.c_void_p
    library.hb_blob_create.argtypes = [ctypes.c_char_p, ctypes.c_uint, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
    library.hb_face_create.argtypes = [ctypes.c_void_p, ctypes.c_uint]
    library.hb_blob_destroy.argtypes = [ctypes.c_void_p]
    blob = library.hb_blob_create(data, len(data), 1, None, None)  # 1: read-only, the bytes stay ours
    face = library.hb_face_create(blob, index)
    library.hb_blob_destroy(blob)  # the face holds its own reference
    return ffi.gc(ffi.cast("hb_face_t *", face), harfbuzz.hb_face_destroy)


def _loaded(ctypes: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    raise OSError(f"HarfBuzz was not found as {', '.join(names)}")


class _Warnings(logging.Handler):
    """The first thing WeasyPrint warned about while drawing: the page is then drawn where it is written,
    so that the warning is reported there, as always."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.first = ""

    def emit(self, record: logging.LogRecord) -> None:
        self.first = self.first or f"a warning ({record.getMessage()})"
