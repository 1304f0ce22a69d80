"""Leader dots drawn once per page, then repeated (an accelerator).

WeasyPrint lays a leader out as copies of one text box, one per dot (``layout.leader``), and
draws each copy as any text box (``draw.text.draw_text``): it sets its Pango layout up again,
shapes the dot and works its glyphs out, for every dot of every entry of the contents, the
larger part of the time the contents take to draw. A copy draws the same operators as the box
it was copied from, but for the text matrix, which places it. Here the first copy of a box on a
page is drawn by WeasyPrint, the operators it adds after the text matrix are noted, and the other
copies on that page repeat them at their own place: the same calls on the same stream, so the
same bytes (``tests/test_kept.py`` compares them with WeasyPrint's own).

It reaches into WeasyPrint's internals: it is ``leaders`` in :mod:`.patches`, in force only with the
version it was written for, and only inside :func:`repeated_leaders`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import weasyprint.draw as painting
from weasyprint.draw import text as drawing
from weasyprint.matrix import Matrix

from publisher.render.pdf.engine.patches import replaced

DRAW_TEXT, FIRST_LINE = painting.draw_text, drawing.draw_first_line
NOTED = frozenset({"set_text_matrix", "set_font_size", "show_text", "set_text_rise"})
"""What ``draw_first_line`` does to the stream (besides adding fonts and glyphs, done the first time)."""


@contextmanager
def repeated_leaders() -> Iterator[None]:
    """Draw with leader dots repeated; WeasyPrint's own drawing is restored afterwards."""
    # draw/__init__ calls draw_text, draw/text's draw_text calls draw_first_line
    with replaced(painting, draw_text=draw_text), replaced(drawing, draw_first_line=draw_first_line):
        yield


def draw_text(
    stream: Any, textbox: Any, offset_x: float, text_overflow: str = "clip", block_ellipsis: str = "none"
) -> None:
    """Stands in for WeasyPrint's ``draw_text``: a copy of a box drawn on this page repeats its operators."""
    noted = getattr(stream, "_publisher_leaders", {}).get(id(textbox.pango_layout))
    if (
        noted is None
        or not _same(noted[0], textbox)
        or _decorated(textbox)
        or (text_overflow, block_ellipsis) != ("clip", "none")
    ):
        DRAW_TEXT(stream, textbox, offset_x, text_overflow, block_ellipsis)
        return
    x, y = textbox.position_x, textbox.position_y + textbox.baseline
    stream.set_color(textbox.style["color"])
    stream.begin_text()
    for index, (name, args) in enumerate(noted[1]):
        getattr(stream, name)(*(Matrix(d=-1, e=x, f=y).values if index == 0 else args))
    stream.end_text()


def draw_first_line(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: str, matrix: Any) -> list:
    """Stands in for WeasyPrint's ``draw_first_line``: draws, noting the calls to repeat for a copy."""
    noting = _Noting(stream)
    emojis = FIRST_LINE(noting, textbox, text_overflow, block_ellipsis, matrix)
    if (
        not emojis
        and noting.calls
        and noting.calls[0][0] == "set_text_matrix"
        and not _decorated(textbox)
        and (text_overflow, block_ellipsis) == ("clip", "none")
        and textbox.style["visibility"] == "visible"
    ):
        if not hasattr(stream, "_publisher_leaders"):
            stream._publisher_leaders = {}
        stream._publisher_leaders[id(textbox.pango_layout)] = (textbox, noting.calls)
    return emojis


def _same(drawn: Any, textbox: Any) -> bool:
    """Whether ``textbox`` is a copy of ``drawn``: the same layout, style and text."""
    return drawn.pango_layout is textbox.pango_layout and drawn.style is textbox.style and drawn.text == textbox.text


def _decorated(textbox: Any) -> bool:
    return bool(textbox.style["text_decoration_line"]) and textbox.style["text_decoration_line"] != "none"


class _Noting:
    """The stream, as ``draw_first_line`` sees it, noting the calls that draw."""

    def __init__(self, stream: Any) -> None:
        self._stream, self.calls = stream, []

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._stream, name)
        if name not in NOTED:
            return found

        def noted(*args: Any) -> Any:
            self.calls.append((name, args))
            return found(*args)

        return noted
