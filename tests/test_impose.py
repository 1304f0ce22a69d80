"""Saddle-stitch imposition, checked on the imposed PDF: each half of each sheet side."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from publisher.render.pdf.impose import impose_saddle, padded_order, saddle_sides
from tests.helpers import PROJECT

A5 = (419.53, 595.28)


def numbered_pdf(path: Path, count: int) -> Path:
    """An A5 PDF whose page n shows "Pn" (WeasyPrint, with the project's own font)."""
    from weasyprint import HTML

    font = (PROJECT / "fonts" / "NotoSerifSC-Regular.otf").as_uri()
    pages = "".join(f'<p style="break-before: page">P{n}</p>' for n in range(1, count + 1))
    HTML(
        string=f"<style>@font-face {{ font-family: f; src: url({font}) }} @page {{ size: A5 }}"
        f"body {{ font-family: f }} p:first-child {{ break-before: auto }}</style>{pages}"
    ).write_pdf(path)
    return path


def half_text(pdf: Path, page: int, half: int) -> str:
    height = A5[1]
    x = 0 if half == 0 else int(A5[0])
    return subprocess.run(
        [
            "pdftotext",
            "-f",
            str(page),
            "-l",
            str(page),
            "-r",
            "72",
            "-x",
            str(x),
            "-y",
            "0",
            "-W",
            str(int(A5[0])),
            "-H",
            str(int(height)),
            str(pdf),
            "-",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def test_sixteen_pages_in_printers_spreads() -> None:
    sides = saddle_sides(16)
    assert [(s.left, s.right) for s in sides[:4]] == [(16, 1), (2, 15), (14, 3), (4, 13)]
    assert len(sides) == 8


def test_blanks_go_before_the_back_cover() -> None:
    assert padded_order(13) == [*range(1, 13), None, None, None, 13]
    assert padded_order(1) == [1, None, None, None]
    assert padded_order(4) == [1, 2, 3, 4]


@pytest.mark.parametrize("count", [1, 4, 13, 40])
def test_every_sheet_side_holds_the_right_pages(tmp_path: Path, count: int) -> None:
    source = numbered_pdf(tmp_path / "book.pdf", count)
    imposed = tmp_path / "imposed.pdf"
    sides = impose_saddle(source, imposed)
    reader = PdfReader(imposed)
    assert sides == len(reader.pages) and len(reader.pages) % 2 == 0
    assert len(reader.pages) * 2 % 4 == 0 and len(reader.pages) * 2 >= count
    for number, (page, side) in enumerate(zip(reader.pages, saddle_sides(count)), 1):
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
            (2 * A5[0], A5[1]), abs=0.5
        ), "the parent sheet is A4 landscape"
        for half, expected in enumerate((side.left, side.right)):
            text = half_text(imposed, number, half)
            assert text == (f"P{expected}" if expected else ""), f"side {number}, half {half}: {text!r}"


def test_creep_moves_inner_sheets_towards_the_spine(tmp_path: Path) -> None:
    source = numbered_pdf(tmp_path / "book.pdf", 16)
    plain, crept = tmp_path / "plain.pdf", tmp_path / "crept.pdf"
    impose_saddle(source, plain)
    impose_saddle(source, crept, creep_pt=2.0)

    def x_of(pdf: Path, page: int, text: str) -> float:
        out = subprocess.run(
            ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        line = next(ln for ln in out.splitlines() if f">{text}<" in ln)
        return float(line.split('xMin="')[1].split('"')[0])

    assert x_of(crept, 1, "P1") == pytest.approx(x_of(plain, 1, "P1"))
    assert x_of(crept, 4, "P4") - x_of(plain, 4, "P4") == pytest.approx(2.0, abs=0.1)
    assert x_of(crept, 4, "P13") - x_of(plain, 4, "P13") == pytest.approx(-2.0, abs=0.1)
    assert x_of(crept, 8, "P8") - x_of(plain, 8, "P8") == pytest.approx(6.0, abs=0.1)


def test_imposition_is_reproducible(tmp_path: Path) -> None:
    source = numbered_pdf(tmp_path / "book.pdf", 13)
    impose_saddle(source, tmp_path / "a.pdf")
    impose_saddle(source, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
