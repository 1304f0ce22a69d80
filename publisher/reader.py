"""The content folder → the intermediate document (the only stage that reads content files)."""

from __future__ import annotations

from pathlib import Path

from . import document as d
from .articles import read_article
from .bookmeta import BOOK_FILE, BookFile, read_book_file
from .fields import did_you_mean
from .diagnostics import ContentError, Diagnostics
from .images import check_images
from .markdown_reader import make_parser

NOT_ARTICLES = {"ERRATA.md", "README.md"}


def read_book(content: Path, diags: Diagnostics) -> d.Book:
    """Read and validate everything; raise :class:`ContentError` after collecting all errors."""
    if not content.is_dir():
        diags.error(content, 0, "content-missing", f"the content folder {content} does not exist")
        raise ContentError
    book_file = read_book_file(content, diags)
    paths = _article_paths(content, book_file, diags)
    parser = make_parser()
    articles = [a for a in (read_article(p, content, parser, diags) for p in paths) if a]
    if book_file is None or diags.has_errors:
        raise ContentError
    if not book_file.articles:
        articles = _ordered(articles, content, diags)
    _check_unique_slugs(articles, content, diags)
    for article in articles:
        check_images(article, content, diags)
    if diags.has_errors:
        raise ContentError
    return d.Book(meta=book_file.meta, articles=articles)


def _article_paths(content: Path, book_file: BookFile | None, diags: Diagnostics) -> list[Path]:
    found = sorted(p for p in content.glob("*.md") if _is_article_name(p.name))
    if book_file is not None and book_file.articles is not None:
        return _listed_paths(content, book_file, [p.name for p in found], diags)
    if not found:
        diags.error(content, 0, "no-articles",
                    f"no articles in {content}: add one .md file per article")
    return found


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
            diags.error(book_path, line, "article-missing",
                        f"'articles' lists '{name}', which is not a .md file in {content.name}/"
                        f"{did_you_mean(name, names)}")
    for name in sorted({n for n in listed if listed.count(n) > 1}):
        diags.error(book_path, line, "article-twice",
                    f"'articles' lists '{name}' {listed.count(name)} times: keep one line")
    for name in names:
        if name not in listed:
            diags.warning(book_path, line, "article-unlisted",
                          f"{name} is not in the 'articles' list of book.yaml and is left out")
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
            diags.warning(content / article.pos.file, article.field_lines.get("order", 2), "order-duplicate",
                          f"order {article.order} is also used by {seen[article.order]}; "
                          "the two are kept in file-name order")
        seen.setdefault(article.order, article.pos.file)
    unordered = float("inf")
    return sorted(articles, key=lambda a: (a.order if a.order is not None else unordered, a.pos.file))


def _check_unique_slugs(articles: list[d.Article], content: Path, diags: Diagnostics) -> None:
    seen: dict[str, str] = {}
    for article in articles:
        if article.slug in seen:
            diags.error(content / article.pos.file, article.field_lines.get("slug", 1), "slug-duplicate",
                        f"slug '{article.slug}' is also used by {seen[article.slug]}: give each "
                        "article its own 'slug'")
        seen.setdefault(article.slug, article.pos.file)
