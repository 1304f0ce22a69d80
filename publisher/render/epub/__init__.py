"""The e-book edition: EPUB 3 written by ebooklib from the same article markup as print."""
