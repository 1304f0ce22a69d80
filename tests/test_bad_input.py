"""Bad input: every way an editor can get the content wrong ends in one clear diagnostic.

Each test builds a small book in ``tmp_path`` (``content/`` with ``book.yaml`` and
two short Chinese articles), runs the command line in-process through
``publisher.cli.main`` and checks the exit code and the diagnostic an editor
would read: ``file:line[:col]: error|warning: code: message``. File names in
diagnostics are relative to the folder that holds ``content/``, so they read
``content/01-first.md``.

``--format json`` is used wherever nothing has to be typeset; only the
"failure half-way" tests render the PDF and the EPUB.
"""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
import yaml

from publisher.build.pipeline import BuildOptions
from publisher.build.pipeline import build as build_book
from publisher.cli.main import EXIT_CONTENT, EXIT_INTERNAL, EXIT_USAGE
from publisher.diagnostics import ContentError, Diagnostics
from publisher.render.pdf import writer as pdf_writer
from tests.helpers import (
    BOOK_YAML,
    EPOCH,
    FIRST,
    PNG_1X1,
    PROJECT,
    SECOND,
    SLUG,
    article,
    assert_built,
    assert_diag,
    assert_failed,
    build,
    line_of,
    make_content,
    snapshot,
)


def font_file(element: str, layout: str = "booklet") -> str:
    """The font file that sets ``element`` (``body``, ``strong``…), as the layout and manifest say."""
    settings = PROJECT / "layouts" / layout / "layout.yaml"
    faces = yaml.safe_load(settings.read_text(encoding="utf-8"))["faces"]
    manifest = yaml.safe_load((PROJECT / "fonts" / "manifest.yaml").read_text(encoding="utf-8"))
    return next(entry["file"] for entry in manifest["fonts"] if entry["role"] == faces[element])


def plain(inlines: list[dict]) -> str:
    """The text of a JSON inline list, as a reader sees it."""
    parts = []
    for node in inlines:
        if node["type"] in ("Text", "Code"):
            parts.append(node["text"])
        elif "children" in node:
            parts.append(plain(node["children"]))
    return "".join(parts)


def test_the_fixture_book_builds_cleanly(tmp_path):
    result = build(make_content(tmp_path))
    assert_built(result)
    assert result.diags == []
    assert [a["title"] for a in result.document()["articles"]] == ["第一篇文章", "第二篇文章"]


# ---------------------------------------------------------------- 1, 2: malformed YAML


@pytest.mark.parametrize(
    "front, blamed, col, words",
    [
        # a colon inside a value
        (("title: 第一篇", "author: 张三: 李四"), "author:", 11, ("mapping values are not allowed", "quotes")),
        # an unclosed quote: PyYAML notices at the closing '---'; the opening line is the one to fix
        (('title: "第一篇', "author: 张三"), "title:", 8, ("quote", "never closed")),
        # an unclosed '[' noticed on the next line
        (("title: 第一篇", "author: [张三", "order: 1"), "author:", 9, ("'['", "never closed")),
        # a tab used for indentation
        (("title: 第一篇", "\tauthor: 张三"), "author:", 1, ("tab",)),
        # Markdown emphasis at the start of a value is a YAML alias
        (("title: *重要*文章",), "title:", 9, ("quotes",)),
    ],
    ids=["colon-in-value", "unclosed-quote", "unclosed-bracket", "tab-indent", "leading-asterisk"],
)
def test_malformed_front_matter_names_file_and_line(tmp_path, front, blamed, col, words):
    text = article(*front)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    diag = assert_diag(result, "yaml", "content/01-first.md", line_of(text, blamed), *words)
    assert diag.col == col
    assert f"content/01-first.md:{diag.line}:{col}: error: yaml: " in result.err


@pytest.mark.parametrize(
    "book, blamed, words",
    [
        (BOOK_YAML + "editor: [编辑部\nlanguage: zh-CN\n", "editor: [", ("'['", "never closed")),
        ("title: 测试文集\n  editor: 编辑部\n", "editor:", ("mapping values are not allowed",)),
        ("title: 测试文集\nsubtitle: '副标题\n", "subtitle:", ("quote", "never closed")),
    ],
    ids=["unclosed-bracket", "bad-indent", "unclosed-quote"],
)
def test_malformed_book_yaml_names_file_and_line(tmp_path, book, blamed, words):
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_failed(result)
    assert_diag(result, "yaml", "content/book.yaml", line_of(book, blamed), *words)


def test_front_matter_that_is_not_a_mapping(tmp_path):
    result = build(make_content(tmp_path, {"01-first.md": article("- 第一篇")}))
    assert_failed(result)
    assert_diag(result, "front-matter", "content/01-first.md", 2, "'field: value'", "list")


def test_front_matter_never_closed(tmp_path):
    result = build(make_content(tmp_path, {"01-first.md": "---\ntitle: 第一篇\n\n正文。\n"}))
    assert_failed(result)
    assert_diag(result, "front-matter", "content/01-first.md", 1, "never closed", "'---'")


# ---------------------------------------------------------------- 3: missing titles


def test_article_without_title(tmp_path):
    result = build(make_content(tmp_path, {"01-first.md": article("author: 张三", "order: 1")}))
    assert_failed(result)
    assert_diag(result, "title-missing", "content/01-first.md", 2, "'title: …'")


def test_article_with_an_empty_title_points_at_that_line(tmp_path):
    text = article("author: 张三", "title:", "order: 1")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(result, "title-missing", "content/01-first.md", line_of(text, "title:"), "'title: …'")


def test_book_yaml_without_title(tmp_path):
    result = build(make_content(tmp_path, {"book.yaml": "editor: 编辑部\nslug: test-book\n"}))
    assert_failed(result)
    assert_diag(result, "title-missing", "content/book.yaml", 1, "book.yaml", "'title: …'")


# ---------------------------------------------------------------- 4: unknown fields are warnings


def test_unknown_front_matter_field_is_a_warning_with_a_suggestion(tmp_path):
    text = article("title: 第一篇文章", "autor: 张三", "order: 1")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_built(result)
    assert_diag(
        result,
        "unknown-field",
        "content/01-first.md",
        line_of(text, "autor:"),
        "'autor'",
        "did you mean 'author'?",
        severity="warning",
    )
    assert result.article("01-first.md")["author"] == ""  # ignored, not guessed


def test_unknown_book_yaml_field_is_a_warning_with_a_suggestion(tmp_path):
    book = BOOK_YAML + "edtior: 某人\n"
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_built(result)
    assert_diag(
        result,
        "unknown-field",
        "content/book.yaml",
        line_of(book, "edtior"),
        "'edtior'",
        "did you mean 'editor'?",
        severity="warning",
    )


def test_unknown_field_far_from_any_known_one_has_no_suggestion(tmp_path):
    result = build(make_content(tmp_path, {"01-first.md": article("title: 第一篇", "xyzzy: 1")}))
    assert_built(result)
    diag = assert_diag(result, "unknown-field", "content/01-first.md", 3, "'xyzzy'", severity="warning")
    assert "did you mean" not in diag.message


# ---------------------------------------------------------------- 5: characters without a glyph


@pytest.mark.parametrize("char", ["\U0001f600", "\ue000", "\U0002f6c4"], ids=["emoji", "private-use", "unassigned"])
def test_character_without_glyph_in_body(tmp_path, char):
    body = "第一段正文。\n\n第二段有一个" + char + "字符。\n"
    text = article("title: 第一篇文章", body=body)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(
        result,
        "glyph-missing",
        "content/01-first.md",
        line_of(text, "第二段"),
        f"U+{ord(char):04X}",
        font_file("body"),
        "the font for body text",
    )


def test_glyph_on_the_second_line_of_a_paragraph_points_at_that_line(tmp_path):
    body = "第一行正文，\n第二行有\U0001f600表情，\n第三行。\n"
    text = article("title: 第一篇文章", body=body)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(result, "glyph-missing", "content/01-first.md", line_of(text, "第二行"), "U+1F600")


def test_glyph_in_a_table_row_points_at_that_row(tmp_path):
    body = "| 甲 | 乙 |\n|---|---|\n| 一 | 二 |\n| 三 | 四\U0001f600 |\n"
    text = article("title: 第一篇文章", body=body)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(result, "glyph-missing", "content/01-first.md", line_of(text, "| 三 |"), "U+1F600")


def test_glyph_in_strong_text_names_the_bold_font(tmp_path):
    text = article("title: 第一篇文章", body="正文**加粗\U0001f600**。\n")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(
        result,
        "glyph-missing",
        "content/01-first.md",
        line_of(text, "加粗"),
        "U+1F600",
        font_file("strong"),
        "the font for strong text",
    )


def test_glyph_in_an_article_title_points_at_the_title_line(tmp_path):
    text = article("author: 张三", "title: 标题\U0001f600")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(
        result,
        "glyph-missing",
        "content/01-first.md",
        line_of(text, "title:"),
        "U+1F600",
        font_file("title"),
        "the font for title text",
    )


def test_each_missing_character_is_reported_once_per_file(tmp_path):
    body = "甲\U0001f600。\n\n乙\U0001f600。\n"
    result = build(make_content(tmp_path, {"01-first.md": article("title: 第一篇", body=body)}))
    assert_failed(result)
    assert result.codes() == ["glyph-missing"]


# ---------------------------------------------------------------- 6: unknown layout


def test_unknown_layout_on_the_command_line(tmp_path):
    result = build(make_content(tmp_path), "--layout", "nope")
    assert_failed(result)
    diag = result.only("layout-unknown")
    assert diag.severity == "error"
    assert "'nope'" in diag.message
    assert "available: booklet" in diag.message


def test_unknown_layout_in_book_yaml(tmp_path):
    result = build(make_content(tmp_path, {"book.yaml": BOOK_YAML + "layout: nope\n"}))
    assert_failed(result)
    diag = result.only("layout-unknown")
    assert (diag.file, diag.severity) == ("content/book.yaml", "error")
    assert "'nope'" in diag.message
    assert "available: booklet" in diag.message


def test_unknown_layout_in_book_yaml_points_at_its_line(tmp_path):
    book = BOOK_YAML + "layout: nope\n"
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert result.only("layout-unknown").line == line_of(book, "layout:")


def test_near_miss_layout_name_gets_a_suggestion(tmp_path):
    result = build(make_content(tmp_path), "--layout", "booklt")
    assert_failed(result)
    assert "did you mean 'booklet'?" in result.only("layout-unknown").message


# ---------------------------------------------------------------- 7: nothing to build


def test_empty_content_folder(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    result = build(content)
    assert_failed(result)
    assert_diag(result, "book-missing", "content/book.yaml", 0, "no book.yaml", "'title: …'")
    assert_diag(result, "no-articles", "content", 0, "no articles", ".md")
    assert len(result.diags) == 2


def test_book_yaml_but_no_articles(tmp_path):
    content = make_content(tmp_path, base={"book.yaml": BOOK_YAML, "README.md": "# 说明\n"})
    result = build(content)
    assert_failed(result)
    assert_diag(result, "no-articles", "content", 0, "no articles", "one .md file per article")
    assert result.codes() == ["no-articles"]


def test_content_folder_that_does_not_exist(tmp_path):
    result = build(tmp_path / "content")
    assert_failed(result)
    assert_diag(result, "content-missing", "content", 0, "does not exist")


def test_articles_list_naming_a_missing_file(tmp_path):
    book = BOOK_YAML + "articles:\n  - 01-first.md\n  - 02-secnd.md\n"
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_failed(result)
    assert_diag(
        result,
        "article-missing",
        "content/book.yaml",
        line_of(book, "articles:"),
        "'02-secnd.md'",
        "did you mean '02-second.md'?",
    )


def test_articles_list_naming_a_file_twice(tmp_path):
    book = BOOK_YAML + "articles:\n  - 01-first.md\n  - 02-second.md\n  - 01-first.md\n"
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_failed(result)
    assert_diag(result, "article-twice", "content/book.yaml", line_of(book, "articles:"), "'01-first.md'", "2 times")
    assert result.codes() == ["article-twice"]  # not a confusing slug-duplicate on the article


# ---------------------------------------------------------------- 8: failure half-way


def test_content_error_leaves_previous_outputs_untouched(built_book):
    content, out, before = built_book
    (content / "02-second.md").write_text(article("title: 第二篇", body="坏字符\U0001f600。\n"), encoding="utf-8")
    result = build(content, fmt="pdf,epub", out=out)
    assert result.code == EXIT_CONTENT, result.err
    assert result.only("glyph-missing").file == "content/02-second.md"
    assert "previous outputs are untouched" in result.err
    assert snapshot(out) == before
    assert list(out.glob(".*.tmp")) == []
    assert result.out == ""


def test_crash_in_the_epub_renderer_after_the_pdf_leaves_previous_outputs_untouched(built_book, monkeypatch):
    """The new PDF is written whole (in this process, whether or not the EPUB is rendered beside it
    on the other core); the EPUB renderer falls over; neither new file takes the old ones' place."""
    content, out, before = built_book
    # A valid change, so that a rebuild would write different bytes if it got through.
    changed = SECOND.replace("另一篇文章的正文。", "改过的正文。")
    (content / "02-second.md").write_text(changed, encoding="utf-8")
    render_pdf, written = pdf_writer.render, []

    def render_and_keep(job, target, diags):
        render_pdf(job, target, diags)
        written.append(target.read_bytes())

    def crash(job, target, diags):
        raise RuntimeError("the EPUB engine fell over")

    monkeypatch.setattr(pdf_writer, "render", render_and_keep)
    monkeypatch.setattr("publisher.render.epub.writer.render", crash)
    result = build(content, fmt="pdf,epub", out=out)
    assert result.code == EXIT_INTERNAL, result.err
    assert "internal error: RuntimeError: the EPUB engine fell over" in result.err
    assert len(written) == 1 and written[0].startswith(b"%PDF-") and written[0] != before[f"{SLUG}.pdf"]
    assert snapshot(out) == before
    assert list(out.glob(".*.tmp")) == []


# ---------------------------------------------------------------- 9: order


def test_order_that_is_not_a_number(tmp_path):
    text = article("title: 第一篇", "order: abc")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(
        result, "field-type", "content/01-first.md", line_of(text, "order:"), "'order'", "whole number", "'abc'"
    )


def test_duplicate_order_is_a_warning_and_file_names_break_the_tie(tmp_path):
    files = {
        "b-beta.md": article("title: 乙篇", "order: 1"),
        "a-alpha.md": article("title: 甲篇", "order: 1"),
        "c-gamma.md": article("title: 丙篇", "order: 0"),
        "d-delta.md": article("title: 丁篇"),
    }
    result = build(make_content(tmp_path, files, base={"book.yaml": BOOK_YAML}))
    assert_built(result)
    assert_diag(
        result,
        "order-duplicate",
        "content/b-beta.md",
        line_of(files["b-beta.md"], "order:"),
        "order 1",
        "a-alpha.md",
        severity="warning",
    )
    articles = result.document()["articles"]
    assert [a["pos"]["file"] for a in articles] == ["c-gamma.md", "a-alpha.md", "b-beta.md", "d-delta.md"]


# ---------------------------------------------------------------- 10: files that are not text


def test_gbk_encoded_article(tmp_path):
    text = article("title: 第一篇文章", body="中文正文。\n")
    result = build(make_content(tmp_path, {"01-first.md": text.encode("gbk")}))
    assert_failed(result)
    assert_diag(result, "not-utf8", "content/01-first.md", line_of(text, "title:"), "UTF-8", "GBK")


def test_gbk_encoded_book_yaml(tmp_path):
    result = build(make_content(tmp_path, {"book.yaml": BOOK_YAML.encode("gbk")}))
    assert_failed(result)
    assert_diag(result, "not-utf8", "content/book.yaml", 1, "GBK")


def test_utf16_article_is_not_called_binary(tmp_path):
    result = build(make_content(tmp_path, {"01-first.md": FIRST.encode("utf-16")}))
    assert_failed(result)
    assert_diag(result, "not-utf8", "content/01-first.md", 1, "UTF-16", "UTF-8")


def test_utf8_with_bom_is_fine(tmp_path):
    result = build(make_content(tmp_path, {"01-first.md": FIRST.encode("utf-8-sig")}))
    assert_built(result)


@pytest.mark.parametrize("data", ["", "\n  \n"], ids=["empty", "blank-lines"])
def test_empty_article_file(tmp_path, data):
    result = build(make_content(tmp_path, {"01-first.md": data}))
    assert_failed(result)
    assert_diag(result, "empty-file", "content/01-first.md", 1, "empty")


def test_binary_junk_in_an_article_file(tmp_path):
    junk = PNG_1X1 + bytes(range(256))
    result = build(make_content(tmp_path, {"01-first.md": junk}))
    assert_failed(result)
    assert_diag(result, "not-text", "content/01-first.md", 0, "binary")


def test_hidden_files_are_not_articles(tmp_path):
    apple_double = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"
    result = build(make_content(tmp_path, {"._01-first.md": apple_double}))
    assert_built(result)
    assert [a["pos"]["file"] for a in result.document()["articles"]] == ["01-first.md", "02-second.md"]


# ---------------------------------------------------------------- 11: YAML that would run code


def test_python_tag_in_front_matter_is_refused_and_never_run(tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    text = article("title: 第一篇", f'author: !!python/object/apply:os.system ["touch {marker}"]')
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(
        result,
        "yaml",
        "content/01-first.md",
        line_of(text, "author:"),
        "!!python/object/apply:os.system",
        "not allowed",
    )
    assert not marker.exists()
    assert calls == []


def test_python_tag_in_book_yaml_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    book = BOOK_YAML + f'rights: !!python/object/apply:os.system ["touch {marker}"]\n'
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_failed(result)
    assert_diag(result, "yaml", "content/book.yaml", line_of(book, "rights:"), "not allowed")
    assert not marker.exists()


# ---------------------------------------------------------------- 12: images


@pytest.mark.parametrize(
    "src, extra, code, words",
    [
        ("images/none.png", {}, "image-missing", ("'images/none.png'", "does not exist")),
        ("../x.png", {}, "image-outside", ("'../x.png'", "outside the content folder")),
        ("images/fake.png", {"images/fake.png": b"GIF? no, just text"}, "image-format", ("PNG, JPEG or GIF",)),
        ("https://example.com/a.png", {}, "image-remote", ("network",)),
        ("file:///etc/hostname", {}, "image-scheme", ("'file:///etc/hostname'", "content/images/")),
        ("data:image/png;base64,iVBORw0KGgo=", {}, "image-scheme", ("'data:image/png", "content/images/")),
        ("/etc/passwd", {}, "image-outside", ("'/etc/passwd'", "absolute path")),
    ],
    ids=["missing", "outside", "not-an-image", "remote", "file-url", "data-url", "absolute"],
)
def test_bad_image(tmp_path, src, extra, code, words):
    (tmp_path / "x.png").write_bytes(PNG_1X1)  # exists, but outside content/
    text = article("title: 第一篇", body=f"正文。\n\n![图]({src})\n")
    result = build(make_content(tmp_path, {"01-first.md": text, **extra}))
    assert_failed(result)
    assert_diag(result, code, "content/01-first.md", line_of(text, "![图]"), *words)
    assert result.codes() == [code]


def test_image_symlinked_from_outside_is_outside(tmp_path):
    (tmp_path / "secret.png").write_bytes(PNG_1X1)
    text = article("title: 第一篇", body="![图](link.png)\n")
    content = make_content(tmp_path, {"01-first.md": text})
    (content / "link.png").symlink_to(tmp_path / "secret.png")
    result = build(content)
    assert_failed(result)
    assert_diag(result, "image-outside", "content/01-first.md", line_of(text, "![图]"), "'link.png'")


def test_image_with_chinese_name_and_space_is_found(tmp_path):
    text = article("title: 第一篇", body="![图](<images/图 一.png>)\n")
    result = build(make_content(tmp_path, {"01-first.md": text, "images/图 一.png": PNG_1X1}))
    assert_built(result)
    image = result.article("01-first.md")["blocks"][0]
    assert image["type"] == "Image"


# ---------------------------------------------------------------- 13: footnotes


def test_footnote_reference_without_definition(tmp_path):
    body = "有注释[^1]的正文。\n\n另有[^src]一处。\n\n[^src]: 出处。\n"
    text = article("title: 第一篇", body=body)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert_diag(
        result, "footnote-missing", "content/01-first.md", line_of(text, "[^1]"), "[^1]", "never defined", "'[^1]: …'"
    )


def test_defined_footnote_is_fine(tmp_path):
    text = article("title: 第一篇", body="有注释[^1]的正文。\n\n[^1]: 出处。\n")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_built(result)
    first = result.article("01-first.md")
    assert [n["label"] for n in first["footnotes"]] == ["1"]


# ---------------------------------------------------------------- 14: soft line breaks


def test_soft_line_breaks_vanish_between_chinese_and_are_one_space_between_latin(tmp_path):
    body = "第一行中文\n第二行中文\n\nthe first line\nthe second line\n\n*强调*\n中文\n"
    text = article("title: 第一篇", body=body)
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_built(result)
    blocks = result.article("01-first.md")["blocks"]
    assert [plain(b["children"]) for b in blocks] == [
        "第一行中文第二行中文",
        "the first line the second line",
        "强调中文",
    ]
    assert "\n" not in json.dumps([plain(b["children"]) for b in blocks])


def test_text_after_a_soft_line_break_keeps_its_own_line(tmp_path):
    text = article("title: 第一篇", body="第一行中文\n第二行中文\n")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_built(result)
    nodes = result.article("01-first.md")["blocks"][0]["children"]
    assert [(n["text"], n["pos"]["line"]) for n in nodes] == [
        ("第一行中文", line_of(text, "第一行")),
        ("第二行中文", line_of(text, "第二行")),
    ]


# ---------------------------------------------------------------- 15: identifier


def test_isbn_with_a_wrong_check_digit(tmp_path):
    book = BOOK_YAML + "identifier: 978-7-01-000000-0\n"
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_failed(result)
    assert_diag(
        result,
        "identifier",
        "content/book.yaml",
        line_of(book, "identifier:"),
        "'978-7-01-000000-0'",
        "ISBN-13",
        "last digit should be 8",
    )


@pytest.mark.parametrize(
    "written",
    [
        "978-7-01-000000-8",
        "ISBN 978-7-01-000000-8",
        "9787010000008",
        "urn:isbn:9787010000008",
        "９７８－７－０１－００００００－８",  # typed with a Chinese input method
    ],
    ids=["hyphens", "isbn-prefix", "digits", "urn", "full-width"],
)
def test_valid_isbn_becomes_a_urn(tmp_path, written):
    result = build(make_content(tmp_path, {"book.yaml": BOOK_YAML + f"identifier: {written}\n"}))
    assert_built(result)
    assert result.document()["meta"]["identifier"] == "urn:isbn:9787010000008"


def test_no_identifier_gives_a_stable_uuid(tmp_path):
    first = build(make_content(tmp_path / "a")).document()["meta"]["identifier"]
    second = build(make_content(tmp_path / "b")).document()["meta"]["identifier"]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", first) and first == second


# ---------------------------------------------------------------- 16: command line


def test_unknown_format_is_a_usage_error(tmp_path):
    content = make_content(tmp_path)
    result = build(content, fmt="nope")
    assert result.code == EXIT_USAGE
    assert "unknown format nope" in result.err and "pdf, epub, json" in result.err
    assert not result.out_dir.exists()


def test_empty_format_list_is_a_usage_error(tmp_path):
    result = build(make_content(tmp_path), fmt=",")
    assert result.code == EXIT_USAGE
    assert "unknown format" in result.err


# ---------------------------------------------------------------- book.yaml values that misbehaved


def test_book_slug_cannot_write_outside_the_output_folder(tmp_path):
    book = "title: 测试文集\nslug: ../escaped\n"
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_failed(result)
    assert_diag(result, "slug", "content/book.yaml", line_of(book, "slug:"), "'../escaped'", "lowercase")
    assert not (tmp_path / "escaped.json").exists()


def test_single_author_written_on_one_line_is_one_person(tmp_path):
    result = build(make_content(tmp_path, {"book.yaml": BOOK_YAML + "authors: 张三丰\n"}))
    assert_built(result)
    people = [(c["name"], c["role"]) for c in result.document()["meta"]["contributors"]]
    assert people == [("编辑部", "editor"), ("张三丰", "author")]


def test_authors_that_is_a_mapping_is_a_field_type_error(tmp_path):
    book = BOOK_YAML + "authors:\n  name: 张三\n"
    result = build(make_content(tmp_path, {"book.yaml": book}))
    assert_failed(result)
    assert_diag(result, "field-type", "content/book.yaml", line_of(book, "authors:"), "'authors'")


# ---------------------------------------------------------------- a mistake in a layout's template


@pytest.mark.parametrize("template", ["article.html.j2", "print.css.j2", "epub.css.j2"])
def test_a_mistake_in_a_template_is_reported_at_its_line(tmp_path, template):
    """Whichever stage renders the template: the print layout, or the EPUB in a process of its own."""
    layouts = tmp_path / "layouts"
    shutil.copytree(PROJECT / "layouts", layouts)
    path = layouts / "booklet" / template
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "{{ no_such_name }}\n", encoding="utf-8")
    content = make_content(tmp_path)
    diags = Diagnostics(root=content)
    options = BuildOptions(content=content, out=tmp_path / "out", formats=("pdf", "epub"), layouts_dir=layouts)
    with pytest.raises(ContentError):
        build_book(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags)
    line = len(text.splitlines()) + 1
    assert [d.format() for d in diags.items] == [
        f"layouts/booklet/{template}:{line}: error: template: template error: 'no_such_name' is undefined"
    ]
    assert not (tmp_path / "out" / f"{SLUG}.pdf").exists() and not (tmp_path / "out" / f"{SLUG}.epub").exists()
