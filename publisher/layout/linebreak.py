"""Line-breaking rules that Pango and WeasyPrint miss (CLReq §3.1.7, GB/T 15834), decided on the text alone.

Pango follows Unicode line breaking, which lets ``·``, ``～``, ``〃``, a lone
``—`` (a connector) and a unit after a space (``35 ℃``) start a line; and
WeasyPrint, breaking between two inline boxes, can separate two opening marks
that another rule (punctuation compression) put into different boxes. Such
places are found here as **keeps**: ranges of the text that the markup wraps
in ``<span class="keep">`` and the stylesheets set ``white-space: nowrap``.

* A mark that must not start a line (:data:`ATTACHED`) keeps with the word before it.
* A run of two or more opening marks keeps with the word after it (``（“这``).
* At a paragraph's end, the last two words and the marks after them keep together,
  so that the last line never holds one character alone (no 孤字).

A "word" is one Han (or other wide) character, or a run of narrow letters and
digits with ``.`` ``,`` ``:`` between digits (``3.14`` ``1,234`` ``Python3``):
keeps start and end only at word boundaries, so they nest with the Han–Latin
spans of :mod:`publisher.layout.autospace`.

The other way round, Pango follows UAX #14, which never breaks beside a quotation
mark: a run of quoted terms (``“堃”“喆”“淼”``) or a URL is one unbreakable block
that pushes the line before it wide open. Such places are found as **breaks**:
positions where the markup puts a break opportunity that draws nothing and adds
nothing to the text layer (a ``<wbr>``, see :data:`publisher.layout.markup.ZWSP`).

* In a Chinese context (a wide character on the other side of the break, or inside the
  quotes of ``”“``), a line may break before ``“`` ``‘`` and after ``”`` ``’``, as CLReq §3.1.7 and the East Asian
  refinement of UAX #14 (LB19a) allow, never where the line-start and line-end rules
  forbid it (before ``。`` ``，`` ``）`` …, after ``（`` ``《`` …).
* A URL or a path breaks after ``/ . - _ ? & =``, never before the mark; and at the space before
  it: UAX #14 never breaks before ``/`` or ``.`` (LB13), even after a space, so a path such as
  ``/data/backup`` would hold on to the word before it. So would inline code that starts with one
  (:data:`GLUED_AFTER_SPACE`, see :mod:`publisher.layout.markup`).

No character is added or removed.
"""

from __future__ import annotations

import re
import unicodedata

ATTACHED = frozenset("·～〃℃℉%‰")
OPENING = frozenset("（［〔【《〈「『〖｛“‘")
NO_START = frozenset("。，、；：？！）］〕】》〉」』〗｝”’") | ATTACHED
INSIDE_NUMBERS = frozenset(".,:")
OPENING_QUOTES = frozenset("“‘")
CLOSING_QUOTES = frozenset("”’")
LINK_BREAK_AFTER = frozenset("/.-_?&=")
LINK_END = ".,;:!?)]}'\""
GLUED_AFTER_SPACE = frozenset("/.,:;!?)]}")
"""What UAX #14 never breaks before, even after a space (LB13: classes SY, IS, EX, CL, CP)."""


def keeps(text: str, paragraph_end: bool = False) -> list[tuple[int, int]]:
    """Ranges ``(start, end)`` of ``text`` that must not be broken across lines, sorted, not overlapping."""
    units = words(text)
    found = []
    for index, (start, end) in enumerate(units):
        unit = text[start:end]
        if _attached(text, start, end) and index > 0:
            found.append((_word_before(text, units, index), end))
        elif unit in OPENING and index + 1 < len(units) and text[units[index + 1][0]] in OPENING:
            last = index + 1
            while last + 1 < len(units) and text[units[last][0]] in OPENING:
                last += 1
            found.append((start, units[last][1]))
    if paragraph_end:
        found.extend(_tail(text, units))
    return _merged(found)


def breaks(text: str) -> list[int]:
    """Positions in ``text`` where a line may break that Pango does not break at, sorted."""
    found = {index for index in range(1, len(text)) if _quote_break(text, index)}
    found.update(_link_breaks(text))
    return sorted(found)


def _quote_break(text: str, index: int) -> bool:
    """Before an opening quote that follows a wide character, after a closing quote that a wide character
    follows, and between a closing and an opening quote with a wide character inside either of them."""
    before, after = text[index - 1], text[index]
    if before in CLOSING_QUOTES and after in OPENING_QUOTES:
        return any(_wide(char) for char in text[index - 2 : index - 1] + text[index + 1 : index + 2])
    if after in OPENING_QUOTES:
        return _wide(before) and before not in OPENING
    if before in CLOSING_QUOTES:
        return _wide(after) and after not in NO_START
    return False


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def links(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a URL (``scheme://``, ``www.``) or a path (two ``/`` or more), trailing
    punctuation left out."""
    found = []
    for match in re.finditer(r"[!-~]+", text):
        token = match.group().rstrip(LINK_END)
        if "://" in token or token.startswith("www.") or token.count("/") >= 2:
            found.append((match.start(), match.start() + len(token)))
    return found


def _link_breaks(text: str) -> list[int]:
    """After ``/ . - _ ? & =`` inside a URL or a path, never after its first or last character, inside a
    run of such marks (``://``, ``..``) nor inside a number (``4.2``, ``2024-06``): a number is never split.
    Before one that starts with ``/`` or ``.`` after a space."""
    found = []
    for start, end in links(text):
        token = text[start:end]
        if start and text[start - 1] == " " and token[0] in GLUED_AFTER_SPACE:
            found.append(start)
        for offset, char in enumerate(token[:-1]):
            after = token[offset + 1]
            in_number = token[offset - 1].isdigit() and after.isdigit()
            if offset and char in LINK_BREAK_AFTER and after not in LINK_BREAK_AFTER | {":"} and not in_number:
                found.append(start + offset + 1)
    return found


def words(text: str) -> list[tuple[int, int]]:
    """``text`` cut into units that never break inside: a run of narrow letters and digits, or one character."""
    units, index = [], 0
    while index < len(text):
        end = index + 1
        if _alnum(text[index]):
            while end < len(text) and (_alnum(text[end]) or _inside_number(text, end)):
                end += 1
        units.append((index, end))
        index = end
    return units


def _alnum(char: str) -> bool:
    return char.isalnum() and unicodedata.east_asian_width(char) not in ("W", "F")


def _inside_number(text: str, index: int) -> bool:
    return (
        text[index] in INSIDE_NUMBERS
        and index + 1 < len(text)
        and text[index - 1].isdigit()
        and text[index + 1].isdigit()
    )


def _attached(text: str, start: int, end: int) -> bool:
    """A mark that must not start a line and that Pango lets start one."""
    unit = text[start:end]
    if unit in ATTACHED:
        return True
    return unit == "—" and text[start - 1 : start] != "—" and text[end : end + 1] != "—"


def _word_before(text: str, units: list[tuple[int, int]], index: int) -> int:
    """Where the word before unit ``index`` starts, spaces between them included (``35 ℃``)."""
    before = index - 1
    while before > 0 and text[units[before][0]] == " ":
        before -= 1
    return units[before][0]


def _tail(text: str, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The last two words of a paragraph and the marks after them."""
    last = [start for start, end in units if _word(text[start:end])][-2:]
    return [(last[0], len(text))] if len(last) == 2 else []


def _word(unit: str) -> bool:
    return unit[0].isalnum() or (unicodedata.east_asian_width(unit[0]) in ("W", "F") and unit not in NO_START | OPENING)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out
