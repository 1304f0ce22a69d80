"""One inspection: the PDF's text layer, the book and its layout made into a model, every rule run on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publisher import document as d
from publisher.checks.inspect.model import Printed, Violation
from publisher.checks.inspect.pdftext import PdfText
from publisher.checks.inspect.rules import run
from publisher.checks.inspect.structure import printed
from publisher.layout.settings import Layout


@dataclass(frozen=True)
class Inspection:
    pdf: Path
    printed: Printed
    violations: list[Violation]


def inspect_pdf(
    pdf: Path, text: PdfText, book: d.Book, layout: Layout, faces: frozenset[str], code_face: str = ""
) -> Inspection:
    """Check ``pdf`` (its text layer: ``text``) as ``book`` laid out with ``layout``, set in the font
    families ``faces``, code in ``code_face``."""
    model = printed(text, book, layout, faces, code_face)
    return Inspection(pdf, model, run(model))
