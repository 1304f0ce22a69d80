"""The rules, in the order docs/proofreading.md lists them.

Adding a rule is a module with a ``check(segments, style)`` and one line here; a
rule that needs the words of the text (``words=True``) takes ``check(segments,
style, words)`` and gets them from the segmenter, loaded only if it asks.
``MECHANICAL`` names the rules whose fixes ``--fix`` applies: they change the form
of a mark or a space, never a word. ``WORDING`` names those ``--fix=typos`` applies
besides: a dictionary's correction of a word, shown to the editor as a diff.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from publisher.checks.proofread import (
    dashes,
    duplicate,
    gbt15834,
    halfwidth,
    house,
    latin,
    numbers,
    pairs,
    sequence,
    spacing,
    traditional,
    truncated,
    typo,
    usage,
)


@dataclass(frozen=True)
class Rule:
    code: str
    check: Callable
    words: bool = False


RULES = (
    Rule(latin.CODE, latin.check),
    Rule(halfwidth.CODE, halfwidth.check),
    Rule(duplicate.CODE, duplicate.check),
    Rule(pairs.CODE, pairs.check),
    Rule(dashes.CODE, dashes.check),
    Rule(sequence.CODE, sequence.check),
    Rule(gbt15834.QUOTE_COMMA, gbt15834.check_quote_comma),
    Rule(gbt15834.APPROX_NUMBER, gbt15834.check_approx_number),
    Rule(gbt15834.NESTED_QUOTES, gbt15834.check_nesting),
    Rule(spacing.CODE, spacing.check),
    Rule(truncated.CODE, truncated.check),
    Rule(numbers.CODE, numbers.check),
    Rule(typo.CODE, typo.check, words=True),
    Rule(usage.DEADLINE, usage.check_deadline),
    Rule(usage.PARTICLE, usage.check_particle, words=True),
    Rule(usage.MUST, usage.check_must, words=True),
    Rule(house.FORMULATION, house.check_formulations),
    Rule(house.ENUMERATION, house.check_enumerations),
    Rule(traditional.CODE, traditional.check),
)
CODES = tuple(rule.code for rule in RULES)
MECHANICAL = (halfwidth.CODE, dashes.CODE, gbt15834.QUOTE_COMMA, spacing.CODE)
WORDING = (typo.CODE,)
