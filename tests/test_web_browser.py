"""The web edition in a real browser (headless Chromium): the contents, the search, dark mode, a
phone, the print page anchors, and axe-core's WCAG 2.1 AA check. Screenshots are left in
build/test-artifacts/web/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from publisher.build.pipeline import BuildOptions, build
from publisher.diagnostics import Diagnostics
from tests.browser import axe_violations, chromium, colour_scheme, eventually, phone, screenshot
from tests.helpers import EPOCH, PROJECT, Built

WORD = "劳模"
"""A two-character word of the default book (劳动模范), in several of its articles."""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with chromium(tmp_path_factory.mktemp("chromium")) as driver:
        yield driver


@pytest.fixture
def driver(browser: object) -> Iterator[object]:
    """The browser as a reader's desktop has it: light, 1280 × 900."""
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    colour_scheme(browser, "light")
    yield browser


def url(built: Built, name: str) -> str:
    return (built.web / name).as_uri()


def luminance(colour: str) -> float:
    """The relative luminance of a computed ``rgb(…)`` colour (WCAG's formula)."""
    values = [int(v) / 255 for v in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
    linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_contents_beside_an_article_lead_to_every_article(driver: object, built: Built) -> None:
    articles = built.book.articles
    driver.get(url(built, f"{articles[0].slug}.html"))
    contents = driver.find_element("id", "contents")
    assert contents.is_displayed()
    assert not driver.find_element("css selector", ".contents-toggle").is_displayed()
    links = contents.find_elements("tag name", "a")
    assert [link.text.replace("\n", "").replace(" ", "") for link in links] == [
        a.title.replace(" ", "") for a in articles
    ]
    links[3].click()
    eventually(lambda: driver.current_url.endswith(f"{articles[3].slug}.html"), what="the fourth article")
    current = driver.find_element("css selector", "#contents a[aria-current='page']")
    assert current.get_attribute("href").endswith(f"{articles[3].slug}.html")
    driver.find_element("css selector", "a[rel='next']").click()
    eventually(lambda: driver.current_url.endswith(f"{articles[4].slug}.html"), what="the next article")
    screenshot(driver, "article")


def test_a_search_for_a_two_character_word_finds_its_articles_and_highlights_it(driver: object, built: Built) -> None:
    driver.get(url(built, "index.html"))
    driver.find_element("id", "search-query").send_keys(WORD)
    panel = driver.find_element("id", "search-results")
    results = eventually(lambda: panel.find_elements("css selector", "li a"), what="the search results")
    having = {
        a.title
        for a in built.book.articles
        if WORD in built.web_page(f"{a.slug}.html").find(".//main/section").text_content()
    }
    assert len(having) > 1 and {result.text for result in results} == having
    assert {mark.text for mark in panel.find_elements("tag name", "mark")} == {WORD}
    screenshot(driver, "search")
    first = results[0].text
    results[0].click()
    marks = eventually(lambda: driver.find_elements("css selector", "main section mark"), what="the highlights")
    assert {mark.text for mark in marks} == {WORD}
    assert driver.find_element("css selector", "main h1").text.replace("\n", "").replace(" ", "") == first.replace(
        " ", ""
    )
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", marks[0])
    assert 0 <= top <= driver.execute_script("return innerHeight"), "the first highlight is in view"
    screenshot(driver, "search-highlighted")


def test_a_search_finds_nothing_for_what_the_book_does_not_say(driver: object, built: Built) -> None:
    driver.get(url(built, "index.html"))
    driver.find_element("id", "search-query").send_keys("量子计算机")
    panel = driver.find_element("id", "search-results")
    eventually(lambda: panel.is_displayed(), what="the search panel")
    assert panel.find_elements("tag name", "li") == []
    assert panel.text == "没有找到"


def test_dark_mode_follows_the_readers_system(driver: object, built: Built) -> None:
    page = url(built, f"{built.book.articles[1].slug}.html")
    driver.get(page)
    light = driver.execute_script("return getComputedStyle(document.documentElement).backgroundColor")
    colour_scheme(driver, "dark")
    driver.get(page)
    dark = driver.execute_script("return getComputedStyle(document.documentElement).backgroundColor")
    text = driver.execute_script("return getComputedStyle(document.querySelector('main p')).color")
    assert luminance(light) > 0.8 and luminance(dark) < 0.05 and luminance(text) > 0.6
    screenshot(driver, "dark")


def test_on_a_phone_the_contents_are_behind_a_button(driver: object, built: Built) -> None:
    phone(driver)
    driver.get(url(built, f"{built.book.articles[2].slug}.html"))
    contents = driver.find_element("id", "contents")
    toggle = driver.find_element("css selector", ".contents-toggle")
    assert toggle.is_displayed() and not contents.is_displayed()
    assert driver.execute_script("return document.documentElement.scrollWidth <= innerWidth"), "no sideways scroll"
    screenshot(driver, "phone")
    toggle.click()
    assert contents.is_displayed() and toggle.get_attribute("aria-expanded") == "true"
    screenshot(driver, "phone-contents")
    toggle.click()
    assert not contents.is_displayed() and toggle.get_attribute("aria-expanded") == "false"


def test_a_printed_page_number_leads_to_its_place_from_any_page(driver: object, built: Built) -> None:
    number, slug = next(_page_starts(built))
    driver.get(url(built, "index.html") + f"#page-{number}")
    eventually(lambda: driver.current_url.endswith(f"{slug}.html#page-{number}"), what="the page's article")
    assert driver.find_element("id", f"page-{number}").get_attribute("aria-label") == str(number)


def _page_starts(built: Built) -> Iterator[tuple[int, str]]:
    """(page, article slug) of the printed pages that start inside an article after its first page."""
    for article in built.book.articles[1:]:
        page = built.web_page(f"{article.slug}.html")
        for element in page.iter():
            if (element.get("id") or "").startswith("page-"):
                yield int(element.get("id")[5:]), article.slug


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_index_and_an_article_have_no_wcag_aa_violation(driver: object, built: Built, scheme: str) -> None:
    colour_scheme(driver, scheme)
    for name in ("index.html", f"{built.book.articles[0].slug}.html"):
        driver.get(url(built, name))
        assert axe_violations(driver) == [], f"{name} ({scheme})"


def test_the_site_works_from_its_files_alone(driver: object, built: Built) -> None:
    """Opened from the disk, with no server: the search index and the fonts load."""
    driver.get(url(built, "index.html"))
    assert driver.execute_script("return window.publisherSearch.articles.length") == len(built.book.articles)
    faces = driver.execute_async_script(
        "const done = arguments[0];"
        "document.fonts.ready.then(() => done([...document.fonts].filter(f => f.status === 'loaded').length))"
    )
    assert faces >= 1, "the book's own faces are loaded"


def test_axe_reports_a_violation_when_there_is_one(driver: object, built: Built) -> None:
    driver.get(url(built, "index.html"))
    driver.execute_script("document.documentElement.removeAttribute('lang')")
    assert {line.split()[0] for line in axe_violations(driver)} >= {"html-has-lang"}


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook's web edition: a book in parts, with an image."""
    content = PROJECT / "examples" / "handbook"
    diags = Diagnostics(root=content)
    options = BuildOptions(
        content=content, out=tmp_path_factory.mktemp("handbook"), formats=("html",), root=content.parent
    )
    (folder,) = build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths
    return folder


def test_the_sample_handbook_searches_and_has_no_wcag_aa_violation(driver: object, handbook: Path) -> None:
    driver.get((handbook / "index.html").as_uri())
    assert axe_violations(driver) == [], "index.html"
    driver.find_element("id", "search-query").send_keys("会员")
    results = eventually(lambda: driver.find_elements("css selector", "#search-results li a"), what="the results")
    assert len(results) == 3
    results[0].click()
    eventually(lambda: driver.find_elements("css selector", "main section mark"), what="the highlights")
    assert axe_violations(driver) == [], driver.current_url
    screenshot(driver, "handbook-search")
