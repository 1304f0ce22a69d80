"""The intermediate document as JSON, and byte-identical rebuilds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

from publisher.document import SCHEMA_VERSION
from tests.helpers import CONTENT, PROJECT, Built

SCHEMA = PROJECT / "docs" / "document.schema.json"


def test_json_validates_against_its_schema(built: Built) -> None:
    data = json.loads(built.json.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["schema_version"] == SCHEMA_VERSION == schema["properties"]["schema_version"]["const"]
    assert [a["slug"] for a in data["articles"]] == [a.slug for a in built.book.articles]


def test_schema_rejects_a_document_without_title(built: Built) -> None:
    data = json.loads(built.json.read_text(encoding="utf-8"))
    del data["meta"]["title"]
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)


def test_default_book_is_13_articles_in_editorial_order(built: Built) -> None:
    authors = [a.author for a in built.book.articles]
    assert authors == [
        "徐留平",
        "杨宇栋",
        "李金英",
        "魏地春",
        "朱建平",
        "马璐",
        "钟洪江",
        "蔡安辉",
        "金善文",
        "王娇萍",
        "张新武",
        "朱虎祥",
        "潘健",
    ]


def _build_copy(tmp: Path) -> Path:
    """Build a copy of the default content in its own folder, as a user would, with the CLI
    (its temporary files in ``tmp/tmp``)."""
    content = tmp / "content"
    shutil.copytree(CONTENT, content)
    (tmp / "tmp").mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1745812800", "TMPDIR": str(tmp / "tmp")}
    subprocess.run(
        [sys.executable, "-m", "publisher", "build", str(content)], check=True, env=env, cwd=tmp, capture_output=True
    )
    return tmp / "build"


def test_two_builds_in_different_folders_are_byte_identical(tmp_path: Path) -> None:
    first = _build_copy(tmp_path / "one")
    second = _build_copy(tmp_path / "two")
    names = sorted(p.name for p in first.iterdir() if p.is_file())
    assert names == ["gonghui-gaozhiliang-fazhan.epub", "gonghui-gaozhiliang-fazhan.pdf"]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs"
    # and nothing is left behind: WeasyPrint's temporary font folders are removed at exit
    assert [p.name for p in (tmp_path / "one" / "tmp").iterdir()] == []
