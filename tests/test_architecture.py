"""The package's shape: the stages import one way, and only the engine package knows WeasyPrint and pydyf."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.helpers import PROJECT

PACKAGE = PROJECT / "publisher"
ORDER = ("util", "diagnostics", "document", "resources", "sources", "layout", "render", "checks", "build", "cli")
"""Each stage may import itself and those before it: the foundations, then the stages in pipeline order."""
FOUNDATIONS = {"util", "diagnostics", "document", "resources"}
ENGINE = ("render", "pdf", "engine")
ENGINES = {"weasyprint", "pydyf"}


def modules() -> Iterator[tuple[tuple[str, ...], Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).with_suffix("").parts, path


def imported(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, at the top or inside a function (relative imports resolved)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; the package imports absolutely"
            yield node.module or ""


def rank(stage: str) -> int:
    return 0 if stage in FOUNDATIONS else ORDER.index(stage)


def test_every_module_belongs_to_a_stage() -> None:
    stray = [parts for parts, _ in modules() if parts[0] not in ORDER and parts[0] not in ("__init__", "__main__")]
    assert stray == []


def test_stages_import_only_the_stages_before_them() -> None:
    upward = []
    for parts, path in modules():
        if parts[0] in ("__init__", "__main__"):
            continue
        for name in imported(path):
            if name.startswith("publisher."):
                target = name.split(".")[1]
                if rank(target) > rank(parts[0]) or (parts[0] in FOUNDATIONS and target not in FOUNDATIONS):
                    upward.append(f"{'/'.join(parts)} imports {name}")
    assert upward == []


def test_only_the_engine_package_imports_weasyprint_or_pydyf() -> None:
    outside = [
        f"{'/'.join(parts)} imports {name}"
        for parts, path in modules()
        if parts[:3] != ENGINE
        for name in imported(path)
        if name.split(".")[0] in ENGINES
    ]
    assert outside == []


def test_the_check_sees_an_import_that_breaks_the_rules(tmp_path: Path) -> None:
    """The walk finds imports inside functions too, where the heavy engines are imported."""
    module = tmp_path / "late.py"
    module.write_text("def f():\n    from weasyprint import HTML\n    import publisher.cli.main\n", encoding="utf-8")
    assert list(imported(module)) == ["weasyprint", "publisher.cli.main"]
