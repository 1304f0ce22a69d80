"""Random documents: the build succeeds with valid outputs or fails with a diagnostic, never crashes.

Hypothesis writes small books with random front-matter and Markdown made of
Chinese (mostly characters the fonts have, some they may not), Latin letters
and the punctuation Markdown and YAML care about. Whatever it writes, the
command line must exit 0 (and then the outputs are valid) or 1 with at least
one error: never 3 (an internal error), never a traceback. Examples are few and
small so the whole file runs in seconds; no example database is written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from publisher.cli.main import EXIT_CONTENT, EXIT_OK
from publisher.sources.markdown import is_wide
from tests.helpers import (
    BOOK_YAML,
    PROJECT,
    SLUG,
    assert_valid_epub,
    assert_valid_json,
    assert_valid_pdf,
    build,
    make_content,
)


def _book_characters() -> str:
    """Chinese characters and punctuation of the default book: the fonts have all of them."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((PROJECT / "content").glob("*.md")))
    return "".join(sorted({c for c in text if is_wide(c)}))


CHINESE = st.sampled_from(_book_characters() or "工会发展")
RARE_CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)  # may lack a glyph
LATIN = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
PUNCTUATION = st.sampled_from("*_`[]()<>#!|\\-+.:;'\"&^~=/?%@{},，。、：；！？“”《》（）—…")
INVISIBLE = st.sampled_from("\t\r\x01\x0b\x1f\x7f\x85\u00a0\u200b\u2028\u3000\ufeff")
SPACES = st.sampled_from("\t\u00a0\u3000")
KINDS = ["paragraph", "heading", "list", "ordered", "quote", "code", "table", "emphasis", "link", "footnote", "break"]


def texts(wild: bool) -> st.SearchStrategy[str]:
    """Wild text may hold characters without a glyph and invisible ones; tame text renders."""
    odd = (RARE_CHINESE, INVISIBLE) if wild else (SPACES,)
    alphabet = st.one_of(CHINESE, CHINESE, CHINESE, CHINESE, LATIN, LATIN, PUNCTUATION, PUNCTUATION, *odd)
    return st.text(alphabet, min_size=1, max_size=30)


def lines(wild: bool) -> st.SearchStrategy[str]:
    return texts(wild).map(lambda t: t.replace("\n", " "))


def _block(kind: str, line: str) -> str:
    return {
        "paragraph": line,
        "heading": f"## {line}",
        "list": f"- {line}\n- {line}",
        "ordered": f"1. {line}\n2. {line}",
        "quote": f"> {line}\n> {line}",
        "code": f"```\n{line}\n```",
        "table": f"| {line} | 乙 |\n|---|---|\n| 一 | {line} |",
        "emphasis": f"*{line}* **{line}**",
        "link": f"[{line}](https://example.com/)",
        "footnote": f"{line}[^1]\n\n[^1]: {line}",
        "break": f"{line}\n{line}",
    }[kind]


def bodies(wild: bool) -> st.SearchStrategy[str]:
    blocks = st.builds(_block, st.sampled_from(KINDS), lines(wild))
    return st.one_of(st.lists(blocks, min_size=1, max_size=6).map("\n\n".join), texts(wild))


@st.composite
def front_matter(draw, wild: bool) -> str:
    """A dumped mapping, or (``wild``) sometimes ``key: value`` lines that YAML may read otherwise."""
    fields = {"title": draw(lines(wild))}
    for key in draw(
        st.lists(st.sampled_from(["author", "kicker", "subtitle", "note", "order", "autor"]), max_size=3, unique=True)
    ):
        fields[key] = draw(st.integers(-5, 50)) if key == "order" else draw(lines(wild))
    if not wild or draw(st.booleans()):
        return yaml.safe_dump(fields, allow_unicode=True)
    return "".join(f"{key}: {draw(YAML_START)}{value}\n" for key, value in fields.items())


YAML_START = st.sampled_from(["", "", "", "*", "&", "[", "{", "'", '"', "- ", "!", "|", "@"])
"""What makes a value YAML that editors did not mean (an alias, a flow list, a tag…)."""


@st.composite
def article(draw, wild: bool) -> str:
    if wild and draw(st.integers(0, 9)) == 0:
        return draw(bodies(wild))  # no front-matter at all
    return f"---\n{draw(front_matter(wild))}---\n\n{draw(bodies(wild))}\n"


def books(wild: bool) -> st.SearchStrategy[list[str]]:
    return st.lists(article(wild), min_size=1, max_size=3)


def check_build(articles: list[str], fmt: str) -> None:
    files = {f"{n:02d}-article.md": text for n, text in enumerate(articles, 1)}
    with tempfile.TemporaryDirectory() as folder:
        content = make_content(Path(folder), files, base={"book.yaml": BOOK_YAML})
        result = build(content, fmt=fmt)  # asserts that no traceback was printed
        assert result.code in (EXIT_OK, EXIT_CONTENT), result.err
        event(f"exit {result.code}: {' '.join(sorted({d.code for d in result.diags})) or 'clean'}")
        if result.code == EXIT_CONTENT:
            assert any(d.severity == "error" for d in result.diags), result.err
            return
        for extension in fmt.split(","):
            path = result.out_dir / f"{SLUG}.{extension}"
            {"pdf": assert_valid_pdf, "epub": assert_valid_epub, "json": assert_valid_json}[extension](path)


def few(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )


@few(25)
@given(books(wild=True))
def test_random_books_read_or_fail_with_a_diagnostic(articles):
    check_build(articles, "json")


@few(5)
@given(books(wild=False))
def test_random_books_render_or_fail_with_a_diagnostic(articles):
    check_build(articles, "pdf,epub")
