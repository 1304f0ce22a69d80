"""The pinned fonts in ``fonts/``: which file plays which role, and what it covers.

Output never depends on what is installed on the machine: the layout names
roles, ``fonts/manifest.yaml`` maps roles to committed files, and a character
without a glyph is reported before rendering instead of being drawn by
whatever fallback font Pango finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Face:
    role: str
    path: Path
    family: str
    weight: int
    license: str
    """The file name of the font's licence text, beside it in ``fonts/``."""

    @cached_property
    def codepoints(self) -> frozenset[int]:
        """The characters the font maps to a glyph.

        Glyph names are never needed here, and building them from a CJK font's
        CFF charset is most of the cost of reading its cmap: numbered names stand in.
        """
        from fontTools.ttLib import TTFont

        with TTFont(self.path, lazy=True) as font:
            font.setGlyphOrder([f"g{index}" for index in range(font["maxp"].numGlyphs)])
            return frozenset(font.getBestCmap())


def load_faces(fonts_dir: Path) -> dict[str, Face]:
    """Read ``manifest.yaml``; a missing or broken manifest is a broken checkout, not bad content."""
    manifest = yaml.safe_load((fonts_dir / "manifest.yaml").read_text(encoding="utf-8"))
    return {
        entry["role"]: Face(
            entry["role"], fonts_dir / entry["file"], entry["family"], int(entry["weight"]), entry["license"]
        )
        for entry in manifest["fonts"]
    }
