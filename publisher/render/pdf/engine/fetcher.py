"""The only way a renderer may load a resource: local files inside the allowed folders."""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit


def resolve_local(url: str, allowed: tuple[Path, ...]) -> Path | None:
    """The file a ``file:`` URL names, if it lies (after resolving symlinks) inside ``allowed``."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(os.path.realpath(unquote(parts.path)))  # realpath: a symlink loop is no crash
    if any(path.is_relative_to(os.path.realpath(root)) for root in allowed) and path.is_file():
        return path
    return None


def local_fetcher(allowed: tuple[Path, ...]):
    """A WeasyPrint URL fetcher that refuses the network and every file outside ``allowed``.

    Returns the fetcher and the list it appends refused URLs to.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    refused: list[str] = []

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = resolve_local(url, allowed)
            if path is None:
                refused.append(url)
                raise ValueError(f"refused: {url}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind}, status=200)

    return LocalFetcher(), refused
