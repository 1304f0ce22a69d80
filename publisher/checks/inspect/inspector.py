"""One inspection: read the PDF, the book and its layout, build the model, run every rule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publisher.build.pipeline import BuildOptions, prepare
from publisher.checks.inspect.model import Printed, Violation
from publisher.checks.inspect.pdftext import NotAPdf, read_pdf
from publisher.checks.inspect.rules import run
from publisher.checks.inspect.structure import printed
from publisher.diagnostics import Diagnostics
from publisher.render.pdf.writer import css_family
from publisher.sources.book import read_book

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
