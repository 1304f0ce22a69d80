"""Results kept between builds (publisher/util/kept.py): the font cuts, the compressed faces
and the e-book's cover."""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path
from unittest import mock

import pydyf
from pypdf import PdfReader, PdfWriter

from publisher.render.epub.cover import cover_png
from publisher.render.pdf.engine.streams import DATA, compressed_once
from publisher.util import kept
from tests.helpers import Built


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
    first = cover_png(pdf.getvalue(), tmp_path / "covers")
    (kept_png,) = (tmp_path / "covers").iterdir()
    assert kept_png.read_bytes() == first == cover_png(pdf.getvalue())
    assert cover_png(pdf.getvalue(), tmp_path / "covers") == first


def _pdf_with_streams() -> bytes:
    """A PDF written as WeasyPrint writes it (compressed, with an identifier), with a big stream and a small one."""
    pdf = pydyf.PDF()
    for content in (b"0 0 m 100 100 l S\n" * 5000, b"BT ET"):
        pdf.add_object(pydyf.Stream([content], compress=True))
    out = io.BytesIO()
    pdf.write(out, identifier=True, compress=True)
    return out.getvalue()


def test_streams_are_compressed_once_and_big_ones_kept(tmp_path: Path) -> None:
    """The same bytes as pydyf alone, with half the compressing; a big stream's is kept and recalled."""

    def compressions(folder: Path | None) -> tuple[bytes, int]:
        with mock.patch.object(zlib, "compressobj", wraps=zlib.compressobj) as made:
            if folder is None:
                return _pdf_with_streams(), made.call_count
            with compressed_once(folder):
                return _pdf_with_streams(), made.call_count

    plain, by_pydyf = compressions(None)
    once, by_us = compressions(tmp_path)
    assert once == plain and by_us == (by_pydyf + 1) // 2, "each stream once; the cross-reference was already once"
    assert len(list(tmp_path.iterdir())) == 1, "only the big stream is kept"
    again, recalled = compressions(tmp_path)
    assert again == plain and recalled == by_us - 1
    assert pydyf.Stream.data is DATA, "pydyf is restored afterwards"


def test_leader_dots_are_repeated_with_the_bytes_weasyprint_draws() -> None:
    """Contents-like lines (a leader between a title and a number): the same PDF with the dots'
    operators repeated as with each dot drawn on its own, and far fewer dots drawn."""
    from weasyprint import HTML
    from weasyprint.draw import text

    from publisher.render.pdf.engine import leaders

    entries = "".join(
        f'<p><a href="#e{i}">第{i}篇 标题<span style="color: #444">作者</span></a></p>'
        f'<p id="e{i}" style="break-before: page">正文 {i}</p>'
        for i in range(6)
    )
    html = HTML(
        string=f"<style>a::after {{ content: leader('.') ' 1' }} a {{ display: block; text-decoration: none }}"
        f"</style><body lang='zh-CN'>{entries}</body>"
    )
    document = html.render()
    with mock.patch.object(text, "draw_first_line", wraps=text.draw_first_line) as own:
        plain = document.write_pdf()
    with leaders.repeated_leaders(), mock.patch.object(leaders, "FIRST_LINE", wraps=leaders.FIRST_LINE) as ours:
        repeated = document.write_pdf()
    assert repeated == plain
    assert own.call_count > 6 * 20 and ours.call_count < own.call_count / 5
    assert text.draw_first_line is leaders.FIRST_LINE, "WeasyPrint's drawing is restored afterwards"
