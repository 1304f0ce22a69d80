"""Ace by DAISY, the EPUB accessibility checker (its own checks and axe-core's, run in Chromium), on
the default book and the fixture books: not one violation, whatever its impact.

``make test`` installs Ace into ``.venv/ace`` at the versions of ``tests/ace/package-lock.json``, and
Chromium and Node.js with ``scripts/system-deps.sh test``. Puppeteer drives the browser that
``PUPPETEER_EXECUTABLE_PATH`` names, else Debian's ``chromium``; Ace launches it with
``--no-sandbox``, so it runs as root too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, FIXTURES, PROJECT, Built, build

ACE = PROJECT / ".venv" / "ace" / "node_modules" / "@daisy" / "ace-cli" / "bin" / "ace.js"
NODE = shutil.which("node")

pytestmark = pytest.mark.skipif(
    NODE is None, reason="Node.js is not installed: Ace by DAISY runs on it (scripts/system-deps.sh test installs it)"
)


def ace(epub: Path, work: Path) -> dict:
    """Ace's report on ``epub`` (``report.json``), with a home and a configuration of its own."""
    assert ACE.is_file(), f"Ace by DAISY is not in {ACE.parent.parent.parent}: `make test` installs it"
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")
    assert browser, "no Chromium: install Debian's chromium, or name a browser in PUPPETEER_EXECUTABLE_PATH"
    home = work / "home"
    env = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": browser,
        "HOME": str(home),  # Ace's settings and logs, and the browser's, stay in the test's folder
        **{name: str(home / name.lower()) for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")},
    }
    report = work / "report"
    result = subprocess.run(
        [NODE, str(ACE), "--silent", "--force", "--outdir", str(report), str(epub)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0 and (report / "report.json").is_file(), result.stdout + result.stderr
    return json.loads((report / "report.json").read_text(encoding="utf-8"))


def violations(report: dict) -> list[str]:
    """Each violation Ace reports: ``document: impact rule: what``."""
    return [
        f"{subject['earl:testSubject']['url']}: {found['earl:test']['earl:impact']} "
        f"{found['earl:test']['dct:title']}: {found['earl:result'].get('dct:description', '')} "
        f"{found['earl:result'].get('html', '')}".rstrip()
        for subject in report["assertions"]
        for found in subject["assertions"]
        if found["earl:result"]["earl:outcome"] != "pass"
    ]


def assert_no_violation(epub: Path, work: Path) -> None:
    report = ace(epub, work)
    assert violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    with zipfile.ZipFile(epub) as archive:
        documents = {Path(name).name for name in archive.namelist() if name.endswith(".xhtml")}
    checked = {Path(subject["earl:testSubject"]["url"]).name for subject in report["assertions"]}
    assert documents <= checked, f"Ace did not check {sorted(documents - checked)}"


def test_the_default_book(built: Built, tmp_path: Path) -> None:
    assert_no_violation(built.epub, tmp_path)


@pytest.mark.parametrize("name", ["features", "stress"])
def test_a_fixture_book(name: str, tmp_path: Path) -> None:
    result = build(FIXTURES / name, fmt="epub", out=tmp_path / "out")
    assert result.code == 0, result.err
    assert_no_violation(tmp_path / "out" / f"{name}.epub", tmp_path)


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_sample_book(name: str, samples: dict[str, Built], tmp_path: Path) -> None:
    assert_no_violation(samples[name].epub, tmp_path)


def test_ace_reports_a_violation(built: Built, tmp_path: Path) -> None:
    """The check sees what it is there for: the default book without the package's language."""
    epub = tmp_path / "no-lang.epub"
    language = f' xml:lang="{built.book.meta.language}"'.encode()
    with zipfile.ZipFile(built.epub) as source, zipfile.ZipFile(epub, "w") as dest:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "EPUB/content.opf":
                assert data.count(language) == 1
                data = data.replace(language, b"")
            dest.writestr(info, data)
    assert [v.split(":")[1].strip() for v in violations(ace(epub, tmp_path))] == ["serious epub-lang"]
