"""WeasyPrint's warnings (CSS it ignores, resources it skips, glyphs it cannot find) as diagnostics."""

from __future__ import annotations

import logging
from pathlib import Path

from publisher.diagnostics import Diagnostics


class _Collect(logging.Handler):
    """Each distinct message once; a glyph drawn as .notdef is an error, never a silent box."""

    def __init__(self, diags: Diagnostics, where: Path) -> None:
        super().__init__(logging.WARNING)
        self.diags, self.where, self.seen = diags, where, set()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message in self.seen:
            return
        self.seen.add(message)
        if ".notdef" in message:
            self.diags.error(self.where, 0, "glyph-notdef", f"WeasyPrint found no glyph: {message}")
        else:
            self.diags.warning(self.where, 0, "weasyprint", message)


class reported:
    """While in force, WeasyPrint's warnings are diagnostics at ``where`` (the stylesheet), not log lines."""

    def __init__(self, diags: Diagnostics, where: Path) -> None:
        self.handler = _Collect(diags, where)
        self.logger = logging.getLogger("weasyprint")

    def __enter__(self) -> None:
        self.logger.addHandler(self.handler)
        self.propagate, self.logger.propagate = self.logger.propagate, False

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.propagate
