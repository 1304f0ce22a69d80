"""The e-book's cover is the print edition's cover page, pixel for pixel."""

from __future__ import annotations

import io
import zipfile

import pypdfium2
from lxml import etree
from PIL import Image, ImageChops

from publisher.render.epub.cover import WIDTH
from tests.helpers import NS, Built


def epub_cover(built: Built) -> Image.Image:
    opf = etree.fromstring(built.epub_file("EPUB/content.opf").encode())
    href = opf.find(".//opf:item[@properties='cover-image']", NS).get("href")
    with zipfile.ZipFile(built.epub) as archive:
        return Image.open(io.BytesIO(archive.read(f"EPUB/{href}"))).convert("RGB")


def test_cover_is_the_first_page_of_the_pdf(built: Built) -> None:
    pdf = pypdfium2.PdfDocument(built.pdf)
    try:
        page = pdf[0]
        printed = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
    finally:
        pdf.close()
    cover = epub_cover(built)
    assert cover.size == printed.size and cover.size[0] == WIDTH
    assert ImageChops.difference(cover, printed).getbbox() is None


def test_cover_has_the_layout_colour_and_a5_proportions(built: Built) -> None:
    cover = epub_cover(built)
    assert cover.getpixel((5, 5)) == (0xA6, 0x1B, 0x1B)
    assert abs(cover.size[1] - WIDTH * 210 / 148) <= 1
