"""Words whose right form depends on the words around them: 截止/截至, 的/地/得, 必需/必须.

deadline: 截止 (to end; takes no object) directly before a time is 截至 (up to): 截止
2025年底 → 截至2025年底; 截至 before 日期/时间/期限 is 截止 (截止日期). Certain: an error.

particle: an adverbial adjective + 的 + a verb that takes an object or an aspect mark
is 地 (认真的研究这个问题 → 认真地研究); one of the verbs listed below + 的 + a degree
word + a short predicate that ends the clause is 得 (发展的非常迅速。→ 发展得). Only where
the tags leave no doubt: 认真的研究 alone may be a noun phrase (经过认真的研究), 说的很对
may be 'what he said', and both are left alone. A warning.

must: 必需 (needed) before a verb is 必须 (must): 必需坚持 → 必须坚持, 必需要 → 必须要;
所必须的 is 所必需的. A warning.

Each rule looks for its cheap pattern first and asks the segmenter only then.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from publisher.checks.proofread.segments import Finding, Segment
from publisher.checks.proofread.style import Style
from publisher.checks.proofread.words import Words
from publisher.diagnostics import ERROR, WARNING

DEADLINE = "deadline"
PARTICLE = "particle"
MUST = "must"

TIME = (
    r"(?:[0-9０-９]+|[〇零一二两三四五六七八九十]+)(?:年|月|日|号|时|点|季度)|目前|当前|现在|今天|今日|昨天|"
    r"昨日|今年|去年|前年|本年|本月|上月|当月|年底|年末|年初|月底|月末|发稿时|记者发稿|本报发稿|上半年|下半年|"
    r"第[一二三四]季度|本周|上周|今晨"
)
JIEZHI_TIME = re.compile(f"截止(?={TIME})")
JIEZHI_NOUN = re.compile("截至(?=日期|时间|期限)")

ADVERBIAL = (
    "完全|突然|直接|迅速|正式|积极|努力|充分|正确|明确|确实|普遍|公开|显然|严格|认真|"
    "彻底|密切|坚决|仔细|顺利|详细|严厉|切实|全然|确切|慌忙|公然|适时|迅猛|坦然|踊跃|"
    "仓促|勤勉|全速|果决"
)
"""The words jieba's dictionary tags as adverbial adjectives (ad): the only ones taken as such."""
DE_BEFORE_VERB = re.compile(f"(?:{ADVERBIAL})的(?=[\u4e00-\u9fff])")
VERBAL_FOLLOWERS = {"r", "ul", "uz", "ug"}
"""After the verb, a pronoun object or 了/着/过 make it a predicate (a noun phrase may be followed by a noun)."""

COMPLEMENT_VERBS = (
    "跑|走|飞|跳|游|爬|长|睡|醒|笑|哭|活|变|发展|增长|提高|进步|成长|进行|开展|推进|"
    "落实|完成|运行|运转|恢复|提升|下降|上升|变化|表现|发挥|举办|组织|实施"
)
"""Verbs that rarely stand for 'what was done': V的很好 is V得很好 (说的很对 may be 'what was said')."""
DEGREE = "很|非常|十分|特别|格外|极其|更加|越来越|相当|挺|太"
DE_BEFORE_DEGREE = re.compile(
    f"({COMPLEMENT_VERBS})的(?:{DEGREE})[^，。；：！？、…”’）\\s的]{{1,4}}(?=[，。；：！？、…”’）]|$)"
)

BIXU_NEEDED = re.compile("必需(?!品)")
MUST_STARTS = re.compile(
    "必需(?=把|将|按|依法|依照|认真|严格|坚持|加强|始终|进一步|努力|全面|切实|高度|牢固|牢牢|做好|做到|确保|保证|遵守|服从|执行|落实)"
)
"""必需 before the words that start a predicate in official writing, whatever the tagger makes of them."""
NEEDED_AS_MUST = re.compile("所必须(?=的)")


def check_deadline(segments: Sequence[Segment], style: Style) -> Iterator[Finding]:
    """截止 before a time, 截至 before 日期/时间/期限."""
    for segment in segments:
        for match in JIEZHI_TIME.finditer(segment.text):
            yield segment.finding(
                DEADLINE,
                ERROR,
                match.start(),
                match.end(),
                "'截止' takes no time after it (write 截至 'up to', or 截止到)",
                after="截至",
            )
        for match in JIEZHI_NOUN.finditer(segment.text):
            yield segment.finding(
                DEADLINE,
                ERROR,
                match.start(),
                match.end(),
                "'截至' means 'up to' (write 截止 for the deadline)",
                after="截止",
            )


def check_particle(segments: Sequence[Segment], style: Style, words: Words) -> Iterator[Finding]:
    """的 for 地 before a verb, 的 for 得 before a complement of degree."""
    for segment in segments:
        yield from _adverbial(segment, words)
        yield from _complement(segment, words)


def _adverbial(segment: Segment, words: Words) -> Iterator[Finding]:
    if not DE_BEFORE_VERB.search(segment.text):
        return
    spans = words.spans(segment.text)
    for i in range(len(spans) - 3):
        adjective, particle, verb, follower = spans[i : i + 4]
        if adjective[3] == "ad" and particle[2] == "的" and verb[3] in ("v", "vn") and follower[3] in VERBAL_FOLLOWERS:
            yield segment.finding(
                PARTICLE,
                WARNING,
                particle[0],
                particle[1],
                f"'{adjective[2]}的{verb[2]}': an adverbial before a verb takes 地 (write {adjective[2]}地{verb[2]})",
                after="地",
            )


def _complement(segment: Segment, words: Words) -> Iterator[Finding]:
    matches = list(DE_BEFORE_DEGREE.finditer(segment.text))
    if not matches:
        return
    bounds = words.bounds(segment.text)
    for match in matches:
        verb = match.group(1)
        if (
            match.start() in bounds
            and match.start() + len(verb) in bounds
            and segment.text[match.start() - 1 : match.start()] != "所"
        ):
            at = match.start() + len(verb)
            yield segment.finding(
                PARTICLE,
                WARNING,
                at,
                at + 1,
                f"'{verb}的' before a complement of degree takes 得 (write {verb}得)",
                after="得",
            )


def check_must(segments: Sequence[Segment], style: Style, words: Words) -> Iterator[Finding]:
    """必需 before a verb, and 所必须的."""
    for segment in segments:
        text = segment.text
        for match in NEEDED_AS_MUST.finditer(text):
            yield segment.finding(
                MUST,
                WARNING,
                match.start() + 1,
                match.end(),
                "'所必须的' means 'what is needed' (write 所必需的)",
                after="必需",
            )
        if BIXU_NEEDED.search(text):
            yield from _needed_before_verb(segment, words)


def _needed_before_verb(segment: Segment, words: Words) -> Iterator[Finding]:
    spans = words.spans(segment.text)
    starts = {match.start() for match in MUST_STARTS.finditer(segment.text)}
    for first, second in itertools.pairwise(spans):
        needed = first[2] == "必需" and (second[3] in ("v", "d", "p") or first[0] in starts)
        split = first[2] == "必" and second[2] == "需要"  # 必需要做: cut as 必 / 需要
        if needed or split:
            yield segment.finding(
                MUST,
                WARNING,
                first[0],
                first[0] + 2,
                "'必需' means 'needed'; before a verb write 必须 ('must')",
                after="必须",
            )
