"""What the print edition needs of the installed engine, checked before anything is laid out.

Kept apart from the writer so that ``publisher check`` and the start of a build ask it without
importing the templates and the engine's other modules.
"""

from __future__ import annotations

from pathlib import Path

from publisher.diagnostics import Diagnostics
from publisher.render.job import RenderJob
from publisher.render.pdf.engine.patches import plan
from publisher.sources.yamlfile import key_paths


def check(job: RenderJob, diags: Diagnostics) -> None:
    """Whether the installed WeasyPrint can print this layout: the patches it requires must be in force."""
    wanted = {"justify"} if job.layout.typography.justify == "inter-character" else set()
    engines = plan()
    for patch in engines.off():
        if patch.name in wanted:
            path, line = _set_at(job.layout.folders, ("typography", "justify"))
            diags.error(path, line, "engine-version",
                        f"typography: justify: inter-character needs {engines.why_off(patch)}, "
                        "or set 'justify: spaces'")  # fmt: skip


def _set_at(folders: tuple[Path, ...], keys: tuple[str, ...]) -> tuple[Path, int]:
    """The ``layout.yaml`` (of a layout or of one it extends) and the line where ``keys`` is set."""
    for folder in folders:
        path = folder / "layout.yaml"
        line = key_paths(path.read_text(encoding="utf-8")).get(keys)
        if line:
            return path, line
    return folders[0] / "layout.yaml", 0
