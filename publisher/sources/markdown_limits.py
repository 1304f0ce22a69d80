"""Markdown too deep, too wide or too much to typeset, found in one flat pass over the tokens.

The pass runs before anything recurses over the text or builds a tree from it:
2,500 nested ``**`` or 1,000 nested '>' overflow Python's recursion in the tree
walks (ours, SyntaxTreeNode's, WeasyPrint's), and markdown-it silently drops
what lies deeper than its own ``maxNesting``. Counts that cost WeasyPrint most
(blocks, notes, table text) are kept across the articles of a book in a
:class:`Budget`. The limits and their reasons are in ``limits.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.token import Token

from publisher.sources.limits import (
    MARKDOWN_IT_NESTING,
    MAX_BLOCKS,
    MAX_CELL_CHARS,
    MAX_FOOTNOTES,
    MAX_NESTING,
    MAX_TABLE_CHARS,
    MAX_TABLE_COLUMNS,
)

CONTAINERS = {"blockquote", "bullet_list", "ordered_list", "em", "strong", "link"}
"""What an editor counts as one level of nesting (a list item is part of its list)."""

BLOCKS = {
    "paragraph_open",
    "heading_open",
    "list_item_open",
    "th_open",
    "td_open",
    "footnote_open",
    "fence",
    "code_block",
    "hr",
}

TOO_DEEP = (
    f"lists, block quotes, emphasis and links are nested more than {MAX_NESTING} deep here "
    "(a '>' or '*' repeated, or indented lists); a book needs a few levels at most: flatten them"
)
SPLIT = "split the book into several books"

Problem = tuple[int, str, str]
"""``(0-based line of the text, code, message)``."""


@dataclass
class Budget:
    """What the book's articles have used so far of the limits counted across them."""

    blocks: int = 0
    footnotes: int = 0
    table_chars: int = 0
    spent: bool = False

    def spend(self, token: Token, in_cell: bool) -> str | None:
        """Count ``token``; the message the first time the book goes over a limit."""
        if token.type in BLOCKS and not token.hidden:
            self.blocks += 1
        self.footnotes += token.type == "footnote_open"
        if in_cell and token.type == "inline":
            self.table_chars += len(token.content)
        message = None if self.spent else self._over()
        self.spent = self.spent or message is not None
        return message

    def _over(self) -> str | None:
        if self.blocks > MAX_BLOCKS:
            return (
                f"the book passes {MAX_BLOCKS:,} paragraphs, headings, list items, table cells and notes here: {SPLIT}"
            )
        if self.footnotes > MAX_FOOTNOTES:
            return f"the book passes {MAX_FOOTNOTES:,} notes here: {SPLIT}"
        if self.table_chars > MAX_TABLE_CHARS:
            return (
                f"the book's tables pass {MAX_TABLE_CHARS:,} characters here: move long text out of "
                f"tables into paragraphs, or {SPLIT}"
            )
        return None


def problems(tokens: list[Token], budget: Budget) -> Iterator[Problem]:
    """Each limit the tokens pass: nesting once (everything inside is deeper still), each
    table once, the book's budget once."""
    scan = _Scan()
    for token in tokens:
        scan.line = token.map[0] if token.map else scan.line
        if scan.nested_too_deep(token) and not scan.deep:
            scan.deep = True
            yield scan.line, "too-deep", TOO_DEEP
        problem = scan.table(token)
        if problem:
            yield problem
        spent = budget.spend(token, scan.in_cell)
        if spent:
            yield scan.line, "too-many", spent


@dataclass
class _Scan:
    line: int = 0
    depth: int = 0
    deep: bool = False
    columns: int = 0
    in_cell: bool = False
    table_reported: bool = False

    def nested_too_deep(self, token: Token) -> bool:
        self.depth += _step(token)
        inline = self.depth
        for child in token.children or []:
            inline += _step(child)
            if inline > MAX_NESTING:
                return True
        # markdown-it's own limit, in tokens: past it the text inside is gone
        cut = token.nesting == 1 and token.level >= MARKDOWN_IT_NESTING - 1
        return self.depth > MAX_NESTING or cut

    def table(self, token: Token) -> Problem | None:
        kind = token.type
        if kind == "table_open":
            self.table_reported = False
        elif kind == "tr_open":
            self.columns = 0
        elif kind in ("th_open", "td_open"):
            self.columns += 1
            self.in_cell = True
            if self.columns > MAX_TABLE_COLUMNS:
                return self.once(
                    "too-wide",
                    f"the table has more than {MAX_TABLE_COLUMNS} columns, too "
                    "many for a page: split it, or turn it into a list",
                )
        elif kind in ("th_close", "td_close"):
            self.in_cell = False
        elif kind == "inline" and self.in_cell and len(token.content) > MAX_CELL_CHARS:
            return self.once(
                "too-long",
                f"a table cell here holds {len(token.content):,} characters, "
                f"more than the {MAX_CELL_CHARS} a cell may have: move the text into a "
                "paragraph",
            )
        return None

    def once(self, code: str, message: str) -> Problem | None:
        if self.table_reported:
            return None
        self.table_reported = True
        return self.line, code, message


def _step(token: Token) -> int:
    return token.nesting if token.type.rsplit("_", 1)[0] in CONTAINERS else 0
