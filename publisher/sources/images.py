"""Check that every image an article names is a real image inside the content folder."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

from publisher import document as d
from publisher.diagnostics import Diagnostics
from publisher.sources.limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, size_text

SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


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
    root = Path(os.path.realpath(content))
    path = Path(os.path.realpath(content / local_path(image.src)))  # Path.resolve raises on a loop
    if not path.is_relative_to(root):
        diags.error(
            where,
            image.pos.line,
            "image-outside",
            f"image '{image.src}' lies outside the content folder; copy it into content/images/",
        )
        return
    if not path.is_file():
        diags.error(
            where,
            image.pos.line,
            "image-missing",
            f"image '{image.src}' does not exist (looked for {path.relative_to(root)})",
        )
        return
    with path.open("rb") as handle:
        head = handle.read(16)
    if media_type(head) is None:
        diags.error(where, image.pos.line, "image-format", f"'{image.src}' is not a PNG, JPEG or GIF image")
        return
    problem = _size_problem(path)
    if problem:
        code, message = problem
        diags.error(where, image.pos.line, code, f"image '{image.src}' {message}")


def _size_problem(path: Path) -> tuple[str, str] | None:
    """Too many bytes or pixels to typeset (see ``limits.py``), or a header that cannot be read."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return "too-large", (
            f"is {size_text(size)}, more than the {size_text(MAX_IMAGE_BYTES)} an "
            "image may have: save it smaller (a print page needs 300 dpi at most)"
        )
    return _pixels_problem(path)


SCALE_DOWN = "scale it down (a full A5 page at 300 dpi is 1,750 × 2,480 pixels)"


def _pixels_problem(path: Path) -> tuple[str, str] | None:
    """Pillow reads only the header here. A size past Pillow's own bomb limit makes
    ``Image.open`` itself refuse, so that case has no width and height to show."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                width, height = picture.size
    except Image.DecompressionBombError:
        return "too-large", f"claims more than {2 * Image.MAX_IMAGE_PIXELS:,} pixels; {SCALE_DOWN}"
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return "image-format", "is damaged: its header cannot be read; export it again"
    if width * height > MAX_IMAGE_PIXELS:
        return "too-large", (
            f"has {width:,} × {height:,} pixels, more than the {MAX_IMAGE_PIXELS:,} an image may have; {SCALE_DOWN}"
        )
    return None
