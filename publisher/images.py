"""Check that every image an article names is a real image inside the content folder."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from . import document as d
from .diagnostics import Diagnostics

SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def media_type(data: bytes) -> str | None:
    for magic, kind in SIGNATURES.items():
        if data.startswith(magic):
            return kind
    return None


def local_path(src: str) -> str:
    """The file name behind ``src``: markdown-it percent-encodes it (``图.png`` → ``%E5%9B%BE.png``)."""
    return unquote(src)


def check_images(article: d.Article, content: Path, diags: Diagnostics) -> None:
    for block in d.article_blocks(article):
        if isinstance(block, d.Image):
            _check(block, content, diags)


def _check(image: d.Image, content: Path, diags: Diagnostics) -> None:
    where = content / image.pos.file
    if SCHEME.match(image.src) or image.src.startswith("//"):
        diags.error(where, image.pos.line, "image-remote",
                    f"image '{image.src}' is not a file in the content folder; the build never "
                    "fetches anything from the network: download it into content/images/")
        return
    root = content.resolve()
    path = (content / local_path(image.src)).resolve()
    if not path.is_relative_to(root):
        diags.error(where, image.pos.line, "image-outside",
                    f"image '{image.src}' lies outside the content folder; copy it into content/images/")
        return
    if not path.is_file():
        diags.error(where, image.pos.line, "image-missing",
                    f"image '{image.src}' does not exist (looked for {path.relative_to(root)})")
        return
    with path.open("rb") as handle:
        head = handle.read(16)
    if media_type(head) is None:
        diags.error(where, image.pos.line, "image-format",
                    f"'{image.src}' is not a PNG, JPEG or GIF image")
