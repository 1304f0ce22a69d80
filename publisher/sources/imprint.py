"""``imprint:`` in ``book.yaml`` → :class:`Imprint`, the fields of the imprint page (版权页).

Only what an editor knows goes here; 开本, 印张 and 字数 are computed from the
laid-out book by the renderer (:mod:`publisher.render.imprint`), and 编者, 出版者
and the ISBN come from the book's own ``editor``, ``publisher`` and
``identifier``, so that no fact is written twice.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from publisher.diagnostics import Diagnostics
from publisher.document import Imprint
from publisher.sources.fields import Fields, did_you_mean
from publisher.sources.yamlfile import QUICK, Where

FIELDS = ("cip", "edition", "printing", "price", "printer", "sheet")
FROM_BOOK = {**{name: name for name in ("title", "editor", "publisher", "identifier", "rights")}, "isbn": "identifier"}
"""Fields an editor may put under ``imprint:`` that the page takes from the top of book.yaml."""
PRICE = re.compile(r"^\s*(\d{1,6}(?:\.\d{1,2})?)\s*元?\s*$")
SHEET = re.compile(r"^\s*(\d{3,4})\s*(?:mm|毫米)?\s*[x×X*]\s*(\d{3,4})\s*(?:mm|毫米)?\s*$")


def imprint_lines(text: str) -> dict[str, int]:
    """The line of each field under ``imprint:``, as ``imprint.<field>`` (``key_lines`` reads the top level only)."""
    try:
        root = yaml.compose(text, Loader=QUICK)
    except yaml.YAMLError:
        return {}
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    for key, value in pairs:
        if key.value == "imprint" and isinstance(value, yaml.MappingNode):
            return {
                f"imprint.{k.value}": k.start_mark.line + 1 for k, _ in value.value if isinstance(k, yaml.ScalarNode)
            }
    return {}


def read_imprint(
    path: Path, value: object, lines: dict[str, int], where: dict[str, Where], diags: Diagnostics
) -> Imprint | None:
    """The imprint, or ``None`` when book.yaml has none (the book then has no imprint page)."""
    if value is None:
        return None
    line = lines.get("imprint", 0)
    if not isinstance(value, dict):
        diags.error(
            path,
            line,
            "field-type",
            f"'imprint' must hold 'field: value' lines indented under it ({', '.join(FIELDS)})",
        )
        return None
    nested = {key.removeprefix("imprint."): n for key, n in lines.items() if key.startswith("imprint.")}
    fields = Fields(path, {str(k): v for k, v in value.items()}, nested, line)
    _unknown(fields, diags)
    texts = fields.texts(FIELDS[1:], diags)
    texts["cip"] = _cip(fields, diags)
    if "price" in texts:
        texts["price"] = _price(value["price"], path, where.get("imprint.price", (fields.line("price"), 0)), diags)
    if "sheet" in texts:
        texts["sheet"] = _sheet(texts["sheet"], fields, diags)
    return Imprint(**texts)


def _unknown(fields: Fields, diags: Diagnostics) -> None:
    for key in fields.data:
        if key in FROM_BOOK:
            diags.warning(
                fields.path,
                fields.line(key),
                "unknown-field",
                f"'{key}' under 'imprint' is ignored: the imprint page shows the book's "
                f"'{FROM_BOOK[key]}': write it at the top of book.yaml, without indentation",
            )
        elif key not in FIELDS:
            diags.warning(
                fields.path,
                fields.line(key),
                "unknown-field",
                f"unknown imprint field '{key}' is ignored{did_you_mean(key, FIELDS)}; "
                f"the fields are {', '.join(FIELDS)}",
            )


def _cip(fields: Fields, diags: Diagnostics) -> str:
    """The CIP block: several lines, written as a ``|`` block or as a list of lines."""
    value = fields.data.get("cip")
    if isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value):
        return "\n".join(str(v).strip() for v in value if v is not None)
    if isinstance(value, (dict, list)):
        diags.error(
            fields.path,
            fields.line("cip"),
            "field-type",
            "'cip' must be text: write 'cip: |' and the block's lines under it, indented "
            "(a line holding ': ' is read as a field otherwise)",
        )
        return ""
    return "" if value is None else str(value).strip()


def _price(value: object, path: Path, at: Where, diags: Diagnostics) -> str:
    """The price as 定价 prints it, ``25.00元``, from ``25``, ``25.0`` (YAML's reading of 25.00) or ``25元``;
    "" with an error for anything else."""
    match = PRICE.match(unicodedata.normalize("NFKC", str(value)))
    if match and not isinstance(value, bool):
        return f"{float(match.group(1)):.2f}元"
    diags.error(
        path,
        at[0],
        "imprint-price",
        f"'price: {value}' must be an amount in yuan, printed as 定价：25.00元: write e.g. 25, 25.00 or 25.00元",
        at[1],
    )
    return ""


def _sheet(text: str, fields: Fields, diags: Diagnostics) -> str:
    """The parent sheet as printed on imprints (``880mm×1230mm``), or "" when it is not one."""
    match = SHEET.match(text)
    if match:
        return f"{match.group(1)}mm×{match.group(2)}mm"
    diags.error(
        fields.path,
        fields.line("sheet"),
        "imprint-sheet",
        f"'sheet: {text}' must be the parent sheet's width × height in millimetres, e.g. 880mm×1230mm or 787x1092",
    )
    return ""
