"""``publisher diff``: a late correction reviewed as a print shop does — which pages changed, which only
moved, where articles now start, a picture of each changed page — for two PDFs or a git revision."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from publisher.build.pipeline import BuildOptions, build
from publisher.cli.main import main
from publisher.diagnostics import Diagnostics
from tests.helpers import CONTENT, EPOCH

ARTICLE = "06-ma-lu.md"
SLUG = "gonghui-gaozhiliang-fazhan"


def run(*argv: str, environ: dict | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def printed(content: Path, out: Path) -> Path:
    build(BuildOptions(content=content, out=out, formats=("pdf",)), {"SOURCE_DATE_EPOCH": EPOCH}, Diagnostics())
    return out / f"{SLUG}.pdf"


def edited(tmp_path: Path, name: str, change) -> Path:
    """A copy of the default book with ``change`` applied to the text of one article."""
    content = tmp_path / name / "content"
    shutil.copytree(CONTENT, content)
    article = content / ARTICLE
    text = article.read_text(encoding="utf-8")
    body = text.index("\n---\n", 4) + 5
    article.write_text(text[:body] + change(text[body:]), encoding="utf-8")
    return content


def one_character(body: str) -> str:
    i = body.index("职工", 200)
    return body[:i] + "员" + body[i + 1 :]


def sentences(body: str) -> str:
    i = body.index("。", body.index("职工", 200)) + 1
    # pages enough to fill the blank pages before the back cover, and more
    return body[:i] + "这一句是校对时后加的，它把后面的行推到下一页。" * 180 + body[i:]


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return printed(CONTENT, tmp_path_factory.mktemp("before"))


def test_a_one_character_fix_changes_one_page_and_moves_nothing(before: Path, tmp_path: Path) -> None:
    after = printed(edited(tmp_path, "fix", one_character), tmp_path / "out")
    code, out, _ = run("diff", str(before), str(after), "-o", str(tmp_path / "pictures"), "--format", "json")
    found = json.loads(out)
    assert code == 1 and found["changed"] and not found["reflowed"]
    [page] = found["pages"]
    assert page["kind"] == "text changed" and page["was"] is None and found["articles"] == []
    with Image.open(page["picture"]) as picture:
        assert picture.width > 1.35 * picture.height, "old and new side by side (an A5 page is 0.7 as wide as high)"
    assert run("diff", str(before), str(after), "-o", str(tmp_path / "p2"), "--fail-on", "reflow")[0] == 0


def test_sentences_that_push_lines_over_are_a_reflow(before: Path, tmp_path: Path) -> None:
    after = printed(edited(tmp_path, "more", sentences), tmp_path / "out")
    code, out, _ = run("diff", str(before), str(after), "-o", str(tmp_path / "pictures"))
    assert code == 1
    assert run("diff", str(before), str(after), "-o", str(tmp_path / "p2"), "--fail-on", "reflow")[0] == 1
    summary = re.search(r"(\d+) of (\d+) → (\d+) pages changed, from page (\d+) on", out)
    assert summary is not None, out
    shifts = re.search(r"page\(s\) now print what was on another page: (\d+) → (\d+)", out)
    assert shifts is not None and int(shifts[2]) > int(shifts[1]), "the first shifted page and where it went"
    moved = re.findall(r"^\| (.+?) \| (\d+) \| (\d+) \|$", out, flags=re.M)
    assert moved and all(int(new) > int(old) for _, old, new in moved), "articles after the change start later"
    rows = re.findall(r"^\| (\d+) \| (text changed|reflowed|added|drawing changed) \|.*\]\((.+?)\) \|$", out, re.M)
    assert {kind for _, kind, _ in rows} >= {"text changed", "reflowed", "added"}
    assert all(Path(picture).is_file() for _, _, picture in rows), "a picture of every changed page"


def test_nothing_changed_is_exit_0(before: Path, tmp_path: Path) -> None:
    again = printed(CONTENT, tmp_path / "again")
    code, out, _ = run("diff", str(before), str(again), "-o", str(tmp_path / "pictures"))
    assert code == 0 and "No page changed" in out and not (tmp_path / "pictures").exists()


def test_the_book_at_a_revision_against_the_working_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--base REV``: the revision built in a worktree of its own, the working tree as it is; the summary
    also goes to the Actions step summary."""
    repository = tmp_path / "book"
    shutil.copytree(CONTENT, repository / "content")
    for command in (
        ["init", "-q"],
        ["add", "."],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one"],
    ):
        subprocess.run(["git", *command], cwd=repository, check=True)
    article = repository / "content" / ARTICLE
    text = article.read_text(encoding="utf-8")
    body = text.index("\n---\n", 4) + 5
    article.write_text(text[:body] + one_character(text[body:]), encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(repository)
    code, out, err = run("diff", "--base", "HEAD")
    assert code == 1, err
    assert "### Print edition: HEAD → this change" in out and "1 of 36 pages changed" in out
    assert summary.read_text(encoding="utf-8") == out
    pictures = [p.name for p in (repository / "build" / "diff").iterdir()]
    assert pictures == re.findall(r"page-\d+\.png", out)
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=repository, capture_output=True, text=True).stdout
    assert len(worktrees.splitlines()) == 1, "the revision's worktree is gone"


def test_wrong_inputs_are_told(tmp_path: Path) -> None:
    not_pdf = tmp_path / "a.pdf"
    not_pdf.write_text("no", encoding="utf-8")
    code, _, err = run("diff", str(not_pdf), str(not_pdf))
    assert code == 2 and "not a readable PDF" in err
    assert run("diff", str(not_pdf))[0] == 2
    code, _, err = run("diff", "--base", "no-such-revision", str(tmp_path / "content"))
    assert code == 2 and "publisher: error:" in err and "Traceback" not in err
