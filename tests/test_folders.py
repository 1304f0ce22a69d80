"""A book's outputs do not depend on the folder it is built in: images included (WeasyPrint names an
image in the PDF after its URL)."""

from __future__ import annotations

import shutil
from pathlib import Path

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from tests.helpers import EPOCH, FEATURES


def _built(folder: Path) -> Path:
    content = folder / "book"
    shutil.copytree(FEATURES, content)
    options = BuildOptions(content=content, out=folder / "out", formats=("pdf", "epub"))
    build(options, {"SOURCE_DATE_EPOCH": EPOCH}, Diagnostics(root=content))
    return folder / "out"


def test_a_book_with_images_gives_the_same_bytes_in_another_folder(tmp_path: Path) -> None:
    first, second = _built(tmp_path / "one"), _built(tmp_path / "a" / "much" / "longer" / "path")
    for name in ("features.pdf", "features.epub"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), f"{name} differs"
    assert b"/XObject" in (first / "features.pdf").read_bytes(), "the book shows images"
