"""The pinned fonts in ``fonts/``: which file plays which role, and what it covers.

Output never depends on what is installed on the machine: the layout names
roles, ``fonts/manifest.yaml`` maps roles to committed files (a book's own
``fonts/manifest.yaml`` adds roles or replaces built-in ones), and a character
without a glyph is reported before rendering instead of being drawn by
whatever fallback font Pango finds.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from publisher.diagnostics import Diagnostics
from publisher.sources.yamlfile import MALFORMED, QUICK, load_yaml, read_text


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

        HarfBuzz reads the cmap of a face of 45,000 characters in 2 ms, where
        fontTools takes 50 ms: the glyph check reads every face on every build.
        """
        import uharfbuzz as hb

        return frozenset(hb.Face(hb.Blob.from_file_path(str(self.path))).unicodes)


def load_faces(folders: Sequence[Path], diags: Diagnostics) -> dict[str, Face]:
    """The faces of each folder's ``manifest.yaml``, by role; a later folder's role replaces an earlier
    one's (a book's own ``fonts/`` over the built-in fonts). A problem in a manifest is an error at its
    line, and the face is left out."""
    faces: dict[str, Face] = {}
    for folder in folders:
        faces.update(_manifest(folder / "manifest.yaml", diags))
    return faces


FIELDS = {"file": str, "role": str, "family": str, "weight": int, "license": str}


def _manifest(path: Path, diags: Diagnostics) -> dict[str, Face]:
    text = read_text(path, diags)
    data = load_yaml(text, path, 1, diags) if text is not None else MALFORMED
    entries = data.get("fonts") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        if data is not MALFORMED:
            diags.error(path, 1, "fonts", "manifest.yaml must hold 'fonts:', a list of faces, each with "
                        "file, role, family, weight and license")  # fmt: skip
        return {}
    faces, lines = {}, None
    for index, entry in enumerate(entries):
        face = _face(path.parent, entry)
        if isinstance(face, Face):
            faces[face.role] = face
            continue
        lines = _item_lines(text) if lines is None else lines  # YAML composed again only to say where
        diags.error(path, lines[index] if index < len(lines) else 1, "fonts", face)
    return faces


def _face(folder: Path, entry: object) -> Face | str:
    """One face of a manifest, its file and licence inside the manifest's folder; or what is wrong with it."""
    if not isinstance(entry, dict) or any(not isinstance(entry.get(k), kind) for k, kind in FIELDS.items()):
        wanted = ", ".join(f"{k} ({'a number' if kind is int else 'text'})" for k, kind in FIELDS.items())
        return f"each face needs {wanted}"
    for key in ("file", "license"):
        target = Path(os.path.realpath(folder / entry[key]))
        if not target.is_relative_to(os.path.realpath(folder)) or not target.is_file():
            return f"{key}: there is no file '{entry[key]}' in {folder.name}/ beside the manifest"
    return Face(entry["role"], folder / entry["file"], entry["family"], entry["weight"], entry["license"])


def _item_lines(text: str | None) -> list[int]:
    """The line of each item of the manifest's ``fonts:`` list."""
    try:
        root = yaml.compose(text or "", Loader=QUICK)
    except yaml.YAMLError:
        return []
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "fonts" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []
