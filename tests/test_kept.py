"""Results kept between builds (publisher/renderers/kept.py): the font cuts and the e-book's cover."""

from __future__ import annotations

import io
import os
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from publisher.renderers import kept
from publisher.renderers.cover import cover_png

from .conftest import Built


def test_a_kept_result_is_recalled_by_its_key(tmp_path: Path) -> None:
    assert kept.recall(tmp_path / "kind", "a") is None
    kept.keep(tmp_path / "kind", "a", b"result", newest=2)
    assert kept.recall(tmp_path / "kind", "a") == b"result"
    assert [p.name for p in (tmp_path / "kind").iterdir()] == ["a"]  # no temporary file left


def test_only_the_newest_are_kept(tmp_path: Path) -> None:
    for age, key in enumerate("abc"):
        kept.keep(tmp_path, key, key.encode(), newest=2)
        os.utime(tmp_path / key, (1000 + age, 1000 + age))
    kept.keep(tmp_path, "d", b"d", newest=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "d"]


def test_no_folder_or_an_unwritable_one_only_means_no_keeping(tmp_path: Path) -> None:
    kept.keep(None, "a", b"x", newest=2)
    assert kept.recall(None, "a") is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    kept.keep(blocker / "kind", "a", b"x", newest=2)  # cannot be created: no error
    assert kept.recall(blocker / "kind", "a") is None


def test_the_cover_is_rasterised_once_and_the_same(built: Built, tmp_path: Path) -> None:
    """The cover kept from a build is the very PNG rasterising gives (the EPUB's cover is compared with
    the PDF's first page pixel for pixel in test_epub_cover.py)."""
    writer = PdfWriter()
    writer.add_page(PdfReader(built.pdf).pages[0])
    pdf = io.BytesIO()
    writer.write(pdf)
    first = cover_png(pdf.getvalue(), tmp_path)
    (kept_png,) = (tmp_path / "covers").iterdir()
    assert kept_png.read_bytes() == first == cover_png(pdf.getvalue())
    assert cover_png(pdf.getvalue(), tmp_path) == first
