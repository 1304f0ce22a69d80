"""The PDF's fonts cut once per character set, and kept (an accelerator).

Writing a PDF, WeasyPrint cuts each embedded face down to the glyphs the
document uses (``pdf.fonts.Font._harfbuzz_subset``): ~40 ms for the book's
three CJK faces, again on every build although an edit rarely changes which
glyphs a face needs. The cut is a pure function of the face's bytes and of the
glyphs, flags and hinting asked for, so here it is made once per such key and
kept in ``build/.cache/subsets/`` for the next build (a ``--watch`` rebuild too).
A failed cut is never kept (WeasyPrint then warns and embeds the whole face, as
before). The bytes embedded are the same either way.

It reaches into WeasyPrint's internals: it is ``subsets`` in :mod:`.patches`, in force only with the
version it was written for, and only inside :func:`cached_subsets`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import weasyprint
from weasyprint.pdf import fonts

from publisher.render.pdf.engine.patches import replaced
from publisher.util import kept

CUT = fonts.Font._harfbuzz_subset
NEWEST = 48  # cuts kept: a few faces × the glyph sets of recent builds


@contextmanager
def cached_subsets(folder: Path | None) -> Iterator[None]:
    """Write PDFs with the kept cuts (``folder``: where they are kept between builds, or None)."""

    def subset(font, to_unicode, hinting) -> None:
        key = _key(font, to_unicode, hinting)
        cut = kept.recall(folder, key)
        if cut is not None:
            font.file_content = cut
            return
        whole = font.file_content
        CUT(font, to_unicode, hinting)
        if font.file_content is not whole:  # cut; on failure WeasyPrint keeps the whole face
            kept.keep(folder, key, font.file_content, NEWEST)

    with replaced(fonts.Font, _harfbuzz_subset=subset):
        yield


def _key(font, to_unicode, hinting) -> str:
    digest = hashlib.sha256(font.file_content)
    digest.update(
        repr((weasyprint.__version__, font.index, bool(hinting), bool(font.missing), sorted(to_unicode))).encode()
    )
    return digest.hexdigest()
