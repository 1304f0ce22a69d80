"""Where a display title (an article's title, the book's, a contents entry) breaks: between words, in balanced lines.

A title is cut into words (:mod:`publisher.util.segmenter`, with the book's
terms), and broken only between two of them, never inside one
(``高质|量`` is wrong). Among the ways to set it in the fewest lines that fit the
measure, the one chosen has the most even lines, breaks at phrase boundaries
(after ``，：；、``, at a space, before a preposition or a conjunction) and never
right before a word that closes a phrase (``上`` ``的``), after one that opens it
(``在``) nor beside a word of one character (``新|征程``):
``团结引导广大职工`` / ``在新征程上充分发挥主力军作用``. No line is shorter than half the
longest when a way to avoid it exists.

Print, which knows the measure, gets each line's words as one ``<span
class="phrase">`` ended by a ``<br/>``; an e-book, which does not, one span per word, so that the
reading system breaks between words. Nothing is added to the text.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Sequence

from markupsafe import Markup

from publisher.layout.linebreak import NO_START, OPENING

PHRASE_ENDS = frozenset("，：；、。！？")
QUOTES = frozenset("“”‘’")
FULL_WIDTH = frozenset("“”‘’—…· ")
OPENS_PHRASE = frozenset(
    "在 从 对 以 把 为 向 与 和 及 并 同 跟 按 按照 依照 根据 关于 围绕 通过 随着 为了 由 自 将 让 使 "  # noqa: SIM905
    "以及 并且 而且 或者 还是 不仅 而 又 更 也".split()
)
"""Prepositions and conjunctions: a line may well start with one."""
CLOSES_PHRASE = frozenset("上 中 下 里 内 外 前 后 间 时 的 地 得 之 了 着 过 们 者 等 性 化".split())  # noqa: SIM905
"""Localisers, particles and suffixes: a line never starts with one."""
BEST_BONUS = 10.0  # em of imbalance a break at punctuation or a space is worth
PHRASE_BONUS = 2.0  # em of imbalance a break before a preposition or a conjunction is worth
BAD = 100.0  # a break that splits a phrase
MOST_WORDS = 40  # beyond that, breaks are chosen greedily


def width(text: str) -> float:
    """Width in em: a wide character takes 1, and so do the marks Chinese faces draw full-width (``“”‘’—…·``)
    and a space (the titles' word spacing widens it by half an em); anything else about half."""
    return sum(1.0 if char in FULL_WIDTH or unicodedata.east_asian_width(char) in ("W", "F") else 0.5 for char in text)


@functools.lru_cache(maxsize=1024)
def lines(words: tuple[str, ...], measure: float) -> tuple[str, ...]:
    """The title's lines: its words grouped, broken only where a line may break between two words.

    Kept per process: the same title is set on its page, in the contents and in a running head, and
    the search for balanced lines tries every way of breaking it."""
    words = [word for word in words if word]
    if width("".join(words).strip()) <= measure or len(words) < 2:
        return ("".join(words),)
    cuts = [index for index in range(1, len(words)) if _may_break(words, index)]
    if len(words) > MOST_WORDS:
        return _join(words, _greedy(words, cuts, measure))
    best: tuple[int, ...] | None = None
    for count in range(1, len(cuts) + 1):
        fitting = [chosen for chosen in itertools.combinations(cuts, count) if max(_widths(words, chosen)) <= measure]
        if fitting:
            found = min(fitting, key=lambda chosen: _cost(words, chosen))
            if best is not None or _cost(words, found) < BAD / 2:
                best = best if best is not None and _cost(words, best) <= _cost(words, found) else found
                break
            best = found  # a split phrase in the fewest lines: one line more may do without it
    return _join(words, best if best is not None else tuple(cuts))


def _may_break(words: Sequence[str], index: int) -> bool:
    """Whether the engine may break between ``words[index - 1]`` and ``words[index]``."""
    before, after = words[index - 1][-1], words[index][0]
    if after == " ":
        return False
    if after in NO_START or before in OPENING or before in QUOTES or after in QUOTES:
        return False
    return not (_narrow_alnum(before) and _narrow_alnum(after))


def _narrow_alnum(char: str) -> bool:
    return char.isalnum() and unicodedata.east_asian_width(char) not in ("W", "F")


def _widths(words: Sequence[str], chosen: Sequence[int]) -> list[float]:
    edges = [0, *chosen, len(words)]
    return [width("".join(words[start:end]).strip()) for start, end in itertools.pairwise(edges)]


def _cost(words: Sequence[str], chosen: Sequence[int]) -> float:
    """Imbalance in em, a stub line (shorter than half the longest) as bad as a split phrase, less what the
    breaks are worth; a one-character word belongs with its neighbour, unless it opens a phrase."""
    widths = _widths(words, chosen)
    cost = max(widths) - min(widths)
    if min(widths) < max(widths) / 2:
        cost += BAD
    for index in chosen:
        before, after = words[index - 1], words[index]
        if before[-1] in PHRASE_ENDS or before[-1] == " ":
            cost -= BEST_BONUS
        elif after in OPENS_PHRASE:
            cost -= PHRASE_BONUS
        elif after in CLOSES_PHRASE or before in OPENS_PHRASE or len(before) == 1 or len(after) == 1:
            cost += BAD
    return cost


def _greedy(words: Sequence[str], cuts: Sequence[int], measure: float) -> tuple[int, ...]:
    chosen: list[int] = []
    start = 0
    for index, cut in enumerate(cuts):
        following = cuts[index + 1] if index + 1 < len(cuts) else len(words)
        if width("".join(words[start:following]).strip()) > measure:
            chosen.append(cut)
            start = cut
    return tuple(chosen)


def _join(words: Sequence[str], chosen: Sequence[int]) -> tuple[str, ...]:
    edges = [0, *chosen, len(words)]
    return tuple("".join(words[start:end]) for start, end in itertools.pairwise(edges))


def units(words: Sequence[str]) -> list[str]:
    """The words joined where no line may break between them (``“三个`` ``不愧是”``)."""
    words = [word for word in words if word]
    out = words[:1]
    for index in range(1, len(words)):
        if _may_break(words, index):
            out.append(words[index])
        else:
            out[-1] += words[index]
    return out


def phrase_spans(parts: Sequence[str], lines: bool = False) -> Markup:
    """Each part in a ``<span class="phrase">``, a space that ends a part left between the spans; with
    ``lines``, the parts are lines, ended by a ``<br/>`` (the engine does not move a whole span that
    overflows to the next line: it would break inside it)."""
    out = []
    for index, part in enumerate(parts):
        core = part.rstrip(" ")
        out.append(Markup('<span class="phrase">{}</span>').format(core) if core else Markup(""))
        out.append(Markup(" ") * (len(part) - len(core)))
        if lines and index + 1 < len(parts):
            out.append(Markup("<br/>"))
    return Markup("").join(out)


ELLIPSIS = "……"
PUNCTUATED = " " + "".join(sorted(PHRASE_ENDS))
"""What a shortened running head does not end with."""


def running_head(words: Sequence[str], measure: float) -> str:
    """A title as a running head, on one line of ``measure`` em: whole if it fits; else its first phrases (up
    to a ``，：；、`` or a space, the mark left out) that fit; else its first words that fit, and ``……``.

    A running head that wraps takes two lines of the margin and reads as two titles."""
    words = [word for word in words if word]
    whole = "".join(words)
    if width(whole) <= measure:
        return whole
    phrase, head = "", ""
    for word in words:
        head += word
        if head[-1] in PHRASE_ENDS or head[-1] == " ":
            if width(cut := head.rstrip(PUNCTUATED)) > measure:
                break
            phrase = cut
    if phrase:
        return phrase
    head = words[0]
    for word in words[1:]:
        if width(head + word + ELLIPSIS) > measure:
            break
        head += word
    return head.rstrip(PUNCTUATED) + ELLIPSIS
