"""The content folder → the intermediate document (the only stage that reads content files)."""

from __future__ import annotations

import os
from pathlib import Path

from publisher import document as d
from publisher.diagnostics import ContentError, Diagnostics
from publisher.sources.articles import check_title, read_article
from publisher.sources.bookfile import BOOK_FILE, BookFile, read_book_file
from publisher.sources.fields import did_you_mean
from publisher.sources.images import check_images
from publisher.sources.limits import MAX_ARTICLES, MAX_BOOK_BYTES, MAX_FILE_BYTES, size_text
from publisher.sources.markdown import make_parser
from publisher.sources.markdown_limits import Budget
from publisher.sources.parts import book_parts

NOT_ARTICLES = {"ERRATA.md", "README.md"}
STYLE_FILE = "style.yaml"
"""The book's house style, read by the proofreader: a link of that name is checked here, before."""


def read_book(content: Path, diags: Diagnostics) -> d.Book:
    """Read and validate everything; raise :class:`ContentError` after collecting all errors."""
    if not content.is_dir():
        diags.error(content, 0, "content-missing", f"the content folder {content} does not exist")
        raise ContentError
    book_file = read_book_file(content, diags) if _inside(content / BOOK_FILE, content, diags) else None
    _inside(content / STYLE_FILE, content, diags)
    if book_file is not None:
        check_title(book_file.meta.title, content / BOOK_FILE, book_file.lines.get("title", 1), diags)
    paths = _within_limits(_article_paths(content, book_file, diags), content, book_file, diags)
    parser, budget = make_parser(), Budget()
    articles = [a for a in (read_article(p, content, parser, diags, budget) for p in paths) if a]
    if book_file is None or diags.has_errors:
        raise ContentError
    if not book_file.articles:
        articles = _ordered(articles, content, diags)
    articles = _back_matter_last(articles)
    _check_unique_slugs(articles, content, diags)
    for article in articles:
        check_images(article, content, diags)
    parts = book_parts(book_file.parts, articles, content / BOOK_FILE, diags)
    if diags.has_errors:
        raise ContentError
    return d.Book(meta=book_file.meta, articles=articles, parts=parts)


def _article_paths(content: Path, book_file: BookFile | None, diags: Diagnostics) -> list[Path]:
    found = sorted(p for p in content.glob("*.md") if _is_article_name(p.name))
    if book_file is not None and book_file.articles is not None:
        return _listed_paths(content, book_file, [p.name for p in found], diags)
    if not found:
        diags.error(content, 0, "no-articles", f"no articles in {content}: add one .md file per article")
    return found


def _inside(path: Path, content: Path, diags: Diagnostics) -> bool:
    """A symbolic link in the content folder must lead to a file inside it: content from
    a pull request could otherwise print any file of the build machine into the book.

    Reported on the folder: a diagnostic on the link itself would print its
    target's path (and a loop of links would make naming it raise).
    """
    if path.is_symlink() and not path.exists():
        diags.error(
            content,
            0,
            "symlink-broken",
            f"{path.name} is a symbolic link that leads nowhere "
            "(a loop of links, or its file is missing): replace it with the file itself",
        )
        return False
    if Path(os.path.realpath(path)).is_relative_to(os.path.realpath(content)):
        return True
    diags.error(
        content,
        0,
        "file-outside",
        f"{path.name} is a symbolic link to a file outside the "
        "content folder; the build reads nothing from outside it: copy the file in instead",
    )
    return False


def _within_limits(paths: list[Path], content: Path, book_file: BookFile | None, diags: Diagnostics) -> list[Path]:
    """The articles to read, or none when there are too many or too much to typeset.

    Checked on names and sizes before any file is read, so an oversized book
    stops at once instead of after minutes of reading (see ``limits.py``).
    """
    paths = [p for p in paths if _inside(p, content, diags)]
    where, line = (content, 0)
    if book_file is not None and book_file.articles is not None:
        where, line = content / BOOK_FILE, book_file.lines.get("articles", 0)
    if len(paths) > MAX_ARTICLES:
        diags.error(
            where,
            line,
            "too-many",
            f"the book has {len(paths):,} articles, more than the "
            f"{MAX_ARTICLES} one book may hold (each starts on a new page): split it into "
            "several books",
        )
        return []
    if _total_too_large(paths, where, line, diags):
        return []
    return paths


def _total_too_large(paths: list[Path], where: Path, line: int, diags: Diagnostics) -> bool:
    """Files too large on their own are left out: reading them reports each at its line."""
    sizes = {p: p.stat().st_size for p in paths if p.is_file()}
    sizes = {p: n for p, n in sizes.items() if n <= MAX_FILE_BYTES}
    total = sum(sizes.values())
    if total <= MAX_BOOK_BYTES:
        return False
    largest = sorted(sizes, key=sizes.__getitem__, reverse=True)[:3]
    diags.error(
        where,
        line,
        "too-large",
        f"the articles add up to {size_text(total)}, more than the {size_text(MAX_BOOK_BYTES)} "
        f"one book may hold (about 1,200 pages; the largest: "
        f"{', '.join(f'{p.name} ({size_text(sizes[p])})' for p in largest)}): split it into "
        "several books",
    )
    return True


def _is_article_name(name: str) -> bool:
    """Hidden files are never articles: macOS leaves binary ``._name.md`` twins on shared
    drives, editors leave ``.#name.md`` locks."""
    return name not in NOT_ARTICLES and not name.startswith(".")


def _listed_paths(content: Path, book_file: BookFile, names: list[str], diags: Diagnostics) -> list[Path]:
    listed = book_file.articles or []
    line = book_file.lines.get("articles", 0)
    book_path = content / BOOK_FILE
    for name in listed:
        if name not in names:
            diags.error(
                book_path,
                line,
                "article-missing",
                f"'articles' lists '{name}', which is not a .md file in {content.name}/{did_you_mean(name, names)}",
            )
    for name in sorted({n for n in listed if listed.count(n) > 1}):
        diags.error(
            book_path, line, "article-twice", f"'articles' lists '{name}' {listed.count(name)} times: keep one line"
        )
    for name in names:
        if name not in listed:
            diags.warning(
                book_path,
                line,
                "article-unlisted",
                f"{name} is not in the 'articles' list of book.yaml and is left out",
            )
    if not listed:
        diags.error(book_path, line, "no-articles", "the 'articles' list is empty")
    return [content / name for name in dict.fromkeys(listed) if name in names]


def _ordered(articles: list[d.Article], content: Path, diags: Diagnostics) -> list[d.Article]:
    """Order by the ``order`` field, then by file name; duplicates are kept in file order."""
    seen: dict[int, str] = {}
    for article in articles:
        if article.order is None:
            continue
        if article.order in seen:
            diags.warning(
                content / article.pos.file,
                article.field_lines.get("order", 2),
                "order-duplicate",
                f"order {article.order} is also used by {seen[article.order]}; the two are kept in file-name order",
            )
        seen.setdefault(article.order, article.pos.file)
    unordered = float("inf")
    return sorted(articles, key=lambda a: (a.order if a.order is not None else unordered, a.pos.file))


def _back_matter_last(articles: list[d.Article]) -> list[d.Article]:
    """Back matter (``matter: back``) after every body article, whatever ``order`` or the
    ``articles`` list say: an afterword closes the book. Each part keeps its order."""
    return sorted(articles, key=lambda article: article.matter == "back")


def _check_unique_slugs(articles: list[d.Article], content: Path, diags: Diagnostics) -> None:
    seen: dict[str, str] = {}
    for article in articles:
        if article.slug in seen:
            diags.error(
                content / article.pos.file,
                article.field_lines.get("slug", 1),
                "slug-duplicate",
                f"slug '{article.slug}' is also used by {seen[article.slug]}: give each article its own 'slug'",
            )
        seen.setdefault(article.slug, article.pos.file)
