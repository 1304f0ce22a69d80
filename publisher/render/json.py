"""The intermediate document as JSON (``--format json``): what tools and tests read of a book."""

from __future__ import annotations

from pathlib import Path

from publisher.diagnostics import Diagnostics
from publisher.document import to_json
from publisher.render.job import RenderJob


def render(job: RenderJob, target: Path, diags: Diagnostics) -> None:
    target.write_text(to_json(job.book), encoding="utf-8")
