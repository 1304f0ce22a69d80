"""The e-book's package metadata: what the book is, and how it can be read (EPUB Accessibility 1.1).

Accessibility metadata states only what this build makes true: print page
numbers when the print edition has pages to point at, alternative text and
the WCAG conformance claim only when every image of the text has an ``alt``.
"""

from __future__ import annotations

from publisher import document as d
from publisher.render.job import RenderJob

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"
ALWAYS = ("structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability", "ARIA")
PAGES = ("printPageNumbers", "pageBreakMarkers", "pageNavigation")


def describe(book: object, job: RenderJob) -> None:
    """Dublin Core and accessibility metadata of ``book`` (an ebooklib ``EpubBook``)."""
    bibliographic(book, job)
    for name, value in accessibility(job):
        book.add_metadata(None, "meta", value, {"property": name})


def bibliographic(book: object, job: RenderJob) -> None:
    meta = job.book.meta
    book.set_identifier(meta.identifier)
    book.set_title(meta.title)
    book.set_language(meta.language)
    for index, person in enumerate(meta.contributors):
        book.add_author(person.name, role="edt" if person.role == "editor" else "aut", uid=f"creator{index}")
    book.add_metadata("DC", "date", meta.date or job.timestamp.strftime("%Y-%m-%d"))
    for name in ("publisher", "rights"):
        if getattr(meta, name):
            book.add_metadata("DC", name, getattr(meta, name))
    if meta.subtitle:
        book.add_metadata("DC", "description", meta.subtitle)


def accessibility(job: RenderJob) -> list[tuple[str, str]]:
    """The ``(property, value)`` pairs of the package's accessibility metadata."""
    epub = job.layout.epub
    images = [b for a in job.book.articles for b in d.article_blocks(a) if isinstance(b, d.Image)]
    described = all(image.alt.strip() for image in images)
    paged = bool(job.printed.edition.pages)
    modes = ["textual", "visual"] if images else ["textual"]
    sufficient = (["textual"] if described else []) + (["textual,visual"] if images else [])
    features = [*ALWAYS, *(PAGES if paged else ()), *(["alternativeText"] if images and described else [])]
    pairs = [("schema:accessMode", mode) for mode in modes]
    pairs += [("schema:accessModeSufficient", mode) for mode in sufficient]
    pairs += [("schema:accessibilityFeature", feature) for feature in features]
    pairs += [("schema:accessibilityHazard", "none"), ("schema:accessibilitySummary", epub.summary)]
    if described:
        pairs.append(("dcterms:conformsTo", CONFORMANCE))
    if paged:
        pairs.append(("pageBreakSource", epub.page_source.format(title=job.book.meta.title)))
    return pairs
