"""Safe YAML and UTF-8 reading with editor-friendly messages.

Content comes from many hands, so YAML is always loaded with the safe loader
(``!!python/object`` and friends are refused), and every failure names the
file and line instead of raising a traceback.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .diagnostics import Diagnostics


def read_text(path: Path, diags: Diagnostics) -> str | None:
    """The file's text, or ``None`` with a diagnostic when it is not readable UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.error(path, 0, "unreadable", f"cannot read the file ({exc.strerror})")
        return None
    if b"\0" in data:
        diags.error(path, 0, "not-text", "this is a binary file, not Markdown or YAML text")
        return None
    try:
        return data.decode("utf-8-sig")
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


MALFORMED = object()


def load_yaml(text: str, path: Path, first_line: int, diags: Diagnostics) -> object:
    """Parse YAML safely; ``first_line`` is the file line where ``text`` starts.

    Returns ``MALFORMED`` (with a diagnostic) when the YAML cannot be read.
    """
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        col = mark.column + 1 if mark else 0
        problem = exc.problem or "malformed YAML"
        diags.error(path, line, "yaml", f"{problem}; check the indentation, colons and quotes", col)
    except yaml.YAMLError as exc:
        diags.error(path, first_line, "yaml", f"malformed YAML: {exc}")
    return MALFORMED


def key_lines(text: str, first_line: int) -> dict[str, int]:
    """The file line of each top-level key of a YAML mapping (for pointing at a field)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): first_line + key.start_mark.line
        for key, _value in node.value
        if isinstance(key, yaml.ScalarNode)
    }
