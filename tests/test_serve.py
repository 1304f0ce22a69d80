"""``publisher serve``: the server answers only what it should, and a page open in Chromium follows
the sources as an editor saves them (reloaded after a build, a failed build shown over it)."""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from publisher.cli.main import parser
from publisher.cli.server import BuildState, Server
from tests.browser import chromium, eventually, screenshot
from tests.helpers import CONTENT, EPOCH

SLUG = "gonghui-gaozhiliang-fazhan"
INTERRUPTIBLE = """
import signal, sys
from publisher.__main__ import run
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.argv[0] = "publisher"
run()
"""
"""``python -m publisher`` that Ctrl-C stops even when the tests run in the background, where a shell
starts them with SIGINT ignored and every process they start inherits it."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """A server over a build folder with a site, a hidden cache, and links that lead out of it."""
    out = tmp_path / "build"
    (out / "book-web").mkdir(parents=True)
    (out / "book-web" / "index.html").write_text("<html><head></head><body>书</body></html>", encoding="utf-8")
    (out / "book.pdf").write_bytes(b"%PDF-1.7\n")
    (out / ".cache").mkdir()
    (out / ".cache" / "build.json").write_text("{}", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (out / "out-folder").symlink_to(tmp_path)
    (out / "book-web" / "out-file.txt").symlink_to(secret)
    state = BuildState()
    state.built("book-web", {"pdf": "book.pdf"}, rendered=True)
    server = Server(("127.0.0.1", 0), out, state)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, out
    finally:
        state.close()
        server.shutdown()
        server.server_close()


def request(server: Server, method: str, path: str, host: str | None = None) -> tuple[int, bytes, dict]:
    """A raw request: the path sent as written (no client normalises it), the Host as given."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is None:
            host = "{}:{}".format(*server.server_address[:2])
        if host:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def test_the_site_and_the_pdf_are_served_with_the_live_script(served: tuple[Server, Path]) -> None:
    server, _ = served
    status, _, headers = request(server, "GET", "/")
    assert (status, headers["Location"]) == (302, "/book-web/")
    status, body, headers = request(server, "GET", "/book-web/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'<script src="/__publisher/live.js" data-generation="1" defer></script></head>' in body
    status, body, headers = request(server, "GET", "/book.pdf")
    assert (status, body, headers["Content-Type"]) == (200, b"%PDF-1.7\n", "application/pdf")
    status, body, headers = request(server, "HEAD", "/book.pdf")
    assert (status, body, headers["Content-Length"]) == (200, b"", "9")
    assert request(server, "GET", "/__publisher/live.js")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/book-web/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/book-web/%2E%2E/%2e%2e/secret.txt",
        "/book-web/..%2f..%2fsecret.txt",
        "/%2e%2e%5csecret.txt",
        "/out-folder/secret.txt",
        "/book-web/out-file.txt",
        "/.cache/build.json",
        "/%2ecache/build.json",
        "/book-web/index.html%00.txt",
        "/nothing.html",
    ],
)
def test_nothing_outside_the_build_output_is_served(served: tuple[Server, Path], path: str) -> None:
    server, _ = served
    status, body, _ = request(server, "GET", path)
    assert status == 404 and b"secret" not in body and b"{}" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
def test_only_get_and_head_are_answered(served: tuple[Server, Path], method: str) -> None:
    server, _ = served
    assert request(server, method, "/book-web/index.html")[0] == 405


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1:1", "127.0.0.1.nip.io:{port}", ""])
def test_a_request_to_another_host_name_is_refused(served: tuple[Server, Path], host: str) -> None:
    """A page of another site whose name leads to 127.0.0.1 (DNS rebinding) sends its own name as Host."""
    server, _ = served
    status, body, _ = request(server, "GET", "/book-web/index.html", host.format(port=server.server_address[1]))
    assert status == 403 and "书".encode() not in body
    assert request(server, "GET", "/book-web/index.html", f"localhost:{server.server_address[1]}")[0] == 200


def test_serve_listens_on_this_computer_only_unless_told() -> None:
    assert parser().parse_args(["serve"]).host == "127.0.0.1"
    assert parser().parse_args(["serve", "--host", "0.0.0.0"]).host == "0.0.0.0"


def listening(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


class Serve:
    """``publisher serve`` in a process of its own, on a copy of the default book."""

    def __init__(self, root: Path) -> None:
        self.content = root / "content"
        shutil.copytree(CONTENT, self.content)
        self.lines: queue.Queue = queue.Queue()
        self.said: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-c", INTERRUPTIBLE, "serve", str(self.content), "--port", "0"],
            cwd=root,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.pump = threading.Thread(target=self._pump, daemon=True)
        self.pump.start()
        self.url = re.search(r"serving (http://\S+/) ", self.wait_for("serving")).group(1)
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def _pump(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, seconds: float = 180) -> str:
        """The first line said from now on that holds ``text`` (the limit only stops a server that hangs)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            self.said.append(line)
            if text in line:
                return line
        raise AssertionError(f"no '{text}' in:\n{''.join(self.said)}")

    def stop(self) -> int:
        """Ctrl-C; the exit code, once everything the server said is in :attr:`lines`."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=60)
        self.pump.join(timeout=10)
        self.process.stdout.close()
        return code


def test_an_open_page_follows_the_saves_and_shows_a_failed_build_over_the_last_good_one(tmp_path: Path) -> None:
    serve = Serve(tmp_path)
    try:
        serve.wait_for("watching")
        assert listening(serve.port) == {"0100007F"}, "127.0.0.1 only"
        article = serve.content / "06-ma-lu.md"
        original = article.read_text(encoding="utf-8")
        with chromium(tmp_path) as driver:
            driver.get(serve.url)
            eventually(lambda: driver.current_url.endswith(f"/{SLUG}-web/"), what="the web edition's index")
            driver.get(f"{serve.url}{SLUG}-web/06-ma-lu.html")
            bar = eventually(lambda: driver.find_elements("id", "publisher-serve"), what="the PDF link")[0]
            pdf = bar.find_element("link text", "PDF").get_attribute("href")
            assert pdf == f"{serve.url}{SLUG}.pdf"

            def saved(text: str) -> None:
                article.write_text(text, encoding="utf-8")

            def shows(words: str, text: str) -> bool:
                """Whether the page shows ``words``; the save is made again now and then, in case the
                watcher, just started, missed it."""
                try:
                    found = words in driver.find_element("tag name", "main").text
                except Exception:  # the page is being reloaded
                    return False
                if not found and int(time.monotonic()) % 5 == 0:
                    saved(text)
                return found

            edited = original + "\n网页预览新加的一段。\n"
            saved(edited)
            eventually(lambda: shows("网页预览新加的一段。", edited), 120, "the edited text")
            screenshot(driver, "serve-edited")

            broken = edited.replace("title:", "titel:", 1)
            saved(broken)
            overlay = eventually(lambda: driver.find_elements("id", "publisher-problems"), 120, "the overlay")[0]
            assert re.search(r"content/06-ma-lu\.md:\d+(:\d+)?: error: ", overlay.text), overlay.text
            assert "网页预览新加的一段。" in driver.find_element("tag name", "main").text, "the last good build"
            screenshot(driver, "serve-error")

            mended = edited + "\n修好之后的一段。\n"
            saved(mended)
            eventually(lambda: shows("修好之后的一段。", mended), 120, "the mended text")
            assert driver.find_elements("id", "publisher-problems") == []
        connection = http.client.HTTPConnection("127.0.0.1", serve.port, timeout=10)
        connection.request("GET", f"/{SLUG}.pdf")
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "application/pdf" and response.read(5) == b"%PDF-"
        connection.close()
    finally:
        code = serve.stop()
    assert code == 0
    serve.wait_for("publisher: stopped", 10)
    assert listening(serve.port) == set()
