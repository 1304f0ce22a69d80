"""The one date a build stamps into its outputs, so that the same sources give the same bytes."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Mapping


def build_time(book_date: str, environ: Mapping[str, str]) -> datetime:
    """``SOURCE_DATE_EPOCH`` if set, else the book's own ``date``, else the Unix epoch.

    Never the clock: a build that stamps the current time can never be
    reproduced byte for byte.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", book_date)
    if match:
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            return datetime(year, month, day, tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime(1970, 1, 1, tzinfo=timezone.utc)


def w3c(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
