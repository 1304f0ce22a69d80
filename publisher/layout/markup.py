"""Document blocks → XHTML markup, shared by the PDF and the EPUB renderers.

Both outputs use the same markup for the same structure; only footnotes differ
by medium: print floats them to the foot of the page (``notes="inline"``), an
e-book links to notes after the text (``notes="end"``). Numbering lives here,
per article, never on the document nodes.

Every element of the text that holds characters or an image carries a
``data-block`` number, the same in both outputs, so that the e-book can find
where each printed page starts (see :mod:`publisher.render.printed`).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from publisher import document as d
from publisher.layout import autospace as spacing
from publisher.layout import code, linebreak, punctuation

WBR = "<wbr/>"
"""A break opportunity of the text in the e-book and the web: an element, no character."""
ZWSP = "\u200b"
"""A break opportunity for the print engine: the U+200B ZERO WIDTH SPACE that WeasyPrint itself puts in a
``<wbr>`` (``wbr::before``), without the element and its pseudo-element, two boxes more that split the
text around them. Pango shapes it as an empty glyph, which WeasyPrint draws with no Unicode mapping: the
PDF's text layer holds no character for it either."""
SECTION_LEVEL = 2
"""The Markdown headings the contents may list under their article: ``#`` and ``##``."""


@dataclass(frozen=True)
class Section:
    """A section of an article the contents can link to: its heading's anchor (an ``id`` in both
    editions) and its text."""

    anchor: str
    title: str
    heading: d.Heading


def sections(article: d.Article) -> list[Section]:
    """The article's sections: its headings of level 1 and 2 outside quotes, lists and notes.

    An anchor is the article's slug, a dot and the section's number: a slug holds no dot, so no
    anchor is another article's.
    """
    found = [h for h in headings(article) if h.level <= SECTION_LEVEL]
    return [Section(f"{article.slug}.{n}", d.plain_text(h.children), h) for n, h in enumerate(found, 1)]


def headings(article: d.Article) -> list[d.Heading]:
    """The article's headings outside quotes, lists and notes, of every level."""
    return [block for block in article.blocks if isinstance(block, d.Heading)]


@dataclass
class MarkupState:
    """Renderer state for one article: footnote numbers in order of first reference."""

    article: d.Article
    notes: str = "inline"
    image_href: Callable[[str], str] = str
    autospace: str = "none"
    code_columns: int = 40
    """The columns of a code block's continuation line (:func:`publisher.layout.code.columns`)."""
    opportunity: str = WBR
    """What marks a break opportunity of the text (:data:`WBR`, :data:`ZWSP`)."""
    numbers: dict[str, int] = field(default_factory=dict)
    blocks: int = 0
    in_notes: bool = False
    anchors: dict[int, str] = field(default_factory=dict)
    """The anchor of each section heading, by the heading's ``id()``."""
    heading_lines: Callable[[str], Markup | None] = lambda text: None
    """A heading's text as the lines the edition sets it in, or ``None`` to mark it up as text (by default,
    every heading)."""

    def mark(self) -> str:
        """The ``data-block`` attribute of the next element of the text (none inside notes)."""
        if self.in_notes:
            return ""
        self.blocks += 1
        return f' data-block="{self.blocks}"'

    def note_number(self, label: str) -> int:
        return self.numbers.setdefault(label, len(self.numbers) + 1)

    def note(self, label: str) -> d.Footnote | None:
        return next((n for n in self.article.footnotes if n.label == label), None)

    def prefix(self) -> str:
        return self.article.slug


@dataclass(frozen=True)
class Parts:
    """An article's markup: the body, and the notes section placed after the closing note."""

    body: Markup
    notes: Markup


def article_parts(
    article: d.Article,
    notes: str,
    image_href: Callable[[str], str] = str,
    autospace: str = "none",
    code_columns: int = 40,
    opportunity: str = WBR,
    heading_lines: Callable[[str], Markup | None] = lambda text: None,
) -> Parts:
    """Render an article's blocks; with ``notes="end"`` its footnotes become a notes section.

    ``image_href`` maps an image's ``src`` to where the output keeps it; ``autospace`` is the
    layout's Han–Latin spacing mode (see :mod:`publisher.layout.autospace`); ``code_columns``
    where long lines of code may break (see :mod:`publisher.layout.code`); ``opportunity`` how
    a break opportunity is marked (:data:`WBR`, :data:`ZWSP`); ``heading_lines`` sets a heading of
    plain text in lines of its own (print: one too long for a line, in balanced lines broken between
    words, see :mod:`publisher.layout.titles`).
    """
    state = MarkupState(article, notes, image_href, autospace, code_columns, opportunity, heading_lines=heading_lines)
    state.anchors = {id(section.heading): section.anchor for section in sections(article)}
    html = blocks(article.blocks, state)
    section = end_notes(state) if notes == "end" and state.numbers else ""
    return Parts(Markup(html), Markup(section))


def blocks(nodes: list[d.Block], state: MarkupState) -> str:
    return "".join(block(node, state) for node in nodes)


def block(node: d.Block, state: MarkupState) -> str:
    if isinstance(node, d.Paragraph):
        return f"<p{state.mark()}>{inlines(node.children, state, paragraph_end=True)}</p>\n"
    if isinstance(node, d.Heading):
        level = min(node.level + 1, 6)
        anchor = state.anchors.get(id(node))
        ident = f' id="{anchor}"' if anchor else ""
        plain = all(isinstance(child, d.Text) for child in node.children)
        lines = state.heading_lines(d.plain_text(node.children)) if plain else None
        content = lines if lines is not None else inlines(node.children, state)
        return f'<h{level} class="section"{ident}{state.mark()}>{content}</h{level}>\n'
    if isinstance(node, d.BlockQuote):
        return f"<blockquote>\n{blocks(node.children, state)}</blockquote>\n"
    if isinstance(node, d.ListBlock):
        return list_block(node, state)
    if isinstance(node, d.Table):
        return table(node, state)
    if isinstance(node, d.Image):
        image = f'<img src="{escape(state.image_href(node.src))}" alt="{escape(node.alt)}"{state.mark()}/>'
        caption = f"<figcaption{state.mark()}>{escape(node.title)}</figcaption>" if node.title else ""
        return f"<figure>{image}{caption}</figure>\n"
    if isinstance(node, d.CodeBlock):
        return f"<pre{state.mark()}><code>{code.block(node.text, state.code_columns)}</code></pre>\n"
    if isinstance(node, d.ThematicBreak):
        return '<hr class="break"/>\n'
    raise TypeError(f"unknown block {type(node).__name__}")


def list_block(node: d.ListBlock, state: MarkupState) -> str:
    items = "".join(list_item(item, state) for item in node.items)
    if node.ordered:
        start = f' start="{node.start}"' if node.start != 1 else ""
        return f"<ol{start}>\n{items}</ol>\n"
    return f"<ul>\n{items}</ul>\n"


def list_item(item: d.ListItem, state: MarkupState) -> str:
    """An item that opens with a paragraph holds that paragraph's text directly (``class="inline"``),
    so that print can draw its marker in line with the text; the blocks after it (a nested list, a
    second paragraph) follow. An item that opens with another block keeps its blocks."""
    first, *rest = item.children or [None]
    if isinstance(first, d.Paragraph):
        text = inlines(first.children, state, paragraph_end=True)
        return f'<li class="inline"{state.mark()}>{text}{blocks(rest, state)}</li>\n'
    return f"<li>{blocks(item.children, state)}</li>\n"


def table(node: d.Table, state: MarkupState) -> str:
    def row(cells: list[d.TableCell], tag: str) -> str:
        out = []
        for cell in cells:
            align = f' class="align-{cell.align}"' if cell.align else ""
            out.append(f"<{tag}{align}{state.mark()}>{inlines(cell.children, state)}</{tag}>")
        return f"<tr>{''.join(out)}</tr>\n"

    head = f"<thead>\n{row(node.header, 'th')}</thead>\n" if node.header else ""
    rows = "".join(row(r, "td") for r in node.rows)
    return f"<table>\n{head}<tbody>\n{rows}</tbody>\n</table>\n"


def inlines(nodes: list[d.Inline], state: MarkupState, paragraph_end: bool = False) -> str:
    """``paragraph_end``: these inlines end a paragraph, so the last of them keeps its last words together.

    Inline code after a space that starts with what Unicode line breaking never breaks before, even after a
    space (``/data``, ``.env``: :data:`publisher.layout.linebreak.GLUED_AFTER_SPACE`), gets a break
    opportunity before it, so that it does not take the word before it along to the next line."""
    last = len(nodes) - 1
    out = []
    for index, node in enumerate(nodes):
        before = nodes[index - 1] if index else None
        if (
            isinstance(node, d.Code)
            and isinstance(before, d.Text)
            and before.text.endswith(" ")
            and node.text[:1] in linebreak.GLUED_AFTER_SPACE
        ):
            out.append(state.opportunity)
        out.append(inline(node, state, paragraph_end and index == last))
    return "".join(out)


def inline(node: d.Inline, state: MarkupState, paragraph_end: bool = False) -> str:
    if isinstance(node, d.Text):
        return text(node.text, state.autospace, paragraph_end, state.opportunity)
    if isinstance(node, d.Emphasis):
        return f"<em>{inlines(node.children, state, paragraph_end)}</em>"
    if isinstance(node, d.Strong):
        return f"<strong>{inlines(node.children, state, paragraph_end)}</strong>"
    if isinstance(node, d.Code):
        return code.inline(node.text, state.code_columns)
    if isinstance(node, d.Link):
        return f'<a href="{escape(node.href)}">{inlines(node.children, state)}</a>'
    if isinstance(node, d.LineBreak):
        return "<br/>"
    if isinstance(node, d.FootnoteRef):
        return footnote_ref(node, state)
    raise TypeError(f"unknown inline {type(node).__name__}")


def text(value: str, autospace: str = "none", paragraph_end: bool = False, opportunity: str = WBR) -> str:
    """Escaped text with the spans the typography asks for, none of them adding a character.

    A mark of an adjacent pair to set half-width is wrapped in ``<span class="halt">``
    (:mod:`publisher.punctuation`); a run of Latin letters (or digits, per ``autospace``)
    next to a Han character in ``<span class="autospace-before autospace-after">`` (the
    classes of the Han sides, :mod:`publisher.layout.autospace`); a range that must not break
    across lines in ``<span class="keep">`` (:mod:`publisher.linebreak`; ``paragraph_end``
    for the text that ends a paragraph); a place Pango does not break at but may, outside the
    keeps, gets an ``opportunity`` (:data:`WBR`, :data:`ZWSP`: nothing drawn). A halt mark is
    never a letter nor Han, so cutting the text at the marks first loses no gap; keeps start and
    end between words, so the spans nest.
    """
    return opportunity.join(_between_breaks(value, autospace, paragraph_end))


@functools.lru_cache(maxsize=8192)
def _between_breaks(value: str, autospace: str, paragraph_end: bool) -> tuple[str, ...]:
    """The markup of :func:`text`, cut where its break opportunities go.

    Kept per process: each text is marked up for print, then for the e-book and the web (in this
    process or one forked from it), where only the opportunities differ; in ``--watch`` for every
    build after the first.
    """
    keeps = linebreak.keeps(value, paragraph_end)
    breaks = {at for at in linebreak.breaks(value) if not any(start < at < end for start, end in keeps)}
    cuts = sorted({edge for keep in keeps for edge in keep} | breaks)
    starts, ends = {start for start, _ in keeps}, {end for _, end in keeps}
    segments: list[str] = []
    out: list[str] = []
    for start, end, attributes in _styled(value, autospace):
        for left, right in _cut(start, end, cuts, attributes):
            if left == right:
                continue
            if left in breaks:
                segments.append("".join(out))
                out = []
            out.append('<span class="keep">' if left in starts else "")
            piece = escape(value[left:right])
            out.append(f"<span{attributes}>{piece}</span>" if attributes else str(piece))
            out.append("</span>" if right in ends else "")
    segments.append("".join(out))
    return tuple(segments)


LATIN = "en"
"""The language of a Latin word in Chinese text: the print edition hyphenates it by this language's rules."""
HYPHENATED = 6  # letters: a shorter word is never hyphenated, and needs no language of its own


def _styled(value: str, autospace: str) -> Iterator[tuple[int, int, str]]:
    """``value`` cut into ``(start, end, attributes)``: the halt marks, the Han–Latin runs and the long Latin
    words (``lang``), the rest plain."""
    position = 0
    links = linebreak.links(value)
    for piece in punctuation.compression_runs(value):
        if piece.halt:
            yield position, position + 1, ' class="halt"'
            position += 1
            continue
        for run in spacing.spacing_runs(piece.text, autospace):
            classes = " ".join(
                name for name, on in (("autospace-before", run.before), ("autospace-after", run.after)) if on
            )
            if classes:
                lang = f' lang="{LATIN}"' if _long_word(run.text) else ""
                yield position, position + len(run.text), f' class="{classes}"{lang}'
            else:
                yield from _latin_words(run.text, position, links)
            position += len(run.text)


def _latin_words(text: str, offset: int, links: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """A plain run cut so that each long Latin word is a piece with its language (not in a URL or a path:
    they break only after their marks), with the marks that may not start a line after it: the engine
    hyphenates a word only when the word itself overflows, not when the mark after it does."""
    start = 0
    for match in re.finditer(rf"[^\W\d_]{{{HYPHENATED},}}", text):
        where = offset + match.start()
        if not _hyphenatable(match.group()) or any(a <= where < b for a, b in links):
            continue
        end = match.end()
        while end < len(text) and text[end] in linebreak.NO_START:
            end += 1
        if match.start() > start:
            yield offset + start, offset + match.start(), ""
        yield offset + match.start(), offset + end, f' lang="{LATIN}"'
        start = end
    if start < len(text):
        yield offset + start, offset + len(text), ""


def _long_word(text: str) -> bool:
    return any(_hyphenatable(match.group()) for match in re.finditer(r"[^\W\d_]+", text))


def _hyphenatable(word: str) -> bool:
    """A long word of narrow letters, in lower case after its first letter: a name written in camel case
    (``WeasyPrint``) or an abbreviation is not a word the dictionary knows how to hyphenate."""
    return len(word) >= HYPHENATED and all(spacing.letter(char) for char in word) and word[1:].islower()


def _cut(start: int, end: int, cuts: list[int], attributes: str) -> list[tuple[int, int]]:
    """A plain piece cut where keeps start or end and at breaks (a styled piece never straddles one)."""
    if attributes:
        return [(start, end)]
    edges = [start, *(cut for cut in cuts if start < cut < end), end]
    return list(itertools.pairwise(edges))


def footnote_ref(node: d.FootnoteRef, state: MarkupState) -> str:
    number = state.note_number(node.label)
    note = state.note(node.label)
    if state.notes == "inline":
        text = blocks_inline(note.children, state) if note else ""
        return f'<span class="footnote">{text}</span>'
    ident = f"{state.prefix()}-fn{number}"
    return f'<a class="noteref" epub:type="noteref" role="doc-noteref" id="{ident}-ref" href="#{ident}">{number}</a>'


def blocks_inline(nodes: list[d.Block], state: MarkupState) -> str:
    """A footnote's paragraphs as one run of text, for a print footnote that floats inline."""
    parts = [inlines(n.children, state) for n in nodes if isinstance(n, d.Paragraph)]
    return "<br/>".join(parts)


def end_notes(state: MarkupState) -> str:
    state.in_notes = True
    out = ['<section class="notes" role="doc-endnotes">\n']
    for label, number in list(state.numbers.items()):
        note = state.note(label)
        ident = f"{state.prefix()}-fn{number}"
        text = blocks(note.children, state) if note else ""
        out.append(
            f'<aside class="footnote" epub:type="footnote" role="doc-footnote" id="{ident}">'
            f'<a class="backlink" href="#{ident}-ref" role="doc-backlink">{number}</a>'
            f"{text}</aside>\n"
        )
    out.append("</section>\n")
    return "".join(out)
