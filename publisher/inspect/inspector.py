"""One inspection: read the PDF, the book and its layout, build the model, run every rule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..build import BuildOptions, prepare
from ..diagnostics import Diagnostics
from ..reader import read_book
from ..renderers.pdf import css_family
from .model import Printed, Violation
from .pdftext import NotAPdf, read_pdf
from .rules import run
from .structure import printed

__all__ = ["Inspection", "NotAPdf", "inspect_pdf"]


@dataclass(frozen=True)
class Inspection:
    pdf: Path
    printed: Printed
    violations: list[Violation]


def inspect_pdf(pdf: Path, options: BuildOptions, diags: Diagnostics) -> Inspection:
    """Check ``pdf`` as the book of ``options.content`` laid out with its layout.

    Raises :class:`NotAPdf` for a file PDFium cannot read, and ``ContentError``
    (with ``diags`` filled in) when the content folder cannot be read.
    """
    text = read_pdf(pdf)
    book = read_book(options.content, diags)
    job = prepare(book, options, {}, diags)
    faces = frozenset(css_family(face.role) for face in job.faces.values())
    model = printed(text, book, job.layout, faces)
    return Inspection(pdf, model, run(model))
