"""Markdown body → document blocks, with markdown-it-py (CommonMark + tables + footnotes).

Raw HTML is switched off: it reaches the document as literal text, so content
can never inject markup, scripts or remote resources into either output. Links
may only lead to the web or to e-mail; markdown-it itself turns ``javascript:``,
``file:`` and ``data:`` links into plain text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin

from publisher import document as d
from publisher.sources.limits import MARKDOWN_IT_NESTING
from publisher.sources.markdown_limits import Budget, problems

MISSING_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
WEB_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def make_parser() -> MarkdownIt:
    options = {"html": False, "maxNesting": MARKDOWN_IT_NESTING}
    return MarkdownIt("commonmark", options).enable("table").use(footnote_plugin)


@dataclass
class Body:
    blocks: list[d.Block] = field(default_factory=list)
    footnotes: list[d.Footnote] = field(default_factory=list)


Report = Callable[[int, str, str], None]
"""``report(line, code, message)``: how the reader hands a problem back."""


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
    reader = _Reader(file, first_line, report)
    root = SyntaxTreeNode(tokens)
    body = Body()
    for node in root.children:
        if node.type == "footnote_block":
            body.footnotes.extend(reader.footnote(child) for child in node.children)
        else:
            body.blocks.extend(reader.block(node))
    return body


def is_wide(char: str) -> bool:
    """East Asian wide or full-width: a line break next to it is not a word space."""
    return unicodedata.east_asian_width(char) in ("W", "F")


@dataclass
class _Reader:
    file: str
    first_line: int
    report: Report

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
            return [self.paragraph(node, pos)]
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

    def paragraph(self, node: SyntaxTreeNode, pos: d.Pos) -> d.Block:
        inline = node.children[0]
        parts = [child for child in inline.children if not (child.type == "text" and not child.content.strip())]
        if len(parts) == 1 and parts[0].type == "image":
            image = parts[0]
            return d.Image(pos, str(image.attrs.get("src", "")), _flat(image), str(image.attrs.get("title", "") or ""))
        return d.Paragraph(pos, self.inline(inline, pos))

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
                elif self.web_link(node, here):
                    out.append(d.Link(here, str(node.attrs.get("href", "")), children))
            elif kind == "footnote_ref":
                out.append(d.FootnoteRef(here, _label(node.meta)))
            elif kind == "image":
                self.report(
                    here.line,
                    "image-inline",
                    f"the image '{node.attrs.get('src', '')}' stands inside a paragraph "
                    "of text; put it in a paragraph of its own (blank lines around it)",
                )
            elif kind != "footnote_anchor":
                out.append(d.Text(here, node.content))
        return out

    def web_link(self, node: SyntaxTreeNode, pos: d.Pos) -> bool:
        """Only web and e-mail links: a relative one would be a broken reference in the
        e-book and a ``file://`` link to the build machine in the PDF."""
        href = str(node.attrs.get("href", ""))
        if WEB_LINK.match(href):
            return True
        self.report(
            pos.line,
            "link-local",
            f"the link '{href}' does not lead to a web page: a book can only link to "
            "'https://…', 'http://…' or 'mailto:…'; write the full address, or keep the "
            "text without the link",
        )
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
