"""What the print shop asks for: page size, bleed, printer's marks, imposition, PDF standard."""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

MARKS = ("crop", "cross")
CMYK_PROFILE = Path(__file__).parent / "profiles" / "ISOcoated_v2_300_bas.icc"
"""The CMYK a PDF/X is printed in, its output intent: ISO Coated v2 300 % (FOGRA39, offset on coated
paper, 300 % ink at most), basICColor's profile under the zlib licence (its text beside it)."""
IMPOSITIONS = ("saddle",)
PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1", "pdf/x-4", "pdf/x-1a")
PDF_X = ("pdf/x-4", "pdf/x-1a")
"""The variants a print shop takes: CMYK colours, with an output intent."""


@dataclass(frozen=True)
class PressOptions:
    page_size: str | None = None
    """A preset or ``WxH`` (mm), overriding book.yaml's ``page-size`` and the layout's."""
    bleed_mm: float = 0.0
    marks: tuple[str, ...] = ()
    impose: str | None = None
    creep_mm: float = 0.0
    pdf_variant: str | None = None

    @property
    def process(self) -> bool:
        """Whether the PDF is printed in process colours (a PDF/X): the layout's CMYK colours, not its RGB ones."""
        return self.pdf_variant in PDF_X


def millimetres(value: str) -> float:
    """``3mm``, ``3`` or ``0.2 mm`` → 3.0; anything else is a usage error."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*", value)
    if not match or float(match.group(1)) > 20:
        raise argparse.ArgumentTypeError(f"'{value}' is not a length in millimetres up to 20mm (e.g. 3mm)")
    return float(match.group(1))


def marks(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if not chosen or any(mark not in MARKS for mark in chosen):
        raise argparse.ArgumentTypeError(f"marks are {' and/or '.join(MARKS)}, comma-separated, not '{value}'")
    return chosen
