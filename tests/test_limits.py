"""Limits: content too large, too deep or too many stops at once with a clear error.

Each case would otherwise hang the build, exhaust memory, crash with a
RecursionError or silently lose text (see ``publisher/sources/limits.py``). Every
test asserts the diagnostic an editor reads (file, line, code, words), exit code 1,
and that nothing was written. Where a limit exists to stop a build early, the test
also checks where it stopped (:class:`Stages`): before any article is opened,
before a refused YAML text is made into values or a refused Markdown text into a
tree, and always before the print edition is laid out.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from publisher.build import pipeline
from publisher.cli.main import EXIT_CONTENT
from publisher.sources import articles, limits, markdown
from tests.helpers import (
    BOOK_YAML,
    SLUG,
    article,
    assert_built,
    assert_diag,
    assert_failed,
    build,
    line_of,
    make_content,
    snapshot,
    tiny_png,
)

PARAGRAPH = "工会工作高质量发展，书写工运事业壮丽篇章。" * 4 + "\n\n"
BOMB = 'lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"l{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
"""Nine lines of anchors and aliases that stand for 9⁹ = 387,420,489 strings."""


@dataclass
class Stages:
    """How far a build went: the files it opened while reading the content, the YAML texts it made
    values of, the articles whose Markdown it parsed and made a tree of, and whether it went on to
    lay out the print edition."""

    opened: list[Path] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)
    parsed: list[str] = field(default_factory=list)
    trees: list[str] = field(default_factory=list)
    laid_out: bool = False
    refused: set[str] = field(default_factory=set)
    """Files whose opening fails at once: a pipe would make ``open`` wait forever."""

    def opened_in(self, content: Path) -> list[str]:
        """The files of ``content`` the reading opened, by name, in order."""
        return [path.relative_to(content).as_posix() for path in self.opened if path.is_relative_to(content)]


WATCHING: list[Stages] = []


def _audit(event: str, args: tuple) -> None:
    """Every file opened (however it is opened: ``open``, ``Path.open``, ``os.open``) while a
    :class:`Stages` watches the reading of the content."""
    if event != "open" or not WATCHING or not isinstance(args[0], str | bytes | os.PathLike):
        return
    path = Path(os.path.abspath(os.fsdecode(args[0])))
    for stages in WATCHING:
        stages.opened.append(path)
        if str(path) in stages.refused:
            raise PermissionError(f"the test refuses to open {path}")


sys.addaudithook(_audit)


@pytest.fixture
def stages(monkeypatch: pytest.MonkeyPatch) -> Stages:
    """The stages of the builds made in this test, as far as they went."""
    found = Stages()
    read_book, read_body, tree, lay_out = (
        pipeline.read_book,
        articles.read_body,
        markdown.SyntaxTreeNode,
        pipeline.lay_out,
    )
    load, parsing = yaml.load, []

    def reading(content, diags):
        WATCHING.append(found)
        try:
            return read_book(content, diags)
        finally:
            WATCHING.remove(found)

    def loading(stream, *args, **kwargs):
        found.loaded.append(stream if isinstance(stream, str) else "")
        return load(stream, *args, **kwargs)

    def parse(parser, text, file, *args, **kwargs):
        found.parsed.append(file)
        parsing.append(file)
        try:
            return read_body(parser, text, file, *args, **kwargs)
        finally:
            parsing.pop()

    def make_tree(*args, **kwargs):
        found.trees.append(parsing[-1] if parsing else "")
        return tree(*args, **kwargs)

    def laying_out(*args, **kwargs):
        found.laid_out = True
        return lay_out(*args, **kwargs)

    monkeypatch.setattr(pipeline, "read_book", reading)
    monkeypatch.setattr(yaml, "load", loading)  # yaml.safe_load loads through it too
    monkeypatch.setattr(articles, "read_body", parse)
    monkeypatch.setattr(markdown, "SyntaxTreeNode", make_tree)
    monkeypatch.setattr(pipeline, "lay_out", laying_out)
    return found


# ---------------------------------------------------------------- size


def test_a_10_mb_article_stops_at_the_line_where_it_passes_the_limit(tmp_path, stages):
    body = PARAGRAPH * (10_000_000 // len(PARAGRAPH.encode()))
    text = article("title: 大文章", body=body)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    limit_line = text.encode()[: limits.MAX_FILE_BYTES].count(b"\n") + 1
    assert_diag(result, "too-large", "content/01-first.md", limit_line, "9.5 MiB", "1.0 MiB", "split")
    assert result.codes() == ["too-large"]
    assert stages.parsed == ["02-second.md"], "the big article's Markdown is never parsed"
    assert not stages.laid_out


def test_a_file_exactly_at_the_limit_is_read_and_one_byte_more_is_not(tmp_path, monkeypatch):
    monkeypatch.setattr("publisher.sources.yamlfile.MAX_FILE_BYTES", len(FIRST_AT_LIMIT.encode()))
    result = build(make_content(tmp_path / "at", {"01-first.md": FIRST_AT_LIMIT}))
    assert_built(result)
    result = build(make_content(tmp_path / "over", {"01-first.md": FIRST_AT_LIMIT + "\n"}))
    assert_failed(result)
    assert result.only("too-large").file == "content/01-first.md"


FIRST_AT_LIMIT = article("title: 第一篇", body="正文。\n\n" * 1000)
"""Larger than the layout's ``layout.yaml``, which the patched limit applies to as well."""


def test_a_book_over_the_total_size_stops_before_reading_any_article(tmp_path, stages):
    body = PARAGRAPH * (900_000 // len(PARAGRAPH.encode()))
    files = {f"0{n}-big.md": article(f"title: 第{n}篇", body=body) for n in range(3)}
    content = make_content(tmp_path, files)
    result = build(content)
    assert_failed(result)
    assert_diag(result, "too-large", "content", 0, "2.0 MiB", "00-big.md", "split it into several books")
    assert stages.opened_in(content) == ["book.yaml"]
    assert stages.parsed == [] and not stages.laid_out


def test_5000_articles_stop_at_once(tmp_path, stages):
    """At once: on the names alone, before any article is opened."""
    files = {f"{n:05d}.md": article(f"title: 第{n}篇") for n in range(5000)}
    content = make_content(tmp_path, files, base={"book.yaml": BOOK_YAML})
    result = build(content)
    assert_failed(result)
    assert_diag(result, "too-many", "content", 0, "5,000 articles", f"{limits.MAX_ARTICLES}")
    assert result.codes() == ["too-many"]
    assert stages.opened_in(content) == ["book.yaml"]
    assert stages.parsed == [] and not stages.laid_out


def test_too_many_articles_in_the_articles_list_points_at_it(tmp_path, stages):
    names = [f"{n:04d}.md" for n in range(limits.MAX_ARTICLES + 1)]
    book = BOOK_YAML + "articles:\n" + "".join(f"  - {name}\n" for name in names)
    files = {name: article(f"title: 第{n}篇") for n, name in enumerate(names)}
    content = make_content(tmp_path, {"book.yaml": book, **files}, base={})
    result = build(content)
    assert_failed(result)
    assert_diag(
        result, "too-many", "content/book.yaml", line_of(book, "articles:"), f"{limits.MAX_ARTICLES + 1:,} articles"
    )
    assert stages.opened_in(content) == ["book.yaml"]


def test_a_100000_character_line_builds(tmp_path):
    text = article("title: 长行", body="字" * 100_000 + "\n\n" + "word " * 20_000 + "\n")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_built(result)
    blocks = result.article("01-first.md")["blocks"]
    assert len(blocks[0]["children"][0]["text"]) == 100_000


@pytest.mark.parametrize("make", [os.mkfifo, os.mkdir], ids=["pipe", "folder"])
def test_a_pipe_or_folder_named_like_an_article_is_refused_without_waiting_on_it(tmp_path, make, stages):
    """Never opened: opening a pipe for reading waits until something writes to it (here, an
    attempt to open it fails at once instead)."""
    content = make_content(tmp_path)
    make(content / "03-odd.md")
    stages.refused.add(str(content / "03-odd.md"))
    result = build(content)
    assert_failed(result)
    assert_diag(result, "unreadable", "content/03-odd.md", 0, "not a regular file")
    opened = stages.opened_in(content)
    assert "01-first.md" in opened and "03-odd.md" not in opened


# ---------------------------------------------------------------- Markdown nesting


def nested_list(levels: int) -> str:
    return "".join("  " * n + "- 项\n" for n in range(levels))


@pytest.mark.parametrize(
    "body, blamed",
    [
        (nested_list(1000), limits.MAX_NESTING),  # the first list one level too deep
        ("> " * 1000 + "引文\n", 0),
        ("- " * 1000 + "项\n", 0),
        ("*" * 5000 + "强调" + "*" * 5000 + "\n", 0),
        ("> " * 10 + "- " * 10 + "正文\n", 0),
    ],
    ids=["indented-lists", "block-quotes", "list-markers", "emphasis", "quotes-and-lists"],
)
def test_1000_levels_of_nesting_stop_with_the_line(tmp_path, body, blamed, stages):
    """``blamed``: the line of ``body`` the diagnostic must point at. Found in one flat pass over
    markdown-it's tokens: no tree is made of the article, which a walk would recurse through."""
    text = article("title: 深", body="第一段。\n\n" + body)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    line = line_of(text, "第一段") + 2 + blamed
    assert_diag(result, "too-deep", "content/01-first.md", line, f"more than {limits.MAX_NESTING} deep", "flatten")
    assert result.codes() == ["too-deep"]
    assert stages.parsed == ["01-first.md", "02-second.md"] and stages.trees == ["02-second.md"]
    assert not stages.laid_out


def test_nesting_at_the_limit_builds_through_both_renderers(tmp_path):
    """Sixteen levels of lists, quotes and emphasis: no text lost, nothing recurses too deep."""
    lists = "".join("  " * n + "- 项\n" for n in range(14)) + "  " * 14 + "- **最深**\n"
    quotes = "> " * 13 + "*[**最深引文**](https://example.org)*\n"
    note = "正文[^1]。\n\n[^1]: " + "> " * 8 + "- " * 6 + "注文\n"
    text = article("title: 深", body=f"{lists}\n{quotes}\n{note}")
    result = build(make_content(tmp_path, {"01-first.md": text}), fmt="pdf,epub,json")
    assert result.code == 0, result.err
    document = (result.out_dir / f"{SLUG}.json").read_text(encoding="utf-8")
    for words in ("最深", "最深引文", "注文"):
        assert f'"{words}"' in document
    assert (result.out_dir / f"{SLUG}.pdf").read_bytes().startswith(b"%PDF-")


# ---------------------------------------------------------------- what costs WeasyPrint most


def table(columns: int, rows: int, cell: str = "字") -> str:
    return "|" + "甲|" * columns + "\n|" + "-|" * columns + "\n" + ("|" + f"{cell}|" * columns + "\n") * rows


def test_a_table_too_wide_for_a_page(tmp_path, stages):
    text = article("title: 表", body="正文。\n\n" + table(5_000, 2))
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    diag = next(d for d in result.diags if d.code == "too-wide")
    assert (diag.file, diag.line) == ("content/01-first.md", line_of(text, "|甲|"))
    assert f"more than {limits.MAX_TABLE_COLUMNS} columns" in diag.message
    assert set(result.codes()) <= {"too-wide", "too-many"}  # 100,000 cells are too many, too
    assert "01-first.md" in stages.parsed and "01-first.md" not in stages.trees and not stages.laid_out


def test_a_table_cell_too_long(tmp_path, stages):
    text = article("title: 表", body=table(2, 1) + "| 短 | " + "长" * 2000 + " |\n")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(
        result,
        "too-long",
        "content/01-first.md",
        line_of(text, "长长"),
        "2,000 characters",
        f"{limits.MAX_CELL_CHARS}",
        "paragraph",
    )
    assert stages.trees == ["02-second.md"] and not stages.laid_out


def test_too_much_text_in_the_tables_of_the_book(tmp_path):
    cell = "字" * 100
    rows = limits.MAX_TABLE_CHARS // (100 * 10) // 2 + 1
    files = {f"0{n}-table.md": article(f"title: 表{n}", body=table(10, rows, cell)) for n in (1, 2)}
    result = build(make_content(tmp_path, files, base={"book.yaml": BOOK_YAML}))
    assert_failed(result)
    diag = result.only("too-many")  # once, where the book passes the limit
    assert diag.file == "content/02-table.md" and "50,000 characters" in diag.message
    assert files["02-table.md"].splitlines()[diag.line - 1].startswith(f"|{cell}|")


@pytest.mark.parametrize(
    "unit, count, words",
    [
        ("- 项\n", limits.MAX_BLOCKS, "paragraphs, headings, list items"),
        ("正文[^n]。\n\n[^n]: 注。\n\n", limits.MAX_FOOTNOTES, "notes"),
    ],
    ids=["list-items", "footnotes"],
)
def test_too_many_blocks_or_notes_in_the_book(tmp_path, unit, count, words, stages):
    """Counted across articles: the error is in the article where the book passes the limit."""
    half = count // 2
    body = "".join(unit.replace("[^n]", f"[^{n}]") for n in range(half + 1))
    files = {
        "01-first.md": article("title: 一", body=body.replace("[^", "[^a")),
        "02-second.md": article("title: 二", body=body),
    }
    result = build(make_content(tmp_path, files, base={"book.yaml": BOOK_YAML}))
    assert_failed(result)
    assert result.only("too-many").file == "content/02-second.md"
    assert words in result.only("too-many").message
    assert stages.trees == ["01-first.md"] and not stages.laid_out


def test_a_title_too_long_for_the_contents(tmp_path):
    text = article("title: " + "长" * (limits.MAX_TITLE_CHARS + 1))
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(result, "too-long", "content/01-first.md", 2, f"the {limits.MAX_TITLE_CHARS} a title", "'subtitle'")


@pytest.mark.parametrize("where", ["front-matter", "book.yaml"])
def test_a_100000_character_yaml_value(tmp_path, where, stages):
    value = "长" * 100_000
    files = (
        {"book.yaml": BOOK_YAML + f"rights: {value}\n"}
        if where == "book.yaml"
        else {"01-first.md": article("title: 第一篇", f"note: {value}")}
    )
    result = build(make_content(tmp_path, files))
    assert_failed(result)
    diag = result.only("too-long")
    assert "100,000 characters" in diag.message and f"{limits.MAX_YAML_TEXT_CHARS:,}" in diag.message
    assert diag.line == (5 if where == "book.yaml" else 3)
    assert not [text for text in stages.loaded if value in text], "no value is made of the YAML"
    assert not stages.laid_out


# ---------------------------------------------------------------- YAML


@pytest.mark.parametrize("where", ["front-matter", "book.yaml"])
@pytest.mark.parametrize("use", ["", "rights: *i\n", "order: *i\n"], ids=["unused", "text-field", "order"])
def test_yaml_alias_bomb_stops_at_the_alias(tmp_path, where, use, stages):
    """Loading the bomb is cheap (shared lists); printing or walking it never ends. It is measured
    on the parser's events: no value is made of it."""
    yaml_text = BOMB + use
    if where == "book.yaml":
        files, file = {"book.yaml": BOOK_YAML + yaml_text}, "content/book.yaml"
    else:
        files, file = {"01-first.md": article("title: 第一篇", *yaml_text.splitlines())}, "content/01-first.md"
    result = build(make_content(tmp_path, files))
    assert_failed(result)
    diag = result.only("yaml-aliases")
    assert diag.file == file and "10,000 values" in diag.message
    alias = re.search(r"the alias (\*\w+)", diag.message)[1]
    row = files[file.removeprefix("content/")].splitlines()[diag.line - 1]
    assert row[diag.col - 1 :].startswith(alias)  # file:line:col is the alias that passed the limit
    assert result.codes() == ["yaml-aliases"]
    assert not [text for text in stages.loaded if "lol:" in text] and not stages.laid_out


def test_yaml_nested_1000_deep_stops_instead_of_recursing(tmp_path, stages):
    """Measured on the parser's events, one at a time: PyYAML's composer, which recurses, never sees it."""
    text = article("title: 第一篇", "author: " + "[" * 1000 + "]" * 1000)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    diag = assert_diag(
        result, "too-deep", "content/01-first.md", line_of(text, "author:"), f"more than {limits.MAX_YAML_DEPTH} deep"
    )
    assert diag.col == len("author: ") + limits.MAX_YAML_DEPTH  # the front-matter itself is one level
    assert not [text for text in stages.loaded if "[[[" in text] and not stages.laid_out


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    text = article("title: 第一篇", "rights: &loop [*loop]")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(result, "yaml-aliases", "content/01-first.md", line_of(text, "rights:"), "*loop", "&loop")


def test_too_many_plain_values_are_too_large(tmp_path):
    book = BOOK_YAML + "keywords: [" + ", ".join(["词"] * limits.MAX_YAML_NODES) + "]\n"
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_failed(result)
    assert_diag(result, "too-large", "content/book.yaml", line_of(book, "keywords:"), "10,000 values")


def test_a_small_alias_is_fine(tmp_path):
    text = article("title: 第一篇", "author: &who 张三", "note: *who")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_built(result)
    assert result.article("01-first.md")["note"] == "张三"


# ---------------------------------------------------------------- images


def huge_png(width: int, height: int) -> bytes:
    """A 1-bit PNG that claims ``width`` × ``height``: tens of KiB on disk, GiB decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "data, code, words",
    [
        (huge_png(6000, 6000), "too-large", ("6,000 × 6,000", "scale it down")),
        (huge_png(20000, 20000), "too-large", ("pixels", "scale it down")),
        (tiny_png()[:20], "image-format", ("damaged",)),
    ],
    ids=["36-megapixels", "400-megapixels", "truncated"],
)
def test_image_too_large_to_typeset_or_damaged(tmp_path, data, code, words):
    text = article("title: 第一篇", body="正文。\n\n![图](images/big.png)\n")
    result = build(make_content(tmp_path, {"01-first.md": text, "images/big.png": data}))
    assert_failed(result)
    assert_diag(result, code, "content/01-first.md", line_of(text, "![图]"), "'images/big.png'", *words)


# ---------------------------------------------------------------- nothing lost


def test_a_limit_leaves_the_previous_outputs_untouched(built_book):
    content, out, before = built_book
    (content / "02-second.md").write_text(article("title: 第二篇", *BOMB.splitlines()), encoding="utf-8")
    result = build(content, fmt="pdf,epub", out=out)
    assert result.code == EXIT_CONTENT, result.err
    assert result.only("yaml-aliases").file == "content/02-second.md"
    assert {name: data for name, data in snapshot(out).items() if name in before} == before
    assert list(out.glob(".*.tmp")) == []


@pytest.mark.parametrize(
    "text",
    [
        "title: 标题\ndate: 2024-05-01\norder: 3\ntags: [一, 二]\nnote: |\n  多行\n  文字\n",
        "a: &x [1, 2]\nb: *x\nc: yes\nd: ~\n",
        "title: ':冒号'\n",
    ],
)
def test_libyaml_reads_the_values_pyyaml_reads(text):
    from publisher.diagnostics import Diagnostics
    from publisher.sources.yamlfile import QUICK, key_lines, load_yaml

    assert QUICK.__name__ == "CSafeLoader", "PyYAML was built without libyaml: front matter is read ~5× slower"
    assert load_yaml(text, Path("a.md"), 2, Diagnostics()) == yaml.load(text, Loader=yaml.SafeLoader)
    pure = {str(key.value): 2 + key.start_mark.line for key, _ in yaml.compose(text, Loader=yaml.SafeLoader).value}
    assert key_lines(text, 2) == pure
