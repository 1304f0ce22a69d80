"""The output engines compared with the pins at the start of a build: one warning naming those that differ."""

from __future__ import annotations

import io
import re
import tomllib
from pathlib import Path

import pytest

from publisher.cli.main import EXIT_OK, main
from publisher.diagnostics import Diagnostics
from publisher.resources import pinned_requirements
from publisher.util import distributions, pins
from tests.helpers import PROJECT, build, make_content

REQUIREMENTS = PROJECT / "requirements.txt"


def test_the_pins_are_requirements_txt() -> None:
    """One list of pins: in a checkout the package reads the repository's own file (installed, its copy:
    tests/test_install.py)."""
    assert pinned_requirements() == REQUIREMENTS
    assert pins.pinned() == pins.pinned(REQUIREMENTS)


def test_every_output_engine_is_pinned() -> None:
    assert sorted(set(pins.ENGINES) - set(pins.pinned())) == []


def test_the_ranges_allow_the_pins() -> None:
    """``pyproject.toml`` asks for ranges; the pinned version of each dependency must fall within its range."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = pins.pinned()
    outside = []
    for requirement in project["dependencies"]:
        name, clauses = re.fullmatch(r"([A-Za-z0-9_.-]+)(.*)", requirement.replace(" ", "")).groups()
        version = _release(pinned[name.lower()])
        for clause in clauses.split(","):
            operator, bound = re.fullmatch(r"(==|>=|<)(.+)", clause).groups()
            held = {"==": version == _release(bound), ">=": version >= _release(bound), "<": version < _release(bound)}
            if not held[operator]:
                outside.append(f"{name} {pinned[name.lower()]} is not {clause}")
    assert outside == []


def test_this_environment_has_the_pinned_engines() -> None:
    """The tests run with ``make deps``: every output engine at its pin, so a build says nothing."""
    assert pins.differences() == []
    diags = Diagnostics()
    pins.check(diags)
    assert diags.items == []


def test_one_warning_names_each_engine_that_differs() -> None:
    installed = {**pins.pinned(), "weasyprint": "71.0", "pillow": "12.0.0"}
    del installed["uharfbuzz"]
    assert pins.differences(installed) == [
        ("weasyprint", "70.0", "71.0"),
        ("pillow", "13.0.0", "12.0.0"),
        ("uharfbuzz", "0.57.0", None),
    ]
    diags = Diagnostics()
    pins.check(diags, installed)
    [warning] = diags.items
    assert (warning.severity, warning.code, warning.file) == ("warning", "engine-pins", "")
    for words in ("weasyprint 71.0 (pinned: 70.0)", "pillow 12.0.0 (pinned: 13.0.0)", "uharfbuzz not installed",
                  "may not be byte-identical", "'make deps'", "pip install -r requirements.txt"):  # fmt: skip
        assert words in warning.message


def test_what_does_not_reach_the_outputs_is_not_compared() -> None:
    installed = {**pins.pinned(), "watchfiles": "9.0", "rich": "9.0", "opencc": "9.0", "pyyaml": "9.0"}
    assert pins.differences(installed) == []


def test_an_installed_package_names_its_own_pins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a checkout there is no Makefile: the warning names the requirements file the package carries."""
    installed = tmp_path / "site-packages" / "publisher" / "data" / "requirements.txt"
    monkeypatch.setattr(pins, "pinned_requirements", lambda: installed)
    assert pins.restore() == f"'pip install -r {installed}'"


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_build_with_other_engines_says_so_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    real = distributions.versions()
    monkeypatch.setattr(distributions, "versions", lambda: {**real, "pypdfium2": "5.16.0"})
    content = make_content(tmp_path)
    if command == "build":
        result = build(content, fmt="pdf")
        code, err = result.code, result.err
    else:
        stdout, stderr = io.StringIO(), io.StringIO()
        code, err = main(["check", str(content)], stdout, stderr), stderr.getvalue()
    assert code == EXIT_OK, err
    assert err.count("engine-pins") == 1, err
    assert "publisher: warning: engine-pins: " in err and "pypdfium2 5.16.0 (pinned: 5.15.2)" in err


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
