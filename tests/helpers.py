"""What the tests share: where the repository's layouts, fonts and books are."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
