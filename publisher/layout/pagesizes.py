"""Page sizes by name (GB/T 788 and ISO 216, listed in ``pagesizes.yaml``) or as ``WxH`` in millimetres."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class PageSize:
    name: str
    width_mm: float
    height_mm: float
    parts: int
    """How many pages of this size a parent sheet makes (开数): 32 for A5, 16 for 16开. Used for 印张."""


PRESETS = {
    entry["name"]: PageSize(**entry)
    for entry in yaml.safe_load(Path(__file__).with_name("pagesizes.yaml").read_text(encoding="utf-8"))
}
CUSTOM = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×X*]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$")


def page_size(name: str) -> PageSize | None:
    """The preset of that name, or a custom ``WxH`` size (mm); ``None`` if it is neither.

    A custom size counts as many parts of a sheet as the nearest preset in area.
    """
    if name in PRESETS:
        return PRESETS[name]
    match = CUSTOM.match(name)
    if not match:
        return None
    width, height = float(match.group(1)), float(match.group(2))
    if not (50 <= width <= 1000 and 50 <= height <= 1000):
        return None
    nearest = min(PRESETS.values(), key=lambda p: abs(p.width_mm * p.height_mm - width * height))
    return PageSize(f"{width:g}×{height:g}", width, height, nearest.parts)


def unknown_page_size(name: str) -> str:
    return f"unknown page size '{name}'; use one of {', '.join(PRESETS)} or width×height in millimetres, e.g. 150x220"
