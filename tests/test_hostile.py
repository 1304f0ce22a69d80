"""Hostile content and hostile conditions: nothing leaked, nothing lost.

Content is untrusted (in CI it comes from pull requests); so are the layouts'
templates and stylesheets (``test_sandbox.py``). Raw HTML must come out as text
in both outputs, links and images must not reach files or the network (each refused one an
error at its place, never Markdown printed as text), symbolic
links must not lead out of the content folder, and the PDF's resource loader must
refuse everything outside the content folder, the layout and ``fonts/``. Builds started together
must not spoil each other's files, and a build killed mid-way (SIGKILL, no
clean-up) must leave the previous outputs whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from publisher.render.pdf.engine.fetcher import resolve_local
from publisher.util import atomic
from tests.helpers import (
    EPOCH,
    FIRST,
    PNG_1X1,
    PROJECT,
    SLUG,
    article,
    assert_diag,
    assert_failed,
    assert_valid_epub,
    assert_valid_pdf,
    build,
    line_of,
    make_content,
)

XHTML = "{http://www.w3.org/1999/xhtml}"
ENV = {"SOURCE_DATE_EPOCH": EPOCH}


def epub_chapters(path: Path) -> list[etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return [
            etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml") and "nav" not in name
        ]


# ---------------------------------------------------------------- raw HTML is text

HOSTILE_HTML = [
    "<script>alert('x')</script>",
    '<iframe src="https://example.com/"></iframe>',
    "<img src=x onerror=alert(1)>",
    "<img src=file:///etc/passwd>",
    '<object data="file:///etc/passwd"></object>',
    '<link rel="stylesheet" href="file:///etc/passwd">',
    '<style>@import url("file:///etc/passwd");</style>',
]


def test_raw_html_is_text_in_both_outputs(tmp_path, no_network):
    inline = "行内" + HOSTILE_HTML[2] + "之后。"
    body = "\n\n".join(HOSTILE_HTML) + "\n\n" + inline + "\n"
    content = make_content(tmp_path, {"01-first.md": article("title: 第一篇", body=body)})
    result = build(content, fmt="pdf,epub")
    assert result.code == 0, result.err
    assert result.diags == [] and no_network == []
    chapters = epub_chapters(result.out_dir / f"{SLUG}.epub")
    elements = [e for chapter in chapters for e in chapter.find(f"{XHTML}body").iter()]
    tags = {e.tag.removeprefix(XHTML) for e in elements if isinstance(e.tag, str)}
    assert not tags & {"script", "iframe", "object", "link", "style", "embed"}
    assert not [name for e in elements for name in e.attrib if name.lower().startswith("on")]
    assert not [e for e in elements if "passwd" in e.get("src", "") + e.get("href", "") + e.get("data", "")]
    text = "".join("".join(chapter.itertext()) for chapter in chapters)
    pdf = "".join(page.extract_text() for page in PdfReader(result.out_dir / f"{SLUG}.pdf").pages)
    for snippet in (*HOSTILE_HTML, inline):
        assert snippet in text
        assert "".join(snippet.split()) in "".join(pdf.split())


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x0c", "\x85", "\u2028", "\uffff"])
@pytest.mark.parametrize("fmt", ["epub", "json"])
def test_invisible_control_characters_are_refused_at_their_place(tmp_path, char, fmt):
    """XML forbids most of them: an e-book holding one is ill-formed, the PDF draws a box."""
    text = article("title: 第一篇", body=f"第一段。\n\n正文{char}继续。\n")
    result = build(make_content(tmp_path, {"01-first.md": text}), fmt=fmt)
    assert_failed(result)
    line = text[: text.index(char)].count("\n") + 1  # not splitlines(): it breaks at \x0c and \u2028 too
    diag = assert_diag(result, "control-character", "content/01-first.md", line, f"U+{ord(char):04X}", "delete it")
    assert diag.col == 3


# ---------------------------------------------------------------- links and images

# Latin text around links: half-width brackets next to Chinese are a proofreading matter.


@pytest.mark.parametrize(
    "line, markdown, col, code, words",
    [
        (
            "![图](file:///etc/hostname)",
            "",
            1,
            "image-scheme",
            ("'file:///etc/hostname'", "'file:'", "content/images/"),
        ),
        ("参见[脚本](javascript:alert(1))。", "", 3, "link-scheme", ("'javascript:alert(1)'", "script", "https://")),
        ("> ![图](data:image/png;base64,iVBORw0KGgo=)", "", 3, "image-scheme", ("'data:image/png", "content/images/")),
        ("   ![图](../outside.png)", "", 4, "image-outside", ("'../outside.png'", "outside", "images/outside.png")),
        ("![图](/etc/passwd)", "", 1, "image-outside", ("'/etc/passwd'", "absolute path", "content/images/")),
        (
            "- 下载[文件](ftp://example.com/a.txt)",
            "",
            5,
            "link-scheme",
            ("'ftp://example.com/a.txt'", "'ftp:'", "https://"),
        ),
        ("| 甲 | [乙](vbscript:msgbox) |", "|---|---|\n", 7, "link-scheme", ("'vbscript:msgbox'", "script")),
        ("数据[见此](data:text/html;base64,PHNjcmlwdD4=)", "", 3, "link-scheme", ("'data:text/html", "https://")),
        ("文件[见此](file:///etc/passwd)", "", 3, "link-local", ("'file:///etc/passwd'", "https://")),
        ("自动 <javascript:alert(1)>", "", 4, "link-scheme", ("'javascript:alert(1)'",)),
        ("![图[说明](javascript:x)](images/fig.png)", "", 4, "link-scheme", ("'javascript:x'",)),
    ],
    ids=[
        "file-image",
        "javascript-link",
        "data-image",
        "dot-dot-image",
        "absolute-image",
        "ftp-link",
        "vbscript-link-in-a-table",
        "data-link",
        "file-link",
        "javascript-autolink",
        "link-in-an-image-description",
    ],
)
def test_refused_links_and_images_are_errors_at_their_place(tmp_path, line, markdown, col, code, words):
    """markdown-it would print these as Markdown text; each is an error at its ``[`` or ``![``."""
    text = article("title: 第一篇", body=f"第一段。\n\n{line}\n{markdown}")
    result = build(make_content(tmp_path, {"01-first.md": text, "images/fig.png": PNG_1X1}))
    assert_failed(result)
    diag = assert_diag(result, code, "content/01-first.md", line_of(text, line), *words)
    assert diag.col == col, result.err
    assert result.codes() == [code]


def test_a_refused_image_fails_the_build_before_anything_is_read_or_written(tmp_path, no_network):
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG_1X1 + b"SECRET-BYTES")
    text = article(
        "title: 第一篇",
        body=f"![图](file://{secret})\n\n![图](https://example.com/a.png)\n\n[站](javascript:alert(1))\n",
    )
    result = build(make_content(tmp_path, {"01-first.md": text}), fmt="pdf,epub,json")
    assert_failed(result)
    assert result.codes() == ["image-scheme", "image-remote", "link-scheme"]
    assert "SECRET" not in result.err + result.out and no_network == []


def test_an_image_inside_text_with_a_refused_target_says_both(tmp_path):
    text = article("title: 第一篇", body="见图 ![图](file:///etc/hostname) 。\n")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    assert [(d.code, d.line, d.col) for d in result.diags] == [("image-scheme", 5, 4), ("image-inline", 5, 4)]


@pytest.mark.parametrize("href", ["../../x", "02-second.md", "#top", "/etc/passwd", "//example.com/x", "http:x"])
def test_links_that_do_not_lead_to_the_web_are_refused(tmp_path, href):
    text = article("title: 第一篇", body=f"See [this page]({href}) here.\n")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    diag = assert_diag(result, "link-local", "content/01-first.md", line_of(text, "this page"), f"'{href}'", "https://")
    assert diag.col == len("See ") + 1


def test_web_links_and_an_image_of_the_book_build(tmp_path, no_network):
    text = article(
        "title: 第一篇",
        body="See [the site](https://example.com/a.css), [this](HTTP://example.com/) and "
        "[write](mailto:a@example.com) to us.\n\n![图](images/fig.png)\n\n![图](./images/../images/fig.png)\n",
    )
    result = build(make_content(tmp_path, {"01-first.md": text, "images/fig.png": PNG_1X1}), fmt="pdf,epub,json")
    assert result.code == 0, result.err
    first, *images = result.article("01-first.md")["blocks"]
    links = [n for n in first["children"] if n["type"] == "Link"]
    assert [link["href"] for link in links] == [
        "https://example.com/a.css",
        "HTTP://example.com/",
        "mailto:a@example.com",
    ]
    assert [image["src"] for image in images] == ["images/fig.png", "./images/../images/fig.png"]
    assert no_network == []


@pytest.mark.parametrize(
    "src, code",
    [
        ("file:///etc/passwd.png", "image-scheme"),
        ("http://example.com/a.png", "image-remote"),
        ("//example.com/a.png", "image-remote"),
        ("../../x.png", "image-outside"),
        ("images/../../x.png", "image-outside"),
        ("/etc/passwd", "image-outside"),
        ("C:\\pictures\\a.png", "image-outside"),
    ],
    ids=["file-url", "http", "protocol-relative", "dot-dot", "dot-dot-inside", "absolute", "windows"],
)
def test_images_from_outside_are_refused(tmp_path, src, code):
    text = article("title: 第一篇", body=f"![图]({src})\n")
    result = build(make_content(tmp_path, {"01-first.md": text}))
    assert_failed(result)
    diag = assert_diag(result, code, "content/01-first.md", line_of(text, "![图]"), "content/images/")
    assert diag.col == 1


# ---------------------------------------------------------------- symbolic links


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.md"
    path.write_text(article("title: 机密", body="SECRET-TEXT\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["03-link.md", "book.yaml", "style.yaml"])
def test_a_symlink_out_of_the_content_folder_is_refused_and_never_read(tmp_path, secret, name):
    content = make_content(tmp_path, {name: None})
    (content / name).symlink_to(secret)
    result = build(content)
    assert_failed(result)
    assert_diag(result, "file-outside", "content", 0, name, "outside the content folder")
    assert "SECRET" not in result.err + result.out


def test_a_loop_of_symlinks_is_refused_without_a_crash(tmp_path):
    content = make_content(tmp_path)
    (content / "03-a.md").symlink_to(content / "04-b.md")
    (content / "04-b.md").symlink_to(content / "03-a.md")
    result = build(content)
    assert_failed(result)
    assert [(d.file, d.code) for d in result.diags] == [("content", "symlink-broken")] * 2
    assert "03-a.md" in result.diags[0].message and "loop" in result.diags[0].message


def test_an_image_in_a_loop_of_symlinks_is_missing_not_a_crash(tmp_path):
    text = article("title: 第一篇", body="![图](images/fig.png)\n")
    content = make_content(tmp_path, {"01-first.md": text})
    (content / "images").mkdir()
    (content / "images" / "fig.png").symlink_to(content / "images" / "fig.png")
    result = build(content)
    assert_failed(result)
    assert_diag(result, "image-missing", "content/01-first.md", line_of(text, "![图]"), "'images/fig.png'")


def test_a_symlink_inside_the_content_folder_is_fine(tmp_path):
    content = make_content(tmp_path, {"02-second.md": None, "drafts/second.md": FIRST.replace("第一", "第二")})
    (content / "02-second.md").symlink_to(content / "drafts" / "second.md")
    result = build(content)
    assert result.code == 0, result.err


# ---------------------------------------------------------------- the PDF's resource loader


@pytest.fixture
def folders(tmp_path) -> dict[str, Path]:
    allowed = tmp_path / "content"
    (allowed / "images").mkdir(parents=True)
    (allowed / "images" / "a.png").write_bytes(PNG_1X1)
    (tmp_path / "outside.png").write_bytes(PNG_1X1)
    (allowed / "images" / "escape.png").symlink_to(tmp_path / "outside.png")
    return {"root": tmp_path, "content": allowed}


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/a.png",
        "https://example.com/font.woff",
        "file://example.com/{content}/images/a.png",
        "file://{content}/images/../../outside.png",
        "file://{content}/images/escape.png",
        "file://{content}/images/",
        "ftp://example.com/a.png",
    ],
)
def test_the_fetcher_refuses_everything_outside_the_allowed_folders(folders, url):
    assert resolve_local(url.format(content=folders["content"]), (folders["content"],)) is None


def test_the_fetcher_serves_a_file_inside(folders):
    url = (folders["content"] / "images" / "a.png").as_uri()
    assert resolve_local(url, (folders["content"],)) == (folders["content"] / "images" / "a.png").resolve()


# ---------------------------------------------------------------- builds at once, builds killed


def start_build(content: Path, out: Path, *python: str) -> subprocess.Popen:
    """``publisher build content -o out`` in a process of its own (``python``: run that instead of
    ``python -m publisher``), in a session of its own, so that a kill reaches its children too."""
    return subprocess.Popen(
        [sys.executable, *(python or ("-m", "publisher")), "build", str(content), "-o", str(out)],
        cwd=PROJECT,
        env={**os.environ, **ENV},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_two_builds_at_once_in_the_same_folder_both_write_whole_files(tmp_path):
    content = make_content(tmp_path)
    out = tmp_path / "build"
    builds = [start_build(content, out) for _ in range(2)]
    for process in builds:
        printed, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert f"{SLUG}.pdf" in printed
    assert_valid_pdf(out / f"{SLUG}.pdf")
    assert_valid_epub(out / f"{SLUG}.epub")
    assert list(out.glob(".*.tmp")) == []


KILLED_WHILE_RENDERING = """
import os, signal, sys
from publisher.__main__ import run
from publisher.render.pdf import writer

render = writer.render


def render_then_die(job, target, diags):
    render(job, target, diags)
    os.killpg(0, signal.SIGKILL)  # the build and its children, at once: no clean-up runs


writer.render = render_then_die
run()
"""
"""A build killed when the new PDF is written whole to its temporary file and not yet renamed into
place (the EPUB being written beside it): the moment the most is at stake."""


def test_a_build_killed_while_rendering_leaves_the_previous_outputs_whole(tmp_path):
    content = make_content(tmp_path)
    out = tmp_path / "build"
    names = (f"{SLUG}.pdf", f"{SLUG}.epub")

    def finished(process: subprocess.Popen) -> tuple[int, str]:
        _, err = process.communicate(timeout=120)  # only stops a build that hangs
        return process.returncode, err

    code, err = finished(start_build(content, out))
    assert code == 0, err
    before = {name: (out / name).read_bytes() for name in names}
    (content / "01-first.md").write_text(FIRST.replace("第一段正文", "改过的正文"), encoding="utf-8")
    code, err = finished(start_build(content, out, "-c", KILLED_WHILE_RENDERING))
    assert code == -signal.SIGKILL, err
    assert {name: (out / name).read_bytes() for name in names} == before
    (temp,) = out.glob(f".{SLUG}.pdf.*.tmp")  # SIGKILL runs no clean-up: the temporary file stays
    rendered = temp.read_bytes()
    assert rendered.startswith(b"%PDF-") and rendered != before[f"{SLUG}.pdf"]
    left = list(out.glob(".*.tmp"))
    old = time.time() - atomic.STALE_TEMP_SECONDS - 60
    for path in left:
        os.utime(path, (old, old))
    code, err = finished(start_build(content, out))
    assert code == 0, err
    assert [path for path in left if path.exists()] == [], "the next build removes what the killed one left"
    assert list(out.glob(".*.tmp")) == []
    assert (out / f"{SLUG}.pdf").read_bytes() == rendered, "and writes the PDF the killed one had rendered"
    assert_valid_epub(out / f"{SLUG}.epub")


def test_only_stale_temporary_files_are_removed(tmp_path):
    target = tmp_path / "book.pdf"
    now = time.time()
    stale, fresh, other = (
        tmp_path / ".book.pdf.abc.tmp",
        tmp_path / ".book.pdf.def.tmp",
        tmp_path / ".book.epub.ghi.tmp",
    )
    for path in (stale, fresh, other):
        path.write_bytes(b"%PDF-half")
    for path in (stale, other):
        os.utime(path, (now - atomic.STALE_TEMP_SECONDS - 1,) * 2)
    assert atomic.remove_stale(target, now) == [stale]
    assert fresh.exists() and other.exists()


def test_a_failed_render_keeps_the_old_file(tmp_path):
    target = tmp_path / "book.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as temp:
        temp.write_bytes(b"new, half")
        raise RuntimeError("the renderer fell over")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.glob(".*.tmp")) == []
