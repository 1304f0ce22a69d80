"""Check content/ (the default book's sources) against the seed text.

The seed (``tests/fixtures/seed/source.txt``) is the newspaper page the default
book was compiled from. The expected text of every article is derived from it
with the editorial map (``EDITORIAL_MAP`` in ``tests/helpers.py``, which explains
its notation): which of the seed's paragraphs make each article's title, byline,
body and closing note, where fragments run on or text is missing, and which of
the seed's errors the editors corrected. ¶N is the N-th non-empty line of the
seed (1-based).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.helpers import CONTENT, SEED_PARAGRAPHS, seed_paragraphs
from tests.helpers import EDITORIAL_MAP as ARTICLES

ELLIPSIS = "……"
DANGLING = "、，"
NOT_IN_ARTICLES = {1, 2, 35}  # book title, subtitle, stray repeat "跟党走。"
N_SOURCE_PARAS = SEED_PARAGRAPHS

# Spot checks that the transcription reads the map as intended.
EXPECTED_RESTORATION = "深〔化产业工人队〕伍建设改革"
EXPECTED_NOTE_13 = "作者系全国总工会书记处书记……"


# ---------------------------------------------------------------- helpers


def file_name(art: dict) -> str:
    return f"{art['order']:02d}-{art['slug']}.md"


def label(art: dict) -> str:
    return f"article {art['order']} ({file_name(art)})"


def parse_spec(spec: str) -> tuple[bool, list, bool]:
    """'…¶24+〔x〕+¶60…' -> (gap_before, [24, '〔x〕', 60], gap_after)."""
    gap_before = spec.startswith("…")
    gap_after = spec.endswith("…")
    core = spec.strip("…")
    parts: list = []
    for piece in core.split("+"):
        if piece.startswith("¶"):
            parts.append(int(piece[1:]))
        else:
            assert piece.startswith("〔") and piece.endswith("〕"), f"bad spec piece {piece!r}"
            parts.append(piece)
    return gap_before, parts, gap_after


def used_paras(art: dict) -> list[int]:
    nums = [art["author"][0]]
    nums += list(art["title"]) if isinstance(art["title"], tuple) else [art["title"]]
    if "kicker" in art:
        nums.append(art["kicker"])
    for spec in art["body"]:
        nums += [p for p in parse_spec(spec)[1] if isinstance(p, int)]
    nums.append(art["note"][0] if isinstance(art["note"], tuple) else art["note"])
    return nums


def derive_note(P: list[str], art: dict) -> str:
    note = art["note"]
    if isinstance(note, tuple):
        num, kind = note
        assert kind == "truncated"
        text = P[num]
        assert text.startswith("（") and not text.endswith("）"), f"¶{num} is not a truncated note"
        return text[1:].rstrip(DANGLING) + ELLIPSIS
    text = P[note]
    assert text.startswith("（") and text.endswith("）"), f"¶{note} is not a note in （）"
    return text[1:-1]


def derive_raw_body(P: list[str], art: dict) -> list[str]:
    """Body paragraphs with joins, restoration and gaps, before corrections."""
    paras = []
    for spec in art["body"]:
        gap_before, parts, gap_after = parse_spec(spec)
        text = "".join(P[p] if isinstance(p, int) else p for p in parts)
        if gap_after:
            text = text.rstrip(DANGLING) + ELLIPSIS
        if gap_before:
            text = ELLIPSIS + text
        paras.append(text)
    return paras


def derive(P: list[str], art: dict) -> tuple[dict, list[str]]:
    """Expected (front-matter, body paragraphs) of one article."""
    title = art["title"]
    meta = {
        "title": " ".join(P[t] for t in title) if isinstance(title, tuple) else P[title],
        "author": P[art["author"][0]],
        "note": derive_note(P, art),
        "order": art["order"],
    }
    if "kicker" in art:
        meta["kicker"] = P[art["kicker"]]
    body = derive_raw_body(P, art)
    for old, new, count in art.get("corrections", []):
        found = sum(p.count(old) for p in body)
        assert found == count, (
            f"{label(art)}: correction {old!r} -> {new!r} expected {count} time(s) in the source text, found {found}"
        )
        body = [p.replace(old, new) for p in body]
    return meta, body


def first_diff(actual: str, expected: str) -> str:
    i = 0
    for a, e in zip(actual, expected):
        if a != e:
            break
        i += 1
    lo = max(0, i - 12)
    return (
        f"first difference at character {i} (len actual {len(actual)}, expected {len(expected)}):\n"
        f"  actual:   …{actual[lo : i + 20]!r}\n"
        f"  expected: …{expected[lo : i + 20]!r}"
    )


def split_front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path.name}: does not start with '---' front-matter"
    end = text.find("\n---\n", 4)
    assert end != -1, f"{path.name}: front-matter is not closed by '---'"
    meta = yaml.safe_load(text[4 : end + 1])
    assert isinstance(meta, dict), f"{path.name}: front-matter is not a mapping"
    return meta, text[end + len("\n---\n") :]


def split_body(name: str, body: str) -> list[str]:
    stripped = body.strip("\n")
    paras = re.split(r"\n[ \t]*\n", stripped)
    for i, p in enumerate(paras, 1):
        assert "\n" not in p, f"{name}: paragraph {i} is hard-wrapped over several lines"
        assert p.strip(), f"{name}: empty paragraph {i} (more than one blank line between paragraphs?)"
    assert stripped == "\n\n".join(paras), f"{name}: paragraphs must be separated by exactly one blank line"
    return paras


# ---------------------------------------------------------------- tests

P = seed_paragraphs()


def test_seed_shape_matches_map():
    assert len(P) - 1 == N_SOURCE_PARAS, (
        f"the seed has {len(P) - 1} non-empty lines, the editorial map numbers {N_SOURCE_PARAS}"
    )
    for art in ARTICLES:
        num, name = art["author"]
        assert P[num] == name, f"{label(art)}: ¶{num} is {P[num]!r}, the map says author {name!r}"
    assert P[35] == "跟党走。", f"¶35 is {P[35]!r}, the map says it is the stray '跟党走。'"


def test_every_source_paragraph_used_exactly_once():
    counts = Counter(n for art in ARTICLES for n in used_paras(art))
    expected = set(range(1, N_SOURCE_PARAS + 1)) - NOT_IN_ARTICLES
    twice = sorted(n for n, c in counts.items() if c > 1)
    missing = sorted(expected - set(counts))
    extra = sorted(set(counts) - expected)
    assert not twice, f"¶ used more than once: {twice}"
    assert not missing, f"¶ not used by any article: {missing}"
    assert not extra, f"¶ that must not be used by an article: {extra}"


def test_exactly_13_article_files():
    files = sorted(p.name for p in CONTENT.glob("*.md") if p.name != "ERRATA.md")
    assert files == sorted(file_name(a) for a in ARTICLES), f"article files in content/: {files}"
    assert len(files) == 13


def test_map_spot_checks():
    by_order = {a["order"]: a for a in ARTICLES}
    _, body5 = derive(P, by_order[5])
    assert body5[0].count(EXPECTED_RESTORATION) == 1, "article 5: restoration not where the map puts it"
    assert derive_note(P, by_order[13]) == EXPECTED_NOTE_13


@pytest.mark.parametrize("art", ARTICLES, ids=file_name)
def test_article_matches_seed(art):
    path = CONTENT / file_name(art)
    assert path.is_file(), f"{label(art)}: missing file {path}"
    exp_meta, exp_body = derive(P, art)
    meta, body = split_front_matter(path)

    assert set(meta) == set(exp_meta), f"{label(art)}: front-matter keys {sorted(meta)} != expected {sorted(exp_meta)}"
    for key, expected in exp_meta.items():
        actual = meta[key]
        if isinstance(expected, str) and isinstance(actual, str):
            assert actual == expected, f"{label(art)}: front-matter {key!r}: " + first_diff(actual, expected)
        else:
            assert actual == expected and type(actual) is type(expected), (
                f"{label(art)}: front-matter {key!r} is {actual!r}, expected {expected!r}"
            )

    paras = split_body(path.name, body)
    for i, (actual, expected) in enumerate(zip(paras, exp_body), 1):
        assert actual == expected, f"{label(art)}: body paragraph {i}: " + first_diff(actual, expected)
    assert len(paras) == len(exp_body), f"{label(art)}: {len(paras)} body paragraphs, expected {len(exp_body)}"


def test_corrections_leave_no_source_error_anywhere():
    """Each erroneous source text occurs only in the article the map corrects."""
    for art in ARTICLES:
        _, body = derive(P, art)
        for other in ARTICLES:
            for old, _new, _count in other.get("corrections", []):
                hits = sum(p.count(old) for p in body)
                assert hits == 0, f"{label(art)}: still contains {old!r} {hits} time(s)"


def test_book_metadata():
    meta = yaml.safe_load((CONTENT / "book.yaml").read_text(encoding="utf-8"))
    assert P[2].startswith("——")
    assert {k: v for k, v in meta.items() if k != "slug"} == {
        "title": P[1],
        "subtitle": P[2][len("——") :],
        "editor": "全国总工会党组理论学习中心组",
        "language": "zh-CN",
        "date": "2025",
    }


def test_errata_record():
    path = CONTENT / "ERRATA.md"
    assert path.is_file(), "content/ERRATA.md is missing"
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("---"), "ERRATA.md must not have front-matter (it is not an article)"
    for art in ARTICLES:
        for old, new, _count in art.get("corrections", []):
            assert old in text and new in text, f"ERRATA.md does not record {old!r} -> {new!r}"
    assert EXPECTED_RESTORATION in text, "ERRATA.md does not record the restoration in 〔〕"
