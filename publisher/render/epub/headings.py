"""Section headings of an e-book document, ranked below the article's title.

The markup shared with print makes a Markdown heading of level N an ``h(N+1)``: ``##`` is an
``h3``. In an e-book each article is a document of its own whose title is its ``h1``, and
assistive technology walks the headings as an outline: a level skipped (``h1`` then ``h3``) is a
gap in it (WCAG 1.3.1, axe's ``heading-order``). So each section heading is ranked by its place
in the article's outline instead: it comes under the nearest heading before it of a smaller
Markdown level, one rank deeper, and the top ones are ``h2``. The print edition keeps its own
levels: its outline is the PDF's bookmarks, and its headings share one document with the book's.
"""

from __future__ import annotations

import re

SECTION = re.compile(r'<h([1-6]) class="section"([^>]*)>(.*?)</h\1>', re.DOTALL)
"""A section heading as :mod:`publisher.layout.markup` writes it (its text holds no heading)."""


def ranked(body: str) -> str:
    """``body`` with each section heading's level its rank in the article's outline, from ``h2``."""
    open_levels: list[int] = []

    def rank(match: re.Match[str]) -> str:
        level = int(match[1])
        while open_levels and open_levels[-1] >= level:
            open_levels.pop()
        tag = f"h{min(len(open_levels) + 2, 6)}"
        open_levels.append(level)
        return f'<{tag} class="section"{match[2]}>{match[3]}</{tag}>'

    return SECTION.sub(rank, body)
