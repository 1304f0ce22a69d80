"""The command line as CI and editors use it: check, diagnostics formats, strictness."""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path
from unittest import mock

import pytest

from publisher.cli.main import main
from tests.helpers import CONTENT


def run(*argv: str, monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def add_unknown_field(content: Path) -> None:
    path = content / "01-xu-liuping.md"
    path.write_text(path.read_text(encoding="utf-8").replace("order: 1", "order: 1\nautor: 某人"), encoding="utf-8")


def test_check_passes_on_the_default_book_and_writes_nothing(content: Path) -> None:
    code, out, err = run("check", str(content))
    assert code == 0, err
    assert "check done" in out and "0 error(s), 0 warning(s)" in out
    assert not (content.parent / "build").exists()


def test_check_finds_a_content_error(content: Path) -> None:
    (content / "02-yang-yudong.md").write_text("---\nauthor: 杨宇栋\n---\n\n正文。\n", encoding="utf-8")
    code, _, err = run("check", str(content))
    assert code == 1
    assert "content/02-yang-yudong.md:2: error: title-missing:" in err


def test_github_annotations(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    add_unknown_field(content)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run("check", str(content))
    assert code == 0
    assert (
        "::warning file=content/01-xu-liuping.md,line=6,title=unknown-field::unknown front-matter "
        "field 'autor' is ignored (did you mean 'author'?)"
    ) in out.splitlines()


def test_json_diagnostics(content: Path) -> None:
    add_unknown_field(content)
    code, out, _ = run("check", str(content), "--diagnostics", "json")
    data = json.loads(out)
    assert code == data["exit_code"] == 0
    assert data["diagnostics"] == [
        {
            "file": "content/01-xu-liuping.md",
            "line": 6,
            "col": 0,
            "severity": "warning",
            "code": "unknown-field",
            "message": "unknown front-matter field 'autor' is ignored (did you mean 'author'?)",
        }
    ]


def test_strict_fails_on_warnings(content: Path) -> None:
    add_unknown_field(content)
    assert run("check", str(content), "--strict")[0] == 1
    code, _, err = run("build", str(content), "--strict", "--format", "json")
    assert code == 1 and "unknown-field" in err
    assert not (content.parent / "build").exists()


def test_no_command_is_a_usage_error() -> None:
    assert run()[0] == 2


def test_unchanged_sources_render_nothing_and_a_change_rebuilds(content: Path) -> None:
    out = content.parent / "build"
    assert run("build", str(content))[0] == 0
    pdf = out / "gonghui-gaozhiliang-fazhan.pdf"
    first = pdf.stat().st_mtime_ns
    code, printed, _ = run("build", str(content))
    assert code == 0 and "up to date" in printed and pdf.stat().st_mtime_ns == first
    add_unknown_field(content)
    code, printed, err = run("build", str(content))
    assert code == 0 and "build done" in printed and "unknown-field" in err
    code, printed, err = run("build", str(content))
    assert "up to date" in printed and "unknown-field" in err, "a cached build repeats its warnings"
    pdf.write_bytes(b"tampered")
    assert "build done" in run("build", str(content))[1]


def test_a_change_to_the_layout_or_a_font_rebuilds(tmp_path: Path) -> None:
    """The cache covers what shapes the outputs beyond the content: the layouts and the fonts."""
    from publisher.build.pipeline import BuildOptions, build
    from publisher.diagnostics import Diagnostics
    from tests.helpers import PROJECT

    layouts, fonts = tmp_path / "layouts", tmp_path / "fonts"
    shutil.copytree(PROJECT / "layouts", layouts)
    shutil.copytree(PROJECT / "fonts", fonts)
    options = BuildOptions(
        content=CONTENT, out=tmp_path / "out", formats=("pdf",), layouts_dir=layouts, fonts_dir=fonts
    )

    def rendered() -> bool:
        return build(options, {"SOURCE_DATE_EPOCH": "0"}, Diagnostics(root=CONTENT)).rendered

    assert rendered() and not rendered()
    css = layouts / "booklet" / "print.css.j2"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert rendered() and not rendered()
    font = fonts / "NotoSerifSC-Regular.otf"
    os.utime(font, ns=(font.stat().st_atime_ns, font.stat().st_mtime_ns + 1_000_000_000))
    assert rendered() and not rendered()
    from publisher.build import cache

    engines = cache.dist_infos()
    assert "weasyprint-70.0.dist-info" in engines and "pydyf-0.13.0.dist-info" in engines
    upgraded = [name.replace("weasyprint-70.0", "weasyprint-71.0") for name in engines]
    with mock.patch.object(cache, "dist_infos", return_value=upgraded):
        assert rendered() and not rendered(), "another engine version is a change"


@pytest.mark.parametrize(
    "given, typo, said",
    [
        ("autospace: letters", "autospace: always", "typography: autospace: 'always'"),
        ("article-start: recto", "article-start: right", "article-start: 'right' must be one of: recto, verso, any"),
    ],
)
def test_a_mistyped_layout_option_is_reported_by_check(
    tmp_path: Path, content: Path, given: str, typo: str, said: str
) -> None:
    from publisher.build.pipeline import BuildOptions, check
    from publisher.diagnostics import ContentError, Diagnostics
    from tests.helpers import PROJECT

    layouts = tmp_path / "layouts"
    shutil.copytree(PROJECT / "layouts", layouts)
    settings = layouts / "booklet" / "layout.yaml"
    text = settings.read_text(encoding="utf-8").replace(given, typo)
    settings.write_text(text, encoding="utf-8")
    diags = Diagnostics(root=content)
    with pytest.raises(ContentError):
        check(BuildOptions(content=content, out=tmp_path / "out", layouts_dir=layouts), diags)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if typo in row)
    assert [(d.line, d.code) for d in diags.items] == [(line, "layout")]
    assert said in diags.items[0].message
