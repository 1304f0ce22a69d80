"""An annotated copy of an inspected PDF: each violation drawn where it is, for a typesetter to look at.

Every violation becomes PDF annotations on its page: a coloured box (a ``Square``
annotation) around each printed line it concerns, carrying the rule, the message and
the source file:line as its note, which viewers show on hover and list in their
comments panel. A violation of a whole page (the text layer, a missing table of
contents) is a note icon (a ``Text`` annotation) in the page's top margin.
Annotations leave the page content untouched: the copy prints like the original
when a viewer hides comments. Viewers draw both kinds from their colour and border,
as the PDF standard lets them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject

from publisher.checks.inspect.inspector import Inspection
from publisher.checks.inspect.lines import Line
from publisher.checks.inspect.model import Violation
from publisher.checks.inspect.source import printed_line

COLOURS = {
    "glyph": (0.75, 0.0, 0.75),
    "paragraph": (0.9, 0.45, 0.0),
    "page": (0.1, 0.35, 0.85),
    "line": (0.85, 0.1, 0.1),
}
"""RGB of each family of rules: what kind of problem a box is, seen from afar."""
FAMILIES = {
    "glyph-missing": "glyph",
    "glyph-fallback": "glyph",
    "lone-char": "paragraph",
    "widow": "paragraph",
    "orphan": "paragraph",
    "heading-last": "paragraph",
    "outline": "page",
    "toc": "page",
    "running-head": "page",
    "folio": "page",
    "text-layer": "page",
}
"""Each code's family; every other code is a rule on lines."""
ASCENT, DESCENT = 0.88, 0.12  # of the font size: a CJK em box around the baseline
PAD = 1.5  # pt around a line's box
ICON = 14.0  # pt: a note icon's size
MARGIN_STEP = 16.0  # pt between note icons side by side in the top margin


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF user space (points, origin at the bottom left of the media box)."""

    left: float
    bottom: float
    right: float
    top: float


def annotate(inspection: Inspection, target: Path) -> None:
    """Write a copy of the inspected PDF to ``target`` with every violation drawn."""
    writer = PdfWriter(clone_from=str(inspection.pdf))
    in_margin: dict[int, int] = defaultdict(int)
    for number, violation in enumerate(inspection.violations):
        note = _note(violation)
        colour = COLOURS[FAMILIES.get(violation.code, "line")]
        lines = [line for line in violation.lines if 1 <= line.page <= len(writer.pages)]
        for part, line in enumerate(lines):
            page = writer.pages[line.page - 1]
            box = _line_box(line, page.trimbox)
            writer.add_annotation(page, _annotation("/Square", box, colour, note, f"{number}.{part}"))
        if not lines:
            page = writer.pages[violation.page - 1]
            trim = page.trimbox
            left = float(trim.left) + 4 + MARGIN_STEP * in_margin[violation.page]
            in_margin[violation.page] += 1
            box = Box(left, float(trim.top) - 4 - ICON, left + ICON, float(trim.top) - 4)
            icon = _annotation("/Text", box, colour, note, str(number))
            icon[NameObject("/Name")] = NameObject("/Comment")
            writer.add_annotation(page, icon)
    with target.open("wb") as out:
        writer.write(out)


def source_of(violation: Violation) -> str:
    """``file:line`` of the source a violation's first line comes from; the article's file if not found."""
    span = violation.article
    if span is None:
        return ""
    line = printed_line(list(span.pieces), violation.lines[0].text) if violation.lines else None
    return f"{span.article.pos.file}:{line or span.article.pos.line}"


def _note(violation: Violation) -> str:
    where = f"{violation.article.label}: " if violation.article else ""
    context = f" — “{violation.context}”" if violation.context else ""
    source = source_of(violation)
    return f"{violation.code}: {where}{violation.message}{context}" + (f"\nsource: {source}" if source else "")


def _line_box(line: Line, trim) -> Box:
    left, top = float(trim.left), float(trim.top)
    return Box(
        left + min(char.left for char in line.chars) - PAD,
        top - max(char.baseline + DESCENT * char.size for char in line.chars) - PAD,
        left + max(max(char.right, char.ink) for char in line.chars) + PAD,
        top - min(char.baseline - ASCENT * char.size for char in line.chars) + PAD,
    )


def _annotation(subtype: str, box: Box, colour: tuple[float, ...], note: str, name: str) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): _numbers(box.left, box.bottom, box.right, box.top),
            NameObject("/C"): _numbers(*colour),
            NameObject("/BS"): DictionaryObject({NameObject("/W"): NumberObject(1)}),
            NameObject("/F"): NumberObject(4),
            NameObject("/T"): TextStringObject("publisher inspect"),
            NameObject("/NM"): TextStringObject(f"publisher-inspect-{name}"),
            NameObject("/Contents"): TextStringObject(note),
        }
    )


def _numbers(*values: float) -> ArrayObject:
    return ArrayObject(FloatObject(round(value, 2)) for value in values)
