"""publisher: Markdown articles → a print-ready PDF booklet and an EPUB 3, Chinese first."""

__version__ = "0.1.0"
