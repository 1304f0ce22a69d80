"""Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by Selenium, for the tests
that open the web edition as a reader does, and axe-core's accessibility check in it.

Nothing is downloaded: Selenium is given the system's browser and driver, so its own manager never
runs. Each browser has a fresh profile in the test's folder.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from tests.helpers import PROJECT

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)
AXE = PROJECT / ".venv" / "ace" / "node_modules" / "@daisy" / "axe-core-for-ace" / "axe.min.js"
"""axe-core as Ace by DAISY bundles it (``tests/ace/package-lock.json``; ``make test`` installs it)."""
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARTIFACTS = PROJECT / "build" / "test-artifacts" / "web"
"""Where the browser tests leave their screenshots, for a person to look at."""
T = TypeVar("T")


@contextmanager
def chromium(work: Path) -> Iterator[object]:
    """A Selenium driver of a headless Chromium with a profile of its own in ``work``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    assert browser and driver_path, "no Chromium: apt-get install chromium chromium-driver (scripts/system-deps.sh)"
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*FLAGS, f"--user-data-dir={work / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        yield driver
    finally:
        driver.quit()


def phone(driver: object) -> None:
    """A phone's viewport: 390 × 844 CSS pixels, as a touch device."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
    )


def colour_scheme(driver: object, scheme: str) -> None:
    """What the page's ``prefers-color-scheme`` media query sees: ``light`` or ``dark``."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]}
    )


def screenshot(driver: object, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def eventually(check: Callable[[], T], seconds: float = 20, what: str = "the page") -> T:
    """The first true value ``check`` returns, asked again until ``seconds`` have passed (then it fails)."""
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"{what}: still {value!r} after {seconds} s"
        time.sleep(0.1)


def axe_violations(driver: object) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the open page, one line each (rule, impact, elements)."""
    assert AXE.is_file(), f"axe-core is not in {AXE.parent}: `make test` installs Ace by DAISY, which has it"
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(r.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))])))"
        ".catch(e => done([['axe-error', String(e), []]]));",
        WCAG_AA,
    )
    return [f"{rule} ({impact}): {', '.join(nodes[:5])}" for rule, impact, nodes in result]
