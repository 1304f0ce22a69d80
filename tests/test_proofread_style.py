"""style.yaml: the project default, a book's file merged over it, and its mistakes as diagnostics."""

from __future__ import annotations

from pathlib import Path

from publisher.checks.proofread.registry import CODES
from publisher.checks.proofread.style import DEFAULT, load_style
from publisher.diagnostics import Diagnostics
from tests.helpers import findings, messages, style_diagnostics


def test_the_default_style_is_valid(tmp_path: Path) -> None:
    diags = Diagnostics()
    style = load_style(tmp_path, diags, CODES)
    assert diags.items == []
    assert style is not None and ("劳模精神", "劳动精神", "工匠精神") in style.enumerations
    assert DEFAULT.is_file()


def test_the_book_style_extends_the_default() -> None:
    diags = Diagnostics()
    style = load_style(Path(__file__).resolve().parent.parent / "content", diags, CODES)
    assert diags.items == []
    assert style is not None
    assert "中国工人大思政课" in style.terms and "全国总工会" in style.terms
    assert "研究研究" in style.allowed_reduplications


def test_a_book_formulation_replaces_the_default_one(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text(
        "formulations:\n  以职工为中心的工作导向: [以员工为中心的工作导向]\n", encoding="utf-8"
    )
    body = "以员工为中心的工作导向。以群众为中心的工作导向。"
    assert findings(tmp_path, body) == ["5:1 error formulation"]


def test_rules_switched_off(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text("off: [latin-word, stray-space]\n", encoding="utf-8")
    assert findings(tmp_path, "企业 and 职工，变化和 风险。") == []


def test_malformed_yaml_is_a_diagnostic_at_its_line(tmp_path: Path) -> None:
    assert style_diagnostics(tmp_path, "terms: [中国工人大思政课\noff: []\n") == [
        "style.yaml:1:8: error: yaml: the '[' opened here is never closed: add ']', or put the whole "
        "value in quotes (YAML: expected ',' or ']', but got ':')"
    ]


def test_wrong_shapes_are_diagnostics_at_their_lines(tmp_path: Path) -> None:
    style = "terms: 中国工人大思政课\nenumerations:\n  - [劳模精神]\nformulations: [a, b]\n"
    assert style_diagnostics(tmp_path, style) == [
        "style.yaml:1:8: error: style: expected a list of words, e.g. [APP, GDP]",
        "style.yaml:3:5: error: style: an enumeration needs at least two items in their fixed order",
        "style.yaml:4:15: error: style: expected 'canonical formulation: [wrong variants]' lines",
    ]


def test_a_bad_pattern_and_an_unknown_rule(tmp_path: Path) -> None:
    style = "formulations:\n  以职工为中心:\n    - 're:以(职工'\noff: [latin-words]\n"
    assert style_diagnostics(tmp_path, style) == [
        "style.yaml:3:7: error: style: the pattern 're:以(职工' is not a valid regular expression "
        "(missing ), unterminated subpattern at position 1)",
        "style.yaml:4:7: error: style: no rule is called 'latin-words' (did you mean 'latin-word'?)",
    ]


def test_an_unknown_key_is_a_warning_and_the_rest_applies(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text("term: [x]\n", encoding="utf-8")
    assert style_diagnostics(tmp_path, "term: [x]\n") == [
        "style.yaml:1:1: warning: style: unknown key 'term' is ignored (did you mean 'terms'?)"
    ]
    assert findings(tmp_path, "企业 and 职工。") == ["1:1 warning style", "5:4 error latin-word"]


def test_a_style_with_errors_stops_the_rules(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text("- just a list\n", encoding="utf-8")
    assert findings(tmp_path, "企业 and 职工。") == ["1:1 error style"]


def test_a_book_adds_typos_and_allows_forms(tmp_path: Path) -> None:
    """The house style decides 做出/作出; a form the dictionary reports can be right in one book."""
    (tmp_path / "style.yaml").write_text("typos:\n  做出贡献: 作出贡献\nallowed-typos: [坐阵]\n", encoding="utf-8")
    body = "他们做出贡献，亲自坐阵，一如继往。"
    assert messages(tmp_path, body) == [
        "'做出贡献' is a misused form (write 作出贡献)",
        "'一如继往' is a misused form (write 一如既往)",
    ]


def test_typos_of_a_wrong_shape_are_diagnostics_at_their_lines(tmp_path: Path) -> None:
    assert style_diagnostics(tmp_path, "typos: [做出, 作出]\n") == [
        "style.yaml:1:8: error: style: expected 'wrong form: right form' lines, e.g. 做出贡献: 作出贡献"
    ]
    assert style_diagnostics(tmp_path, "typos:\n  做: 作\n  作出: 作出\n") == [
        "style.yaml:2:3: error: style: '做: 作' needs a wrong form of two characters or more, and a right one",
        "style.yaml:3:3: error: style: '作出: 作出' needs a wrong form of two characters or more, and a right one",
    ]
