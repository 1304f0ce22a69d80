"""The layout's Jinja2 templates: how they are loaded and rendered, and the filters they may use."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import jinja2
from markupsafe import Markup

from publisher.diagnostics import ContentError, Diagnostics
from publisher.layout import markup, titles
from publisher.layout.sandbox import RUNAWAY, Sandbox, SecurityError, refusal
from publisher.layout.settings import ARTICLE_STARTS, Layout


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, kept by file and found again only for the same source.

    Each build (and each format of it) makes its environment afresh, since the layout may have
    changed; compiling a template takes longer than rendering it, and a ``--watch`` or ``serve``
    rebuild compiles again only a template that was edited.
    """

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self.kept.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)  # left empty, and compiled, if the source changed

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def environment(
    layout: Layout, words: Mapping[str, tuple[str, ...]] | None = None, opportunity: str = markup.WBR
) -> jinja2.Environment:
    """Templates from the layout's folders only (its own first, then those of the layouts it extends), run
    in the sandbox (a layout may come with a book: see :mod:`.sandbox`); an undefined name is an error,
    never an empty string. ``words`` holds the display titles cut into words, for the ``phrases`` filter;
    ``opportunity`` is how the edition marks a break opportunity, for the ``prose`` filter."""
    env = Sandbox(
        loader=jinja2.FileSystemLoader(list(layout.folders)),
        autoescape=jinja2.select_autoescape(["html.j2", "xhtml.j2"]),
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
    )
    env.filters["css_string"] = css_string
    env.filters["phrases"] = functools.partial(phrases, words or {})
    env.filters["prose"] = functools.partial(prose, layout.typography.autospace, opportunity)
    env.filters["running_head"] = functools.partial(running_head, words or {})
    env.globals["article_break"] = ARTICLE_STARTS[layout.page.article_start]
    return env


PHRASE_END = re.compile(r"(?<=[，：；、 ])")


def phrases(words: Mapping[str, tuple[str, ...]], text: str, measure: float | None = None) -> Markup:
    """A display title as spans between which alone it may break (see :mod:`publisher.layout.titles`).

    With the ``measure`` (in em of the title's size) the spans are its balanced lines; without it (an
    e-book) its words.
    """
    cut = _words(words, text)
    return (
        titles.phrase_spans(titles.lines(cut, measure), lines=True)
        if measure
        else titles.phrase_spans(titles.units(cut))
    )


def running_head(words: Mapping[str, tuple[str, ...]], text: str, measure: float) -> str:
    """A title as a running head of ``measure`` em: whole if it fits on one line, else shortened between
    phrases or words (see :func:`publisher.layout.titles.running_head`)."""
    return titles.running_head(_words(words, text), measure)


def _words(words: Mapping[str, tuple[str, ...]], text: str) -> tuple[str, ...]:
    """A display title cut into words; one not cut (a preview without the book) at its phrases: after a comma,
    at the spaces that separate them."""
    return words.get(text) or tuple(part for part in PHRASE_END.split(text) if part)


def prose(autospace: str, opportunity: str, text: str) -> Markup:
    """Text the template sets as a paragraph of its own (the closing note), with the spans body text gets: no
    孤字 on its last line, Han–Latin gaps, adjacent marks set half-width, break opportunities (see
    :func:`publisher.layout.markup.text`)."""
    return Markup(markup.text(text, autospace, paragraph_end=True, opportunity=opportunity))


def css_string(text: str) -> str:
    """Quote text for a CSS ``content`` value."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def render(env: jinja2.Environment, template: str, diags: Diagnostics, **context: object) -> str:
    """Render one template; a broken template is reported with its file and line."""
    try:
        return env.get_template(template).render(**context)
    except (SecurityError, *RUNAWAY) as exc:  # a template that tried what templates may not do
        line = _template_line(exc)
        diags.error(line[0] or getattr(exc, "filename", None) or template, line[1], "template", refusal(exc))
    except jinja2.TemplateSyntaxError as exc:
        diags.error(exc.filename or template, exc.lineno or 0, "template", f"template error: {exc.message}")
    except jinja2.TemplateError as exc:
        line = _template_line(exc)
        diags.error(line[0] or template, line[1], "template", f"template error: {exc}")
    raise ContentError


def _template_line(exc: Exception) -> tuple[str, int]:
    """The template file and line an error was raised at, from Jinja's rewritten traceback."""
    tb = exc.__traceback__
    found = ("", 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
