"""The print edition laid out on two cores (publisher/render/pdf/engine/twocores.py): the same bytes as in one
process, the other process's pages numbered again and drawn for this one, and what it cannot draw
laid out here."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from publisher.render.pdf.engine import pieces
from publisher.render.pdf.engine import twocores as split
from publisher.render.pdf.engine.drawn import Drawer, Drawing, DrawnPage, Sheet, sheet
from publisher.render.pdf.engine.pieces import ArticleMarkup as A
from publisher.util import cores as forked
from tests.helpers import CONTENT, EPOCH, FEATURES, Built, Laid, front_markup, typesetter


def built_both_ways(content: Path, out: Path) -> tuple[dict[str, bytes], dict[str, bytes], list, int, list, list]:
    """The PDF and EPUB built on two cores and in one process, the pages of the two-core book, how
    many pieces this process laid out, which articles the other did and which this one took."""
    composed, replies, taken = [], [], []
    receive, first = forked.Worker.receive, forked.Claims.first

    def heard(worker):
        replies.append(receive(worker))
        return replies[-1]

    def keep(*args, **kwargs):
        composed.append(split_compose(*args, **kwargs))
        return composed[-1]

    def take(claims):
        taken.append(first(claims))
        return taken[-1]

    split_compose = split.compose
    with (
        mock.patch.object(split, "compose", keep),
        mock.patch.object(pieces, "LaidPiece", wraps=pieces.LaidPiece) as made,
        mock.patch.object(forked.Worker, "receive", heard),
        mock.patch.object(forked.Claims, "first", take),
    ):
        two = build_once(content, out / "two")
    with mock.patch.dict(os.environ, {"PUBLISHER_NO_FORK": "1"}):
        one = build_once(content, out / "one")
    assert len(composed) == 1, "the book was not laid out on two cores"
    return two, one, composed[0][0].pages, made.call_count, sorted(replies[0]), [n for n in taken if n is not None]


def build_once(content: Path, out: Path) -> dict[str, bytes]:
    """The outputs' bytes, and what the build reported (as "diagnostics")."""
    diags = Diagnostics(root=content)
    paths = build(
        BuildOptions(content=content, out=out, formats=("pdf", "epub")), {"SOURCE_DATE_EPOCH": EPOCH}, diags
    ).paths
    assert not [d.format() for d in diags.items if d.severity == "error"]
    return {path.suffix: path.read_bytes() for path in paths} | {"diagnostics": [d.format() for d in diags.items]}


def test_two_cores_give_the_bytes_of_one(tmp_path: Path, built: Built) -> None:
    """Whichever process is quicker takes more articles: what holds whatever the schedule is
    checked, not how they were shared out."""
    two, one, pages, here, there, taken = built_both_ways(CONTENT, tmp_path)
    assert two == one
    assert two[".pdf"] == built.pdf.read_bytes()
    articles = len(built.book.articles)
    assert taken == list(range(len(taken))), "this process takes them from the first on"
    assert there == list(range(len(taken), articles)), "the other from the last back, the rest"
    assert here == 2 + len(taken) + 1, "the front matter twice, each article once, here or there, the back cover once"
    drawn = [page for page in pages if isinstance(page, DrawnPage)]
    assert len(pages) == 36 and pages[-1] not in drawn, "the back cover is laid out here, once its page is known"
    assert pages[-5] in drawn, "the last article's last page, before three blank pages and the back cover"
    assert len(drawn) > len(pages) // 2, "the articles' pages are drawn ahead, here or there"
    assert pages[0] in drawn, "and the front matter, the cover first (the e-book's cover image is made from it)"


@pytest.mark.parametrize("refused", [False, True])
def test_images_are_drawn_ahead_and_what_cannot_be_is_laid_out_here(tmp_path: Path, refused: bool) -> None:
    """The features book (two articles with a PNG) with an article without images after them; in
    the second run pages with images are taken for what cannot be drawn elsewhere (as an SVG image
    or a gradient is): their articles are laid out again where the PDF is written."""
    content = tmp_path / "features"
    shutil.copytree(FEATURES, content)
    (content / "03-plain.md").write_text(
        "---\ntitle: 无图\nauthor: 某人\n---\n\n" + "无图的文章。" * 400 + "\n", encoding="utf-8"
    )
    recordable = Drawer._not_recordable
    with mock.patch.object(
        Drawer, "_not_recordable", lambda drawer: "an image" if refused and drawer._images else recordable(drawer)
    ):
        two, one, pages, *_ = built_both_ways(content, tmp_path / "out")
    assert two == one
    drawn = {start[0] for page in pages if isinstance(page, DrawnPage) for start in page.content}
    here = {start[0] for page in pages if not isinstance(page, DrawnPage) for start in _content(page)}
    assert "03-plain" in drawn
    assert ("02-second" in here) == refused and ("02-second" in drawn) != refused


def _content(page) -> list:
    from publisher.render.pdf.engine.pagemap import page_content

    return list(page_content(page))


class Worker:
    """Stands in for the other process: its replies in turn, and what it was sent."""

    def __init__(self, *replies) -> None:
        self.replies, self.sent = iter(replies), []

    def receive(self):
        return next(self.replies)

    def send(self, message) -> None:
        self.sent.append(message)


class Claims:
    def __init__(self, mine: list[int]) -> None:
        self.mine = iter(mine)

    def first(self):
        return next(self.mine, None)

    def unclaimed(self) -> range:
        return range(1)


def not_drawn(document, fresh: bool) -> str:
    return "not drawn ahead in this test"


def names(document) -> list[str]:
    return [getattr(page, "name", "drawn") for page in document.pages]


def sheets(count: int, slug: str) -> tuple[Sheet, ...]:
    return tuple(Sheet(100, 100, {}, [], [], {}, ((slug, "p", "x"),)) for _ in range(count))


def drawings(count: int) -> list[Drawing]:
    return [Drawing(b"0 g", (), ()) for _ in range(count)]


def test_this_process_numbers_the_book_and_lays_out_what_the_other_cannot_draw() -> None:
    laid = Laid([5, 5])
    worker = Worker(
        {1: split.Laid(sheets(2, "b"), ()), 2: split.Laid(sheets(1, "c"), ())}, {1: drawings(2), 2: "an image"}
    )
    articles = [A("a", "a:3"), A("b", "b:2"), A("c", "c:1")]
    document, _ = split._this_side(worker, typesetter(laid), front_markup, articles, Claims([0]), "recto", not_drawn)
    # front 1–5, a 7–9 (6 blank), b 11–12 (10 blank, drawn there), c 13 (refused there, laid out here)
    assert worker.sent == [{1: 11, 2: 13}, None]
    assert names(document)[5:9] == ["blank verso", "a-7", "a-8", "a-9"]
    assert names(document)[9] == "blank verso" and names(document)[12] == "c-13"
    assert [type(p) for p in document.pages[10:12]] == [DrawnPage, DrawnPage]
    assert [p.drawing for p in document.pages[10:12]] == drawings(2)
    assert ("c:1", 13) in laid.calls and ("b:2", 11) not in laid.calls


def test_the_other_process_is_sent_new_numbers_when_the_front_matter_grows() -> None:
    laid = Laid([4, 5, 5])
    worker = Worker({1: split.Laid(sheets(1, "b"), ())}, {1: drawings(1)}, {1: drawings(1)})
    document, _ = split._this_side(
        worker, typesetter(laid), front_markup, [A("a", "a:2"), A("b", "b:1")], Claims([0]), "recto", not_drawn
    )
    # counted 4: a 5–6, b 7; laid out, the front matter takes 5: a 7–8 (6 blank), b 9
    assert worker.sent == [{1: 7}, {1: 9}, None]
    assert names(document)[5:8] == ["blank verso", "a-7", "a-8"] and isinstance(document.pages[8], DrawnPage)


def test_claims_are_handed_out_from_both_ends_until_they_meet() -> None:
    claims = forked.Claims(5)
    try:
        assert claims.unclaimed() == range(5)
        assert [claims.first(), claims.last(), claims.first()] == [0, 4, 1]
        assert claims.unclaimed() == range(2, 4)
        assert [claims.last(), claims.last(), claims.last(), claims.first()] == [3, 2, None, None]
        assert len(claims.unclaimed()) == 0
    finally:
        claims.close()


def test_claims_taken_in_one_process_are_taken_in_the_other() -> None:
    """The bounds are shared with a process forked after them: each side sees what the other took."""
    claims = forked.Claims(4)

    def other(channel: forked.Channel) -> None:
        while channel.receive() is not None:
            channel.reply((claims.last(), claims.unclaimed()))

    worker = forked.Worker(other)
    try:
        assert claims.first() == 0
        worker.send("take")
        assert worker.receive() == (3, range(1, 3))
        assert claims.unclaimed() == range(1, 3) and claims.first() == 1
        worker.send("take")
        assert worker.receive() == (2, range(2, 2))
        assert claims.first() is None
        worker.send(None)
    finally:
        worker.close()
        claims.close()


def test_claims_are_shared_out_once_each_from_both_ends() -> None:
    """Both processes take items as fast as they can: each item is taken once, by one of them."""
    claims = forked.Claims(2000)
    worker = forked.Worker(lambda channel: channel.reply(list(iter(claims.last, None))))
    try:
        here = list(iter(claims.first, None))
        there = worker.receive()
    finally:
        worker.close()
        claims.close()
    assert sorted(here + there) == list(range(2000))
    assert here == list(range(len(here))) and there == list(range(1999, len(here) - 1, -1))


def test_the_other_process_failing_is_an_error_here() -> None:
    def fail(channel: forked.Channel) -> None:
        assert channel.receive() == "go"
        raise ValueError("broken there")

    worker = forked.Worker(fail)
    try:
        worker.send("go")
        with pytest.raises(ValueError, match="broken there"):
            worker.receive()
    finally:
        worker.close()
    worker = forked.Worker(lambda channel: os._exit(3))
    try:
        with pytest.raises(RuntimeError, match="ended without a result"):
            worker.receive()
    finally:
        worker.close()


def test_this_process_leaves_the_last_articles_when_drawing_its_own_takes_as_long() -> None:
    articles = [A(str(i), "x" * 100) for i in range(30)]
    mine = dict.fromkeys(range(20))  # 2,000 characters laid out here: drawing them takes as long as laying out
    left = int(split.DRAWING * 2000) // 100  # this many articles
    assert split._enough(articles, mine, range(20, 20 + left))
    assert not split._enough(articles, mine, range(20, 21 + left))
    assert not split._enough(articles, {0: None}, range(1, 30))
    assert split._enough(articles, mine, range(20, 20))


def test_a_page_with_a_form_field_or_an_attachment_is_not_drawn_elsewhere() -> None:
    def page(forms=None, links=()):
        return SimpleNamespace(
            width=1, height=2, bleed={}, bookmarks=[], anchors={}, links=list(links), forms=forms or {None: []}
        )

    assert isinstance(sheet(page(), ()), Sheet)
    assert sheet(page(forms={None: ["input"]}), ()) == "a form field"
    assert sheet(page(forms={None: [], "form": []}), ()) == "a form field"
    assert sheet(page(links=[("attachment", "file:///x", (0, 0, 1, 1), None)]), ()) == "an attachment"
    kept = sheet(page(links=[("internal", "note-1", (0, 0, 1, 1), object())]), ())
    assert kept.links == [("internal", "note-1", (0, 0, 1, 1))], "the box stays behind"
