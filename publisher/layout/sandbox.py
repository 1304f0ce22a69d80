"""The sandbox a layout's templates run in.

A layout may come with a book, from the same pull request as its articles, so its templates are
untrusted code. They see only what the renderers give them (``RenderJob.context()`` and each
renderer's own names: the book, the layout's settings, the build's figures) and Jinja's filters
and tests. Everything else is refused with :class:`SecurityError` before it is done, which the
renderers report at the template's line (:func:`publisher.layout.templates.render`):

* Python's internals: any name starting with ``_`` (``__class__``, ``__globals__``…) and those
  Jinja knows to be internal (``mro``, a function's code, a frame);
* attributes of anything but the values of the context: the fields of the book's and the layout's
  records, the methods of text, numbers, lists and mappings (never one that changes them), Jinja's
  own loop, namespace and macro objects, and :data:`METHODS`; a path, a module or a class is
  never handed out;
* Python's built-in functions (``open``, ``__import__``, ``getattr``…): a template has none, only
  :data:`GLOBALS`;
* templates outside the layout's folder: ``..``, absolute names, and symbolic links that lead out;
* values no book needs that would exhaust the machine: ``range`` beyond :data:`MAX_RANGE`
  numbers, a text or list repeated beyond :data:`MAX_LENGTH` items, a power beyond
  :data:`MAX_POWER_BITS` bits.

A template can still loop for long: the build's time is bounded by the CI job's timeout.
"""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import math
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from types import ModuleType
from typing import Any

import jinja2
from jinja2.environment import TemplateModule
from jinja2.runtime import BlockReference, LoopContext, Macro, TemplateReference
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace, missing

from publisher.layout.settings import Layout

MAX_RANGE = 100_000
"""The most numbers ``range()`` may give: far more than a book has pages, articles or notes."""
MAX_LENGTH = 1_000_000
"""The most characters (or items) ``*`` may make of a text (or list)."""
MAX_POWER_BITS = 100_000
"""The largest whole number ``**`` may make, in bits."""
METHODS = {(Layout, "metrics")}
"""Methods of the context's records a template may call, besides their fields."""
JINJA_RUNTIME = (LoopContext, Namespace, Macro, BlockReference, TemplateReference, TemplateModule)
"""What a template makes itself (``loop``, ``namespace()``, macros, ``self``, imported templates)."""
HELP = "a template may use only the values the build gives it (see docs/security.md#layout-templates)"
REFUSED_NAMES = frozenset(dir(builtins)) | {"lipsum", "cycler", "joiner"}
"""Names that are not there on purpose: Python's built-ins and Jinja's globals no layout needs."""


def safe_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"range() of {len(numbers):,} numbers; at most {MAX_RANGE:,}")
    return numbers


GLOBALS: dict[str, object] = {"range": safe_range, "dict": dict, "namespace": Namespace}
"""Jinja's globals a layout may use; the renderers add their own (``article_break``)."""


class Undefined(jinja2.StrictUndefined):
    """An undefined name is an error; one of Python's built-ins is a refusal that says so."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None, exc: Any = None) -> None:
        if hint is None and obj is missing and name in REFUSED_NAMES:
            hint = f"the template uses '{name}', which templates do not have: {HELP}"
            exc = SecurityError
        super().__init__(hint, obj, name, exc or jinja2.UndefinedError)


class Confined(jinja2.BaseLoader):
    """A :class:`jinja2.FileSystemLoader` that serves only files inside its folders, symbolic links
    resolved: a layout's template cannot include a file of the machine."""

    def __init__(self, loader: jinja2.FileSystemLoader) -> None:
        self.loader = loader
        self.folders = [os.path.realpath(folder) for folder in loader.searchpath]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Callable[[], bool]]:
        pieces = template.replace("\\", "/").split("/")
        if ".." in pieces or os.path.isabs(template):
            raise SecurityError(f"the template includes '{template}', outside the layout's folder: {HELP}")
        try:
            source, filename, uptodate = self.loader.get_source(environment, template)
        except jinja2.TemplateNotFound:
            raise jinja2.TemplateNotFound(
                template, f"there is no template '{template}' in the layout's folder"
            ) from None
        real = os.path.realpath(filename)
        if not any(os.path.commonpath([real, folder]) == folder for folder in self.folders):
            refusal = SecurityError(f"'{template}' leads outside the layout's folder: {HELP}")
            refusal.filename = filename
            raise refusal
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with the context's values as the only things a template may read.

    ``loader`` is confined to its folder (:class:`Confined`); Jinja's globals are :data:`GLOBALS`.
    """

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *, loader: jinja2.FileSystemLoader, **options: Any) -> None:
        super().__init__(loader=Confined(loader), undefined=Undefined, **options)
        self.globals.clear()
        self.globals.update(GLOBALS)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return super().is_safe_attribute(obj, attr, value) and readable(obj, attr, value)

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        """Refuse at once (Jinja would hand back an undefined value that fails only when used)."""
        if isinstance(obj, jinja2.Undefined):  # ``cycler.__init__``: what is wrong is the name
            obj._fail_with_undefined_error()
        raise SecurityError(f"the template reads '{attribute}' of {kind(obj)}: {HELP}")

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        size = _size(operator, left, right)
        if size is not None:
            raise SecurityError(f"'{operator}' would make {size}")
        return super().call_binop(context, operator, left, right)


def _size(operator: str, left: Any, right: Any) -> str | None:
    """What ``left operator right`` would make, when it is more than a template may make."""
    if operator == "*":
        for sequence, times in ((left, right), (right, left)):
            if isinstance(sequence, Sequence) and _whole(times) and len(sequence) * times > MAX_LENGTH:
                return f"{kind(sequence)} of {len(sequence) * times:,} items; at most {MAX_LENGTH:,}"
    if operator == "**" and _whole(left) and _whole(right) and abs(left) > 1 and right > 0:
        bits = right * math.log2(abs(left))
        if bits > MAX_POWER_BITS:
            return f"a number of {bits:,.0f} bits; at most {MAX_POWER_BITS:,}"
    return None


def readable(obj: Any, attr: str, value: Any) -> bool:
    """Whether a template may read ``obj.attr`` (which is ``value``); names starting with ``_`` and
    Jinja's internal attributes are refused before this is asked."""
    if isinstance(value, PurePath | ModuleType | type) or (
        isinstance(value, tuple | list) and any(isinstance(item, PurePath) for item in value)
    ):
        return False  # a path opens files (the layout's folders are paths), a module or a class leads anywhere
    if isinstance(obj, str | int | float | Mapping | list | tuple) and not _record(obj):
        return True  # the immutable sandbox refuses the methods that change a list or a mapping
    if _record(obj):
        return attr in _fields(obj) or (type(obj), attr) in METHODS
    return isinstance(obj, JINJA_RUNTIME)


def _record(obj: Any) -> bool:
    """One of the context's records: a dataclass instance (the book's nodes, the layout's settings)
    or a named tuple."""
    return (dataclasses.is_dataclass(obj) and not isinstance(obj, type)) or (
        isinstance(obj, tuple) and hasattr(type(obj), "_fields")
    )


def _fields(obj: Any) -> set[str]:
    if isinstance(obj, tuple):
        return set(type(obj)._fields)
    return {field.name for field in dataclasses.fields(obj)}


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def kind(obj: Any) -> str:
    """What an object is, as a template's author knows it: ``a text``, ``a Layout``, ``a function``."""
    if isinstance(obj, str):
        return "a text"
    if isinstance(obj, type):
        return "a class"
    if inspect.isroutine(obj) or isinstance(obj, Macro):
        return "a function"
    name = type(obj).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


RUNAWAY = (RecursionError, MemoryError, OverflowError)
"""What a template that runs away raises: a macro that calls itself without end, a value too large
to make."""


def refusal(exc: BaseException) -> str:
    """The diagnostic's message for a template refused by the sandbox, or one that ran away."""
    if isinstance(exc, SecurityError):
        return f"not allowed: {exc}"
    if isinstance(exc, RecursionError):
        return "not allowed: the template calls itself (a macro or an include) without end"
    if isinstance(exc, MemoryError):
        return "not allowed: the template makes a value too large for the memory"
    return f"not allowed: the template makes a number too large ({exc})"
