"""Every limit the build puts on content, in one place, and why each is what it is.

Content comes from many hands and, in CI, from pull requests. Without limits one
file could make a build run for hours or exhaust memory: a 10 MB article is
10,000 A5 pages for WeasyPrint, a YAML "billion laughs" stands for a billion
values in ten lines, 1,000 nested quotes overflow Python's recursion, a
100,000-character table row takes minutes and gigabytes. Each limit is far above
what a real book needs; going over one is an error (``too-large``, ``too-many``,
``too-long``, ``too-deep``, ``too-wide``, ``yaml-aliases``) at the file and
line, never a hang, a crash or a silently shortened text.

Timings are PDF + EPUB on the CI machine. Within these limits at once (500
articles, 8,750 blocks, 2,000 notes, 48,000 characters of tables) a build took
38 s and 640 MB; 4 MiB of plain text took 83 s and 800 MB, hence 2 MiB a book.
"""

from __future__ import annotations

# ---------------------------------------------------------------- files and the book

MAX_FILE_BYTES = 1 << 20
"""One article or ``book.yaml``: 1 MiB ≈ 350,000 Chinese characters ≈ 600 A5 pages
(~9 s). Nothing past it is read, so a huge or endless file costs nothing."""

MAX_BOOK_BYTES = 2 << 20
"""All articles together: ~1,200 A5 pages, 18 s and 380 MB to typeset."""

MAX_ARTICLES = 1_000
"""Each article starts on a recto, so 1,000 articles are 2,000 pages or more (500 took
12 s and 420 MB); the benchmark's book of 50 times the default one has 650."""

MAX_BLOCKS = 10_000
"""Paragraphs, headings, list items, table cells, notes and code blocks in the whole
book. Each is a box or more for WeasyPrint: 10,000 list items took 22 s and 600 MB
(a 1 MiB file of them, 200,000 items, would take 13 GB)."""

MAX_FOOTNOTES = 2_000
"""Notes in the whole book; each is a float WeasyPrint places page by page (17 s)."""

MAX_TITLE_CHARS = 100
"""A title (a book's or an article's). WeasyPrint measures the contents' entries
character by character: a 2,000-character title takes ~6 s, 10,000 over four minutes."""

# ---------------------------------------------------------------- Markdown

MAX_NESTING = 16
"""Lists, block quotes, emphasis and links inside one another. Beyond this
markdown-it drops text silently and the tree walks (ours, SyntaxTreeNode's,
WeasyPrint's) recurse too deep; a book needs three or four levels at most."""

MARKDOWN_IT_NESTING = 2 * MAX_NESTING + 8
"""markdown-it's own ``maxNesting``, in tokens: a list is two (list and item), a
footnote two, a table four, a paragraph one. Set high enough that it never cuts
text within :data:`MAX_NESTING`, so everything it would cut is reported first."""

MAX_TABLE_COLUMNS = 30
"""An A5 page fits a dozen columns at most; a 100,000-character row of 50,000
columns took WeasyPrint 2 minutes and 2 GB."""

MAX_CELL_CHARS = 200
"""Text in one table cell. WeasyPrint sizes a column by laying its text out again at
each possible break, so a cell costs the square of its length: 2,000 characters took 4 s."""

MAX_TABLE_CHARS = 50_000
"""Text in all the book's table cells: 1,000 cells of 100 characters took 34 s;
48,000 characters in 200-character cells, the worst within these limits, 23 s."""

# ---------------------------------------------------------------- YAML

MAX_YAML_NODES = 10_000
"""Values in one YAML text (front-matter or ``book.yaml``), each alias (``*name``)
counted as all the values it stands for: a 500-article list is 500."""

MAX_YAML_DEPTH = 20
"""Lists and mappings inside one another, the front-matter itself being one
(PyYAML's composer recurses: 1,000 levels are a RecursionError)."""

MAX_YAML_TEXT_CHARS = 1_000
"""One value: a title, a name, a note, the rights statement."""

# ---------------------------------------------------------------- images

MAX_IMAGE_BYTES = 16 << 20
"""One image file; print-quality photos are a few MiB."""

MAX_IMAGE_PIXELS = 25_000_000
"""Width × height of one image: a full A5 page at 600 dpi is 17.5 million. WeasyPrint
decodes every image to 4 bytes a pixel, and a 50 KiB PNG can claim 20,000 × 20,000."""


def size_text(count: int) -> str:
    """A byte count as an editor reads it: ``1.5 MiB``, ``300 KiB``."""
    return f"{count / (1 << 20):.1f} MiB" if count >= 1 << 20 else f"{count / 1024:.0f} KiB"
