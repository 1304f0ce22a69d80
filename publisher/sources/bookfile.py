"""``book.yaml`` → :class:`BookMeta`, with every field checked."""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from publisher.diagnostics import Diagnostics
from publisher.document import BookMeta, Contributor
from publisher.sources.fields import SLUG, Fields
from publisher.sources.imprint import imprint_lines, read_imprint
from publisher.sources.parts import FIELD as PARTS
from publisher.sources.parts import PartEntry, read_parts
from publisher.sources.yamlfile import MALFORMED, key_lines, load_yaml, read_text

BOOK_FILE = "book.yaml"
STRING_FIELDS = ("title", "subtitle", "publisher", "language", "date", "rights", "layout", "slug")
KNOWN_FIELDS = (*STRING_FIELDS, "page-size", "editor", "authors", "identifier", "articles", "imprint", PARTS)
UUID_NAMESPACE = uuid.UUID("6f1d3c9e-2b0a-4c55-9a57-0c1b7e3f5a21")
ISBN_PREFIXES = ("urn:isbn:", "isbn-13:", "isbn13:", "isbn:", "isbn")
URN_UUID = re.compile(r"^urn:uuid:[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")


@dataclass
class BookFile:
    meta: BookMeta
    articles: list[str] | None = None
    lines: dict[str, int] = field(default_factory=dict)
    parts: list[PartEntry] | None = None
    """``parts:`` as written; checked against the articles once they are read (``parts.py``)."""


def isbn13_check_digit(first12: str) -> int:
    total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(first12))
    return (10 - total % 10) % 10


def isbn13_ok(isbn: str) -> bool:
    digits = isbn.replace("-", "").replace(" ", "")
    if not re.fullmatch(r"97[89][0-9]{10}", digits):
        return False
    return isbn13_check_digit(digits[:12]) == int(digits[12])


def derived_identifier(title: str) -> str:
    """A stable ``urn:uuid:`` from the title, so that rebuilds keep the same identity."""
    return f"urn:uuid:{uuid.uuid5(UUID_NAMESPACE, title)}"


def read_book_file(content: Path, diags: Diagnostics) -> BookFile | None:
    path = content / BOOK_FILE
    if not path.is_file():
        diags.error(path, 0, "book-missing", f"no {BOOK_FILE} in {content}: create it with at least a line 'title: …'")
        return None
    text = read_text(path, diags)
    if text is None:
        return None
    data = load_yaml(text, path, 1, diags)
    if data is MALFORMED:
        return None
    if not isinstance(data, dict):
        diags.error(path, 1, "book-yaml", "book.yaml must be a list of 'field: value' lines")
        return None
    lines = key_lines(text, 1) | imprint_lines(text)
    book_file = _validate(path, {str(k): v for k, v in data.items()}, lines, diags)
    if book_file is not None:
        book_file.parts = read_parts(path, text, diags)
    return book_file


def _validate(path: Path, data: dict, lines: dict[str, int], diags: Diagnostics) -> BookFile | None:
    fields = Fields(path, data, lines, 0)
    fields.warn_unknown(KNOWN_FIELDS, "field in book.yaml", diags)
    values = fields.texts(STRING_FIELDS, diags)
    paper = fields.texts(("page-size",), diags).get("page-size", "")  # checked where the paper is chosen
    title = values.pop("title", "")
    if not title:
        diags.error(path, lines.get("title", 1), "title-missing", "book.yaml needs a 'title: …' line")
        return None
    if "slug" in values and not SLUG.match(values["slug"]):
        # The slug names the output files: anything else could write outside the output folder.
        diags.error(
            path,
            lines.get("slug", 0),
            "slug",
            f"slug '{values['slug']}' names the output files and may hold only lowercase "
            "ASCII letters, digits and hyphens",
        )
        values.pop("slug")
    meta = BookMeta(
        title=title,
        contributors=_contributors(path, data, lines, diags),
        page_size=paper,
        imprint=read_imprint(path, data.get("imprint"), lines, diags),
        field_lines=dict(lines),
        **values,
    )
    meta.identifier = _identifier(path, data.get("identifier"), title, lines, diags)
    return BookFile(meta, _article_list(path, data.get("articles"), lines, diags), lines)


def _contributors(path: Path, data: dict, lines: dict[str, int], diags: Diagnostics) -> list[Contributor]:
    people: list[Contributor] = []
    editor = data.get("editor")
    if isinstance(editor, str) and editor.strip():
        people.append(Contributor(editor.strip(), "editor"))
    elif editor is not None:
        diags.error(path, lines.get("editor", 0), "field-type", "'editor' must be a name")
    authors = data.get("authors")
    if isinstance(authors, str):
        authors = [authors]  # one name on the line itself, not a list of its characters
    elif authors is not None and not isinstance(authors, list):
        diags.error(
            path, lines.get("authors", 0), "field-type", "'authors' must be a list of names, one '- name' per line"
        )
        authors = None
    for entry in authors or []:
        if isinstance(entry, str):
            people.append(Contributor(entry, "author"))
        elif isinstance(entry, dict) and isinstance(entry.get("name"), str):
            people.append(Contributor(entry["name"], str(entry.get("role", "author"))))
        else:
            diags.error(
                path,
                lines.get("authors", 0),
                "field-type",
                "each entry of 'authors' must be a name or 'name: …, role: …'",
            )
    return people


def _identifier(path: Path, value: object, title: str, lines: dict[str, int], diags: Diagnostics) -> str:
    if value is None:
        return derived_identifier(title)
    text = str(value).strip()
    if URN_UUID.match(text):
        return text.lower()
    isbn = _isbn_digits(text)
    if isbn13_ok(isbn):
        return "urn:isbn:" + isbn
    hint = "check the last digit"
    if re.fullmatch(r"97[89][0-9]{10}", isbn):
        hint = f"its last digit should be {isbn13_check_digit(isbn[:12])}, not {isbn[12]}"
    diags.error(
        path,
        lines.get("identifier", 0),
        "identifier",
        f"identifier '{text}' is neither a valid ISBN-13 ({hint}) "
        "nor 'urn:uuid:…'; remove it to get a stable identifier derived from the title",
    )
    return derived_identifier(title)


def _isbn_digits(text: str) -> str:
    """The digits of ``ISBN 978-7-…``, ``urn:isbn:978…`` or of a full-width ``９７８－７…``
    (as a Chinese input method types it)."""
    plain = unicodedata.normalize("NFKC", text).strip()
    for prefix in ISBN_PREFIXES:
        if plain.lower().startswith(prefix):
            plain = plain[len(prefix) :].strip()
            break
    return plain.replace("-", "").replace(" ", "")


def _article_list(path: Path, value: object, lines: dict[str, int], diags: Diagnostics) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        diags.error(
            path,
            lines.get("articles", 0),
            "field-type",
            "'articles' must be a list of file names, one '- name.md' per line",
        )
        return None
    return list(value)
