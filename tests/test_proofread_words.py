"""Rules about words: latin-word, duplicate, truncated, numbers, formulation, enumeration, traditional.

Each test gives true positives with their exact place and tricky text that must
pass. Bodies start on line 5 (see BODY_LINE in tests/helpers.py).
"""

from __future__ import annotations

from pathlib import Path

from publisher.checks.proofread import proofread
from publisher.diagnostics import Diagnostics
from tests.helpers import FIXTURES, findings, messages


def test_latin_word_lowercase_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    assert findings(tmp_path, "企业 and 职工的影响。") == ["5:4 error latin-word"]
    assert messages(tmp_path, "企业 and 职工的影响。") == ["English word 'and' inside Chinese text (use 和)"]


def test_latin_word_common_words_are_errors_and_unlisted_words_are_left_alone(tmp_path: Path) -> None:
    assert messages(tmp_path, "很多 people 来了，还有 docker 和 nginx。") == [
        "English word 'people' inside Chinese text (write it in Chinese)"
    ]


def test_latin_word_names_units_and_identifiers_are_never_slips(tmp_path: Path) -> None:
    body = (
        "他用iPhone拍照，也用Excel。内存 16 GB，延迟 5 ms，重 3 kg。CPU、HTTPS、PostgreSQL、Python、"
        "AES-256-GCM、UTF-8、v2.1、max_connections、e.g.都不算。5 in 是单位，“and”是被谈论的词，for 循环是术语。"
    )
    assert findings(tmp_path, body) == []


def test_latin_word_a_technical_page_gives_no_finding_and_a_slip_in_it_is_caught(tmp_path: Path) -> None:
    pages = sorted((FIXTURES / "technical").glob("*.md"))
    diags = Diagnostics()
    proofread(FIXTURES / "technical", pages, diags)
    assert diags.items == []
    slipped = pages[0].read_text(encoding="utf-8").replace("网络带宽不低于", "网络 and 带宽不低于")
    assert findings(tmp_path, slipped.split("---\n\n", 1)[1], code="latin-word") == ["5:87 error latin-word"]


def test_latin_word_tricky_negatives(tmp_path: Path) -> None:
    body = (
        "用好“职工之家”APP，推动5G和GDP增长，A股与X光。他说：“Workers of the world, unite!”"
        "运行 `make book` 或见 https://example.org/and/or 即可。"
    )
    assert findings(tmp_path, body) == []


def test_latin_word_allowed_by_the_book(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text("allowed-latin: [Excel]\n", encoding="utf-8")
    assert findings(tmp_path, "也用Excel。") == []


def test_duplicate_phrases(tmp_path: Path) -> None:
    body = "坚持党的全面领导的领导这一传统。要推动推动发展。我们要我们要奋斗。"
    assert findings(tmp_path, body) == ["5:9 error duplicate", "5:20 warning duplicate", "5:28 error duplicate"]


def test_duplicate_doubled_character_in_a_listed_name(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text("terms: [中国工人大思政课]\n", encoding="utf-8")
    assert findings(tmp_path, "把“中国工人人大思政课”讲好。") == ["5:7 error duplicate"]


def test_duplicate_legitimate_reduplication_is_not_reported(tmp_path: Path) -> None:
    body = (
        "人人参与，常常想起，紧紧团结，千千万万劳动者，研究研究再说，一步一个脚印，一步一步走，"
        "字字千钧，处处体现，讲好讲深讲活，爱看爱听爱学，这是关键的关键，实现目的的手段，哈哈哈哈。"
    )
    assert findings(tmp_path, body) == []


def test_truncated_paragraph_item_and_note(tmp_path: Path) -> None:
    body = "推动工会工作高质量发\n\n- 列表项可以没有句号\n- 列表项不能悬空，\n\n完整的一句。"
    assert findings(tmp_path, body, front="title: 标题\nnote: 作者系书记处书记、") == [
        "3:15 warning truncated",
        "6:10 warning truncated",
        "9:10 warning truncated",
    ]


def test_truncated_tricky_negatives(tmp_path: Path) -> None:
    body = (
        "# 标题没有句号\n\n他说：“好。”\n\n如下：\n\n（完）\n\n一是抓落实；\n\n运行 `make`\n\n"
        "English paragraph without a stop\n\n有脚注的一句。[^1]\n\n[^1]: 脚注可以没有句号"
    )
    assert findings(tmp_path, body, front="title: 标题\nnote: 作者系书记处书记") == []


def test_numbers(tmp_path: Path) -> None:
    body = "二0二五年，增长百分之50，25年4月，九八年三月。"
    assert findings(tmp_path, body) == [
        "5:1 error numbers",
        "5:9 error numbers",
        "5:15 error numbers",
        "5:21 error numbers",
    ]


def test_numbers_tricky_negatives(tmp_path: Path) -> None:
    body = "成立100周年，4月28日，2025年，二〇二五年，增长50%，百分之五十，100年来，3.5亿元，1万人。"
    assert findings(tmp_path, body) == []


def test_formulation(tmp_path: Path) -> None:
    body = "坚持以习近平为中心的工作导向。坚持以职工为中心的工作导向。可以坚持以职工为中心的工作导向。"
    assert findings(tmp_path, body) == ["5:3 error formulation"]
    assert messages(tmp_path, "以习近平为核心的党中央。") == [
        "'以习近平为核心的党中央' is not the fixed formulation (write 以习近平同志为核心的党中央)"
    ]


def test_enumeration(tmp_path: Path) -> None:
    body = "弘扬劳动精神、劳模精神、工匠精神。增强引领力、服务力、组织力。"
    assert findings(tmp_path, body) == ["5:3 error enumeration", "5:20 error enumeration"]
    assert messages(tmp_path, "弘扬劳动精神和劳模精神。") == [
        "'劳动精神和劳模精神' is not in the fixed order (write 劳模精神、劳动精神、工匠精神)"
    ]


def test_enumeration_tricky_negatives(tmp_path: Path) -> None:
    body = (
        "弘扬劳模精神、劳动精神、工匠精神。弘扬劳模精神和工匠精神。弘扬“劳模精神”“劳动精神”。劳动精神。劳模精神可贵。"
    )
    assert findings(tmp_path, body) == []


def test_traditional(tmp_path: Path) -> None:
    assert findings(tmp_path, "推动工會工作高質量發展。") == [
        "5:4 warning traditional",
        "5:8 warning traditional",
        "5:10 warning traditional",
    ]
    assert messages(tmp_path, "召开工會會議。") == ["traditional characters '會會議' in simplified text (use 会会议)"]


def test_traditional_never_reports_a_standard_character(tmp_path: Path) -> None:
    """昇, 喆, 堃, 淼, 犇, 鑫 are in 通用规范汉字表 (OpenCC would change some of them); 發 is not."""
    assert findings(tmp_path, "李昇、王喆、张堃、刘淼、赵犇、陈鑫發言。") == ["5:18 warning traditional"]


def test_traditional_tricky_negatives(tmp_path: Path) -> None:
    (tmp_path / "style.yaml").write_text("allowed-traditional: [《明報》]\n", encoding="utf-8")
    assert findings(tmp_path, "乾隆年间，皇后与干部，著名的著作，据《明報》报道。") == []
