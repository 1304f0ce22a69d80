"""What a PDF/X file may not hold, looked for in the file as written.

WeasyPrint writes what the stylesheet and the images ask for: a colour left in RGB, an RGB
image, a font it could not embed or, in a PDF/X-1a, transparency would make a press file that a
printer's preflight refuses. This finds them structurally (no veraPDF here): DeviceRGB colour
operators and colour spaces, RGB images, fonts without their file, and, for X-1a, soft masks,
constant alpha below 1, blend modes and transparency groups, on every page and in every form
it draws.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RGB_OPERATORS = {b"rg", b"RG"}
SPACE_OPERATORS = {b"cs", b"CS"}
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
FIX = "print it as a plain PDF, or change the layout's stylesheet"
OPAQUE = "remove opacity and blending from the layout's stylesheet and the images' alpha, or print a PDF/X-4"
FIXES = {
    **dict.fromkeys(("a transparency group", "transparency", "a soft mask", "a blend mode"), OPAQUE),
    "an image with a soft mask": OPAQUE,
    "a colour in RGB": "give each colour of layout.yaml a 'cmyk:' value and use colour(…) or device-cmyk() in the "
    "stylesheet for every colour",
    "an RGB image": "convert the image to CMYK (a JPEG) or to greyscale",
    "a font that is not embedded": "use the fonts of fonts/manifest.yaml only",
}
"""What to do about each kind of problem: the stylesheet and the images are the editor's."""


NAMES = {"pdf/x-4": "PDF/X-4", "pdf/x-1a": "PDF/X-1a"}


@dataclass(frozen=True)
class Problem:
    """One kind of problem, and the pages it is on."""

    what: str
    pages: tuple[int, ...]

    def message(self, variant: str) -> str:
        name = NAMES[variant]
        pages = ", ".join(map(str, self.pages[:8])) + (", …" if len(self.pages) > 8 else "")
        fix = FIXES.get(self.what.split(" (")[0], FIX)
        where = f"page{'s' if len(self.pages) > 1 else ''} {pages}"
        return f"the {name} file holds {self.what} ({where}), which a {name} may not: {fix}"


def problems(path: Path, variant: str) -> list[Problem]:
    """Every way the PDF at ``path`` breaks the PDF/X ``variant`` (``pdf/x-4`` or ``pdf/x-1a``) it claims."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    found: dict[str, dict[int, None]] = {}
    for number, page in enumerate(reader.pages, 1):
        for what in _page(reader, page, opaque=variant == "pdf/x-1a"):
            found.setdefault(what, {})[number] = None
    return [Problem(what, tuple(pages)) for what, pages in found.items()]


def _page(reader: Any, page: Any, opaque: bool) -> Iterator[str]:
    if opaque and _transparency_group(page):
        yield "a transparency group"
    yield from _drawing(reader, page.get_contents(), page.get("/Resources"), opaque, set())


def _drawing(reader: Any, content: Any, resources: Any, opaque: bool, seen: set) -> Iterator[str]:
    """What a content stream draws with that a PDF/X may not: its operators, and the resources it uses by name
    (WeasyPrint shares one resource dictionary among all pages); each form is followed once."""
    from pypdf.generic import ContentStream

    resources = resources.get_object() if resources is not None else {}

    def used(kind: str, name: object) -> Any:
        return (resources.get(kind) or {}).get(name)

    for operands, operator in ContentStream(content, reader).operations if content is not None else []:
        if operator in RGB_OPERATORS or (
            operator in SPACE_OPERATORS
            and operands
            and (operands[0] == "/DeviceRGB" or _rgb(used("/ColorSpace", operands[0])))
        ):
            yield "a colour in RGB"
        elif operator == b"gs" and operands and (state := used("/ExtGState", operands[0])) is not None:
            yield from _state(state.get_object(), opaque)
        elif operator == b"Tf" and operands and (font := used("/Font", operands[0])) is not None:
            if not _embedded(font.get_object()):
                yield f"a font that is not embedded ({font.get_object().get('/BaseFont')})"
        elif operator == b"Do" and operands and (reference := used("/XObject", operands[0])) is not None:
            key = getattr(reference, "idnum", None) or id(reference)
            if key not in seen:
                seen.add(key)
                yield from _xobject(reader, reference.get_object(), opaque, seen)


def _xobject(reader: Any, xobject: Any, opaque: bool, seen: set) -> Iterator[str]:
    if xobject.get("/Subtype") == "/Image":
        if _rgb(xobject.get("/ColorSpace")):
            yield "an RGB image"
        if opaque and "/SMask" in xobject:
            yield "an image with a soft mask"
    elif xobject.get("/Subtype") == "/Form":
        if opaque and _transparency_group(xobject):
            yield "a transparency group"
        yield from _drawing(reader, xobject, xobject.get("/Resources"), opaque, seen)


def _state(state: Any, opaque: bool) -> Iterator[str]:
    if not opaque:
        return
    if state.get("/SMask", "/None") != "/None":
        yield "a soft mask"
    if any(float(state.get(key, 1)) < 1 for key in ("/ca", "/CA")):
        yield "transparency (an alpha below 1)"
    if state.get("/BM", "/Normal") not in ("/Normal", "/Compatible"):
        yield "a blend mode"


def _transparency_group(node: Any) -> bool:
    group = node.get("/Group")
    return group is not None and group.get_object().get("/S") == "/Transparency"


def _rgb(space: Any) -> bool:
    space = space.get_object() if space is not None else None
    if space == "/DeviceRGB":
        return True
    if isinstance(space, list) and space and space[0] == "/ICCBased":
        return space[1].get_object().get("/N") == 3
    if isinstance(space, list) and space and space[0] == "/Indexed":
        return _rgb(space[1])
    return False


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True
    for descendant in font.get("/DescendantFonts") or []:
        if not _embedded(descendant.get_object()):
            return False
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return "/DescendantFonts" in font
    return any(key in descriptor.get_object() for key in FONT_FILES)
