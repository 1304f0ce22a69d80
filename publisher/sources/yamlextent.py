"""How big a YAML text really is, measured before PyYAML builds anything from it.

PyYAML's composer and constructor recurse (1,000 nested '[' is a RecursionError),
and an alias bomb ("billion laughs"), cheap to load as shared lists, explodes as
soon as anything prints or walks it. The parser's events come one at a time and
without recursion, so counting them costs neither.
"""

from __future__ import annotations

import yaml

from publisher.sources.limits import MAX_YAML_DEPTH, MAX_YAML_NODES, MAX_YAML_TEXT_CHARS

COLLECTION_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
COLLECTION_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def extent_problem(text: str, loader: type = yaml.SafeLoader) -> tuple[str, yaml.Mark, str] | None:
    """``(code, where, message)`` if the YAML nests too deep or stands for too many values.

    Each alias counts as all the values its anchor names, so ten lines of
    ``&a [*b, *b, …]`` count as the billion values they would print as.
    """
    sizes: dict[str, int] = {}
    stack: list[list] = []  # per open collection: [anchor, values so far]
    done = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, COLLECTION_STARTS):
            stack.append([event.anchor, 1])
            if len(stack) > MAX_YAML_DEPTH:
                return (
                    "too-deep",
                    event.start_mark,
                    (
                        f"lists and mappings are nested more than {MAX_YAML_DEPTH} deep here; write "
                        "plain 'field: value' lines"
                    ),
                )
            continue
        if isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_YAML_TEXT_CHARS:
            return (
                "too-long",
                event.start_mark,
                (
                    f"this value is {len(event.value):,} characters long, more than the "
                    f"{MAX_YAML_TEXT_CHARS:,} a field may hold: shorten it (text belongs in the article)"
                ),
            )
        if isinstance(event, yaml.AliasEvent) and any(a == event.anchor for a, _n in stack):
            return (
                "yaml-aliases",
                event.start_mark,
                (
                    f"the alias *{event.anchor} is used inside the value &{event.anchor} it names; "
                    "write the value out instead"
                ),
            )
        count = _values(event, stack, sizes)
        if stack:
            stack[-1][1] += count
        else:
            done += count
        if done + sum(n for _a, n in stack) > MAX_YAML_NODES:
            return _too_many_values(event)
    return None


def _values(event: yaml.Event, stack: list[list], sizes: dict[str, int]) -> int:
    """How many values ``event`` adds to the collection around it (0 for stream events)."""
    if isinstance(event, COLLECTION_ENDS):
        anchor, count = stack.pop()
    elif isinstance(event, yaml.ScalarEvent):
        anchor, count = event.anchor, 1
    elif isinstance(event, yaml.AliasEvent):
        return sizes.get(event.anchor, 1)
    else:
        return 0
    if anchor is not None:
        sizes[anchor] = count
    return count


def _too_many_values(event: yaml.Event) -> tuple[str, yaml.Mark, str]:
    if isinstance(event, yaml.AliasEvent):
        return (
            "yaml-aliases",
            event.start_mark,
            (
                f"with the alias *{event.anchor} this YAML stands for more than {MAX_YAML_NODES:,} "
                "values (an alias bomb?); write the values out instead of using &anchors and *aliases"
            ),
        )
    return (
        "too-large",
        event.start_mark,
        (
            f"this YAML holds more than {MAX_YAML_NODES:,} values; front-matter and book.yaml "
            "need a few 'field: value' lines"
        ),
    )
