"""The fixtures the test modules share: the default book, the line-breaking sample book and the sample books
of examples/ built once per session, and a small book built once per test for the tests that break a build
after it; the network, refused."""

from __future__ import annotations

import socket

import pytest

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from publisher.sources.book import read_book
from tests import helpers
from tests.helpers import BREAKS, CONTENT, EPOCH, EXAMPLES, SLUG, Built, make_content, snapshot


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The default book built once per session; tests read the real outputs."""
    out = tmp_path_factory.mktemp("build")
    diags = Diagnostics(root=CONTENT)
    options = BuildOptions(content=CONTENT, out=out, formats=("pdf", "epub", "json", "html"))
    *paths, web = build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
    book = read_book(CONTENT, Diagnostics(root=CONTENT))
    return Built(book, *paths, warnings=[d.format() for d in diags.items], web=web)


@pytest.fixture(scope="session")
def breaks_book(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The line-breaking sample book (tests/fixtures/breaks/) built once per session."""
    out = tmp_path_factory.mktemp("breaks")
    diags = Diagnostics(root=BREAKS)
    paths = build(
        BuildOptions(content=BREAKS, out=out, formats=("pdf", "epub", "json")), {"SOURCE_DATE_EPOCH": EPOCH}, diags
    ).paths
    return Built(read_book(BREAKS, Diagnostics(root=BREAKS)), *paths, warnings=[d.format() for d in diags.items])


@pytest.fixture(scope="session")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """The sample books of examples/ (``handbook``, ``manual``) built once per session, by name."""
    found = {}
    for name in EXAMPLES:
        content = helpers.PROJECT / "examples" / name
        diags = Diagnostics(root=content)
        options = BuildOptions(content=content, out=tmp_path_factory.mktemp(name), formats=("pdf", "epub", "json"))
        paths = build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
        found[name] = Built(read_book(content, Diagnostics(root=content)), *paths, [d.format() for d in diags.items])
    return found


@pytest.fixture
def built_book(tmp_path):
    """A small book built once into out/ as PDF and EPUB; returns (content, out, bytes by name)."""
    content = make_content(tmp_path)
    out = tmp_path / "out"
    result = helpers.build(content, fmt="pdf,epub", out=out)
    assert result.code == 0, result.err
    before = snapshot(out)
    assert sorted(before) == [f"{SLUG}.epub", f"{SLUG}.pdf"]
    assert before[f"{SLUG}.pdf"].startswith(b"%PDF-")
    assert before[f"{SLUG}.epub"].startswith(b"PK")
    return content, out, before


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to reach the network, recorded and refused."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("the tests allow no network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts
