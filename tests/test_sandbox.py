"""A layout's templates and stylesheets are untrusted: a layout may come with a book, from the same
pull request as its articles. What a template may not do stops the build at the template's line
(exit 1, nothing written), before anything runs or is read."""

from __future__ import annotations

import argparse
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from publisher.build.pipeline import BuildOptions
from publisher.build.pipeline import build as build_book
from publisher.cli.exits import EXIT_CONTENT
from publisher.cli.main import run_once
from publisher.cli.report import Report
from publisher.diagnostics import ContentError, Diagnostics
from tests.helpers import EPOCH, PROJECT, SLUG, Result, make_content

SECRET = "TOP-SECRET-7f3a"
"""What the secret file holds: it must show nowhere, in what is printed or written."""

HOSTILE = {
    "attribute walk to os": (
        "article.html.j2",
        "{{ meta.__class__.__init__.__globals__['os'].system('touch ' ~ PWNED) }}",
        "'__class__' of a BookMeta",
    ),
    "__subclasses__": ("article.html.j2", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "'__class__' of a text"),
    "open": ("book.html.j2", "{{ open(SECRET_FILE).read() }}", "'open'"),
    "a path's read_text": ("article.html.j2", "{{ (layout.folder / '../../secret.txt').read_text() }}", "'folder'"),
    "the layout's folders": (
        "article.html.j2",
        "{{ (layout.folders[0] / '../../secret.txt').read_text() }}",
        "'folders' of a Layout",
    ),
    "include a file outside": ("titlepage.html.j2", "{% include SECRET_FILE %}", "outside the layout's folder"),
    "import": ("article.html.j2", "{{ __import__('os').popen('cat ' ~ SECRET_FILE).read() }}", "'__import__'"),
    "self.__init__.__globals__": (
        "article.html.j2",
        "{{ self.__init__.__globals__.__builtins__.open(SECRET_FILE).read() }}",
        "'__init__' of a TemplateReference",
    ),
    "cycler gadget": ("print.css.j2", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "'cycler'"),
    "lipsum gadget": ("epub.css.j2", "{{ lipsum.__globals__['os'].popen('id').read() }}", "'lipsum'"),
    "namespace gadget": ("article.html.j2", "{{ namespace.__init__.__globals__ }}", "'__init__' of a class"),
    "format string": ("article.html.j2", "{{ '{0.__class__.__init__.__globals__}'.format(meta) }}", "'__class__'"),
    "attr filter": ("article.html.j2", "{{ meta | attr('__class__') }}", "'__class__' of a BookMeta"),
    "a list changed": ("article.html.j2", "{{ articles.append(1) }}", "'append' of a list"),
    "range bomb": ("article.html.j2", "{% for i in range(10 ** 9) %}{% endfor %}", "range() of 1,000,000,000"),
    "repetition bomb": ("article.html.j2", "{{ 'x' * 10 ** 10 }}", "a text of 10,000,000,000 items"),
    "endless macro": ("article.html.j2", "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "without end"),
}


@pytest.fixture
def book(tmp_path: Path) -> tuple[Path, Path]:
    """A small book, a copy of the built-in layouts beside it, and a secret file the build must not read."""
    shutil.copytree(PROJECT / "layouts", tmp_path / "layouts")
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    return make_content(tmp_path), tmp_path / "layouts"


def build(content: Path, layouts: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    """``publisher build`` of the PDF and the EPUB with ``layouts``, through the command line's error boundary."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = content.parent / "out"
    options = BuildOptions(content=content, out=out, formats=("pdf", "epub"), layouts_dir=layouts)
    stdout, stderr = io.StringIO(), io.StringIO()
    args = argparse.Namespace(command="build", verbose=False, quiet=False)
    code = run_once(args, options, Report("human", stdout, stderr))
    return Result(code, stdout.getvalue(), stderr.getvalue(), out)


def append(template: Path, line: str) -> int:
    """Add ``line`` at the end of a template, on a line of its own; return its line number."""
    text = template.read_text(encoding="utf-8")
    text += "" if text.endswith("\n") else "\n"
    template.write_text(text + line + "\n", encoding="utf-8")
    return len(text.splitlines()) + 1


def assert_refused(result: Result, template: str, line: int, *words: str) -> None:
    """Exit 1 with one ``template`` error at the template's line, no traceback, no book written,
    the secret nowhere."""
    assert result.code == EXIT_CONTENT, result.err
    assert "Traceback" not in result.err
    (diag,) = result.diags
    where = (diag.file, diag.line, diag.severity, diag.code)
    assert where == (f"layouts/booklet/{template}", line, "error", "template"), result.err
    assert diag.message.startswith("not allowed: "), diag.message
    for word in words:
        assert word in diag.message, diag.message
    kept = [p for p in result.out_dir.rglob("*") if p.is_file()] if result.out_dir.exists() else []
    assert [p.name for p in kept if p.parent == result.out_dir] == [], "no book is written"
    assert SECRET not in result.out + result.err
    assert not [p for p in kept if SECRET.encode() in p.read_bytes()]


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_template_that_reaches_for_python_or_the_machine_is_refused_at_its_line(book, monkeypatch, case):
    content, layouts = book
    template, payload, said = HOSTILE[case]
    secret, pwned = repr(str(content.parent / "secret.txt")), content.parent / "pwned"
    payload = payload.replace("SECRET_FILE", secret).replace("PWNED", repr(str(pwned)))
    line = append(layouts / "booklet" / template, payload)
    result = build(content, layouts, monkeypatch)
    assert_refused(result, template, line, said)
    assert not pwned.exists()


def test_an_include_that_leads_out_by_a_symbolic_link_is_refused(book, monkeypatch):
    content, layouts = book
    (layouts / "booklet" / "notes.html.j2").symlink_to(content.parent / "secret.txt")
    line = append(layouts / "booklet" / "article.html.j2", "{% include 'notes.html.j2' %}")
    result = build(content, layouts, monkeypatch)
    assert_refused(result, "article.html.j2", line, "'notes.html.j2' leads outside the layout's folder")


def test_a_missing_template_is_named_without_the_folder(book, monkeypatch):
    content, layouts = book
    line = append(layouts / "booklet" / "article.html.j2", "{% import 'os' as os %}")
    result = build(content, layouts, monkeypatch)
    assert result.code == EXIT_CONTENT and "Traceback" not in result.err
    (diag,) = result.diags
    assert (diag.file, diag.line, diag.code) == ("layouts/booklet/article.html.j2", line, "template")
    assert diag.message == "template error: there is no template 'os' in the layout's folder"


def test_what_templates_may_do_still_works(book, monkeypatch):
    """Reading the context's fields, calling their methods that change nothing, loops, namespaces,
    macros, filters, and a test of a name that is not there (which reads nothing)."""
    content, layouts = book
    append(
        layouts / "booklet" / "print.css.j2",
        "{% set ns = namespace(n=0) %}{% for a in articles %}{% set ns.n = ns.n + loop.index %}{% endfor %}"
        "{% macro big(x) %}{{ x | upper }}{% endmacro %}"
        "/* {{ ns.n }} {{ big(meta.slug) }} {{ labels.get('toc') }} {{ layout.metrics(layout.page.size).width }}"
        " {{ m.width * 2 }} {{ family('body') }} {{ articles | map(attribute='title') | join('、') }}"
        " {{ '{}-{}'.format(meta.slug, 2) }} {{ range(3) | list | length }} {{ dict(a=1).items() | list | length }}"
        " {{ open is defined }} */",
    )
    result = build(content, layouts, monkeypatch)
    assert result.code == 0, result.err
    assert (result.out_dir / f"{SLUG}.pdf").is_file() and (result.out_dir / f"{SLUG}.epub").is_file()


def test_a_stylesheet_cannot_pull_fonts_or_css_from_outside(book, no_network):
    """The CSS a layout makes gets only the allowed folders: each refusal is an error, and nothing is read."""
    content, layouts = book
    secret = (content.parent / "secret.txt").as_uri()
    css = layouts / "booklet" / "print.css.j2"
    css.write_text(
        '@import url("http://example.com/evil.css");\n'
        f'@font-face {{ font-family: evil; src: url("{secret}"); }}\n'
        'body { font-family: evil; background: url("file:///etc/passwd"); }\n' + css.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    diags = Diagnostics(root=content)
    with pytest.raises(ContentError):
        build_book(
            BuildOptions(content=content, out=content.parent / "out", formats=("pdf",), layouts_dir=layouts),
            {"SOURCE_DATE_EPOCH": EPOCH},
            diags,
        )
    refused = " ".join(d.message for d in diags.items if d.code == "resource-refused")
    for url in ("http://example.com/evil.css", secret, "file:///etc/passwd"):
        assert url in refused
    assert no_network == []
    assert SECRET not in " ".join(d.format() for d in diags.items)
    assert not (content.parent / "out" / f"{SLUG}.pdf").exists()


def test_a_template_edited_between_two_builds_of_one_process_is_used(book, monkeypatch):
    """Compiled templates are kept per process, so that a watch's rebuild compiles only what changed: the
    next build uses the edited template, not the compiled one."""
    content, layouts = book
    stylesheet = layouts / "booklet" / "epub.css.j2"
    original = stylesheet.read_text(encoding="utf-8")
    found = []
    for marker in ("first-edit", "second-edit"):
        stylesheet.write_text(f"{original}/* {marker} */\n", encoding="utf-8")
        result = build(content, layouts, monkeypatch)
        assert result.code == 0, result.err
        with zipfile.ZipFile(result.out_dir / f"{SLUG}.epub") as epub:
            css = "".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".css"))
        found.append([word for word in ("first-edit", "second-edit") if word in css])
    assert found == [["first-edit"], ["second-edit"]]
