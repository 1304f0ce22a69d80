"""``parts:`` in book.yaml: read into the document, every mistake at its line and column."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import BOOK_YAML, PROJECT, article, assert_diag, assert_failed, build, make_content

THIRD = article("title: 第三篇文章", "order: 3")


def book_with(tmp_path: Path, parts: str, **files: str) -> Path:
    return make_content(tmp_path, {"book.yaml": BOOK_YAML + parts, "03-third.md": THIRD, **files})


def test_parts_group_articles_in_the_document(tmp_path: Path) -> None:
    content = book_with(tmp_path, "parts:\n  - title: 第一编　总论\n    articles: [01-first.md, 02-second.md]\n")
    result = build(content)
    assert result.code == 0, result.err
    data = result.document()
    assert data["parts"] == [
        {
            "type": "Part",
            "pos": {"file": "book.yaml", "line": 6},
            "title": "第一编　总论",
            "articles": ["01-first", "02-second"],
        }
    ]
    schema = json.loads((PROJECT / "docs" / "document.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_a_book_without_parts_has_none(tmp_path: Path) -> None:
    result = build(make_content(tmp_path))
    assert result.code == 0, result.err
    assert result.document()["parts"] == []


PARTS = "parts:\n  - title: 第一编\n    articles:\n      - 01-first.md\n"


@pytest.mark.parametrize(
    ("parts", "code", "line", "col", "words"),
    [
        (
            PARTS + "      - 01-frist.md\n",
            "part-article-unknown",
            9,
            9,
            ["'01-frist.md'", "did you mean '01-first.md'"],
        ),
        (
            PARTS + "  - title: 第二编\n    articles:\n      - 02-second.md\n      - 01-first.md\n",
            "part-article-twice",
            12,
            9,
            ["'01-first.md' is already in part '第一编' (line 8)"],
        ),
        (PARTS + "      - 01-first.md\n", "part-article-twice", 9, 9, ["already in this part"]),
        (PARTS + "      - 03-third.md\n", "part-gap", 9, 9, ["leaves out '02-second.md'"]),
        (
            "parts:\n  - title: 第一编\n    articles: [02-second.md, 01-first.md]\n",
            "part-order",
            7,
            30,
            ["lists '01-first.md' after '02-second.md'"],
        ),
        (
            "parts:\n  - title: 第二编\n    articles: [02-second.md]\n  - title: 第一编\n    articles: [01-first.md]\n",
            "part-order",
            8,
            12,
            ["part '第一编' comes after part '第二编'"],
        ),
        ("parts:\n  - articles: [01-first.md]\n", "part-title", 6, 5, ["needs a title"]),
        ("parts:\n  - title: 第一编\n", "part-articles", 6, 5, ["needs its articles"]),
        ("parts:\n  - title: 第一编\n    articles: 01-first.md\n", "part-articles", 7, 15, ["needs its articles"]),
        ("parts: 第一编\n", "parts-shape", 5, 8, ["must be a list of parts"]),
    ],
)
def test_each_mistake_is_reported_where_it_is(
    tmp_path: Path, parts: str, code: str, line: int, col: int, words: list[str]
) -> None:
    result = build(book_with(tmp_path, parts))
    assert_failed(result)
    diag = assert_diag(result, code, "content/book.yaml", line, *words)
    assert diag.col == col, result.err


def test_an_unknown_key_of_a_part_is_a_warning(tmp_path: Path) -> None:
    parts = "parts:\n  - title: 第一编\n    titel: 又一个\n    articles: [01-first.md]\n"
    result = build(book_with(tmp_path, parts))
    assert result.code == 0, result.err
    assert_diag(result, "parts-shape", "content/book.yaml", 7, "not 'titel'", severity="warning")
