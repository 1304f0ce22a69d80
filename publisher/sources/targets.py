"""Where a link or an image may lead: the one rule the reader applies to each of them.

A link is written into both editions and never followed by the build; an image is a file the
build reads and prints. So:

* a link leads to ``https://…``, ``http://…`` or ``mailto:…``, nothing else (``link-local`` for a
  path, an anchor or a ``file:`` URL; ``link-scheme`` for ``javascript:``, ``data:``, ``ftp:`` and
  every other scheme);
* an image is a file inside the content folder, named by a relative path (``image-remote`` for
  one on the web, ``image-scheme`` for ``file:``, ``data:`` and every other scheme,
  ``image-outside`` for an absolute path or one that ``..`` leads out of the folder).

Each is an error at the ``[`` or ``![`` that opens it (see ``markdown.py``): never text that looks
like Markdown in the book, never fetched. ``images.py`` then checks the file itself.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

WEB_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")
"""A Windows path (``C:\\pictures\\a.png``): absolute, not a URL."""

ALLOWED_LINKS = "a link can only lead to 'https://…', 'http://…' or 'mailto:…'"
KEEP_TEXT = "write the full web address, or keep the text without the link"
IMAGE_FILE = "an image is a file inside the content folder: save it in content/images/ and write ![…](images/name.png)"
SHOWN = 60
"""Characters of a refused target a message shows: a ``data:`` URL may be a whole file long."""

WHY = {
    "javascript": "it would run a script in a reader's e-book app",
    "vbscript": "it would run a script in a reader's e-book app",
    "data": "it carries a whole file inside the text",
    "file": "it names a file on one computer",
}


def refused_link(href: str) -> tuple[str, str] | None:
    """``(code, message)`` when a link may not be written into the book, else ``None``."""
    if WEB_LINK.match(href):
        return None
    shown, scheme = _shown(href), _scheme(href)
    if scheme in (None, "file", "http", "https"):
        why = f" ({WHY['file']})" if scheme == "file" else ""
        return "link-local", f"the link '{shown}' does not lead to a web page{why}: {ALLOWED_LINKS}; {KEEP_TEXT}"
    why = WHY.get(scheme, "it is not a web address")
    return (
        "link-scheme",
        f"the link '{shown}' is a '{scheme}:' link, which a book never writes into its editions ({why}): "
        f"{ALLOWED_LINKS}; {KEEP_TEXT}",
    )


def refused_image(src: str) -> tuple[str, str] | None:
    """``(code, message)`` when an image's ``src`` does not name a file inside the content
    folder, whatever the folder holds, else ``None``."""
    shown, scheme = _shown(src), _scheme(src)
    path = unquote(src)
    if scheme in ("http", "https") or src.startswith("//"):
        return (
            "image-remote",
            f"image '{shown}' is on the web, and the build never fetches anything from the network: "
            "download it into content/images/ and write ![…](images/name.png)",
        )
    if DRIVE.match(path) or path.startswith(("/", "\\")):
        return (
            "image-outside",
            f"image '{shown}' is an absolute path, which leads outside the content folder: {_copy_in(path)}",
        )
    if scheme is not None:
        why = WHY.get(scheme, "it is not a file of the book")
        return (
            "image-scheme",
            f"image '{shown}' is a '{scheme}:' URL ({why}), which the build never opens; {IMAGE_FILE}",
        )
    if posixpath.normpath(path).split("/")[0] == "..":
        return (
            "image-outside",
            f"image '{shown}' lies outside the content folder ('..' leads out of it): {_copy_in(path)}",
        )
    return None


def _scheme(target: str) -> str | None:
    found = SCHEME.match(target)
    return found.group(1).lower() if found and not DRIVE.match(target) else None


def _shown(target: str) -> str:
    return target if len(target) <= SHOWN else target[: SHOWN - 1] + "…"


def _copy_in(path: str) -> str:
    name = posixpath.basename(path.replace("\\", "/")) or "name.png"
    return f"copy it into content/images/ and write ![…](images/{name})"
