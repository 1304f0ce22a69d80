"""Check content/ (the default book's sources) against the seed text.

The expected text of every article is re-derived from ``source.txt`` with the
table below, which transcribes the editorial map (``EDITORIAL.md``, next to the
seed). ¶N is the N-th non-empty line of ``source.txt`` (1-based).

Body paragraph specs use the map's own notation:

* ``"¶7+¶25"``  - fragments run on into one paragraph (no space between them);
* ``"¶20…"``    - a gap after the paragraph: a dangling 、 or ， is dropped and
  the Chinese ellipsis …… is appended;
* ``"…¶33"``    - a gap before the paragraph: …… is prepended;
* ``"〔…〕"``    - a literal editorial insertion (the restoration in article 5).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "source.txt"
CONTENT = Path(__file__).resolve().parents[1] / "content"

if not SEED.is_file():
    pytest.skip(
        f"seed text not found at {SEED} (expected ../shared/seed/source.txt next to the repo)",
        allow_module_level=True,
    )

ELLIPSIS = "……"
DANGLING = "、，"
NOT_IN_ARTICLES = {1, 2, 35}  # book title, subtitle, stray repeat "跟党走。"
N_SOURCE_PARAS = 91

# Transcription of the editorial map.
#   title: ¶ number, or a tuple of ¶ numbers joined by one space
#   note:  ¶ number; "truncated" marks a note cut off in the source
#   corrections: (source text, published text, exact number of occurrences)
ARTICLES = [
    dict(
        order=1,
        slug="xu-liuping",
        author=(4, "徐留平"),
        title=3,
        body=["¶5", "¶6", "¶7+¶25", "¶26"],
        note=27,
        corrections=[("坚持党的全面领导的领导这一优良传统", "坚持党的全面领导这一优良传统", 1)],
    ),
    dict(order=2, slug="yang-yudong", author=(9, "杨宇栋"), title=8, body=["¶10", "¶11", "¶12+¶28", "¶29"], note=30),
    dict(order=3, slug="li-jinying", author=(14, "李金英"), title=13, body=["¶15", "¶16+¶31"], note=32),
    dict(
        order=4,
        slug="wei-dichun",
        author=(18, "魏地春"),
        title=17,
        body=["¶19", "¶20…", "…¶33"],
        note=34,
        corrections=[("中国工人人大思政课", "中国工人大思政课", 2)],
    ),
    dict(
        order=5,
        slug="zhu-jianping",
        author=(23, "朱建平"),
        title=(21, 22),
        body=["…¶24+〔化产业工人队〕+¶60", "¶61"],
        note=62,
    ),
    dict(order=6, slug="ma-lu", author=(39, "马璐"), title=38, body=["¶40", "¶41"], note=42),
    dict(
        order=7,
        slug="zhong-hongjiang",
        author=(45, "钟洪江"),
        kicker=43,
        title=44,
        body=["¶46", "¶47", "¶48", "¶49+¶63", "¶64"],
        note=65,
        corrections=[("企业 and 职工", "企业和职工", 1), ("变化和 risk 挑战", "变化和风险挑战", 1)],
    ),
    dict(order=8, slug="cai-anhui", author=(51, "蔡安辉"), title=50, body=["¶52", "¶53", "¶54…", "…¶36"], note=37),
    dict(order=9, slug="jin-shanwen", author=(56, "金善文"), title=55, body=["¶57…", "…¶66…", "…¶58"], note=59),
    dict(order=10, slug="wang-jiaoping", author=(68, "王娇萍"), title=67, body=["¶69", "¶70+¶71", "¶72"], note=73),
    dict(order=11, slug="zhang-xinwu", author=(75, "张新武"), title=74, body=["¶76", "¶77"], note=78),
    dict(order=12, slug="zhu-huxiang", author=(80, "朱虎祥"), title=79, body=["¶81", "¶82+¶83", "¶84"], note=85),
    dict(
        order=13,
        slug="pan-jian",
        author=(87, "潘健"),
        title=86,
        body=["¶88", "¶89+¶90"],
        note=(91, "truncated"),
        corrections=[("以习近平为中心的工作导向", "以职工为中心的工作导向", 1)],
    ),
]

# Spot checks that the transcription reads the map as intended.
EXPECTED_RESTORATION = "深〔化产业工人队〕伍建设改革"
EXPECTED_NOTE_13 = "作者系全国总工会书记处书记……"


# ---------------------------------------------------------------- helpers


def source_paras() -> list[str]:
    """1-based list of the non-empty lines of source.txt (index 0 unused)."""
    text = SEED.read_text(encoding="utf-8")
    lines = [line.rstrip("\r") for line in text.split("\n")]
    return [""] + [line for line in lines if line.strip()]


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

P = source_paras()


def test_seed_shape_matches_map():
    assert len(P) - 1 == N_SOURCE_PARAS, (
        f"source.txt has {len(P) - 1} non-empty lines, the editorial map numbers {N_SOURCE_PARAS}"
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
