"""What the tests share. Test modules import from here, never from one another; ``conftest.py``
holds only fixtures.

* where things are: the repository, the default book, the fixture books, the build date;
* a small book written on the spot (``make_content``) and built through the command line in this
  process (``build``), with the diagnostics an editor reads (``assert_diag``…);
* a built book (``Built``): its PDF's text, lines and pages, its e-book's files;
* text as a reader sees it (``squash``, ``paragraphs``…);
* stand-ins for WeasyPrint where the print edition is put together (``Laid``…);
* proofreading one article (``findings``…);
* the seed: the newspaper page the default book was compiled from, its editorial map, and the raw
  articles made of it (``write_raw_seed``).
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from lxml import etree
from pypdf import PdfReader

from publisher import document as d
from publisher.build.pipeline import BuildOptions
from publisher.build.pipeline import build as build_book
from publisher.checks.inspect.inspector import Inspection
from publisher.checks.inspect.source import squash
from publisher.checks.proofread import proofread
from publisher.cli.inspect import inspect as inspect_pdf
from publisher.cli.main import EXIT_CONTENT, EXIT_OK, main
from publisher.diagnostics import Diagnostic, Diagnostics
from publisher.document import Book
from publisher.layout.loading import load_layout
from publisher.layout.settings import Layout
from publisher.render.pdf.engine.pieces import BLANK, Typesetter

# ---------------------------------------------------------------- where things are

PROJECT = Path(__file__).resolve().parent.parent
CONTENT = PROJECT / "content"
"""The default book."""
FIXTURES = PROJECT / "tests" / "fixtures"
BREAKS = FIXTURES / "breaks"
EXAMPLES = ("handbook", "manual")
"""The sample books in examples/."""
FEATURES = FIXTURES / "features"
"""A small book with every Markdown construct the format allows: notes, lists, a table, an image."""
EPOCH = "1745812800"
"""SOURCE_DATE_EPOCH of the test builds: 2025-04-28T04:00:00Z."""
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daiss.org/z3986/2005/ncx/",
}
"""The e-book's XML namespaces, for XPath."""

# ---------------------------------------------------------------- a small book, written on the spot

SLUG = "test-book"
BOOK_YAML = f'title: 测试文集\neditor: 编辑部\nslug: {SLUG}\ndate: "2025"\n'
FIRST = (
    "---\ntitle: 第一篇文章\nauthor: 张三\norder: 1\n---\n\n第一段正文，说明工作的意义。\n\n第二段正文，总结经验。\n"
)
SECOND = "---\ntitle: 第二篇文章\nauthor: 李四\norder: 2\n---\n\n另一篇文章的正文。\n"
DEFAULT_FILES: dict[str, str | bytes] = {"book.yaml": BOOK_YAML, "01-first.md": FIRST, "02-second.md": SECOND}


def tiny_png() -> bytes:
    """A valid 1×1 red PNG, made here so that no binary fixture is committed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


PNG_1X1 = tiny_png()


def make_content(
    root: Path, files: Mapping[str, str | bytes | None] = {}, base: Mapping[str, str | bytes] = DEFAULT_FILES
) -> Path:
    """Write ``base`` updated with ``files`` into ``root/content``; ``None`` leaves a file out."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name, data in {**base, **files}.items():
        if data is None:
            continue
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return content


def article(*front: str, body: str = "正文一段。\n") -> str:
    """An article file from front-matter lines and a body."""
    return "---\n" + "".join(line + "\n" for line in front) + "---\n\n" + body


def line_of(text: str, needle: str) -> int:
    """The 1-based line of ``text`` that holds ``needle`` (there must be exactly one)."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found} of the fixture"
    return found[0]


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file of an output folder, by name, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


# ---------------------------------------------------------------- the command line, run in this process

DIAG = re.compile(
    r"^(?P<file>[^:\n]+?)(?::(?P<line>\d+))?(?::(?P<col>\d+))?: "
    r"(?P<severity>error|warning): (?P<code>[a-z0-9-]+): (?P<message>.*)$"
)


@dataclass
class Result:
    """What ``publisher build`` did: its exit code, what it printed, where it wrote."""

    code: int
    out: str
    err: str
    out_dir: Path

    @property
    def diags(self) -> list[Diagnostic]:
        found = []
        for text in self.err.splitlines():
            match = DIAG.match(text)
            if match:
                found.append(
                    Diagnostic(
                        match["file"],
                        int(match["line"] or 0),
                        int(match["col"] or 0),
                        match["severity"],
                        match["code"],
                        match["message"],
                    )
                )
        return found

    def only(self, code: str) -> Diagnostic:
        """The one diagnostic with ``code`` (fails, showing stderr, if there are none or several)."""
        found = [d for d in self.diags if d.code == code]
        assert len(found) == 1, f"expected one '{code}' diagnostic, got {len(found)}:\n{self.err}"
        return found[0]

    def codes(self) -> list[str]:
        return [d.code for d in self.diags]

    def document(self) -> dict:
        return json.loads((self.out_dir / f"{SLUG}.json").read_text(encoding="utf-8"))

    def article(self, file: str) -> dict:
        """The JSON of the article read from ``file`` (relative to the content folder)."""
        found = [a for a in self.document()["articles"] if a["pos"]["file"] == file]
        assert len(found) == 1, f"{file} is {len(found)} times in the document"
        return found[0]


def build(content: Path, *args: str, fmt: str = "json", out: Path | None = None) -> Result:
    """``publisher build content -o out --format fmt args…``, in this process; never a traceback."""
    out_dir = out or content.parent / "out"
    stdout, stderr = io.StringIO(), io.StringIO()
    code = main(["build", str(content), "-o", str(out_dir), "--format", fmt, *args], stdout, stderr)
    err = stderr.getvalue()
    assert "Traceback" not in err, err
    return Result(code, stdout.getvalue(), err, out_dir)


def assert_diag(result: Result, code: str, file: str, line: int, *words: str, severity: str = "error") -> Diagnostic:
    """The one ``code`` diagnostic is at ``file:line``, of ``severity``, and says each of ``words``."""
    diag = result.only(code)
    assert (diag.file, diag.line, diag.severity) == (file, line, severity), result.err
    for word in words:
        assert word in diag.message, f"{word!r} not in: {diag.message}"
    return diag


def assert_failed(result: Result, code: int = EXIT_CONTENT) -> None:
    """Exit ``code``, and no output written (a content error leaves the output folder alone)."""
    assert result.code == code, result.err
    assert not result.out_dir.exists() or not any(result.out_dir.iterdir())
    if code == EXIT_CONTENT:
        assert "nothing was written" in result.err


def assert_built(result: Result) -> None:
    assert result.code == EXIT_OK, result.err
    assert (result.out_dir / f"{SLUG}.json").is_file()


# ---------------------------------------------------------------- what a valid output is


def assert_valid_epub(path: Path) -> None:
    """A quick structural check: a whole zip, ``mimetype`` first and stored, a container."""
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/epub+zip"
        assert archive.testzip() is None
        assert "META-INF/container.xml" in archive.namelist()


def assert_valid_pdf(path: Path) -> None:
    reader = PdfReader(path)
    assert len(reader.pages) > 0


def assert_valid_json(path: Path) -> None:
    """The intermediate document: JSON, with the book's articles."""
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data["articles"], list) and data["meta"]["title"]


# ---------------------------------------------------------------- a built book


@dataclass(frozen=True)
class Line:
    x_min: float
    x_max: float
    y_min: float
    text: str


@dataclass
class Built:
    """A book and its outputs, read as a reader's tools read them."""

    book: Book
    pdf: Path
    epub: Path
    json: Path
    warnings: list[str]
    web: Path | None = None
    """The web edition's folder, when it was built."""

    def pdftotext(self, page: int | None = None, area: tuple[float, float, float, float] | None = None) -> str:
        """Text of the PDF (or of one 1-based page, optionally cropped to x, y, w, h in pt)."""
        cmd = ["pdftotext", "-enc", "UTF-8", "-raw"]
        if page is not None:
            cmd += ["-f", str(page), "-l", str(page)]
        if area is not None:
            x, y, w, h = area
            cmd += ["-r", "72", "-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w)), "-H", str(int(h))]
        return subprocess.run([*cmd, str(self.pdf), "-"], check=True, capture_output=True, text=True).stdout

    def lines(self, page: int) -> list[Line]:
        """The text lines of one page with their horizontal extent (pdftotext -bbox-layout)."""
        html = subprocess.run(
            ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(self.pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        root = etree.fromstring(html.encode())
        return [
            Line(
                float(line.get("xMin")),
                float(line.get("xMax")),
                float(line.get("yMin")),
                "".join(line.itertext()).replace("\n", "").strip(),
            )
            for line in root.iter("{*}line")
        ]

    def epub_file(self, name: str) -> str:
        with zipfile.ZipFile(self.epub) as archive:
            return archive.read(name).decode("utf-8")

    def web_page(self, name: str) -> etree._Element:
        """A page of the web edition, parsed as a browser parses it."""
        from lxml import html

        return html.document_fromstring((self.web / name).read_text(encoding="utf-8"))


def toc_pages(built: Built) -> dict[str, int]:
    """Article slug → page number, as printed in the table of contents (entries read in order)."""
    text = squash("".join(built.pdftotext(page) for page in range(1, 9)))
    cursor = text.index("目录")
    pages = {}
    for article in built.book.articles:
        entry = re.compile(re.escape(squash(article.title + article.author)) + r"\.*(\d+)")
        match = entry.search(text, cursor)
        assert match, f"TOC has no entry with a page number for {article.title} after {text[cursor : cursor + 40]}"
        pages[article.slug] = int(match.group(1))
        cursor = match.end()
    return pages


def assert_heads_and_folios(built: Built, toc: dict[str, int], pages: int, metrics: dict[str, float]) -> None:
    """From the first article on: no head on an opening page, the book's title on a verso, the
    article's on a recto, the page number at the foot; nothing on a blank page."""
    starts = {page: a for a, page in ((a, toc[a.slug]) for a in built.book.articles)}
    current = None
    for number in range(min(starts), pages + 1):
        head = squash(built.pdftotext(number, (0, 0, metrics["width"], metrics["top"] - 1)))
        foot = squash(
            built.pdftotext(
                number, (0, metrics["top"] + metrics["text_height"] + 1, metrics["width"], metrics["bottom"])
            )
        )
        body = squash(built.pdftotext(number))
        if number in starts:
            current = starts[number]
            assert head == "", f"opening page {number} has a running head: {head}"
        elif not body:
            assert head == foot == "", f"blank page {number} has a head or a folio"
            continue
        elif number % 2 == 0:
            assert head == squash(built.book.meta.title), f"verso {number} head: {head}"
        else:
            assert head == squash(current.title), f"recto {number} head: {head}"
        assert foot == str(number), f"page {number} folio: {foot}"


# ---------------------------------------------------------------- text as a reader sees it


def paragraphs(article: d.Article, note_brackets: tuple[str, str] = ("（", "）")) -> list[str]:
    """Every paragraph a reader sees in an article, in order: header, body, closing note."""
    out = [t for t in (article.kicker, article.title, article.subtitle, article.author) if t]
    out += [d.plain_text(b.children) for b in d.walk_blocks(article.blocks) if isinstance(b, d.Paragraph)]
    if article.note:
        out.append(note_brackets[0] + article.note + note_brackets[1])
    return out


def assert_in_order(haystack: str, needles: list[str], where: str) -> None:
    """Each needle occurs in ``haystack`` after the previous one; report the first that does not."""
    cursor = 0
    for needle in needles:
        found = haystack.find(squash(needle), cursor)
        assert found >= 0, (
            f"{where}: not found after position {cursor}: {needle[:40]}…\ntext there: {haystack[cursor : cursor + 80]}"
        )
        cursor = found + len(squash(needle))


def row_widths(pdf: Path, em: float) -> dict[str, float]:
    """Each text row of the PDF (by page and height) → its width in em, from pdftotext -bbox-layout.

    A row is every word at the same height: a mark that halt moves left overlaps its neighbour's
    box, and pdftotext may then start a new word or line there.
    """
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    rows: dict[tuple[int, float], list[tuple[float, float, str]]] = defaultdict(list)
    for number, page in enumerate(etree.fromstring(html.encode()).iter("{*}page")):
        for word in page.iter("{*}word"):
            rows[number, round(float(word.get("yMin")), 1)].append(
                (float(word.get("xMin")), float(word.get("xMax")), word.text or "")
            )
    return {
        "".join(text for *_, text in sorted(words)): (max(x for _, x, _ in words) - min(x for x, _, _ in words)) / em
        for words in rows.values()
    }


# ---------------------------------------------------------------- stand-ins for WeasyPrint, where pieces meet


class Document:
    """Stands in for a WeasyPrint document: pages named after the piece and their number."""

    def __init__(self, pages: list) -> None:
        self.pages = pages

    def copy(self, pages: list) -> Document:
        return Document(pages)


def page(name: str, blank: bool = False, anchors: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(
        name=name, anchors=dict.fromkeys(anchors), _page_box=SimpleNamespace(page_type=SimpleNamespace(blank=blank))
    )


class Laid:
    """A fake WeasyPrint: ``"<name>:<pages>"`` lays out as that many pages; the front matter's
    length is given per call (``fronts``), and each call is recorded."""

    def __init__(self, fronts: list[int]) -> None:
        self.fronts, self.calls = iter(fronts), []

    def __call__(self, html: str, first: int, diags: Diagnostics) -> Document:
        self.calls.append((html, first))
        if html in (BLANK.format(side="right"), BLANK.format(side="left")):
            side = "verso" if first % 2 == 0 else "recto"
            return Document(
                [page(side), page(f"blank {'recto' if side == 'verso' else 'verso'}", blank=True), page(side)]
            )
        if html.startswith("front"):
            diags.warning(Path("print.css.j2"), 0, "weasyprint", "ignored a property")
            count = next(self.fronts)
        else:
            count = int(html.split(":")[1].split()[0])
        name = html.split(":")[0]
        return Document([page(f"{name}-{first + i}", anchors=(name,) * (i == 0)) for i in range(count)])


def front_markup(folios: dict[str, int], pages: int) -> str:
    return f"front {sorted(folios.items())} {pages}"


def typesetter(laid: Laid) -> Typesetter:
    return Typesetter((), laid, Diagnostics())


# ---------------------------------------------------------------- the typography inspector

INSPECTOR_CODES = [
    "flush",
    "loose",
    "line-start",
    "line-end",
    "split-dash",
    "split-number",
    "split-word",
    "overfull",
    "indent",
    "lone-char",
    "orphan",
    "widow",
    "heading-last",
    "glyph-missing",
    "glyph-fallback",
    "toc",
    "running-head",
    "folio",
    "text-layer",
    "outline",
]
"""Every code the inspector reports under (a rule may report under several)."""


def inspected(options: BuildOptions) -> Inspection:
    """The PDF ``options`` ask for, built in this process (at :data:`EPOCH`) with no diagnostic, and inspected."""
    diags = Diagnostics(root=options.content)
    (pdf,) = build_book(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
    assert [item.format() for item in diags.items] == []
    return inspect_pdf(pdf, options, Diagnostics(root=options.content))


# ---------------------------------------------------------------- proofreading one article

BODY_LINE = 5
"""An article written by :func:`write_article` has its front-matter on lines 1-3 and its body from
line 5, so a finding in the first body line is at ``5:col``."""


def write_article(folder: Path, body: str, front: str = "title: 测试", name: str = "a.md") -> Path:
    path = folder / name
    path.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    return path


def findings(folder: Path, body: str, front: str = "title: 测试", code: str | None = None) -> list[str]:
    """``line:col severity code`` of each finding in one article (of one rule, if given)."""
    diags = Diagnostics()
    proofread(folder, [write_article(folder, body, front)], diags)
    return [f"{d.line}:{d.col} {d.severity} {d.code}" for d in diags.items if code in (None, d.code)]


def messages(folder: Path, body: str, front: str = "title: 测试") -> list[str]:
    diags = Diagnostics()
    proofread(folder, [write_article(folder, body, front)], diags)
    return [d.message for d in diags.items]


def style_diagnostics(folder: Path, style: str) -> list[str]:
    """What proofreading says about ``style`` as the book's style.yaml (on a clean article)."""
    (folder / "style.yaml").write_text(style, encoding="utf-8")
    diags = Diagnostics(root=folder)
    proofread(folder, [write_article(folder, "工作。")], diags)
    return [d.format().removeprefix(f"{folder.name}/") for d in diags.items]


# ---------------------------------------------------------------- the seed

SEED = FIXTURES / "seed" / "source.txt"
"""The newspaper page the default book was compiled from, as it was printed, errors included."""

SEED_PARAGRAPHS = 91
"""How many non-empty lines the seed has: its paragraphs ¶1…¶91."""


def seed_paragraphs() -> list[str]:
    """¶N of the seed is its N-th non-empty line: the list of them, 1-based (index 0 unused)."""
    lines = [line.rstrip("\r") for line in SEED.read_text(encoding="utf-8").split("\n")]
    return ["", *(line for line in lines if line.strip())]


EDITORIAL_MAP = [
    dict(
        order=1,
        slug="xu-liuping",
        author=(4, "徐留平"),
        title=3,
        body=["¶5", "¶6", "¶7+¶25", "¶26"],
        note=27,
        corrections=[("坚持党的全面领导的领导这一优良传统", "坚持党的全面领导这一优良传统", 1)],
    ),
    dict(order=2, slug="yang-yudong", author=(9, "杨宇栋"), title=8, body=["¶10", "¶11", "¶12+¶28", "¶29"], note=30),
    dict(order=3, slug="li-jinying", author=(14, "李金英"), title=13, body=["¶15", "¶16+¶31"], note=32),
    dict(
        order=4,
        slug="wei-dichun",
        author=(18, "魏地春"),
        title=17,
        body=["¶19", "¶20…", "…¶33"],
        note=34,
        corrections=[("中国工人人大思政课", "中国工人大思政课", 2)],
    ),
    dict(
        order=5,
        slug="zhu-jianping",
        author=(23, "朱建平"),
        title=(21, 22),
        body=["…¶24+〔化产业工人队〕+¶60", "¶61"],
        note=62,
    ),
    dict(order=6, slug="ma-lu", author=(39, "马璐"), title=38, body=["¶40", "¶41"], note=42),
    dict(
        order=7,
        slug="zhong-hongjiang",
        author=(45, "钟洪江"),
        kicker=43,
        title=44,
        body=["¶46", "¶47", "¶48", "¶49+¶63", "¶64"],
        note=65,
        corrections=[("企业 and 职工", "企业和职工", 1), ("变化和 risk 挑战", "变化和风险挑战", 1)],
    ),
    dict(order=8, slug="cai-anhui", author=(51, "蔡安辉"), title=50, body=["¶52", "¶53", "¶54…", "…¶36"], note=37),
    dict(order=9, slug="jin-shanwen", author=(56, "金善文"), title=55, body=["¶57…", "…¶66…", "…¶58"], note=59),
    dict(order=10, slug="wang-jiaoping", author=(68, "王娇萍"), title=67, body=["¶69", "¶70+¶71", "¶72"], note=73),
    dict(order=11, slug="zhang-xinwu", author=(75, "张新武"), title=74, body=["¶76", "¶77"], note=78),
    dict(order=12, slug="zhu-huxiang", author=(80, "朱虎祥"), title=79, body=["¶81", "¶82+¶83", "¶84"], note=85),
    dict(
        order=13,
        slug="pan-jian",
        author=(87, "潘健"),
        title=86,
        body=["¶88", "¶89+¶90"],
        note=(91, "truncated"),
        corrections=[("以习近平为中心的工作导向", "以职工为中心的工作导向", 1)],
    ),
]
"""The editorial map: how the editors made the default book's 13 articles of the seed's paragraphs.

The seed is a newspaper page: each article's title (two lines for article 5), an optional kicker
and the byline come first, then its paragraphs, but the page's columns interleave the articles, so
an article's text continues further down the page, and some of it is missing. For each article:

* ``title``, ``kicker``: the ¶ number(s) of the lines that make it (two are joined by one space);
* ``author``: the byline's ¶ and the name it must read;
* ``body``: the article's paragraphs, in the map's notation: ``"¶7+¶25"`` fragments run on into one
  paragraph (no space between them); ``"¶20…"`` text is missing after the paragraph (a dangling 、 or
  ， is dropped and …… appended); ``"…¶33"`` text is missing before it (…… prepended);
  ``"〔…〕"`` a literal restoration by the editors;
* ``note``: the ¶ of the closing ``（作者系……）`` note; ``(¶, "truncated")`` for the last one,
  cut off in the source;
* ``corrections``: ``(the seed's text, the published text, how many times)``: the seed's errors
  the editors corrected.

¶1 and ¶2 are the book's title and subtitle, ¶35 a stray repeat of ``跟党走。``; every other
paragraph is used by exactly one article.
"""


def write_raw_seed(folder: Path) -> Path:
    """The seed as a book of 13 raw articles, its errors kept, in ``folder`` (created).

    The page is split in source order at each article's first line (its kicker or title): the
    kicker, title and byline go into the front-matter, every other line stays a paragraph, word
    for word, fragments of other articles and closing notes included. ``book.yaml`` holds the
    book's title and subtitle lines.
    """
    seed = seed_paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "book.yaml").write_text(f"title: {seed[1]}\nsubtitle: {seed[2]}\nlanguage: zh-CN\n", encoding="utf-8")
    firsts = [entry.get("kicker", _numbers(entry["title"])[0]) for entry in EDITORIAL_MAP]
    for entry, end in zip(EDITORIAL_MAP, [*firsts[1:], len(seed)]):
        byline = entry["author"][0]
        front = f"kicker: {seed[entry['kicker']]}\n" if "kicker" in entry else ""
        front += f"title: {' '.join(seed[n] for n in _numbers(entry['title']))}\n"
        front += f"author: {seed[byline]}\norder: {entry['order']}\n"
        body = "\n\n".join(seed[byline + 1 : end])
        name = f"{entry['order']:02d}-{entry['slug']}.md"
        (folder / name).write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")
    return folder


def _numbers(value: int | tuple[int, ...]) -> tuple[int, ...]:
    return value if isinstance(value, tuple) else (value,)


def booklet() -> Layout:
    """The built-in booklet layout, for its page metrics and settings."""
    return load_layout([PROJECT / "layouts"], "booklet", Diagnostics(), PROJECT, 0)
