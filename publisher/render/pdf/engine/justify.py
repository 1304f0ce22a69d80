"""Inter-character justification for WeasyPrint (CLReq §3.8), without a character added to the text.

WeasyPrint 70 justifies a line only by widening its spaces
(``layout.inline.justify_line``), so Chinese lines, which have none, stay
ragged. Here a justified line's slack is spread evenly over its
justification opportunities: every gap next to a wide character (Han, kana,
full-width punctuation, and the marks Chinese sets full-width: “”‘’—…·) and
every space; never after the line's last character, never inside ``——`` or
``……`` (their halves must join), never inside a Latin word or a number, and never
inside text whose white space is kept as written (code, see :mod:`publisher.layout.code`).

Each stretched text box keeps its text; it is given a :class:`SpacedLayout`,
which, when WeasyPrint draws it, widens the advance of the last glyph of each
character followed by an opportunity. The PDF shows the same glyphs with the
same Unicode maps, only further apart, so the text copies and searches as before.

A Han–Latin gap (the ¼-em margin of a span, see :mod:`publisher.layout.autospace`)
at the start or end of a line is dropped before the line is aligned: CLReq puts
no gap against the edge of the type area, so the line starts flush and its slack
is spread like any other.

The patch touches WeasyPrint's internals: it is ``justify`` in :mod:`.patches`, a required patch (a
layout that asks for it cannot be printed on another WeasyPrint), in force only inside
:func:`inter_character` (the laid-out boxes keep their layouts, so the PDF can be drawn later).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi
from weasyprint.text.line_break import Layout

from publisher.render.pdf.engine.patches import replaced

WIDE = frozenset("“”‘’—…·")
JOINED = frozenset("—…")  # ``——`` and ``……`` are one mark drawn with two characters
SPACES_ONLY = inline.justify_line
ALIGN = inline.text_align
EDGE_GAPS = {True: "autospace-before", False: "autospace-after"}  # the class of a span's gap on that side


@contextmanager
def inter_character() -> Iterator[None]:
    """Lay out with inter-character justification; WeasyPrint's own is restored afterwards."""
    with replaced(inline, justify_line=justify_line, text_align=text_align):
        yield


def text_align(context, line, available_width: float, last: bool) -> float:
    """Stands in for WeasyPrint's ``text_align``: drop the Han–Latin gaps at the line's edges, then align."""
    for start in (True, False):
        line.width -= _drop_edge_gap(line, start)
    return ALIGN(context, line, available_width, last)


def _drop_edge_gap(box, start: bool) -> float:
    """Remove the gap of the span that begins (``start``) or ends the box's content; return its width.

    Only the innermost span at the edge is looked at: a gap deeper inside is not at the edge.
    """
    children = [child for child in box.children if child.is_in_normal_flow()]
    edge = children[0 if start else -1] if children else None
    if not isinstance(edge, boxes.InlineBox):
        return 0.0
    removed = _drop_edge_gap(edge, start)
    if removed:
        edge.width -= removed
    elif _has_class(edge, EDGE_GAPS[start]):
        side = "margin_left" if start else "margin_right"
        removed = getattr(edge, side)
        setattr(edge, side, 0)
        if start:
            for child in edge.children:
                child.translate(-removed, 0)
    if removed and start:
        for sibling in children[1:]:
            sibling.translate(-removed, 0)
    return removed


def _has_class(box, name: str) -> bool:
    return box.element is not None and name in (box.element.get("class") or "").split()


def justify_line(context, line, extra_width: float) -> None:
    """Stands in for WeasyPrint's ``justify_line``: spread ``extra_width`` over the line's opportunities."""
    if line.style["direction"] == "rtl":
        return SPACES_ONLY(context, line, extra_width)
    texts = list(_text_boxes(line))
    gaps = {
        id(box): _gaps(box.text, _next_character(texts, index), _as_written(box))
        for index, box in enumerate(texts)
        if box is not None
    }
    count = sum(map(len, gaps.values()))
    if count:
        _stretch(line, gaps, round(extra_width / count * TO_UNITS), 0)


def _text_boxes(box) -> Iterator[boxes.TextBox | None]:
    """The line's text boxes in order, ``None`` for an atomic box (an image): no gap crosses it."""
    if isinstance(box, boxes.TextBox):
        yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)
    else:
        yield None


def _next_character(texts: list[boxes.TextBox | None], index: int) -> str:
    """The character after text box ``index`` on the line: "" at the line's end and before an image."""
    for after in texts[index + 1 :]:
        if after is None or after.text:
            return after.text[0] if after is not None else ""
    return ""


def _as_written(box: boxes.TextBox) -> bool:
    """Whether the box's white space is kept as written (``pre``, ``pre-wrap``: code)."""
    return box.style["white_space"] in ("pre", "pre-wrap", "break-spaces")


def _gaps(text: str, following: str, as_written: bool = False) -> frozenset[int]:
    """UTF-8 offsets in ``text`` of the gaps that stretch, each just after a character.

    The line's last character (spaces at the line's end do not count) has none after it;
    text kept ``as_written`` has none inside it, only the one after its end.
    """
    if as_written:
        after = _gaps(text[-1:], following)  # the gap after its last character, if that one stretches
        return frozenset({len(text.encode())}) if after else frozenset()
    text = text if following else text.rstrip(" ")
    chars = text + following
    offsets, offset = set(), 0
    for index, char in enumerate(text):
        offset += len(char.encode())
        if index + 1 < len(chars) and _opportunity(char, chars[index + 1]):
            offsets.add(offset)
    return frozenset(offsets)


def _opportunity(before: str, after: str) -> bool:
    """Whether the gap between two characters may stretch (CLReq inter-character justification)."""
    if before == " ":
        return True
    if after == " " or unicodedata.combining(after) or unicodedata.category(after) == "Cf":
        return False
    if before == after and before in JOINED:
        return False
    return _wide(before) or _wide(after)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F") or char in WIDE


def _stretch(box, gaps: dict[int, frozenset[int]], units: int, x_advance: float) -> float:
    """Move and widen the line's boxes as their glyphs will be drawn (the walk of ``add_word_spacing``).

    Glyphs are widened by whole Pango units, so the boxes' widths add up to what is drawn.
    """
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        if offsets := gaps[id(box)]:
            box.pango_layout = SpacedLayout.of(box, offsets, units)
            extra = len(offsets) * units * FROM_UNITS
            box.width += extra
            x_advance += extra
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _stretch(child, gaps, units, x_advance)
        box.width += x_advance - before
    else:
        box.translate(x_advance, 0)
    return x_advance


class SpacedLayout(Layout):
    """A text box's Pango layout whose glyphs are drawn wider after the characters that end at ``gaps``.

    WeasyPrint draws a box by reactivating its layout (Pango shapes the text
    again) and reading its first line; the glyphs are widened then, once per shaping.
    """

    @classmethod
    def of(cls, box: boxes.TextBox, gaps: frozenset[int], units: int) -> SpacedLayout:
        layout = cls(box.style, box.pango_layout.justification_spacing, box.pango_layout.max_width)
        layout.gaps, layout.units = gaps, units
        layout.set_text(box.text)
        layout.deactivate()
        return layout

    def set_text(self, text: str, justify: bool = False) -> None:
        super().set_text(text, justify)
        self.widened = False

    def get_first_line(self):
        line, index = super().get_first_line()
        if not self.widened:
            self.widened = True
            _widen(line, self.gaps, self.units)
        return line, index


def _widen(line, gaps: frozenset[int], units: int) -> None:
    """Add ``units`` to the advance of each glyph that ends a character followed by a gap that stretches."""
    run = line.runs
    while run != ffi.NULL:
        item = run.data
        offset, length = item.item.offset, item.item.length
        clusters, count = item.glyphs.log_clusters, item.glyphs.num_glyphs
        for index in range(count):
            end = clusters[index + 1] if index + 1 < count else length
            if end != clusters[index] and offset + end in gaps:
                item.glyphs.glyphs[index].geometry.width += units
        run = run.next
