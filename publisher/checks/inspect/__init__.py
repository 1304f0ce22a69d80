"""The typography inspector: checks a built PDF against the rules of docs/typography.md.

It reads what was printed, not what the layout meant to print: the PDF's text
layer through PDFium (:mod:`.pdftext`), grouped into lines (:mod:`.lines`),
placed on each page's type area and sorted into articles and body paragraphs
(:mod:`.structure`), then checked by pure rules (:mod:`.rules`) and reported
(:mod:`.report`). The book's sources give titles and the text each article
must read; its layout gives the type area and the faces.
"""
