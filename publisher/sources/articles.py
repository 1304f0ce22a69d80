"""One article file → :class:`Article`: front-matter checked, body parsed."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from publisher import document as d
from publisher.diagnostics import Diagnostics
from publisher.sources.fields import SLUG, Fields, did_you_mean, slugify
from publisher.sources.frontmatter import split_front_matter
from publisher.sources.limits import MAX_TITLE_CHARS
from publisher.sources.markdown import read_body
from publisher.sources.markdown_limits import Budget
from publisher.sources.yamlfile import read_text

TEXT_FIELDS = ("title", "author", "kicker", "subtitle", "note", "slug", "matter")
MATTERS = ("body", "back")
KNOWN_FIELDS = (*TEXT_FIELDS, "order")


def read_article(
    path: Path, content: Path, parser: MarkdownIt, diags: Diagnostics, budget: Budget | None = None
) -> d.Article | None:
    """``budget`` counts what the book's articles use of the limits across them."""
    text = read_text(path, diags)
    if text is None:
        return None
    if not text.strip():
        diags.error(path, 1, "empty-file", "the file is empty: give it front-matter with a title, or remove it")
        return None
    source = split_front_matter(path, text, diags)
    if source is None:
        return None
    rel = path.relative_to(content).as_posix()
    lines = source.meta_lines
    given = Fields(path, source.meta, lines, 2)
    fields = given.texts(TEXT_FIELDS, diags)
    if not fields.get("title"):
        diags.error(path, lines.get("title", 2), "title-missing", "the front-matter needs a 'title: …' line")
        return None
    given.warn_unknown(KNOWN_FIELDS, "front-matter field", diags)
    check_title(fields["title"], path, lines.get("title", 2), diags)
    _check_matter(fields.get("matter", "body"), path, lines.get("matter", 2), diags)
    slug = fields.pop("slug", "") or _slug(path)
    if not SLUG.match(slug):
        diags.error(
            path,
            lines.get("slug", 2),
            "slug",
            f"slug '{slug}' may hold only lowercase ASCII letters, digits and hyphens",
        )
    note = _strip_brackets(fields.pop("note", ""))

    def report(line: int, code: str, message: str, col: int = 0) -> None:
        diags.error(path, line, code, message, col)

    body = read_body(parser, source.body, rel, source.body_line, report, budget)
    if body is None:
        return None
    if not body.blocks:
        diags.error(path, source.body_line, "empty-body", "the article has no text after its front-matter")
    return d.Article(
        pos=d.Pos(rel, 1),
        slug=slug,
        note=note,
        order=_order(path, source.meta, lines, diags),
        blocks=body.blocks,
        footnotes=body.footnotes,
        field_lines=dict(lines),
        **fields,
    )


def check_title(title: str, path: Path, line: int, diags: Diagnostics) -> None:
    """A title is set on a page of its own, in the contents and in running heads; WeasyPrint
    lays it out in time that grows with the square of its length (see ``limits.py``)."""
    if len(title) > MAX_TITLE_CHARS:
        diags.error(
            path,
            line,
            "too-long",
            f"the title is {len(title):,} characters long, more than the {MAX_TITLE_CHARS} a "
            "title may have: shorten it, and put the rest in 'subtitle'",
        )


def _check_matter(matter: str, path: Path, line: int, diags: Diagnostics) -> None:
    """``matter: back`` moves an article (an afterword) behind the others: a typo must not
    leave it silently among them."""
    if matter not in MATTERS:
        diags.error(
            path,
            line,
            "matter",
            f"'matter: {matter}' is unknown{did_you_mean(matter, MATTERS)}: "
            "write 'matter: back' for back matter such as an afterword (编后记), or remove the line",
        )


def _order(path: Path, meta: dict, lines: dict[str, int], diags: Diagnostics) -> int | None:
    value = meta.get("order")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        diags.error(path, lines.get("order", 2), "field-type", f"'order' must be a whole number, not '{value}'")
        return None
    return value


def _slug(path: Path) -> str:
    return slugify(path.stem) or "article"


def _strip_brackets(note: str) -> str:
    """The layout adds the brackets, so a note typed with them is stored without."""
    if note[:1] in "（(" and note[-1:] in "）)":
        return note[1:-1].strip()
    return note
