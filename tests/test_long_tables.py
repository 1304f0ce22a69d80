"""A table longer than a page runs on to the next with its header repeated, and the inspector reads it so.

The repeated header tells the reader of the next page which column is which, as a 续表 does; the source
holds it once, so the text-layer rule leaves out a table's header that starts a page.
"""

from __future__ import annotations

from pathlib import Path

from publisher.build.pipeline import BuildOptions
from publisher.checks.inspect.source import squash
from tests.helpers import BOOK_YAML, article, inspected, make_content

ROWS = "".join(f"| 第{n}项 | 说明文字第{n}行 |\n" for n in range(1, 61))
BODY = f"表格之前的一段文字。\n\n| 项目名称 | 具体说明 |\n|---|---|\n{ROWS}\n表格之后的一段文字。\n"


def test_a_table_over_pages_repeats_its_header_and_passes_the_inspector(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"book.yaml": BOOK_YAML, "01.md": article("title: 长表", body=BODY)})
    inspection = inspected(BuildOptions(content=content, out=tmp_path / "build", formats=("pdf",)))
    pages = [page for page in inspection.printed.pages if any("说明文字" in line.text for line in page.text)]
    assert len(pages) >= 2
    assert all(squash(page.text[0].text).startswith("项目名称具体说明") for page in pages[1:])
    assert [f"{v.code}: {v.message}" for v in inspection.violations] == []
