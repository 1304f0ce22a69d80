"""Importing WeasyPrint (publisher/renderers/engine.py): fontTools' fallbacks are imported only when used."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from publisher.render.pdf.engine import importing as engine


def test_fallbacks_are_imported_when_used_and_not_before() -> None:
    script = textwrap.dedent("""
        import sys
        from publisher.render.pdf.engine.importing import import_weasyprint
        import_weasyprint(None)
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
