"""The GitHub Actions workflows, the repository's and the one ``publisher new`` writes, audited by
zizmor offline at its most demanding persona: not one finding."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from publisher.cli.exits import EXIT_OK
from publisher.cli.main import main
from tests.helpers import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"


def zizmor_command() -> str:
    """The zizmor of the test environment (requirements-test.txt pins it), else the one on PATH."""
    beside = Path(sys.executable).with_name("zizmor")
    found = str(beside) if beside.is_file() else shutil.which("zizmor")
    assert found, "zizmor is not installed: make deps (or pip install -r requirements-test.txt) installs it"
    return found


def audit(*inputs: Path) -> list[str]:
    """zizmor's findings on ``inputs``, one line each: ``file:line: audit: what``.

    Offline (no audit that asks GitHub), with the pedantic persona (every finding, code smells
    included), no configuration file, and a broken workflow an error rather than a warning.
    """
    result = subprocess.run(
        [
            zizmor_command(),
            "--offline",
            "--persona=pedantic",
            "--no-config",
            "--strict-collection",
            "--format=json",
            "--no-progress",
            *map(str, inputs),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    try:
        found = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"zizmor failed (exit {result.returncode}):\n{result.stderr}")
    lines = []
    for finding in found:
        where = finding["locations"][0]
        path = next(iter(where["symbolic"]["key"].values())).get("verbatim_path", "?")
        row = where["concrete"]["location"]["start_point"]["row"] + 1
        lines.append(f"{path}:{row}: {finding['ident']}: {finding['desc']} ({where['symbolic']['annotation']})")
    assert lines or result.returncode == 0, result.stderr
    return lines


def test_the_repository_workflows_have_no_findings() -> None:
    assert (WORKFLOWS / "publish.yml").is_file()
    assert audit(WORKFLOWS) == []


def test_the_workflow_of_a_new_book_has_no_findings(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["new", str(tmp_path / "book")], out, err) == EXIT_OK, err.getvalue()
    workflow = tmp_path / "book" / ".github" / "workflows" / "publish.yml"
    assert "${{ github.ref }}" in workflow.read_text(encoding="utf-8"), "the template's $$ became a $"
    assert audit(workflow) == []


def test_a_finding_is_reported(tmp_path: Path) -> None:
    """The audit sees what it is there for: an action by tag, and an untrusted value in a script."""
    workflow = tmp_path / "bad.yml"
    workflow.write_text(
        "on: pull_request\n"
        "permissions: {}\n"
        "jobs:\n"
        "  greet:\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    idents = {line.split(": ")[1] for line in audit(workflow)}
    assert {"unpinned-uses", "template-injection"} <= idents
