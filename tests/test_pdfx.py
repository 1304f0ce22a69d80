"""PDF/X-4 and PDF/X-1a: what a print shop's preflight looks for, read in the default book's files as
written (no veraPDF here): the output intent and its CMYK profile, the PDF/X version keys, the
cover painted in CMYK and nothing in RGB, the trim and bleed boxes, every font embedded, and no
transparency in an X-1a."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageCms
from pypdf import PdfReader
from pypdf.generic import ContentStream

from publisher.build.pipeline import BuildOptions, build
from publisher.cli.main import EXIT_CONTENT, EXIT_OK
from publisher.diagnostics import Diagnostics
from publisher.render.pdf.press import PressOptions
from tests.helpers import CONTENT, EPOCH, FEATURES, PROJECT, Built, make_content, snapshot
from tests.helpers import build as run

BLEED_PT = 3 * 72 / 25.4
COVER_CMYK = [0, 0.84, 0.84, 0.35]
"""The booklet's cover, cmyk: [0, 84, 84, 35] in layout.yaml."""


@pytest.fixture(scope="module", params=["pdf/x-4", "pdf/x-1a"])
def press_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("pdfx")
    diags = Diagnostics(root=CONTENT)
    press = PressOptions(bleed_mm=3, pdf_variant=request.param)
    (pdf,) = build(BuildOptions(content=CONTENT, out=out, formats=("pdf",), press=press), {"SOURCE_DATE_EPOCH": EPOCH},
                   diags).paths  # fmt: skip
    assert [d.format() for d in diags.items] == []
    return request.param, pdf


def operations(reader: PdfReader, stream: object) -> list[tuple[list, bytes]]:
    return ContentStream(stream, reader).operations


def drawn_forms(reader: PdfReader, resources: object, seen: set) -> list:
    """Every form XObject a page draws, and those they draw."""
    found = []
    for reference in ((resources or {}).get("/XObject") or {}).values():
        xobject = reference.get_object()
        if reference.idnum not in seen and xobject.get("/Subtype") == "/Form":
            seen.add(reference.idnum)
            found += [xobject, *drawn_forms(reader, xobject.get("/Resources"), seen)]
    return found


def test_output_intent_names_a_cmyk_profile_it_embeds(press_file: tuple[str, Path]) -> None:
    _, pdf = press_file
    intents = PdfReader(pdf).trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFX" and "ISO Coated v2" in intent["/OutputConditionIdentifier"]
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4
    icc = ImageCms.ImageCmsProfile(io.BytesIO(profile.get_data()))
    assert icc.profile.xcolor_space.strip() == "CMYK" and icc.profile.device_class == "prtr"


def test_pdf_x_version_keys(press_file: tuple[str, Path]) -> None:
    variant, pdf = press_file
    reader = PdfReader(pdf)
    info = reader.trailer["/Info"]
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    version = {"pdf/x-4": "PDF/X-4", "pdf/x-1a": "PDF/X-1a:2003"}[variant]
    assert f"<pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>" in xmp
    assert info["/Trapped"] == "/False" and info["/Title"]
    if variant == "pdf/x-1a":  # PDF/X-1a and X-3 also name it in the document information
        assert info["/GTS_PDFXVersion"] == version and reader.pdf_header == "%PDF-1.4"
    else:
        assert "/GTS_PDFXVersion" not in info and reader.pdf_header == "%PDF-1.6"


def test_cover_is_painted_in_cmyk_and_nothing_in_rgb(press_file: tuple[str, Path]) -> None:
    _, pdf = press_file
    reader = PdfReader(pdf)
    cover = operations(reader, reader.pages[0].get_contents())
    fills = [index for index, (args, op) in enumerate(cover) if op == b"scn" and [float(a) for a in args] == COVER_CMYK]
    assert fills, "the cover's background in its CMYK"
    spaces = [args[0] for args, op in cover[: fills[0]] if op == b"cs"]
    assert spaces[-1] == "/DeviceCMYK"
    for number, page in enumerate(reader.pages, 1):
        streams = [page.get_contents(), *drawn_forms(reader, page["/Resources"], set())]
        ops = [(args, op) for stream in streams if stream is not None for args, op in operations(reader, stream)]
        assert not [op for _, op in ops if op in (b"rg", b"RG")], f"page {number} paints in RGB"
        assert all(args[0] != "/DeviceRGB" for args, op in ops if op in (b"cs", b"CS")), f"page {number}"
        assert all(op not in (b"g", b"G") or args == [0] for args, op in ops), f"page {number}"
    red, green, blue = pdfium.PdfDocument(pdf)[0].render(scale=0.2).to_pil().convert("RGB").getpixel((40, 40))
    assert red > green + 50 and red > blue + 50, "a red cover, as a viewer shows it"


def test_trim_and_bleed_boxes_on_every_page(press_file: tuple[str, Path]) -> None:
    _, pdf = press_file
    for page in PdfReader(pdf).pages:
        media = [float(v) for v in page.mediabox]
        assert [float(v) for v in page.bleedbox] == media
        trim = [float(v) for v in page.trimbox]
        inset = [media[0] + BLEED_PT, media[1] + BLEED_PT, media[2] - BLEED_PT, media[3] - BLEED_PT]
        assert trim == pytest.approx(inset, abs=0.01)


def test_every_font_is_embedded(press_file: tuple[str, Path]) -> None:
    _, pdf = press_file
    rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len(rows) >= 3
    for row in rows:
        assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row).group(1) == "yes", row


def test_no_transparency_in_pdf_x_1a(press_file: tuple[str, Path]) -> None:
    variant, pdf = press_file
    if variant != "pdf/x-1a":
        return
    reader = PdfReader(pdf)
    for number, page in enumerate(reader.pages, 1):
        resources = page["/Resources"]
        groups = [node for node in (page, *drawn_forms(reader, resources, set())) if "/Group" in node]
        assert [g["/Group"].get("/S") for g in groups if g["/Group"].get("/S") == "/Transparency"] == [], number
        for state in (resources.get("/ExtGState") or {}).values():
            state = state.get_object()
            assert state.get("/SMask", "/None") == "/None", number
            assert float(state.get("/ca", 1)) == 1 and float(state.get("/CA", 1)) == 1, number


def test_an_rgb_image_or_colour_is_refused_with_its_page(tmp_path: Path) -> None:
    """The features book shows a PNG in RGB; its layout, copied, gives the text colour in RGB alone: a PDF/X-1a
    of it is refused, each problem with its pages and what to do, and nothing is written."""
    root = tmp_path / "book"
    shutil.copytree(FEATURES, root / "content")
    shutil.copytree(PROJECT / "layouts" / "booklet", root / "layouts" / "booklet")
    settings = root / "layouts" / "booklet" / "layout.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"\n  text: .*\n.*\n.*\n", '\n  text: "#000000"\n', text), "utf-8")
    result = run(root / "content", "--pdf-variant", "pdf/x-1a", fmt="pdf", out=tmp_path / "out")
    assert result.code == EXIT_CONTENT and "nothing was written" in result.err
    assert snapshot(tmp_path / "out") == {}, "only the build's cache of pure results"
    found = {d.message.split(" (")[0]: d for d in result.diags if d.code == "pdf-x"}
    assert sorted(found) == ["the PDF/X-1a file holds a colour in RGB", "the PDF/X-1a file holds an RGB image"]
    assert {(d.file, d.line, d.severity) for d in found.values()} == {("layouts/booklet/print.css.j2", 0, "error")}
    image = found["the PDF/X-1a file holds an RGB image"].message
    assert re.search(r"\(pages? \d", image) and "convert the image to CMYK" in image
    assert "(pages 3, " in found["the PDF/X-1a file holds a colour in RGB"].message, "the title page on"


def test_transparency_is_refused_in_pdf_x_1a_only(tmp_path: Path) -> None:
    """A layout that makes the contents' title translucent: a PDF/X-4 may hold that, a PDF/X-1a may not."""
    content = make_content(tmp_path)
    shutil.copytree(PROJECT / "layouts" / "booklet", tmp_path / "layouts" / "booklet")
    with (tmp_path / "layouts" / "booklet" / "print.css.j2").open("a", encoding="utf-8") as css:
        css.write(".toc-title { opacity: 0.5; }\n")
    assert run(content, "--pdf-variant", "pdf/x-4", fmt="pdf", out=tmp_path / "x-4").code == EXIT_OK
    result = run(content, "--pdf-variant", "pdf/x-1a", fmt="pdf", out=tmp_path / "x-1a")
    assert result.code == EXIT_CONTENT
    found = sorted(d.message.split(" (")[0] for d in result.diags)
    assert found == ["the PDF/X-1a file holds a transparency group", "the PDF/X-1a file holds transparency"]
    assert all("remove opacity" in d.message and "PDF/X-4" in d.message for d in result.diags)


def test_a_pdf_x_build_is_reproducible_and_its_e_book_that_of_any_build(built: Built, tmp_path: Path) -> None:
    """The same sources give the same PDF/X in another folder; the e-book's cover is drawn in the layout's
    screen colours, not the press's CMYK, so the EPUB's bytes do not depend on the PDF variant."""
    made = []
    for folder in ("one", "two"):
        content = tmp_path / folder / "content"
        shutil.copytree(CONTENT, content)
        diags = Diagnostics(root=content)
        options = BuildOptions(content=content, out=tmp_path / folder / "out", formats=("pdf", "epub"),
                               press=PressOptions(pdf_variant="pdf/x-1a"))  # fmt: skip
        made.append(build(options, {"SOURCE_DATE_EPOCH": EPOCH}, diags).paths)
        assert [d.format() for d in diags.items] == []
    (pdf, epub), (again, _) = made
    assert pdf.read_bytes() == again.read_bytes()
    assert epub.read_bytes() == built.epub.read_bytes()
