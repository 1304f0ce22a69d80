"""The build cache never disagrees with a clean build.

A build skips its work when the fingerprint of its inputs (``build/cache.py``) is the one of the
last build in the same output folder. Hypothesis edits a small book — articles added, removed and
renamed, symbolic links in and out of the content folder, to nothing and in a loop, empty files,
another encoding, a control character, broken front-matter, ``style.yaml``, a layout of the
book's own, images, files the reader skips — and after each round of edits builds it in the
output folder that saw the builds before; after the last round, in a fresh one too. Both builds
must exit alike, say the same and write the same bytes. The JSON edition is built (it is read
like the others, and fast); a few fixed sequences build the PDF.

Every example starts from the same book in the same folder, with an output folder that already
holds its build, so that the first build after the edits may be a cache hit.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from publisher.cli.main import EXIT_CONTENT, EXIT_OK
from tests.helpers import BOOK_YAML, DEFAULT_FILES, PNG_1X1, PROJECT, Result, article, build, make_content, snapshot

FIGURE = article("title: 图片", "author: 王五", "order: 3", body="图片之前。\n\n![图](images/fig.png)\n")
BASE: dict[str, str | bytes] = {**DEFAULT_FILES, "03-figure.md": FIGURE, "images/fig.png": PNG_1X1}
"""The book every example starts from: three articles, one with an image."""

NAMES = ["01-first.md", "02-second.md", "03-figure.md", "04-new.md", ".#01-first.md", "README.md"]
"""Where articles are written, removed, renamed and linked: two of them the reader skips."""

TEXTS: dict[str, bytes] = {
    "article": article("title: 新的文章", "author: 赵六", "order: 4", body="新的正文，说明情况。\n").encode(),
    "changed": article("title: 第一篇文章", "author: 张三", "order: 1", body="第一段改过的正文。\n").encode(),
    "empty": b"",
    "gbk": article("title: 编码", body="正文一段。\n").encode("gbk"),
    "utf16": article("title: 编码", body="正文一段。\n").encode("utf-16"),
    "control": article("title: 控制", body="正文\x01一段。\n").encode(),
    "front-broken": "---\ntitle: [未闭合\n---\n\n正文。\n".encode(),
    "no-front": "只有正文。\n".encode(),
    "image": article("title: 另一幅图", body="![图](images/fig.png)\n").encode(),
    "image-missing": article("title: 缺图", body="![图](images/none.png)\n").encode(),
    "link-refused": article("title: 链接", body="参见[脚本](javascript:alert(1))。\n").encode(),
    "link-web": article("title: 链接", body="参见[网站](https://example.com/)。\n").encode(),
}
"""What an article file may become (bytes: some are not UTF-8)."""

STYLES = {
    "latin": "allowed-latin: [APP]\n",
    "off": "off: [spacing]\n",
    "broken": "allowed-latin: [APP\n",
    "shape": "- not a mapping\n",
    "empty": "",
}
LINK_TARGETS = [
    "02-second.md",  # inside
    "drafts/second.md",  # inside, in a folder
    "images",  # inside, a folder
    "../outside/secret.md",  # outside
    "../outside",  # outside, a folder
    "../outside/missing.md",  # nowhere
    "loop",  # to itself
    "root@host.1234:1",  # nowhere: what an editor's lock file leads to
]
LINK_NAMES = [*NAMES, "book.yaml", "style.yaml", "images/fig.png", "pics"]

INSIDE = LINK_TARGETS[:3]
ARTICLE_TEXTS = ["article", "changed", "image", "link-web"]
harmless = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(NAMES), st.sampled_from(ARTICLE_TEXTS)),
    st.tuples(st.just("restore"), st.sampled_from([*NAMES, "book.yaml", "images/fig.png"])),
    st.tuples(st.just("remove"), st.sampled_from([*NAMES, "style.yaml", "pics"])),
    st.tuples(st.just("rename"), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.tuples(st.just("link"), st.sampled_from([*NAMES, "pics"]), st.sampled_from(INSIDE)),
    st.tuples(st.just("outside"), st.sampled_from(["article", "changed", "remove", "folder"])),
    st.tuples(st.just("style"), st.sampled_from(["latin", "off", "empty"])),
    st.tuples(st.just("layout"), st.sampled_from(["copy", "size", "remove", "chosen"])),
    st.tuples(st.just("image"), st.sampled_from(["other", "inside-folder"])),
    st.tuples(st.just("book"), st.sampled_from(["slug", "articles"])),
    st.tuples(st.just("odd"), st.sampled_from(["executable", "same-bytes"])),
)
"""Edits after which the book may still build."""
harmful = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(NAMES), st.sampled_from(sorted(set(TEXTS) - set(ARTICLE_TEXTS)))),
    st.tuples(st.just("remove"), st.sampled_from(["book.yaml", "images/fig.png"])),
    st.tuples(st.just("link"), st.sampled_from(LINK_NAMES), st.sampled_from(LINK_TARGETS)),
    st.tuples(st.just("style"), st.sampled_from(["broken", "shape"])),
    st.tuples(st.just("layout"), st.sampled_from(["bad-size", "unknown"])),
    st.tuples(st.just("image"), st.sampled_from(["broken", "remove"])),
    st.tuples(st.just("book"), st.sampled_from(["broken", "link-out"])),
    st.tuples(st.just("odd"), st.sampled_from(["folder", "pipe", "unreadable"])),
)
"""Edits that make a book the reader refuses (unless a later edit undoes them, or the file is one
it skips)."""
edits = st.one_of(harmless, harmless, harmless, harmful)
"""One edit of the book, as data (so that Hypothesis shows it and shrinks it)."""


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.is_symlink() or path.exists():
        path.unlink()


def _write(path: Path, data: str | bytes) -> None:
    _remove(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def apply(root: Path, edit: tuple[str, ...]) -> None:
    """Make one edit to the book in ``root`` (its ``content/``, ``layouts/`` and ``outside/``)."""
    content, kind, *args = root / "content", *edit
    if kind == "write":
        _write(content / args[0], TEXTS[args[1]])
    elif kind == "restore":
        _remove(content / args[0])
        if args[0] in BASE:
            _write(content / args[0], BASE[args[0]])
    elif kind == "remove":
        _remove(content / args[0])
    elif kind == "rename":
        source, target = content / args[0], content / args[1]
        if os.path.lexists(source) and source != target:
            _remove(target)
            source.rename(target)
    elif kind == "link":
        link, target = content / args[0], args[1]
        _remove(link)
        link.parent.mkdir(parents=True, exist_ok=True)
        if target == "drafts/second.md":
            _write(content / target, BASE["02-second.md"])
        depth = len(Path(args[0]).parts) - 1
        link.symlink_to(args[0].split("/")[-1] if target == "loop" else "../" * depth + target)
    elif kind == "outside":
        _outside(root / "outside", args[0])
    elif kind == "style":
        _write(content / "style.yaml", STYLES[args[0]])
    elif kind == "layout":
        _layout(root, content, args[0])
    elif kind == "image":
        _image(content, args[0])
    elif kind == "book":
        _book(root, content, args[0])
    else:
        _odd(content, args[0])


def _outside(outside: Path, change: str) -> None:
    """What a link out of the content folder leads to comes and goes: a build never reads it."""
    secret = outside / "secret.md"
    if change == "remove":
        _remove(secret)
    elif change == "folder":
        _remove(secret)
        secret.mkdir(parents=True)
    else:
        _write(secret, TEXTS[change])


def _layout(root: Path, content: Path, change: str) -> None:
    """A copy of the built-in layout in the book's own ``layouts/``, changed."""
    own = root / "layouts" / "booklet"
    if change == "remove":
        _remove(root / "layouts")
        return
    if change in ("chosen", "unknown"):
        name = "booklet" if change == "chosen" else "bokklet"
        _write(content / "book.yaml", BOOK_YAML + f"layout: {name}\n")
        return
    if not own.is_dir():
        shutil.copytree(PROJECT / "layouts" / "booklet", own)
    settings_file = own / "layout.yaml"
    text = settings_file.read_text(encoding="utf-8")
    if change == "size":
        text = text.replace("  title: 20\n", "  title: 22\n")
    elif change == "bad-size":
        text = text.replace("  title: 20\n", "  title: big\n")
    settings_file.write_text(text, encoding="utf-8")


def _image(content: Path, change: str) -> None:
    fig = content / "images" / "fig.png"
    if change == "remove":
        _remove(fig)
    elif change == "broken":
        _write(fig, b"not a picture")
    elif change == "inside-folder":
        _write(content / "images" / "deeper" / "fig.png", PNG_1X1)
        _write(content / "03-figure.md", FIGURE.replace("images/fig.png", "images/deeper/fig.png"))
    else:  # another picture under the same name
        _write(fig, _png(2))


def _png(width: int) -> bytes:
    """A valid PNG, ``width`` red pixels wide and one high."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * width)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _book(root: Path, content: Path, change: str) -> None:
    book = content / "book.yaml"
    if change == "slug":
        _write(book, BOOK_YAML.replace("slug: test-book", "slug: other-book"))
    elif change == "articles":
        _write(book, BOOK_YAML + "articles:\n  - 02-second.md\n  - 01-first.md\n")
    elif change == "broken":
        _write(book, BOOK_YAML + "title: [\n")
    else:
        _write(root / "outside" / "book.yaml", BOOK_YAML)
        _remove(book)
        book.symlink_to("../outside/book.yaml")


def _odd(content: Path, change: str) -> None:
    """Entries the reader refuses or that change nothing it reads."""
    if change == "folder":
        (content / "05-folder.md").mkdir(exist_ok=True)
    elif change == "pipe":
        _remove(content / "06-pipe.md")
        os.mkfifo(content / "06-pipe.md")
    elif change in ("unreadable", "executable"):
        first = content / "01-first.md"
        if first.is_file() and not first.is_symlink():
            first.chmod(0o000 if change == "unreadable" else 0o755)
    else:
        for path in content.glob("*.md"):
            if path.is_file() and not path.is_symlink() and os.access(path, os.R_OK | os.W_OK):
                path.write_bytes(path.read_bytes())


# ---------------------------------------------------------------- builds compared


def outputs(result: Result) -> dict[str, bytes]:
    return snapshot(result.out_dir) if result.out_dir.is_dir() else {}


def assert_same(cached: Result, fresh: Result) -> None:
    """A build with the cache and one without: the same exit code, diagnostics and bytes."""
    assert fresh.code in (EXIT_OK, EXIT_CONTENT), fresh.err
    assert (cached.code, [d.format() for d in cached.diags]) == (fresh.code, [d.format() for d in fresh.diags]), (
        f"with the cache:\n{cached.out}{cached.err}\nwithout:\n{fresh.out}{fresh.err}"
    )
    written = outputs(fresh)
    if fresh.code != EXIT_OK:
        assert written == {}, "a failed build writes nothing"
        return
    kept = outputs(cached)
    for name, data in written.items():
        assert kept.get(name) == data, f"{name} differs from a clean build's (with the cache: {cached.out})"


class Book:
    """The book every example edits, always in the same folder: the cache's fingerprint names it."""

    def __init__(self, root: Path, fmt: str) -> None:
        self.root, self.fmt = root, fmt
        self.reset()
        result = build(self.content, fmt=fmt, out=root / "built")
        assert result.code == EXIT_OK, result.err

    @property
    def content(self) -> Path:
        return self.root / "content"

    def reset(self) -> None:
        """The book as it started, with an output folder that holds its build."""
        for name in ("content", "layouts", "outside", "out", "fresh"):
            path = self.root / name
            for folder, _, files in os.walk(path):  # an edit may have left a file unreadable
                for inside in (Path(folder), *(Path(folder) / file for file in files)):
                    if not inside.is_symlink():
                        inside.chmod(0o755)
            _remove(path)
        make_content(self.root, base=BASE)
        _write(self.root / "outside" / "secret.md", TEXTS["article"])
        if (self.root / "built").is_dir():
            shutil.copytree(self.root / "built", self.root / "out", symlinks=True)

    def cached(self) -> Result:
        return build(self.content, fmt=self.fmt, out=self.root / "out")

    def fresh(self) -> Result:
        _remove(self.root / "fresh")
        return build(self.content, fmt=self.fmt, out=self.root / "fresh")

    def check(self, rounds: list[list[tuple[str, ...]]]) -> Result:
        """Each round of edits, then a build with the cache; after the last, one without."""
        self.reset()
        for edits_of_round in rounds:
            for edit in edits_of_round:
                apply(self.root, edit)
            cached = self.cached()
            assert cached.code in (EXIT_OK, EXIT_CONTENT), cached.err
        assert_same(cached, self.fresh())
        return cached


@pytest.fixture(scope="module")
def json_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return Book(tmp_path_factory.mktemp("cached"), "json")


@settings(
    max_examples=200,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(rounds=st.lists(st.lists(edits, min_size=1, max_size=3), min_size=1, max_size=2))
def test_a_build_with_the_cache_is_a_clean_build(json_book, rounds):
    cached = json_book.check(rounds)
    event(f"exit {cached.code}, {'skipped' if 'up to date' in cached.out else 'built'}")


# ---------------------------------------------------------------- the print edition


@pytest.fixture(scope="module")
def pdf_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    return Book(tmp_path_factory.mktemp("cached-pdf"), "pdf,json")


@pytest.mark.parametrize(
    "rounds",
    [
        [[("layout", "copy")], [("layout", "size")]],
        [[("style", "off")], [("image", "other")]],
        [[("link", "04-new.md", "../outside/secret.md")]],
        [[("link", "04-new.md", "02-second.md")], [("write", "01-first.md", "changed")]],
        [[("odd", "same-bytes")], [("outside", "changed")]],
    ],
    ids=["layout-size", "style-and-image", "link-out", "link-in-and-a-change", "unchanged"],
)
def test_a_printed_build_with_the_cache_is_a_clean_build(pdf_book, rounds):
    cached = pdf_book.check(rounds)
    assert ("up to date" in cached.out) == (rounds[-1] == [("outside", "changed")]), cached.out


def test_the_cases_that_disagreed(tmp_path):
    """A link out of the content folder, added to a built book, is refused by a build with the
    cache as by one without; so is one that leads nowhere, and a style.yaml outside."""
    book = Book(tmp_path, "json")
    for edit in [
        ("link", "04-new.md", "../outside/secret.md"),
        ("link", "04-new.md", "../outside/missing.md"),
        ("link", "04-new.md", "loop"),
        ("link", "style.yaml", "../outside/secret.md"),
    ]:
        book.reset()
        apply(tmp_path, edit)
        cached, fresh = book.cached(), book.fresh()
        assert cached.code == EXIT_CONTENT, cached.err
        assert_same(cached, fresh)


def test_what_no_build_reads_changes_nothing(tmp_path):
    """The cache still skips a build when only what no build reads has changed: the times of
    the files, their bytes written again, a file outside the folder that no link leads to."""
    book = Book(tmp_path, "json")
    book.reset()
    apply(tmp_path, ("odd", "same-bytes"))
    apply(tmp_path, ("outside", "changed"))
    for path in book.content.rglob("*"):
        os.utime(path, ns=(0, 0))
    cached = book.cached()
    assert cached.code == EXIT_OK and "up to date" in cached.out, cached.out + cached.err
    assert_same(cached, book.fresh())
