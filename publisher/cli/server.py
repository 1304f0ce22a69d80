"""The preview server of ``publisher serve``: the build folder over HTTP, and a stream of build events.

It is a development server, but one that runs on a laptop beside a browser full of other sites:

* it serves the files of the build folder and nothing else: a path with ``..`` (written plainly or
  percent-encoded), a hidden name (``.cache``, a build's temporary files) or a symbolic link that
  leads out of the folder answers 404;
* it answers GET and HEAD only (405 for any other method);
* it answers only requests whose ``Host`` is the address it listens on (``127.0.0.1:PORT``, or
  ``localhost:PORT``), so that a page of another site cannot reach it through a name of its own
  that it points at 127.0.0.1 (DNS rebinding): 403 otherwise. Listening on every address
  (``--host 0.0.0.0``), it answers to any IP address on its port, never to a name but
  ``localhost``: the names of the computer are not known, and a rebinding needs a name.

Every HTML page it sends loads ``/__publisher/live.js``, which listens to ``/__publisher/events``
(server-sent events): the generation of the last good build and the problems of the last build.
A page of an older generation reloads; problems show over the page, which stays the last good one.
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import os
import socket
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

PREFIX = "/__publisher/"
LIVE_SCRIPT = Path(__file__).with_name("live.js")
KEEP_ALIVE_SECONDS = 15.0
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".epub": "application/epub+zip",
}
OTHER = "application/octet-stream"
WAITING = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>publisher serve</title></head>
<body><main><p>The book is being built; this page reloads when it is ready.</p></main></body></html>
"""


@dataclass
class BuildState:
    """What the last builds left: the outputs of the last good one (by name in the build folder), its
    generation, and the problems of the last one (none when it succeeded). Shared by the build loop
    and the server's threads."""

    site: str = ""
    files: dict[str, str] = field(default_factory=dict)
    """Format → output name: the PDF and the EPUB the page links to."""
    generation: int = 0
    problems: list[str] = field(default_factory=list)
    closed: bool = False
    changed: threading.Condition = field(default_factory=threading.Condition)

    def built(self, site: str, files: dict[str, str], rendered: bool) -> None:
        with self.changed:
            self.site, self.files, self.problems = site, files, []
            self.generation += 1 if rendered or not self.generation else 0
            self.changed.notify_all()

    def failed(self, problems: list[str]) -> None:
        with self.changed:
            self.problems = problems
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def event(self) -> str:
        return json.dumps(
            {"generation": self.generation, "problems": self.problems, "files": self.files}, ensure_ascii=False
        )

    def next_event(self, last: str | None, timeout: float) -> str | None:
        """The state as an event once it differs from ``last``; None after ``timeout`` or when closed."""
        with self.changed:
            self.changed.wait_for(lambda: self.closed or self.event() != last, timeout)
            return None if self.closed or self.event() == last else self.event()


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], root: Path, state: BuildState) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        self.root = Path(os.path.realpath(root))
        self.state = state

    @property
    def url(self) -> str:
        return f"http://{self.authority}/"

    @property
    def authority(self) -> str:
        host, port = self.server_address[:2]
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that went away in the middle of a request is no error of the server's."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def answers(self, host: str) -> bool:
        """Whether a request with this ``Host`` is meant for this server (see the module's docstring)."""
        port = self.server_address[1]
        if host in (self.authority, f"localhost:{port}"):
            return True
        name, _, given = host.rpartition(":")
        if given != str(port) or not ipaddress.ip_address(self.server_address[0]).is_unspecified:
            return False
        try:
            ipaddress.ip_address(name.removeprefix("[").removesuffix("]"))
        except ValueError:
            return False
        return True


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def parse_request(self) -> bool:
        """Every request goes through here: only GET and HEAD, only to this server's own address."""
        if not super().parse_request():
            return False
        if self.command not in ("GET", "HEAD"):
            self.send_error(HTTPStatus.METHOD_NOT_ALLOWED, "only GET and HEAD")
            return False
        if not self.server.answers(self.headers.get("Host", "").lower()):
            self.send_error(HTTPStatus.FORBIDDEN, "this server answers only to its own address")
            return False
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        self.close_connection = True
        super().send_error(code, message, explain)

    def end_headers(self) -> None:
        if self.command == "GET" or self.command == "HEAD":
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is the build's."""

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == PREFIX + "events":
            self._events()
        elif path == PREFIX + "live.js":
            self._send(LIVE_SCRIPT.read_bytes(), TYPES[".js"])
        elif path == "/":
            self._home()
        else:
            self._file(path)

    def _home(self) -> None:
        site = self.server.state.site
        if site:
            self._redirect(f"/{site}/")
        else:
            self._send(self._live(WAITING.encode()), TYPES[".html"])

    def _file(self, path: str) -> None:
        target = self._within(path)
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND)
        elif target.is_dir():
            if not path.endswith("/"):
                self._redirect(path + "/")
            elif (target / "index.html").is_file():
                self._file(path + "index.html")
            else:
                self.send_error(HTTPStatus.NOT_FOUND)
        else:
            try:
                data = target.read_bytes()
            except OSError:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            kind = TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or OTHER
            self._send(self._live(data) if target.suffix == ".html" else data, kind)

    def _within(self, path: str) -> Path | None:
        """The file ``path`` names inside the build folder, or None: outside it, hidden, or not there."""
        parts = unquote(path).split("/")
        if any(part in ("..", ".") or part.startswith(".") or "\\" in part or "\0" in part for part in parts):
            return None
        target = os.path.realpath(self.server.root.joinpath(*[part for part in parts if part]))
        root = str(self.server.root)
        if target != root and not target.startswith(root + os.sep):
            return None
        return Path(target) if os.path.exists(target) else None

    def _live(self, page: bytes) -> bytes:
        """An HTML page with the script that reloads it after a build and shows a build's problems."""
        tag = f'<script src="{PREFIX}live.js" data-generation="{self.server.state.generation}" defer></script>'
        head = page.find(b"</head>")
        return page[:head] + tag.encode() + page[head:] if head >= 0 else page + tag.encode()

    def _send(self, data: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(data)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _events(self) -> None:
        """The build state, at once and whenever it changes, until the server stops or the page goes."""
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        if self.command == "HEAD":
            return
        state, last = self.server.state, None
        try:
            while not state.closed:
                event = state.next_event(last, KEEP_ALIVE_SECONDS)
                if event is not None:
                    self.wfile.write(f"data: {event}\n\n".encode())
                    last = event
                elif not state.closed:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except OSError:  # the page was closed or reloaded
            return
