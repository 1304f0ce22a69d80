"""Markdown body → document blocks, with markdown-it-py (CommonMark + tables + footnotes).

Raw HTML is switched off: it reaches the document as literal text, so content
can never inject markup, scripts or remote resources into either output. Links
may only lead to the web or to e-mail, images only to files of the book
(``targets.py``): every other one is an error at the ``[`` or ``![`` that opens
it. markdown-it would itself turn ``javascript:``, ``file:`` and ``data:`` links
into plain text, printing the Markdown in the book without a word; its check is
switched off so that each of them reaches the reader as a link, to be reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from publisher import document as d
from publisher.sources.cjk_emphasis import cjk_friendly
from publisher.sources.limits import MARKDOWN_IT_NESTING
from publisher.sources.markdown_limits import Budget, problems
from publisher.sources.targets import refused_image, refused_link

MISSING_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
NEWLINE = re.compile(r"\r\n?|\n")
"""What markdown-it takes for the end of a line."""
OPENERS = ("link", "image", "autolink")
"""The inline rules that open a link or an image: each records where it starts."""


def make_parser() -> MarkdownIt:
    options = {"html": False, "maxNesting": MARKDOWN_IT_NESTING}
    parser = MarkdownIt("commonmark", options).enable("table").use(footnote_plugin).use(cjk_friendly)
    parser.validateLink = _every_link  # type: ignore[method-assign]  # the reader checks each (targets.py)
    for name in OPENERS:
        rule = next(rule.fn for rule in parser.inline.ruler.__rules__ if rule.name == name)
        parser.inline.ruler.at(name, _recording_start(rule))
    return parser


def _every_link(url: str) -> bool:
    """Every destination makes a link or an image, whatever its scheme: one markdown-it would
    refuse would otherwise stay in the text as Markdown, unreported."""
    return True


def _recording_start(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """``rule``, which also notes in the link's or image's token where it starts in the inline text
    (``meta["offset"]``): markdown-it keeps no column, and a diagnostic points at the ``[``."""

    def recording(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        if not silent:
            opened = next((t for t in state.tokens[count:] if t.type in ("link_open", "image")), None)
            if opened is not None:
                opened.meta["offset"] = start
        return True

    return recording


@dataclass
class Body:
    blocks: list[d.Block] = field(default_factory=list)
    footnotes: list[d.Footnote] = field(default_factory=list)


class Report(Protocol):
    """``report(line, code, message, col)``: how the reader hands a problem back."""

    def __call__(self, line: int, code: str, message: str, col: int = 0) -> None: ...


def read_body(
    parser: MarkdownIt, text: str, file: str, first_line: int, report: Report, budget: Budget | None = None
) -> Body | None:
    """Parse ``text`` (which starts at ``first_line`` of ``file``) into blocks and footnotes.

    ``None`` when the text passes a limit of ``markdown_limits`` (reported), or
    the book's ``budget`` is spent (reported where it was): no tree is built then.
    """
    budget = budget or Budget()
    tokens = parser.parse(text)
    found = list(problems(tokens, budget))
    for line, code, message in found:
        report(first_line + line, code, message)
    if found or budget.spent:
        return None
    _place_openers(tokens, NEWLINE.split(text))
    reader = _Reader(file, first_line, report)
    root = SyntaxTreeNode(tokens)
    body = Body()
    for node in root.children:
        if node.type == "footnote_block":
            body.footnotes.extend(reader.footnote(child) for child in node.children)
        else:
            body.blocks.extend(reader.block(node))
    return body


def _place_openers(tokens: list[Token], lines: list[str]) -> None:
    """Note in each link's and image's token the body line and the column of its ``[`` or ``![``
    (``meta["place"]``, the line 0-based, the column 1-based, in characters).

    An inline token's content is its source lines without their block markers (``>``, list
    bullets, indentation, table pipes), so each of its lines is found at the end of its source
    line, or, in a table row, after the cells before it.
    """
    cursors: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.map or not token.children:
            continue
        in_cell = index > 0 and tokens[index - 1].type in ("th_open", "td_open")
        starts = []
        for offset, text in enumerate(token.content.split("\n")):
            line = token.map[0] + offset
            source = lines[line] if line < len(lines) else ""
            start = source.find(text, cursors.get(line, 0)) if in_cell else source.rfind(text)
            if in_cell and start >= 0:
                cursors[line] = start + len(text)
            starts.append((line, start))
        _place(token.children, 0, token.content, starts)


def _place(children: list[Token], base: int, content: str, starts: list[tuple[int, int]]) -> None:
    """``base``: where the text the children were parsed from starts in ``content`` (an image's
    description is parsed on its own, from two characters after its ``![``)."""
    for child in children:
        if "offset" not in child.meta:
            continue
        at = base + child.meta["offset"]
        row = content.count("\n", 0, at)
        line, start = starts[row]
        child.meta["place"] = (line, start + at - (content.rfind("\n", 0, at) + 1) + 1 if start >= 0 else 0)
        if child.type == "image" and child.children:
            _place(child.children, at + 2, content, starts)


def is_wide(char: str) -> bool:
    """East Asian wide or full-width: a line break next to it is not a word space."""
    return unicodedata.east_asian_width(char) in ("W", "F")


@dataclass
class _Reader:
    file: str
    first_line: int
    report: Report

    def place(self, node: SyntaxTreeNode, line: int) -> tuple[int, int]:
        """The file line and column of a link's ``[`` or an image's ``![`` (``line`` when unknown)."""
        place = node.meta.get("place")
        return (self.first_line + place[0], place[1]) if place else (line, 0)

    def pos(self, node: SyntaxTreeNode, fallback: d.Pos | None = None) -> d.Pos:
        if node.map:
            return d.Pos(self.file, self.first_line + node.map[0])
        return fallback or d.Pos(self.file, self.first_line)

    def blocks(self, nodes: list[SyntaxTreeNode]) -> list[d.Block]:
        return [block for node in nodes for block in self.block(node)]

    def block(self, node: SyntaxTreeNode) -> list[d.Block]:
        pos = self.pos(node)
        kind = node.type
        if kind == "paragraph":
            return self.paragraph(node, pos)
        if kind == "heading":
            return [d.Heading(pos, int(node.tag[1]), self.inline(node.children[0], pos))]
        if kind == "blockquote":
            return [d.BlockQuote(pos, self.blocks(node.children))]
        if kind in ("bullet_list", "ordered_list"):
            start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
            items = [d.ListItem(self.pos(item, pos), self.blocks(item.children)) for item in node.children]
            return [d.ListBlock(pos, kind == "ordered_list", start, items)]
        if kind == "table":
            return [self.table(node, pos)]
        if kind in ("code_block", "fence"):
            return [d.CodeBlock(pos, node.info or "", node.content)]
        if kind == "hr":
            return [d.ThematicBreak(pos)]
        if kind == "footnote_anchor":  # the back-link of a note not ending in a paragraph
            return []
        self.report(pos.line, "markdown", f"unsupported Markdown construct '{kind}' was left out")
        return []

    def paragraph(self, node: SyntaxTreeNode, pos: d.Pos) -> list[d.Block]:
        inline = node.children[0]
        parts = [child for child in inline.children if not (child.type == "text" and not child.content.strip())]
        if len(parts) == 1 and parts[0].type == "image":
            image = parts[0]
            if not self.allowed_image(image, pos.line):
                return []
            return [
                d.Image(pos, str(image.attrs.get("src", "")), _flat(image), str(image.attrs.get("title", "") or ""))
            ]
        return [d.Paragraph(pos, self.inline(inline, pos))]

    def table(self, node: SyntaxTreeNode, pos: d.Pos) -> d.Table:
        rows: list[list[d.TableCell]] = []
        header: list[d.TableCell] = []
        for section in node.children:
            for row in section.children:
                here = self.pos(row, pos)  # cells carry no line of their own; their row does
                cells = [self.cell(cell, here) for cell in row.children]
                if section.type == "thead":
                    header = cells
                else:
                    rows.append(cells)
        return d.Table(pos, header, rows)

    def cell(self, node: SyntaxTreeNode, pos: d.Pos) -> d.TableCell:
        style = str(node.attrs.get("style", ""))
        align = style.split(":", 1)[1] if style.startswith("text-align:") else ""
        content = self.inline(node.children[0], pos) if node.children else []
        return d.TableCell(self.pos(node, pos), align, content)

    def footnote(self, node: SyntaxTreeNode) -> d.Footnote:
        label = _label(node.meta)
        return d.Footnote(self.pos(node), label, self.blocks(node.children))

    def inline(self, node: SyntaxTreeNode, pos: d.Pos) -> list[d.Inline]:
        line = [pos.line]
        return _join_soft_breaks(self.inlines(node.children, line))

    def inlines(self, nodes: list[SyntaxTreeNode], line: list[int]) -> list[d.Inline | None]:
        """Convert inline nodes; ``None`` stands for a soft line break, resolved later."""
        out: list[d.Inline | None] = []
        for node in nodes:
            here = d.Pos(self.file, line[0])
            kind = node.type
            if kind == "text":
                self.check_footnote_text(node.content, here)
                out.append(d.Text(here, node.content))
            elif kind == "softbreak":
                line[0] += 1
                out.append(None)
            elif kind == "hardbreak":
                line[0] += 1
                out.append(d.LineBreak(here))
            elif kind == "code_inline":
                out.append(d.Code(here, node.content))
            elif kind in ("em", "strong", "link"):
                children = _join_soft_breaks(self.inlines(node.children, line))
                if kind == "em":
                    out.append(d.Emphasis(here, children))
                elif kind == "strong":
                    out.append(d.Strong(here, children))
                elif self.web_link(node, here.line):
                    out.append(d.Link(here, str(node.attrs.get("href", "")), children))
            elif kind == "footnote_ref":
                out.append(d.FootnoteRef(here, _label(node.meta)))
            elif kind == "image":
                self.allowed_image(node, here.line)
                at, col = self.place(node, here.line)
                self.report(
                    at,
                    "image-inline",
                    f"the image '{node.attrs.get('src', '')}' stands inside a paragraph "
                    "of text; put it in a paragraph of its own (blank lines around it)",
                    col,
                )
            elif kind != "footnote_anchor":
                out.append(d.Text(here, node.content))
        return out

    def web_link(self, node: SyntaxTreeNode, line: int) -> bool:
        """Only web and e-mail links: a relative one would be a broken reference in the
        e-book and a ``file://`` link to the build machine in the PDF, a ``javascript:``
        one a script (``targets.py``)."""
        refused = refused_link(str(node.attrs.get("href", "")))
        if refused is None:
            return True
        at, col = self.place(node, line)
        self.report(at, *refused, col)
        return False

    def allowed_image(self, node: SyntaxTreeNode, line: int) -> bool:
        """An image names a file of the book (``targets.py``; ``images.py`` checks the file);
        a link in its description, never printed as a link, is checked all the same."""
        for inner in node.walk(include_self=False):
            if inner.type == "link":
                self.web_link(inner, line)
        refused = refused_image(str(node.attrs.get("src", "")))
        if refused is None:
            return True
        at, col = self.place(node, line)
        self.report(at, *refused, col)
        return False

    def check_footnote_text(self, text: str, pos: d.Pos) -> None:
        for match in MISSING_FOOTNOTE.finditer(text):
            self.report(
                pos.line,
                "footnote-missing",
                f"footnote [^{match.group(1)}] is referenced but never defined; add a "
                f"line '[^{match.group(1)}]: …' at the end of the article",
            )


def _label(meta: dict) -> str:
    label = meta.get("label")
    return str(label) if label is not None else str(meta.get("id", ""))


def _flat(node: SyntaxTreeNode) -> str:
    return "".join(child.content for child in node.walk() if child.type == "text")


def _join_soft_breaks(nodes: list[d.Inline | None]) -> list[d.Inline]:
    """Drop a soft line break next to a Chinese character (CSS Text 3 segment-break rule).

    A newline inside a paragraph is a word space only between two non-wide
    characters; between Chinese characters it must vanish, or a stray space
    appears in the middle of a sentence. Text is merged only within one source
    line, so that every node still points at the line its characters are on.
    """
    out: list[d.Inline] = []
    for index, node in enumerate(nodes):
        if node is not None:
            if isinstance(node, d.Text) and out and isinstance(out[-1], d.Text) and out[-1].pos == node.pos:
                out[-1] = d.Text(out[-1].pos, out[-1].text + node.text)
            else:
                out.append(node)
            continue
        before = d.plain_text(out)[-1:]
        after = d.plain_text([n for n in nodes[index + 1 : index + 2] if n is not None])[:1]
        if before and after and not (is_wide(before) or is_wide(after)):
            space = d.Text(d.Pos(out[-1].pos.file, out[-1].pos.line), " ")
            if isinstance(out[-1], d.Text):
                out[-1] = d.Text(out[-1].pos, out[-1].text + " ")
            else:
                out.append(space)
    return out
