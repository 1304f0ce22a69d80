"""The rules, in the order docs/proofreading.md lists them.

Adding a rule is a module with a ``check(segments, style)`` and one line here.
``MECHANICAL`` names the rules whose fixes ``--fix`` may apply: they change
the form of a mark or a space, never a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from publisher.checks.proofread import (
    dashes,
    duplicate,
    halfwidth,
    house,
    latin,
    numbers,
    pairs,
    sequence,
    spacing,
    traditional,
    truncated,
)
from publisher.checks.proofread.segments import Check


@dataclass(frozen=True)
class Rule:
    code: str
    check: Check


RULES = (
    Rule(latin.CODE, latin.check),
    Rule(halfwidth.CODE, halfwidth.check),
    Rule(duplicate.CODE, duplicate.check),
    Rule(pairs.CODE, pairs.check),
    Rule(dashes.CODE, dashes.check),
    Rule(sequence.CODE, sequence.check),
    Rule(spacing.CODE, spacing.check),
    Rule(truncated.CODE, truncated.check),
    Rule(numbers.CODE, numbers.check),
    Rule(house.FORMULATION, house.check_formulations),
    Rule(house.ENUMERATION, house.check_enumerations),
    Rule(traditional.CODE, traditional.check),
)
CODES = tuple(rule.code for rule in RULES)
MECHANICAL = (halfwidth.CODE, dashes.CODE, spacing.CODE)
