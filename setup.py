"""The one build step pyproject.toml cannot say: the built-in layouts and fonts, and the pinned
requirements, are package data taken from the repository's top level.

A checkout keeps one copy of each in git, ``layouts/``, ``fonts/`` and ``requirements.txt``, where
the maintainers edit them; a built package carries them as ``publisher/data/``, copied into the
wheel when it is built (``publisher/resources.py`` looks there first, then at the checkout). The
sdist carries the top-level folders (``MANIFEST.in``), so a wheel built from it has them too. An
editable install copies nothing: the package then finds the checkout's own folders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA = Path("publisher", "data")

MAINTAINER_ONLY = {Path("fonts", "rebuild.py")}
"""Not shipped: the script that cuts the committed font subsets from Debian's fonts, for maintainers
in a checkout (it needs the source fonts, fetched with apt-get); the sdist keeps it as source."""


def package_data() -> list[Path]:
    """What ``publisher/data/`` holds, relative to the repository: every file of the layouts and the
    fonts but maintainer scripts and what Python or an editor leaves behind, and the pins."""
    found = [Path("requirements.txt")]
    for folder in ("layouts", "fonts"):
        for path in sorted((ROOT / folder).rglob("*")):
            name = path.relative_to(ROOT)
            if path.is_file() and name not in MAINTAINER_ONLY and not _left_behind(name):
                found.append(name)
    return found


def _left_behind(name: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in name.parts) or name.suffix == ".pyc"


class BuildWithData(build_py):
    """``build_py`` that also copies :func:`package_data` to ``publisher/data/`` in the build folder."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib, DATA)
        shutil.rmtree(target, ignore_errors=True)  # a file removed from the checkout must not linger
        for name in package_data():
            self.mkpath(str((target / name).parent))
            self.copy_file(str(ROOT / name), str(target / name), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        if self.editable_mode:
            return outputs
        return [*outputs, *(str(Path(self.build_lib, DATA, name)) for name in package_data())]


setup(cmdclass={"build_py": BuildWithData})
