"""The distributions installed beside the package, with their versions, from one listing of site-packages.

``importlib.metadata`` reads every distribution's metadata to answer (~25 ms for a dozen names
on every build, no-op builds included); the names of the ``*.dist-info`` folders
(``weasyprint-70.0.dist-info``) say the same for what a build needs to know.
"""

from __future__ import annotations

import os
import sysconfig


def dist_infos() -> list[str]:
    """The ``*.dist-info`` folder names of site-packages, sorted."""
    folders = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    return sorted(
        name
        for folder in folders
        if folder and os.path.isdir(folder)
        for name in os.listdir(folder)
        if name.endswith(".dist-info")
    )


def versions() -> dict[str, str]:
    """Each installed distribution's version, by its name in lower case (``{"weasyprint": "70.0"}``)."""
    found = {}
    for folder in dist_infos():
        name, _, version = folder.removesuffix(".dist-info").partition("-")
        found[name.lower().replace("_", "-")] = version
    return found
