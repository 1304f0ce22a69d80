"""Helpers for the proofreading tests: write one article, proofread it, list what was found.

An article written by ``article`` has its front-matter on lines 1-3 and its body
from line 5, so a finding in the first body line is at ``5:col``.
"""

from __future__ import annotations

from pathlib import Path

from publisher.checks.proofread import proofread
from publisher.diagnostics import Diagnostics

BODY_LINE = 5


def article(folder: Path, body: str, front: str = "title: 测试", name: str = "a.md") -> Path:
    path = folder / name
    path.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    return path


def findings(folder: Path, body: str, front: str = "title: 测试", code: str | None = None) -> list[str]:
    """``line:col severity code`` of each finding in one article (of one rule, if given)."""
    diags = Diagnostics()
    proofread(folder, [article(folder, body, front)], diags)
    return [f"{d.line}:{d.col} {d.severity} {d.code}" for d in diags.items if code in (None, d.code)]


def messages(folder: Path, body: str, front: str = "title: 测试") -> list[str]:
    diags = Diagnostics()
    proofread(folder, [article(folder, body, front)], diags)
    return [d.message for d in diags.items]


def style_diagnostics(folder: Path, style: str) -> list[str]:
    """What proofreading says about ``style`` as the book's style.yaml (on a clean article)."""
    (folder / "style.yaml").write_text(style, encoding="utf-8")
    diags = Diagnostics(root=folder)
    proofread(folder, [article(folder, "工作。")], diags)
    return [d.format().removeprefix(f"{folder.name}/") for d in diags.items]
