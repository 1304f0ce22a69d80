"""The engine fence: patches in force only with the engine versions they were written for, accelerators that
switch off on another version with the same bytes, and WeasyPrint imported with fontTools' fallbacks on use."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from publisher.cli.main import main
from publisher.render.pdf.engine import importing as engine
from publisher.render.pdf.engine import patches
from tests.helpers import CONTENT, EPOCH, PROJECT, Built


def test_fallbacks_are_imported_when_used_and_not_before() -> None:
    script = textwrap.dedent("""
        import sys
        from publisher.render.pdf.engine.importing import import_weasyprint
        import_weasyprint(None, quick=True, declarations=False)
        before = [name in sys.modules for name in ("fontTools.subset", "fontTools.varLib.instancer", "uharfbuzz")]
        import weasyprint.pdf.fonts as fonts
        from fontTools.subset import Subsetter
        used = fonts.subset.Subsetter is Subsetter
        try:
            fonts.instantiateVariableFont(None, {})  # the real function, given no font: it fails
        except TypeError:
            pass
        called = getattr(sys.modules["fontTools.varLib.instancer"], "__file__", None) is not None
        print(before, used, called)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["[False,", "False,", "False]", "True", "True"], run.stdout + run.stderr


def test_a_stand_in_gives_way_to_the_real_module(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "json.tool", raising=False)
    with engine._imported_on_use({"json.tool": ("main",)}):
        stand_in = sys.modules["json.tool"]
        from json.tool import main  # as WeasyPrint takes a function by name: nothing imported yet

        assert sys.modules["json.tool"] is stand_in and main.__name__ == "main"
    assert "json.tool" not in sys.modules, "the stand-in is gone once WeasyPrint is imported"
    assert not hasattr(stand_in, "__path__"), "what the import system asks is not an attribute of the real module"
    assert "json.tool" not in sys.modules, "still nothing imported"
    assert stand_in.argparse is sys.modules["argparse"], "an attribute comes from the real module"
    assert sys.modules["json.tool"] is not stand_in


def _written_for(version: str, *, required: bool) -> tuple[patches.Patch, ...]:
    """The registry as if the required patches (or the accelerators) had been written for ``version``:
    what the build meets when another WeasyPrint, pydyf or cffi is installed."""
    return tuple(replace(p, version=version) if p.required == required else p for p in patches.PATCHES)


def test_the_plan_follows_the_installed_versions() -> None:
    every = patches.plan({"WeasyPrint": "70.0", "pydyf": "0.13.0", "cffi": "2.1.1"})
    assert every.on == {p.name for p in patches.PATCHES} and not every.off()
    newer = patches.plan({"WeasyPrint": "71.0", "pydyf": "0.13.0", "cffi": "2.1.1"})
    assert {p.name for p in newer.off()} == {p.name for p in patches.PATCHES if p.engine == "WeasyPrint"}
    assert "streams" in newer and "declarations" in newer
    message = newer.why_off(next(p for p in patches.PATCHES if p.name == "leaders"))
    assert "WeasyPrint 70.0" in message and "71.0 is installed" in message
    assert "pip install weasyprint==70.0" in message and "the output is the same" in message
    pydyf = patches.plan({"WeasyPrint": "70.0", "pydyf": "0.14.0", "cffi": "2.1.1"})
    assert {p.name for p in pydyf.off()} == {"streams", "two-cores"}, "two cores draw with pydyf's internals too"
    assert "pydyf 0.13.0, and 0.14.0 is installed" in pydyf.why_off(
        next(p for p in pydyf.off() if p.name == "two-cores")
    )


def test_accelerators_on_another_engine_switch_off_with_a_warning_and_the_same_bytes(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(patches, "PATCHES", _written_for("69.0", required=False))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", str(CONTENT), "-o", str(tmp_path)], out, err)
    assert code == 0, err.getvalue()
    warned = [line for line in err.getvalue().splitlines() if ": warning: engine-version: " in line]
    accelerators = [p for p in patches.PATCHES if not p.required]
    assert len(warned) == len(accelerators) == 7, err.getvalue()
    for patch, line in zip(accelerators, warned):
        assert line.startswith("publisher: warning: engine-version: " + patch.what)
        assert "switched off: the output is the same, the build slower" in line
    for output in (built.pdf, built.epub):
        assert (tmp_path / output.name).read_bytes() == output.read_bytes(), f"{output.name} differs"


@pytest.mark.parametrize("command", ["build", "check"])
def test_justification_on_another_engine_is_an_error_that_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr(patches, "PATCHES", _written_for("69.0", required=True))
    out, err = io.StringIO(), io.StringIO()
    code = main([command, str(CONTENT), *(["-o", str(tmp_path)] if command == "build" else [])], out, err)
    assert code == 1, err.getvalue()
    layout = PROJECT / "layouts" / "booklet" / "layout.yaml"
    line = next(
        n
        for n, row in enumerate(layout.read_text(encoding="utf-8").splitlines(), 1)
        if row.strip().startswith("justify:")
    )
    [error] = [row for row in err.getvalue().splitlines() if ": error: " in row]
    assert error.startswith(f"layouts/booklet/layout.yaml:{line}: error: engine-version: typography: justify: ")
    assert "WeasyPrint 69.0" in error and "'pip install weasyprint==69.0'" in error and "justify: spaces" in error
    assert "Traceback" not in err.getvalue() and not any(tmp_path.iterdir())


def test_every_patch_is_taken_away_again(built: Built) -> None:
    """Each patch is in force only inside its context: WeasyPrint's and pydyf's own are back after it."""
    import pydyf
    from weasyprint import HTML
    from weasyprint.draw import text
    from weasyprint.layout import inline, page
    from weasyprint.pdf import fonts

    from publisher.render.pdf.engine import justify, leaders, pagestyles, streams, subsets

    owners = {
        (inline, "justify_line"): justify.inter_character,
        (inline, "text_align"): justify.inter_character,
        (inline, "split_inline_box"): justify.inter_character,
        (HTML, "render"): justify.inter_character,
        (page, "set_page_type_computed_styles"): pagestyles.per_page_styles,
        (text, "draw_first_line"): leaders.repeated_leaders,
        (fonts.Font, "_harfbuzz_subset"): lambda: subsets.cached_subsets(None),
        (pydyf.Stream, "data"): lambda: streams.compressed_once(None),
    }
    for (owner, name), patch in owners.items():
        own = vars(owner)[name] if isinstance(owner, type) else getattr(owner, name)
        with patch():
            assert getattr(owner, name) is not own or isinstance(owner, type), name
        assert (vars(owner)[name] if isinstance(owner, type) else getattr(owner, name)) is own, name
