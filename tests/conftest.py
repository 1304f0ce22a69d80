"""Build the default book once per test session; tests read the real outputs."""

from __future__ import annotations

import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from publisher.document import Book
from publisher.sources.book import read_book

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
EPOCH = "1745812800"  # 2025-04-28T04:00:00Z


@dataclass(frozen=True)
class Line:
    x_min: float
    x_max: float
    y_min: float
    text: str


@dataclass
class Built:
    book: Book
    pdf: Path
    epub: Path
    json: Path
    warnings: list[str]

    def pdftotext(self, page: int | None = None, area: tuple[float, float, float, float] | None = None) -> str:
        """Text of the PDF (or of one 1-based page, optionally cropped to x, y, w, h in pt)."""
        cmd = ["pdftotext", "-enc", "UTF-8", "-raw"]
        if page is not None:
            cmd += ["-f", str(page), "-l", str(page)]
        if area is not None:
            x, y, w, h = area
            cmd += ["-r", "72", "-x", str(int(x)), "-y", str(int(y)), "-W", str(int(w)), "-H", str(int(h))]
        return subprocess.run([*cmd, str(self.pdf), "-"], check=True, capture_output=True, text=True).stdout

    def lines(self, page: int) -> list[Line]:
        """The text lines of one page with their horizontal extent (pdftotext -bbox-layout)."""
        html = subprocess.run(
            ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(self.pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        root = etree.fromstring(html.encode())
        return [
            Line(
                float(line.get("xMin")),
                float(line.get("xMax")),
                float(line.get("yMin")),
                "".join(line.itertext()).replace("\n", "").strip(),
            )
            for line in root.iter("{*}line")
        ]

    def epub_file(self, name: str) -> str:
        with zipfile.ZipFile(self.epub) as archive:
            return archive.read(name).decode("utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("build")
    diags = Diagnostics(root=CONTENT)
    options = BuildOptions(content=CONTENT, out=out, formats=("pdf", "epub", "json"))
    paths = build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
    book = read_book(CONTENT, Diagnostics(root=CONTENT))
    return Built(book, *paths, warnings=[d.format() for d in diags.items])


@pytest.fixture
def built_book(tmp_path):
    """A small book built once into out/ as PDF and EPUB; returns (content, out, bytes by name)."""
    from .test_bad_input import SLUG, build, make_content, snapshot

    content = make_content(tmp_path)
    out = tmp_path / "out"
    result = build(content, fmt="pdf,epub", out=out)
    assert result.code == 0, result.err
    before = snapshot(out)
    assert sorted(before) == [f"{SLUG}.epub", f"{SLUG}.pdf"]
    assert before[f"{SLUG}.pdf"].startswith(b"%PDF-")
    assert before[f"{SLUG}.epub"].startswith(b"PK")
    return content, out, before
