"""Paragraph-wide line breaking, for a justified paragraph that line-by-line breaking leaves gaping.

WeasyPrint breaks a paragraph one line at a time, each line as full as it can be (greedy breaking).
A run that cannot break (a camel-case name, a path segment) and does not fit at a line's end leaves
the whole of its width to that line as slack. Compressing the line's punctuation (:mod:`.justify`)
may not make up for it, while a few lines earlier there is room to spare: a line that gives a
character or a word to the next one, or takes one more by compressing its own punctuation, moves
every break after it. Choosing the breaks of the whole paragraph at once is what Knuth and Plass
called total fit.

Here the lines are laid out by WeasyPrint's own line splitter, in several measures: from each place
a line may start, the ways to set that line are the line as full as it goes, the lines one or more
break opportunities shorter (as long as they stretch no more than a line may), and the lines longer
by what their compressed punctuation gives up. :func:`plan` searches those ways line after line,
keeping the :data:`BEAM` cheapest places to start each line from, and returns, for each line of the
cheapest set, the measure that gives its break. This module only searches; :mod:`.justify` lays the
lines out and decides which paragraphs need it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass

LOOSE = 0.2
"""em: the widest a gap between two characters may open."""
BEAM = 4
"""How many places to start a line from are kept at each line: the cheapest so far."""
SHORTER = 12
"""At most this many lines shorter than the fullest one are tried from one place."""
STEP = 0.01
"""CSS px: a measure this much narrower than a line's width leaves its last unit for the next line."""
GAPING = 100.0
"""What a line that opens gaps wider than :data:`LOOSE` costs, on top of its stretch: as much as a hundred
lines at the rule's limit."""


@dataclass(frozen=True)
class Line:
    """A line as WeasyPrint lays it out from a place in a measure: what setting it so costs."""

    right: float
    """Where the measure it was laid out in ends."""
    full: float
    """Where its content ends as the splitter measured it: a measure ending just before gives the
    line its last break opportunity but one."""
    end: float
    """Where its content ends as it is aligned (no trailing space, no gap at its edges)."""
    resume: Hashable | None
    """Where the next line starts (a key of the place, see :data:`Lay`), ``None`` at the end."""
    gaps: int
    """How many gaps stretch when it is justified."""
    spare: float
    """The width its compressible punctuation can give up."""


Lay = Callable[[Hashable, float, bool], Line]
"""The line that starts at a place, laid out in a measure ending at the given x (the flag: it is the
paragraph's first line). A place is a key that stands for where a line starts."""

Breaks = tuple[float, tuple[tuple[Hashable, float], ...]]
"""A set of breaks so far: what it costs, and each line's place and how much wider its measure is."""


def plan(start: Hashable, lay: Lay, right: float, em: float) -> dict[Hashable, float]:
    """How much wider than the paragraph's the measure of each line from ``start`` to the paragraph's end
    is (narrower if negative), by the place the line starts at: the set of breaks that costs least (see
    :func:`cost`).

    ``right`` is where the paragraph's measure ends, ``em`` its font size. The widths are relative, so that
    the plan holds where the paragraph goes on, on the next page.
    """
    layer: dict[Hashable, Breaks] = {start: (0.0, ())}
    best: Breaks | None = None
    first = True
    while layer:
        following: dict[Hashable, Breaks] = {}
        for place, (spent, path) in sorted(layer.items(), key=lambda item: item[1][0])[:BEAM]:
            for line in ways(place, lay, right, em, first):
                total, steps = spent + cost(line, right, em), (*path, (place, line.right - right))
                if line.resume is None:
                    if best is None or total < best[0]:
                        best = (total, steps)
                elif line.resume not in following or total < following[line.resume][0]:
                    following[line.resume] = (total, steps)
        layer, first = following, False
    return dict(best[1]) if best else {}


def ways(place: Hashable, lay: Lay, right: float, em: float, first: bool) -> Iterator[Line]:
    """The ways to set the line that starts at ``place``: as full as it goes, shorter, longer with its punctuation
    compressed; each ends at another break opportunity."""
    natural = lay(place, right, first)
    yield natural
    if natural.resume is None:
        return
    line = natural
    for _ in range(SHORTER):
        if line.gaps < 2 or (right - line.end) / (line.gaps - 1) > LOOSE * em:
            break  # a shorter line has more slack and a gap fewer at least: it would gape
        shorter = _shorter(place, lay, line, first)
        if shorter is None or stretch(shorter, right, em) > LOOSE:
            break
        yield shorter
        line = shorter
    spare = natural.spare + em / 2  # the mark that would end a longer line gives up its blank half too
    longer = lay(place, right + spare, first)
    while longer.spare + em / 2 > spare:  # what it took in has punctuation to give up too
        spare = longer.spare + em / 2
        longer = lay(place, right + spare, first)
    while longer.resume != natural.resume and longer.full > natural.full:
        if longer.end - right <= longer.spare:
            yield longer
        step = _shorter(place, lay, longer, first)
        if step is None:
            break
        longer = step


def _shorter(place: Hashable, lay: Lay, line: Line, first: bool) -> Line | None:
    """The line from ``place`` that ends one break opportunity before ``line`` does, if there is one."""
    shorter = lay(place, line.full - STEP, first)
    if shorter.resume == line.resume or shorter.full >= line.full or shorter.resume == place:
        return None
    return shorter


def stretch(line: Line, right: float, em: float) -> float:
    """How wide (em) each of the line's gaps opens when it is justified to ``right``; 0 for a line wider
    than the measure (it is compressed), and for the last line (it is not justified)."""
    slack = right - line.end
    if line.resume is None or slack <= 0:
        return 0.0
    return slack / line.gaps / em if line.gaps else float("inf")


def cost(line: Line, right: float, em: float) -> float:
    """What setting a line so costs: its gaps' stretch, squared, in units of :data:`LOOSE`, plus
    :data:`GAPING` if they open wider; a compressed line, the share of its punctuation's spare width it
    takes, squared (CLReq compresses before it stretches)."""
    excess = line.end - right
    if excess > 0:
        return (excess / line.spare) ** 2 if line.spare else GAPING
    gap = stretch(line, right, em)
    if gap == float("inf"):
        return GAPING * 10
    return (gap / LOOSE) ** 2 + (GAPING if gap > LOOSE else 0.0)
