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


def local_fetcher(allowed: tuple[Path, ...], aliases: dict[str, str] | None = None):
    """A WeasyPrint URL fetcher that refuses the network and every file outside ``allowed``;
    ``aliases`` maps URL prefixes to the ``file:`` URLs of the folders they stand for.

    Returns the fetcher and the list it appends refused URLs to.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    refused: list[str] = []

    class LocalFetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            real = next((folder + url[len(alias) :] for alias, folder in (aliases or {}).items()
                         if url.startswith(alias)), url)  # fmt: skip
            path = resolve_local(real, allowed)
            if path is None:
                refused.append(url)
                raise ValueError(f"refused: {url}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(real, path.read_bytes(), {"Content-Type": kind}, status=200)

    return LocalFetcher(), refused
