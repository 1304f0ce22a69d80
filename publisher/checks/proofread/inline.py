"""Follow markdown-it's inline tokens through the source text, keeping only what is printed.

Tokens carry no columns, so each printed piece is found again in the content
string from a cursor that only moves forward; the markup skipped on the way
(``**``, ``[``, a link's ``(url)``) is simply not kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token

from publisher.checks.proofread.chars import MASK
from publisher.checks.proofread.segments import Place

MARKUP = set("*_~[]!\\`<>")
"""What may stand between two printed pieces without being printed."""


@dataclass
class InlineWalker:
    content: str
    where: list[Place]
    cursor: int = 0
    chars: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)

    def walk(self, children: list[Token]) -> None:
        in_autolink = False
        for child in children:
            if child.type == "link_open" and child.markup == "autolink":
                in_autolink = True
                self._mask(self._find("<"), self._find(">") + 1)
            elif child.type == "link_close" and in_autolink:
                in_autolink = False
            elif not in_autolink:
                self._token(child)

    def _token(self, child: Token) -> None:
        kind = child.type
        if kind == "text":
            self._text(child.content)
        elif kind in ("softbreak", "hardbreak"):
            self._take(self._find("\n"))
        elif kind == "code_inline":
            start = self._find(child.markup)
            self._mask(start, self._find(child.markup, start + len(child.markup)) + len(child.markup))
        elif kind == "image":
            start = self._find("![")
            self._mask(start, self._find(")", self._find("](", start)) + 1)
        elif kind == "footnote_ref":
            self.cursor = self._find("]", self._find("[^")) + 1
        elif kind == "link_close":
            self._skip_destination()

    def _find(self, text: str, start: int | None = None) -> int:
        found = self.content.find(text, self.cursor if start is None else start)
        return found if found >= 0 else len(self.content)

    def _place(self, index: int) -> Place:
        return self.where[min(index, len(self.where) - 1)]

    def _take(self, index: int) -> None:
        if index < len(self.content):
            self.chars.append(self.content[index])
            self.places.append(self.where[index])
            self.cursor = index + 1

    def _mask(self, start: int, end: int) -> None:
        self.chars.append(MASK)
        self.places.append(self._place(start))
        self.cursor = max(self.cursor, min(end, len(self.content)))

    def _text(self, text: str) -> None:
        """Plain text is usually verbatim after some markup; escapes and entities are not."""
        found = self.content.find(text, self.cursor)
        if found >= 0 and set(self.content[self.cursor : found]) <= MARKUP | {" "}:
            for index in range(found, found + len(text)):
                self._take(index)
            return
        for char in text:
            index = self.content.find(char, self.cursor)
            if index < 0:
                self.chars.append(char)
                self.places.append(self._place(self.cursor))
            else:
                self._take(index)

    def _skip_destination(self) -> None:
        """After a link's text: skip ``](url)`` or ``][ref]``, which are not printed."""
        close = self._find("]")
        if self.content.startswith("(", close + 1):
            self.cursor = self._find(")", close) + 1
        elif self.content.startswith("[", close + 1):
            self.cursor = self._find("]", close + 1) + 1
        else:
            self.cursor = min(close + 1, len(self.content))
