"""Checks that report and never render: glyph coverage, proofreading of the sources, inspection of a built PDF."""
