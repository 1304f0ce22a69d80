"""Safe YAML and UTF-8 reading with editor-friendly messages.

Content comes from many hands, so YAML is always loaded with the safe loader
(``!!python/object`` and friends are refused), and every failure names the
file and line instead of raising a traceback.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from publisher.diagnostics import Diagnostics
from publisher.sources.limits import MAX_FILE_BYTES, size_text
from publisher.sources.yamlextent import extent_problem


def read_text(path: Path, diags: Diagnostics) -> str | None:
    """The file's text, or ``None`` with a diagnostic when it is not readable UTF-8."""
    data = _read_bytes(path, diags)
    if data is None:
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        diags.error(path, 1, "not-utf8", "the file is UTF-16 (Windows 'Unicode'): re-save it as UTF-8")
        return None
    if b"\0" in data:
        diags.error(path, 0, "not-text", "this is a binary file, not Markdown or YAML text")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = " It looks like GBK/GB 18030: re-save it as UTF-8."
        except UnicodeDecodeError:
            pass
        diags.error(path, line, "not-utf8", f"the file is not valid UTF-8 (byte {exc.start}).{hint}")
        return None
    return text if _no_control_characters(path, text, diags) else None


CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Invisible characters no font draws and XML forbids or discourages: in an EPUB they make
the XHTML ill-formed, in the PDF a .notdef box. Tab, line feed and carriage return are fine."""


def _no_control_characters(path: Path, text: str, diags: Diagnostics) -> bool:
    found = CONTROL.search(text)
    if found is None:
        return True
    line = text.count("\n", 0, found.start()) + 1
    col = found.start() - text.rfind("\n", 0, found.start())
    char = found.group()
    name = f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
    diags.error(
        path,
        line,
        "control-character",
        f"invisible character {name} here: delete it (it often comes with text copied from Word, a PDF or a web page)",
        col,
    )
    return False


def _read_bytes(path: Path, diags: Diagnostics) -> bytes | None:
    """At most :data:`MAX_FILE_BYTES` + 1 bytes: a huge file costs no memory, and a pipe or
    a device named ``.md`` is refused before ``open`` could wait on it forever."""
    if not path.is_file():
        diags.error(
            path,
            0,
            "unreadable",
            "this is not a regular file (a folder, a pipe, a "
            "device or a broken symbolic link): replace it with a text file or remove it",
        )
        return None
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        diags.error(path, 0, "unreadable", f"cannot read the file ({exc.strerror})")
        return None
    if len(data) > MAX_FILE_BYTES:
        line = data.count(b"\n", 0, MAX_FILE_BYTES) + 1
        diags.error(
            path,
            line,
            "too-large",
            f"the file is {size_text(path.stat().st_size)}, more than the "
            f"{size_text(MAX_FILE_BYTES)} a file may hold, and passes the limit on this line: "
            "split it into several articles at or before this line",
        )
        return None
    return data


MALFORMED = object()
QUICK = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader on libyaml's parser, where PyYAML was built with it: ~5× faster, the same values
and lines (its columns may differ: proofreading, which places characters, keeps PyYAML's own
parser). Its messages are not those the hints below are
written for: YAML it finds a problem in is read again by PyYAML's own parser, which tells it."""


def load_yaml(text: str, path: Path, first_line: int, diags: Diagnostics) -> object:
    """Parse YAML safely; ``first_line`` is the file line where ``text`` starts.

    Returns ``MALFORMED`` (with a diagnostic) when the YAML cannot be read.
    """
    try:
        if extent_problem(text, QUICK) is None:
            return yaml.load(text, Loader=QUICK)
    except yaml.YAMLError:
        pass  # told below
    try:
        problem = extent_problem(text)
        if problem is None:
            return yaml.safe_load(text)
        code, mark, message = problem
        diags.error(path, first_line + mark.line, code, message, mark.column + 1)
    except yaml.MarkedYAMLError as exc:
        mark = _blamed_mark(exc)
        line = first_line + mark.line if mark else first_line
        col = mark.column + 1 if mark else 0
        diags.error(path, line, "yaml", _explain(exc), col)
    except yaml.YAMLError as exc:
        diags.error(path, first_line, "yaml", f"malformed YAML: {exc}")
    return MALFORMED


UNCLOSED = {
    "while scanning a quoted scalar": "the quote opened here is never closed: add the closing quote",
    "while parsing a flow sequence": "the '[' opened here is never closed: add ']', or put the whole value in quotes",
    "while parsing a flow mapping": "the '{' opened here is never closed: add '}', or put the whole value in quotes",
}
"""Problems PyYAML only notices lines later (often at the closing ``---``): blame the opening."""

HINT = "check the indentation, colons and quotes"
QUOTE_HINT = 'a value that starts with * & ! @ ` or % must be put in quotes, e.g. title: "*重要*文章"'


def _blamed_mark(exc: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where the editor must look: the opening of an unclosed quote or bracket, else the problem."""
    problem, context = exc.problem_mark, exc.context_mark
    if context is not None and exc.context in UNCLOSED and (problem is None or problem.line != context.line):
        return context
    return problem or context


def _explain(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's problem, plus what to do about it: its own words rarely tell an editor."""
    problem = exc.problem or "malformed YAML"
    if exc.context in UNCLOSED and _blamed_mark(exc) is exc.context_mark:
        return f"{UNCLOSED[exc.context]} (YAML: {problem})"
    if "could not determine a constructor for the tag" in problem:
        tag = problem.rsplit(" ", 1)[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
        return (
            f"the YAML tag {tag} is not allowed in content (it could run code or load "
            "objects); write plain text, numbers and lists only"
        )
    if "'\\t'" in problem:
        return f"{problem}; indent with spaces, never tabs"
    if "mapping values are not allowed" in problem:
        return f"{problem}; if the value itself contains ': ', put it in quotes, else {HINT}"
    if "cannot start any token" in problem or "alias" in problem or "alphabetic or numeric" in problem:
        return f"{problem}; {QUOTE_HINT}"
    return f"{problem}; {HINT}"


def key_lines(text: str, first_line: int) -> dict[str, int]:
    """The file line of each top-level key of a YAML mapping (for pointing at a field)."""
    try:
        node = yaml.compose(text, Loader=QUICK)  # only lines are read from its marks
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): first_line + key.start_mark.line
        for key, _value in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def key_paths(text: str) -> dict[tuple[str, ...], int]:
    """The file line of every key of nested YAML mappings, by its path: ``("page", "size")`` → 12."""
    try:
        root = yaml.compose(text, Loader=QUICK)
    except yaml.YAMLError:
        return {}
    found: dict[tuple[str, ...], int] = {}
    pending: list[tuple[tuple[str, ...], yaml.Node]] = [((), root)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    found[(*path, str(key.value))] = key.start_mark.line + 1
                    pending.append(((*path, str(key.value)), value))
    return found


Where = tuple[int, int]
"""A line and a column, both 1-based."""


def value_positions(text: str, blocks: tuple[str, ...]) -> dict[str, Where]:
    """Where the value of each top-level key begins, and that of each key inside the mappings ``blocks``
    (as ``block.key``): a wrong value is reported at its own column."""
    try:
        root = yaml.compose(text, Loader=QUICK)
    except yaml.YAMLError:
        return {}
    found: dict[str, Where] = {}
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if not isinstance(key, yaml.ScalarNode):
            continue
        found[str(key.value)] = (value.start_mark.line + 1, value.start_mark.column + 1)
        if key.value in blocks and isinstance(value, yaml.MappingNode):
            for inner, given in value.value:
                if isinstance(inner, yaml.ScalarNode):
                    found[f"{key.value}.{inner.value}"] = (given.start_mark.line + 1, given.start_mark.column + 1)
    return found
