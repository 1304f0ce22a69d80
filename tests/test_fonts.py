"""The committed fonts are the ones the manifest describes, and they cover the default book."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from publisher.diagnostics import Diagnostics
from publisher.layout.fonts import load_faces
from tests.helpers import PROJECT, Built

FONTS = PROJECT / "fonts"


def test_every_font_matches_its_manifest_entry() -> None:
    manifest = yaml.safe_load((FONTS / "manifest.yaml").read_text(encoding="utf-8"))
    for entry in manifest["fonts"]:
        path = FONTS / entry["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], entry["file"]
        assert (FONTS / entry["license"]).is_file(), f"no licence text for {entry['file']}"


def test_fonts_folder_stays_within_its_budget() -> None:
    size = sum(p.stat().st_size for p in Path(FONTS).iterdir())
    assert size <= 80_000_000


def test_every_character_of_the_book_has_a_glyph_in_the_body_face(built: Built) -> None:
    serif = load_faces([FONTS], Diagnostics())["serif"]
    text = built.json.read_text(encoding="utf-8")
    missing = {c for c in text if not c.isspace() and ord(c) > 0x7F and ord(c) not in serif.codepoints}
    assert missing == set()
