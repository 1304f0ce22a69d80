"""``back-cover:`` in ``book.yaml`` → :class:`BackCover`, the back cover's (封底) own text.

The back cover also shows the book's publisher, its ISBN as a barcode and its price; those are
the book's ``publisher`` and ``identifier`` and the imprint's ``price``, read where they are
written (:mod:`.bookfile`, :mod:`.imprint`), so that no fact is written twice. Without
``back-cover:`` the back cover shows only those, or nothing.
"""

from __future__ import annotations

from pathlib import Path

from publisher.diagnostics import Diagnostics
from publisher.document import BackCover
from publisher.sources.fields import did_you_mean
from publisher.sources.markdown import is_wide
from publisher.sources.yamlfile import Where

BLOCK = "back-cover"
FIELDS = ("blurb",)


def read_back_cover(path: Path, value: object, where: dict[str, Where], diags: Diagnostics) -> BackCover | None:
    """The back cover's text, or ``None`` when book.yaml has no ``back-cover:``."""
    if value is None:
        return None
    if not isinstance(value, dict):
        line, col = _at(where, BLOCK)
        diags.error(path, line, "field-type", _hint("'back-cover' must hold fields indented under it"), col)
        return None
    for key in value:
        if str(key) not in FIELDS:
            line, col = _at(where, f"{BLOCK}.{key}")
            diags.warning(
                path,
                line,
                "unknown-field",
                f"unknown back-cover field '{key}' is ignored{did_you_mean(str(key), FIELDS)}; "
                f"the fields are {', '.join(FIELDS)} (the ISBN is the book's 'identifier', the price the imprint's)",
                col,
            )
    return BackCover(blurb=_blurb(path, value.get("blurb"), _at(where, f"{BLOCK}.blurb"), diags))


def _blurb(path: Path, value: object, at: Where, diags: Diagnostics) -> list[str]:
    """Paragraphs: a ``|`` block whose paragraphs are separated by blank lines, or a list of paragraphs."""
    if value is None:
        return []
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return [_joined(str(item)) for item in value if str(item).strip()]
    if isinstance(value, str):
        return [_joined(block) for block in value.split("\n\n") if block.strip()]
    diags.error(path, at[0], "field-type", _hint("'blurb' must be text"), at[1])
    return []


def _joined(paragraph: str) -> str:
    """A paragraph's lines as one: a line break vanishes next to a Chinese character, as in an article."""
    text = ""
    for line in (line.strip() for line in paragraph.splitlines() if line.strip()):
        text += line if not text or is_wide(text[-1]) or is_wide(line[0]) else " " + line
    return text


def _at(where: dict[str, Where], key: str) -> Where:
    return where.get(key, where.get(BLOCK, (0, 0)))


def _hint(what: str) -> str:
    return (
        f"{what}: write 'blurb: |' and its paragraphs under it, indented, a blank line between two "
        "(a line holding ': ' is read as a field otherwise)"
    )
