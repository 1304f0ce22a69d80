"""Accessibility: EPUB Accessibility 1.1 metadata that matches the book, and semantic markup."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from lxml import etree

from publisher.build.pipeline import BuildOptions, prepare
from publisher.diagnostics import Diagnostics
from publisher.document import Image, article_blocks
from publisher.render.epub.metadata import CONFORMANCE, accessibility
from publisher.render.printed import PageStart, PrintEdition, PrintLayout
from publisher.sources.book import read_book
from tests.helpers import FEATURES, NS, Built

EPUB_TYPE = f"{{{NS['epub']}}}type"


@pytest.fixture(scope="module")
def opf(built: Built) -> etree._Element:
    return etree.fromstring(built.epub_file("EPUB/content.opf").encode())


def values(opf: etree._Element, prop: str) -> list[str]:
    return [meta.text for meta in opf.iterfind(f".//opf:meta[@property='{prop}']", NS)]


def document(built: Built, name: str) -> etree._Element:
    return etree.fromstring(built.epub_file(f"EPUB/{name}").encode())


def test_access_modes_and_hazards(opf: etree._Element) -> None:
    assert values(opf, "schema:accessMode") == ["textual"]
    assert values(opf, "schema:accessModeSufficient") == ["textual"]
    assert values(opf, "schema:accessibilityHazard") == ["none"]
    assert len(values(opf, "schema:accessibilitySummary")[0]) > 40


def test_features_are_the_ones_the_book_has(opf: etree._Element, built: Built) -> None:
    features = set(values(opf, "schema:accessibilityFeature"))
    assert {
        "tableOfContents",
        "readingOrder",
        "structuralNavigation",
        "printPageNumbers",
        "pageBreakMarkers",
        "pageNavigation",
        "displayTransformability",
    } <= features
    nav = document(built, "nav.xhtml")
    assert nav.find(".//x:nav[@epub:type='toc']//x:a", NS) is not None
    assert nav.find(".//x:nav[@epub:type='page-list']//x:a", NS) is not None
    assert "alternativeText" not in features, "the default book has no image in its text"


def test_conformance_claim(opf: etree._Element) -> None:
    assert values(opf, "dcterms:conformsTo") == [CONFORMANCE]


def test_semantics_of_front_and_body_matter(built: Built) -> None:
    cover = document(built, "cover.xhtml")
    assert cover.find(".//x:section", NS).get(EPUB_TYPE) == "cover"
    assert cover.find(".//x:img", NS).get("role") == "doc-cover"
    assert document(built, "titlepage.xhtml").find(".//x:section", NS).get(EPUB_TYPE) == "frontmatter titlepage"
    toc = document(built, "nav.xhtml").find(".//x:nav[@epub:type='toc']", NS)
    assert toc.get("role") == "doc-toc"
    for article in built.book.articles:
        section = document(built, f"{article.slug}.xhtml").find(".//x:section", NS)
        assert (section.get(EPUB_TYPE), section.get("role")) == ("bodymatter chapter", "doc-chapter")


@pytest.fixture(scope="module")
def features_job():
    """The fixture book ready to render, with a print edition of one page (nothing is typeset)."""
    diags = Diagnostics(root=FEATURES)
    job = prepare(read_book(FEATURES, diags), BuildOptions(content=FEATURES, out=FEATURES), {}, diags)
    edition = PrintEdition((PageStart(7, "01-features", "kicker", 0),), b"")
    return dataclasses.replace(job, printed=PrintLayout(None, edition))


def test_images_with_alternative_text(features_job) -> None:
    pairs = accessibility(features_job)
    assert [v for k, v in pairs if k == "schema:accessMode"] == ["textual", "visual"]
    assert [v for k, v in pairs if k == "schema:accessModeSufficient"] == ["textual", "textual,visual"]
    assert ("schema:accessibilityFeature", "alternativeText") in pairs
    assert ("dcterms:conformsTo", CONFORMANCE) in pairs


def test_an_image_without_alternative_text_withdraws_the_claims(features_job) -> None:
    job = copy.deepcopy(features_job)
    next(b for b in article_blocks(job.book.articles[0]) if isinstance(b, Image)).alt = ""
    pairs = accessibility(job)
    assert [v for k, v in pairs if k == "schema:accessModeSufficient"] == ["textual,visual"]
    assert ("schema:accessibilityFeature", "alternativeText") not in pairs
    assert not [v for k, v in pairs if k == "dcterms:conformsTo"]


def test_no_print_pages_no_page_claims(features_job) -> None:
    job = dataclasses.replace(features_job, printed=PrintLayout(None, PrintEdition((), b"")))
    names = {v for k, v in accessibility(job) if k == "schema:accessibilityFeature"}
    assert not names & {"printPageNumbers", "pageBreakMarkers", "pageNavigation"}
    assert "pageBreakSource" not in {k for k, _ in accessibility(job)}
