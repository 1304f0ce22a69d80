"""Inter-character justification for WeasyPrint (CLReq §3.8), without a character added to the text.

WeasyPrint 70 justifies a line only by widening its spaces
(``layout.inline.justify_line``), so Chinese lines, which have none, stay
ragged. Here a justified line's slack is spread evenly over its
justification opportunities: every gap next to a wide character (Han, kana,
full-width punctuation, and the marks Chinese sets full-width: “”‘’—…·), every
space and every break opportunity of the markup (U+200B, as in a URL after ``/``);
never after the line's last character, never inside ``——`` or
``……`` (their halves must join), never inside a Latin word or a number, and never
inside text whose white space is kept as written (code, see :mod:`publisher.layout.code`).

Each stretched text box keeps its text; it is given a :class:`SpacedLayout`,
which, when WeasyPrint draws it, widens the advance of the last glyph of each
character followed by an opportunity. The PDF shows the same glyphs with the
same Unicode maps, only further apart, so the text copies and searches as before.

Before a line is stretched wide open, its punctuation is compressed (CLReq's adjustment order:
shrink before stretching): when the line, once justified, would open more than :data:`LOOSE`
between two characters, it is laid out again in a measure wider by the blank halves of its
full-width closing marks (``，。、；：）》”`` …), and if more of the paragraph then fits, those
halves are taken away, as many as the line needs, and the line ends flush.

A line that gapes even so (a run that cannot break and does not fit at its end) marks its paragraph,
and the document is laid out again (:func:`render`), that paragraph's lines chosen together
(:mod:`.totalfit`): earlier lines give a character or a word to the next, or take one more with their
punctuation compressed, so that no line is left with the whole run's width as slack. A document
without such a line is laid out once. What still gapes is for ``publisher inspect`` to
report (its ``loose`` rule).

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
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial, partialmethod
from typing import Any

from weasyprint import HTML
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi
from weasyprint.text.line_break import Layout

from publisher.render.pdf.engine import totalfit
from publisher.render.pdf.engine.patches import replaced

WIDE = frozenset("“”‘’—…·")
JOINED = frozenset("—…")  # ``——`` and ``……`` are one mark drawn with two characters
BREAK = "\u200b"  # a break opportunity of the markup (or a ``<wbr>``, drawn as one): it stretches too
SPACES_ONLY = inline.justify_line
ALIGN = inline.text_align
SPLIT = inline.split_inline_box
RENDER = HTML.render
COMPRESSIBLE = frozenset(
    "，。、；：？！）」』》〉】〕”’"
)  # closing marks: the glyph in the left half, a blank right half
LOOSE = totalfit.LOOSE  # em: a line that would open wider gaps is laid out again with its punctuation compressed
EDGE_GAPS = {True: "autospace-before", False: "autospace-after"}  # the class of a span's gap on that side


@contextmanager
def inter_character() -> Iterator[None]:
    """Lay out with inter-character justification; WeasyPrint's own is restored afterwards."""
    fitting = Fitting()
    splitting = partial(split_inline_box, fitting)
    with (
        replaced(inline, justify_line=justify_line, text_align=text_align, split_inline_box=splitting),
        replaced(HTML, render=partialmethod(render, fitting)),
    ):
        yield


@dataclass
class Fitting:
    """The paragraphs of a document whose lines are broken paragraph-wide (:mod:`.totalfit`).

    A layout notes each paragraph it leaves gaping; the document is then laid out again, with those
    paragraphs' lines chosen together.
    """

    gaping: set[Hashable] = field(default_factory=set)
    """The paragraphs this layout left gaping."""
    fit: frozenset[Hashable] = frozenset()
    """The paragraphs this layout breaks paragraph-wide."""
    elements: frozenset[Any] = frozenset()
    """Their elements, looked up first: a paragraph's text is gathered only for those."""
    plans: dict[Hashable, dict[Hashable, float]] = field(default_factory=dict)
    """Each such paragraph's plan: how much wider each line's measure is, by where the line starts."""

    def begin(self, fit: frozenset[Hashable]) -> None:
        self.gaping, self.fit, self.plans = set(), fit, {}
        self.elements = frozenset(element for element, _ in fit)

    def planned(self, layer: _Layer, skip_stack) -> float | None:
        """How much wider the measure of the line at ``skip_stack`` is, if its paragraph is broken paragraph-wide
        (planned when its first line is laid out)."""
        paragraph = _paragraph(layer.box)
        if paragraph not in self.fit:
            return None
        if paragraph not in self.plans:
            self.plans[paragraph] = layer.planned(skip_stack)
        return self.plans[paragraph].get(repr(skip_stack))


def render(html, fitting: Fitting, *args, **kwargs):
    """Stands in for ``HTML.render``: a document whose layout left a paragraph gaping is laid out again,
    each such paragraph broken paragraph-wide."""
    fitting.begin(frozenset())
    document = RENDER(html, *args, **kwargs)
    if fitting.gaping:
        fitting.begin(frozenset(fitting.gaping))
        document = RENDER(html, *args, **kwargs)
    return document


def text_align(context, line, available_width: float, last: bool) -> float:
    """Stands in for WeasyPrint's ``text_align``: drop the spaces before a break opportunity that ends the line
    and the Han–Latin gaps at the line's edges, then align; a line laid out with its punctuation compressed
    (:func:`split_inline_box`) is compressed to the measure."""
    _drop_end_spaces(context, line)
    for start in (True, False):
        line.width -= _drop_edge_gap(line, start)
    if line.width > available_width and getattr(line, "compressible", False):
        _compress(line, line.width - available_width)
        return 0
    return ALIGN(context, line, available_width, last)


def split_inline_box(
    fitting: Fitting, context, box, position_x, max_x, bottom_space, skip_stack, containing_block, *lists
):
    """Stands in for WeasyPrint's ``split_inline_box``: a justified line that would gape is laid out again in a
    measure wider by its compressible punctuation; the wider line is kept if more of the paragraph fits. A
    line that still gapes marks its paragraph for paragraph-wide breaking; the lines of a paragraph so marked
    are laid out in the measures its plan gives them.

    Only a line of a justified paragraph with nothing floated or positioned on it is tried again (the lists
    WeasyPrint fills while it lays out a line stay as they were).
    """
    if not isinstance(box, boxes.LineBox) or box.style["text_align_all"] != "justify":
        return SPLIT(context, box, position_x, max_x, bottom_space, skip_stack, containing_block, *lists)
    if box.element in fitting.elements and not context.excluded_shapes:
        layer = _Layer(context, box, position_x, max_x, bottom_space, containing_block, lists[5:])
        wider = fitting.planned(layer, skip_stack)
        if wider is not None:
            result = SPLIT(context, box, position_x, max_x + wider, bottom_space, skip_stack, containing_block, *lists)
            result[0].compressible = wider > 0
            return result
    result = SPLIT(context, box, position_x, max_x, bottom_space, skip_stack, containing_block, *lists)
    line, resume_at = result[0], result[1]
    if resume_at is None:
        return result
    absolute, fixed, placeholders, floats, children = lists[:5]
    if absolute or fixed or placeholders or floats:
        return result
    if not _gapes(line, max_x - line.position_x - line.width):
        return result
    spare = _compressible(line)
    if spare:
        trial_children: list = []
        trial = SPLIT(
            context, box, position_x, max_x + spare, bottom_space, skip_stack, containing_block,
            [], [], [], [], trial_children, *lists[5:],
        )  # fmt: skip
        if trial[1] != resume_at and trial[0].width > line.width:
            trial[0].compressible = True
            children[:] = trial_children
            return trial
    fitting.gaping.add(_paragraph(box))
    return result


def _gapes(line, slack: float) -> bool:
    """Whether the line, justified, would open gaps wider than :data:`LOOSE`."""
    loose = LOOSE * line.style["font_size"]
    if slack <= loose:  # not loose whatever its gaps: the common case, decided before counting them
        return False
    count = _count(line)
    return bool(count) and slack / count > loose


def _count(line) -> int:
    """How many of the line's gaps stretch."""
    texts = list(_text_boxes(line))
    return sum(len(_gaps(t.text, _next_character(texts, i))) for i, t in enumerate(texts) if t is not None)


def _paragraph(box) -> Hashable:
    """What a paragraph is known by from one layout of a document to the next: its element and its text
    (two anonymous blocks of one element hold different text)."""
    return box.element, "".join(text.text for text in box.descendants() if isinstance(text, boxes.TextBox))


@dataclass
class _Layer:
    """Lays out the lines of one paragraph, from any place, for :func:`.totalfit.plan`: each with fresh lists,
    so that nothing WeasyPrint keeps about the page changes."""

    context: Any
    box: Any
    position_x: float
    max_x: float
    bottom_space: float
    containing_block: Any
    styles: tuple
    places: dict[str, Any] = field(default_factory=dict)

    def planned(self, skip_stack) -> dict[Hashable, float]:
        """How much wider the measure of each line of the paragraph from ``skip_stack`` is, by the line's start;
        nothing for a paragraph with something floated or positioned in it (laying it out again could
        place that on the page)."""
        if not all(box.is_in_normal_flow() for box in self.box.descendants()):
            return {}
        start = repr(skip_stack)
        self.places[start] = skip_stack
        return totalfit.plan(start, self.lay, self.max_x, self.box.style["font_size"])

    def lay(self, place: Hashable, right: float, first: bool) -> totalfit.Line:
        skip = self.places[place]
        position_x = self.position_x if first else self.position_x - self.box.text_indent
        styles = self.styles if first else (None,) * len(self.styles)
        line, resume_at = SPLIT(
            self.context, self.box, position_x, right, self.bottom_space, skip, self.containing_block,
            [], [], [], [], [], *styles,
        )[:2]  # fmt: skip
        full = line.position_x + line.width
        resume = inline.skip_first_whitespace(self.box, resume_at) if resume_at is not None else "continue"
        inline.remove_last_whitespace(self.context, line)
        _drop_end_spaces(self.context, line)
        end = line.position_x + line.width - sum(_drop_edge_gap(line, start) for start in (True, False))
        key = None
        if resume != "continue":
            key = repr(resume)
            self.places[key] = resume
        return totalfit.Line(right, full, end, key, _count(line), _compressible(line))


def _compressible(line) -> float:
    """The width the line's full-width closing marks could give up: the blank half of each."""
    return sum(
        box.style["font_size"] / 2 * sum(char in COMPRESSIBLE for char in box.text)
        for box in _text_boxes(line)
        if box is not None and not _has_class(box, "halt")
    )


def _compress(line, excess: float) -> None:
    """Take ``excess`` away from the line's closing marks, the same share from each, at most half of each."""
    texts = [box for box in _text_boxes(line) if box is not None]
    gaps = {id(box): frozenset() if _has_class(box, "halt") else _after_marks(box.text) for box in texts}
    marks = sum(map(len, gaps.values()))
    if marks:
        _stretch(line, gaps, -round(excess / marks * TO_UNITS), 0)


def _after_marks(text: str) -> frozenset[int]:
    """UTF-8 offsets in ``text`` just after each compressible mark."""
    offsets, offset = set(), 0
    for char in text:
        offset += len(char.encode())
        if char in COMPRESSIBLE:
            offsets.add(offset)
    return frozenset(offsets)


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


def _drop_end_spaces(context, line) -> None:
    """Drop the spaces of a line that ends in spaces and break opportunities, as WeasyPrint's
    ``remove_last_whitespace`` drops a line's last spaces (the opportunities after them hide them from it).

    Such a line ends before a path or inline code that Unicode line breaking never breaks before, even after a
    space (``保存在 /data``, see :data:`publisher.layout.linebreak.GLUED_AFTER_SPACE`): the opportunity is
    after the space, and the space, kept, would leave the line short of the measure by its width.
    """
    ancestors, box = [], line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        ancestors.append(box)
        if not box.children:
            return
        box = box.children[-1]
    if not isinstance(box, boxes.TextBox) or box.style["white_space"] not in ("normal", "nowrap", "pre-line"):
        return
    words = box.text.rstrip(BREAK)
    if words == box.text or not words.endswith(" "):
        return
    box.text = words.rstrip(" ") + box.text[len(words) :]
    width = inline.split_text_box(context, box, None, 0)[0].width
    for ancestor in ancestors:
        ancestor.width -= box.width - width
    box.width = width


def _has_class(box, name: str) -> bool:
    return box.element is not None and name in (box.element.get("class") or "").split()


def justify_line(context, line, extra_width: float) -> None:
    """Stands in for WeasyPrint's ``justify_line``: spread ``extra_width`` over the line's opportunities."""
    if line.style["direction"] == "rtl":
        return SPACES_ONLY(context, line, extra_width)
    texts = list(_text_boxes(line))
    gaps = {id(box): _box_gaps(texts, index) for index, box in enumerate(texts) if box is not None}
    count = sum(map(len, gaps.values()))
    if count:
        _stretch(line, gaps, round(extra_width / count * TO_UNITS), 0)


def _box_gaps(texts: list[boxes.TextBox | None], index: int) -> frozenset[int]:
    """The gaps of text box ``index`` that stretch. Code stretches nowhere inside, its spaces included
    (a piece of it, or a space between two pieces where a long inline code may break): only after its
    end, where the prose goes on."""
    box, following = texts[index], _next_character(texts, index)
    if not _is_code(box):
        return _gaps(box.text, following)
    after = next((t for t in texts[index + 1 :] if t is None or t.text), None)
    if after is not None and _is_code(after):
        return frozenset()
    return frozenset({len(box.text.encode())}) if _gaps(box.text[-1:], following) else frozenset()


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
    """The character after text box ``index`` on the line: "" at the line's end (where only break
    opportunities follow) and before an image."""
    rest = ""
    for after in texts[index + 1 :]:
        if after is None:
            break
        rest += after.text
        if rest.strip(BREAK):
            return rest[0]
    return ""


def _is_code(box: boxes.TextBox) -> bool:
    """Code: text whose white space is kept as written (``pre``, ``pre-wrap``), or text of a ``<code>``
    (the spaces between the pieces of an inline code that may break)."""
    return box.element_tag == "code" or box.style["white_space"] in ("pre", "pre-wrap", "break-spaces")


def _gaps(text: str, following: str) -> frozenset[int]:
    """UTF-8 offsets in ``text`` of the gaps that stretch, each just after a character.

    The line's last character (spaces and break opportunities at the line's end do not count) has none
    after it.
    """
    text = text if following else text.rstrip(" " + BREAK)
    chars = text + following
    offsets, offset = set(), 0
    for index, char in enumerate(text):
        offset += len(char.encode())
        if index + 1 < len(chars) and _opportunity(char, chars[index + 1]):
            offsets.add(offset)
    return frozenset(offsets)


def _opportunity(before: str, after: str) -> bool:
    """Whether the gap between two characters may stretch (CLReq inter-character justification).

    A break opportunity (U+200B) stretches on the glyph before it, not on its own: Pango shapes it as an
    empty glyph, whose width WeasyPrint 70 draws 1024/1000 too wide (``draw_first_line``), which would push
    the rest of its text box past the line's end.
    """
    if before == BREAK:
        return False
    if before == " " or after == BREAK:
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
