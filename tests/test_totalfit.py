"""Paragraph-wide line breaking (render/pdf/engine/totalfit.py) finds the breaks that line-by-line breaking misses.

The paragraphs here are rows of units laid out by a stand-in for WeasyPrint's line splitter: a Han
character 1 em wide, a full-width comma 1 em of which half can be compressed, and a name that
cannot break. The books that need it are checked on their PDF by the stress book's tests
(tests/test_stress.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from publisher.render.pdf.engine.totalfit import LOOSE, Line, plan, stretch

EM = 10.0
MEASURE = 10 * EM
HAN = (EM, 0.0)
COMMA = (EM, EM / 2)


@dataclass
class Row:
    """A paragraph as units (width, compressible width), each line as full as its measure allows."""

    units: list[tuple[float, float]]
    calls: list[float] = field(default_factory=list)

    def lay(self, place: int, right: float, first: bool) -> Line:
        self.calls.append(right)
        end, spare, index = 0.0, 0.0, place
        while index < len(self.units) and (index == place or end + self.units[index][0] <= right):
            end, spare, index = end + self.units[index][0], spare + self.units[index][1], index + 1
        return Line(right, end, end, index if index < len(self.units) else None, index - place - 1, spare)

    def lines(self, wider: dict[int, float] | None = None) -> list[Line]:
        """The paragraph's lines: each as full as it goes, or each in the measure its plan gives it."""
        found, place = [], 0
        while place is not None:
            line = self.lay(place, MEASURE + (wider[place] if wider else 0.0), not found)
            found.append(line)
            place = line.resume
        return found


def gaping(lines: list[Line]) -> list[int]:
    return [n for n, line in enumerate(lines) if stretch(line, MEASURE, EM) > LOOSE]


def test_a_line_gives_a_character_to_the_next_so_that_neither_gapes() -> None:
    """Line by line, the first line is filled; the second, whose next unit is a name 6 em wide, opens 2 em over
    7 gaps."""
    row = Row([HAN] * 18 + [(6 * EM, 0.0)] + [HAN] * 14)
    assert gaping(row.lines()) == [1]
    lines = row.lines(plan(0, row.lay, MEASURE, EM))
    assert gaping(lines) == [] and all(line.end <= MEASURE for line in lines)
    assert [line.resume for line in lines[:2]] == [9, 18]


def test_a_line_takes_more_with_its_commas_compressed_so_that_the_next_does_not_gape() -> None:
    """A name 9 em wide two units into the second line: shorter first lines only leave it less room. A first
    line that takes one more unit, its commas compressed, leaves the name a line it fills."""
    row = Row([HAN, COMMA] * 4 + [HAN] * 4 + [(9 * EM, 0.0)] + [HAN] * 12)
    assert gaping(row.lines()) == [1]
    lines = row.lines(plan(0, row.lay, MEASURE, EM))
    assert gaping(lines) == []
    assert lines[0].resume == 11 and 0 < lines[0].end - MEASURE <= lines[0].spare


def within_the_rule(units: tuple[tuple[float, float], ...]) -> bool:
    """Whether some set of breaks sets every line within the rule: found by trying every break, unit by unit."""

    @cache
    def from_(start: int) -> bool:
        end = spare = 0.0
        for index in range(start, len(units)):
            end, spare = end + units[index][0], spare + units[index][1]
            if end > MEASURE + spare:
                return False
            last = index + 1 == len(units)
            flush = end >= MEASURE or (index > start and (MEASURE - end) / (index - start) / EM <= LOOSE)
            if (last or flush) and (last or from_(index + 1)):
                return True
        return False

    return from_(0)


UNITS = st.sampled_from([HAN, HAN, HAN, COMMA]) | st.builds(
    lambda em: (em * EM, 0.0), st.sampled_from([2, 3.5, 4.5, 6])
)


@settings(max_examples=150, deadline=None, database=None, print_blob=True)
@given(pattern=st.lists(UNITS, min_size=6, max_size=14), times=st.integers(3, 8))
def test_where_some_breaks_keep_every_line_within_the_rule_the_plan_finds_such_breaks(pattern, times) -> None:
    """Rows of Han, commas and names of several widths: whenever trying every break finds a set that keeps
    every line within the rule (flush, compressed within its marks, or its gaps at most 0.2 em), the plan's
    lines are such a set too."""
    row = Row(pattern * times)
    event("greedy breaking gapes" if gaping(row.lines()) else "greedy breaking is within the rule")
    assume(within_the_rule(tuple(row.units)))
    lines = row.lines(plan(0, row.lay, MEASURE, EM))
    assert gaping(lines) == []
    assert all(line.end - MEASURE <= line.spare for line in lines)
