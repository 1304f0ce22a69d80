"""Read one style.yaml into plain data, with every problem reported at its line.

An editor writes this file by hand: a wrong shape, a bad pattern or a misspelt
rule name must point at the line to change, never end in a traceback.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from publisher.diagnostics import Diagnostics
from publisher.sources.yamlfile import MALFORMED, load_yaml, read_text

CODE = "style"
SHAPES = {
    "allowed-latin": "words",
    "allowed-reduplications": "words",
    "allowed-traditional": "words",
    "allowed-typos": "words",
    "terms": "words",
    "typos": "pairs",
    "off": "rules",
    "formulations": "mapping",
    "enumerations": "lists",
}
REGEX_PREFIX = "re:"

Problem = Callable[[str], str | None]


def read_style_file(path: Path, diags: Diagnostics, codes: tuple[str, ...] | None) -> dict | None:
    """The file's keys and values, or ``None`` (with diagnostics) when it has errors; ``codes`` are the rule
    names ``off:`` may list (``None``: any name, for a reader of the terms alone)."""
    text = read_text(path, diags)
    if text is None or load_yaml(text, path, 1, diags) is MALFORMED:
        return None
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return {}
    reader = _Reader(path, diags, codes)
    if not isinstance(root, yaml.MappingNode):
        reader.fail(root, "style.yaml must be a list of 'key: value' lines (see docs/proofreading.md)")
        return None
    data = {}
    for key, value in root.value:
        name = str(key.value)
        if name not in SHAPES:
            hint = difflib.get_close_matches(name, SHAPES, 1)
            diags.warning(
                path,
                key.start_mark.line + 1,
                CODE,
                f"unknown key '{name}' is ignored" + (f" (did you mean '{hint[0]}'?)" if hint else ""),
                key.start_mark.column + 1,
            )
            continue
        data[name] = getattr(reader, SHAPES[name])(value)
    return None if reader.failed else data


class _Reader:
    """Turns the nodes of each shape into data, remembering whether anything was wrong."""

    def __init__(self, path: Path, diags: Diagnostics, codes: tuple[str, ...] | None) -> None:
        self.path, self.diags, self.codes, self.failed = path, diags, codes, False

    def fail(self, node: yaml.Node, message: str) -> None:
        """Report an error at the node; the style is then not used."""
        self.failed = True
        self.diags.error(self.path, node.start_mark.line + 1, CODE, message, node.start_mark.column + 1)

    def words(self, node: yaml.Node, problem: Problem = lambda word: None) -> list[str]:
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return []
        if not isinstance(node, yaml.SequenceNode) or not all(isinstance(n, yaml.ScalarNode) for n in node.value):
            self.fail(node, "expected a list of words, e.g. [APP, GDP]")
            return []
        for item in node.value:
            if (message := problem(item.value)) is not None:
                self.fail(item, message)
        return [item.value for item in node.value]

    def rules(self, node: yaml.Node) -> list[str]:
        return self.words(node, self._unknown_rule)

    def _unknown_rule(self, name: str) -> str | None:
        if self.codes is None or name in self.codes:
            return None
        hint = difflib.get_close_matches(name, self.codes, 1)
        return f"no rule is called '{name}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")

    def mapping(self, node: yaml.Node) -> dict[str, list[str]]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, "expected 'canonical formulation: [wrong variants]' lines")
            return {}
        return {str(key.value): self.words(value, _bad_pattern) for key, value in node.value}

    def pairs(self, node: yaml.Node) -> dict[str, str]:
        if not isinstance(node, yaml.MappingNode) or not all(
            isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode) for key, value in node.value
        ):
            self.fail(node, "expected 'wrong form: right form' lines, e.g. 做出贡献: 作出贡献")
            return {}
        pairs = {}
        for key, value in node.value:
            wrong, right = str(key.value), str(value.value)
            if len(wrong) < 2 or not right or wrong == right:
                self.fail(key, f"'{wrong}: {right}' needs a wrong form of two characters or more, and a right one")
            pairs[wrong] = right
        return pairs

    def lists(self, node: yaml.Node) -> list[list[str]]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, "expected a list of enumerations, e.g. - [劳模精神, 劳动精神, 工匠精神]")
            return []
        lists = [self.words(item) for item in node.value]
        for item, words in zip(node.value, lists):
            if len(words) < 2:
                self.fail(item, "an enumeration needs at least two items in their fixed order")
        return lists


def _bad_pattern(variant: str) -> str | None:
    """A ``re:`` variant must compile; plain variants are literal text."""
    if not variant.startswith(REGEX_PREFIX):
        return None
    try:
        re.compile(variant[len(REGEX_PREFIX) :])
    except re.error as exc:
        return f"the pattern '{variant}' is not a valid regular expression ({exc})"
    return None
