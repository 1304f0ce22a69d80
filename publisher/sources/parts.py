"""``parts:`` in ``book.yaml``: articles grouped under part titles (篇, 编).

::

    parts:
      - title: 第一篇　组织建设
        articles:
          - 01-jiceng.md
          - 02-huiyuan.md

Read in two steps: :func:`read_parts` checks the entries' shape as ``book.yaml`` is read, each
problem at its line and column; :func:`book_parts` checks them against the book's articles once
their reading order is known (an article a part names must be in the book, in one part only, and a
part's articles consecutive and in reading order) and gives the document's parts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import yaml

from publisher import document as d
from publisher.diagnostics import Diagnostics
from publisher.sources.fields import did_you_mean

FIELD = "parts"
PART_FIELDS = ("title", "articles")
SHAPE = "write each part as '- title: …' with its article files under 'articles:', one '- name.md' per line"


@dataclass(frozen=True)
class Written:
    """A text as written in ``book.yaml``, and where (1-based line and column)."""

    text: str
    line: int
    col: int


@dataclass(frozen=True)
class PartEntry:
    title: Written
    files: tuple[Written, ...]


def read_parts(path: Path, text: str, diags: Diagnostics) -> list[PartEntry] | None:
    """The entries of ``parts:`` as written, or ``None`` when the book has none; every problem reported."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # reported when the file was loaded
    node = _value_of(root, FIELD)
    if node is None:
        return None
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        _error(diags, path, node, "parts-shape", f"'parts' must be a list of parts: {SHAPE}")
        return []
    return [entry for item in node.value if (entry := _entry(path, item, diags)) is not None]


def _entry(path: Path, node: yaml.Node, diags: Diagnostics) -> PartEntry | None:
    if not isinstance(node, yaml.MappingNode):
        _error(diags, path, node, "parts-shape", f"each entry of 'parts' is a part: {SHAPE}")
        return None
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value not in PART_FIELDS:
            _error(
                diags,
                path,
                key,
                "parts-shape",
                f"a part has only 'title' and 'articles', not '{key.value}'{did_you_mean(str(key.value), PART_FIELDS)}",
                warning=True,
            )
    title, files = _value_of(node, "title"), _value_of(node, "articles")
    if not _is_text(title):
        _error(diags, path, title or node, "part-title", "a part needs a title: 'title: 第一篇　……' on its first line")
        return None
    if not isinstance(files, yaml.SequenceNode) or not files.value or not all(map(_is_text, files.value)):
        _error(
            diags,
            path,
            files or node,
            "part-articles",
            f"part '{title.value}' needs its articles: one '- name.md' per line under 'articles:'",
        )
        return None
    return PartEntry(_written(title), tuple(_written(file) for file in files.value))


def book_parts(
    entries: list[PartEntry] | None, articles: list[d.Article], path: Path, diags: Diagnostics
) -> list[d.Part]:
    """The document's parts: each entry checked against the book's articles, in reading order."""
    place = {article.pos.file: index for index, article in enumerate(articles)}
    owner: dict[str, PartEntry] = {}
    parts: list[d.Part] = []
    for entry in entries or []:
        indices = []
        for file in entry.files:
            if file.text not in place:
                diags.error(
                    path,
                    file.line,
                    "part-article-unknown",
                    f"part '{entry.title.text}' lists '{file.text}', which is not an article of the book"
                    f"{did_you_mean(file.text, list(place))}: give the file name of one of its articles",
                    file.col,
                )
            elif file.text in owner:
                first = owner[file.text]
                where = "this part" if first is entry else f"part '{first.title.text}'"
                diags.error(
                    path,
                    file.line,
                    "part-article-twice",
                    f"'{file.text}' is already in {where} (line {_line_of(first, file.text)}): "
                    "an article belongs to one part; remove this line",
                    file.col,
                )
            else:
                owner[file.text] = entry
                indices.append((place[file.text], file))
        if _in_order(entry, indices, articles, path, diags) and indices:
            parts.append(
                d.Part(
                    d.Pos(path.name, entry.title.line), entry.title.text, [articles[index].slug for index, _ in indices]
                )
            )
    _parts_in_order(parts, entries or [], articles, path, diags)
    return parts


def _in_order(
    entry: PartEntry, indices: list[tuple[int, Written]], articles: list[d.Article], path: Path, diags: Diagnostics
) -> bool:
    """A part's articles follow one another in reading order, none of the book's left out between them."""
    for (before, _), (after, file) in itertools.pairwise(indices):
        if after < before:
            diags.error(
                path,
                file.line,
                "part-order",
                f"part '{entry.title.text}' lists '{file.text}' after '{articles[before].pos.file}', "
                "but the book places it before: list a part's articles in reading order",
                file.col,
            )
            return False
        if after > before + 1:
            skipped = ", ".join(f"'{a.pos.file}'" for a in articles[before + 1 : after])
            diags.error(
                path,
                file.line,
                "part-gap",
                f"part '{entry.title.text}' leaves out {skipped}, which the book places between "
                f"'{articles[before].pos.file}' and '{file.text}': add it to the part, or move it "
                "in the book's order",
                file.col,
            )
            return False
    return True


def _parts_in_order(
    parts: list[d.Part], entries: list[PartEntry], articles: list[d.Article], path: Path, diags: Diagnostics
) -> None:
    """The parts follow one another in book.yaml as their articles do in the book."""
    first = {article.slug: index for index, article in enumerate(articles)}
    for before, after in itertools.pairwise(parts):
        if first[after.articles[0]] < first[before.articles[0]]:
            entry = next(e for e in entries if e.title.line == after.pos.line)
            diags.error(
                path,
                after.pos.line,
                "part-order",
                f"part '{after.title}' comes after part '{before.title}' in book.yaml, but its articles "
                "come first in the book: list the parts in reading order",
                entry.title.col,
            )


def _line_of(entry: PartEntry, file: str) -> int:
    return next(written.line for written in entry.files if written.text == file)


def _value_of(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for k, value in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _is_text(node: yaml.Node | None) -> bool:
    return isinstance(node, yaml.ScalarNode) and bool(str(node.value).strip())


def _written(node: yaml.ScalarNode) -> Written:
    return Written(str(node.value).strip(), node.start_mark.line + 1, node.start_mark.column + 1)


def _error(diags: Diagnostics, path: Path, node: yaml.Node, code: str, message: str, warning: bool = False) -> None:
    report = diags.warning if warning else diags.error
    report(path, node.start_mark.line + 1, code, message, node.start_mark.column + 1)
