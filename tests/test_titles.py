"""Display titles break between words, in balanced lines: the article titles, the book's title and a heading too
long for a line as printed, and the e-book's titles as spans between which alone a reading system may break.

Every line break of the PDF is checked against the word boundaries of the segmenter the build uses (with the
book's terms), and no title line is shorter than half the longest.
"""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from publisher.checks.inspect.lines import group_lines
from publisher.checks.inspect.pdftext import read_pdf
from publisher.checks.inspect.structure import outline_titles
from publisher.checks.proofread.registry import CODES
from publisher.checks.proofread.style import load_style
from publisher.diagnostics import Diagnostics
from publisher.layout.contents import contents
from publisher.util.segmenter import Segmenter
from tests.helpers import BREAKS, CONTENT, EXAMPLES, PROJECT, Built, article, build, make_content

TITLE, BOOK_TITLE = 20, 24  # pt: the booklet's title sizes


def boundaries(content: Path, title: str, tmp: Path) -> set[int]:
    """Where the segmenter, with the book's terms, puts word boundaries in ``title`` (spaces left out)."""
    style = load_style(content, Diagnostics(), CODES)
    words = Segmenter(style.terms, tmp).words([title])[title]
    lengths = [len(word.replace(" ", "")) for word in words]
    return set(itertools.accumulate(lengths))


def printed_titles(pdf: Path, size: float) -> list[list[str]]:
    """Each title set in ``size`` as its lines, in page order (a title runs over consecutive lines)."""
    found = []
    for page in read_pdf(pdf).pages:
        lines = [line.text for line in group_lines(page.number, page.chars) if abs(line.size - size) < 0.1]
        if lines:
            found.append(lines)
    return found


BOOKS = ["default", "sample", *EXAMPLES]
TOC_DEPTH = {"handbook": 2}
"""The contents' depth of each book's layout, where it is not 1."""


def book_of(which: str, built: Built, breaks_book: Built, samples: dict[str, Built]) -> tuple[Path, Built]:
    """A book's content folder and outputs: the default book, the line-breaking sample or a sample book."""
    if which == "default":
        return CONTENT, built
    if which == "sample":
        return BREAKS, breaks_book
    return PROJECT / "examples" / which, samples[which]


def flat(entries) -> list[str]:
    """The titles of the contents' entries, in the order they are printed."""
    return [title for entry in entries for title in ("".join(entry.title.split()), *flat(entry.children))]


def assert_breaks_between_words(lines: list[str], content: Path, tmp: Path) -> None:
    title = "".join(lines)
    allowed = boundaries(content, title, tmp)
    breaks = list(itertools.accumulate(len(line) for line in lines))[:-1]
    assert all(at in allowed for at in breaks), f"{lines} breaks inside a word"
    assert min(map(len, lines)) * 2 >= max(map(len, lines)), f"{lines} ends in a stub"


@pytest.mark.parametrize("which", BOOKS)
def test_every_article_title_breaks_between_words_in_balanced_lines(
    which: str, built: Built, breaks_book: Built, samples: dict[str, Built], tmp_path: Path
) -> None:
    """Articles' titles, and the titles of the parts, which are set in the same size."""
    content, book = book_of(which, built, breaks_book, samples)
    titles = printed_titles(book.pdf, TITLE)
    assert ["".join(lines) for lines in titles] == ["".join(title.split()) for title, _ in outline_titles(book.book)]
    if which in ("default", "sample"):
        assert sum(len(lines) > 1 for lines in titles) >= 2  # not vacuous: some titles take two lines or more
    for lines in titles:
        assert_breaks_between_words(lines, content, tmp_path)


@pytest.mark.parametrize("which", BOOKS)
def test_the_book_title_breaks_between_words_on_the_cover_and_the_title_page(
    which: str, built: Built, breaks_book: Built, samples: dict[str, Built], tmp_path: Path
) -> None:
    content, book = book_of(which, built, breaks_book, samples)
    titles = printed_titles(book.pdf, BOOK_TITLE)
    assert len(titles) == 2 and all("".join(lines) == book.book.meta.title.replace(" ", "") for lines in titles)
    for lines in titles:
        assert_breaks_between_words(lines, content, tmp_path)


def test_the_sample_titles_break_at_phrases(breaks_book: Built) -> None:
    titles = printed_titles(breaks_book.pdf, TITLE)
    assert titles == [["团结引导广大职工", "在新征程上充分发挥主力军作用"], ["推动新时代新征程", "工会工作高质量发展"]]


def test_the_ebook_may_break_its_titles_between_words_only(breaks_book: Built, tmp_path: Path) -> None:
    """The e-book's title is the source's text, cut into spans at word boundaries: no character added."""
    with zipfile.ZipFile(breaks_book.epub) as epub:
        names = sorted(name for name in epub.namelist() if name.endswith(".xhtml") and "quotes" in name)
        root = etree.fromstring(epub.read(names[0]))
    (title,) = root.iter("{http://www.w3.org/1999/xhtml}h1")
    spans = [span.text for span in title.iter("{http://www.w3.org/1999/xhtml}span")]
    assert "".join(title.itertext()) == "团结引导广大职工在新征程上充分发挥主力军作用"
    assert len(spans) > 4
    allowed = boundaries(BREAKS, "".join(spans), tmp_path)
    assert set(itertools.accumulate(map(len, spans))) <= allowed


def toc_entries(pdf: Path, titles: list[str]) -> list[list[str]]:
    """Each contents entry's title as the lines it is printed on (the last one may go on with the author)."""
    lines = []
    for page in read_pdf(pdf).pages[:8]:
        found = [line.text for line in group_lines(page.number, page.chars)]
        if "目录" in found or lines:
            lines += found
    entries, cursor = [], lines.index("目录") + 1
    for title in titles:
        parts: list[str] = []
        while len("".join(parts)) < len(title):
            rest, line = title[len("".join(parts)) :], lines[cursor]
            cursor += 1
            if rest.startswith(line):
                parts.append(line)
            elif line.startswith(rest):
                parts.append(rest)  # the entry's last line, the author and the page number after the title
            else:
                assert not parts, f"the entry {title} goes on with {line}"
        entries.append(parts)
    return entries


@pytest.mark.parametrize("which", BOOKS)
def test_every_contents_entry_breaks_between_words(
    which: str, built: Built, breaks_book: Built, samples: dict[str, Built], tmp_path: Path
) -> None:
    content, book = book_of(which, built, breaks_book, samples)
    titles = flat(contents(book.book, TOC_DEPTH.get(which, 1)))
    entries = toc_entries(book.pdf, titles)
    assert ["".join(parts) for parts in entries] == titles
    assert any(len(parts) > 1 for parts in entries) or which != "default"
    for parts in entries:
        assert_breaks_between_words(parts, content, tmp_path)


HEADING = 12  # pt: the booklet's heading size
LONG_HEADINGS = (
    "## 一、坚持以新时代中国特色社会主义思想为指导团结引导广大职工建功立业\n\n正文一段。\n\n"
    "### 推动新时代新征程工会工作高质量发展的重点任务和主要措施\n\n正文一段。\n\n"
    "## 二、全面深化工会改革和建设，不断增强工会组织的政治性先进性群众性\n\n正文一段。\n\n"
    "## 三、一个短的小标题\n\n正文一段。\n"
)


def test_a_heading_too_long_for_a_line_breaks_between_words_in_balanced_lines(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"01-first.md": article("title: 标题", "author: 作者", body=LONG_HEADINGS)})
    result = build(content, fmt="pdf")
    assert result.code == 0, result.err
    headings: list[list[str]] = []
    for page in read_pdf(next(result.out_dir.glob("*.pdf"))).pages:
        run: list[str] = []
        for line in [*group_lines(page.number, page.chars), None]:
            if line is not None and abs(line.size - HEADING) < 0.1:
                run.append(line.text)
            elif run:
                headings.append(run)
                run = []
    assert [len(lines) for lines in headings] == [2, 2, 2, 1]
    for lines in headings[:3]:
        assert_breaks_between_words(lines, content, tmp_path)
