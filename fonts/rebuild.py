#!/usr/bin/env python3
"""Regenerate the four committed fonts in this folder.

The publisher build only ever uses the font files committed next to this
script; it never looks at fonts installed on the machine.  This script is
only needed to *reproduce* (or deliberately refresh) those files.

Inputs: the original font files from Debian bookworm (all SIL OFL 1.1).
Fetch and unpack them without installing anything system-wide:

    mkdir -p /tmp/fontsrc && cd /tmp/fontsrc
    apt-get update
    # the versions used for the committed files (see manifest.yaml):
    apt-get download fonts-noto-cjk=1:20220127+repack1-1 \\
        fonts-noto-cjk-extra=1:20220127+repack1-1 fonts-lxgw-wenkai=1.250+repack-1
    for d in *.deb; do dpkg -x "$d" root; done

Then (fontTools is the only dependency; use the version the project pins,
``pip install fonttools==4.68.0``, as another version may write other bytes):

    python fonts/rebuild.py \\
        /tmp/fontsrc/root/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc \\
        /tmp/fontsrc/root/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc \\
        /tmp/fontsrc/root/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf \\
        /tmp/fontsrc/root/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \\
        --check

(NotoSerifCJK-Regular.ttc and NotoSansCJK-Regular.ttc come from
fonts-noto-cjk, NotoSerifCJK-Bold.ttc from fonts-noto-cjk-extra,
LXGWWenKai-Regular.ttf from fonts-lxgw-wenkai.)

What it does, for each font:
  * from a .ttc, take the Simplified Chinese member (name ID 1 ==
    "Noto Serif CJK SC", or "Noto Sans Mono CJK SC" for the code face);
  * keep every code point the source face maps (its whole cmap: for Noto
    CJK ~44,700 code points, all of CJK Extension A and ~2,000 of Extension
    B; for LXGW WenKai ~28,900), with fontTools' subsetter, keeping the CJK
    layout features (halt, vhal, palt, vpal, kern, vkrn, locl, vert, vrt2,
    liga, ...), every name-table record, and a .notdef outline; CFF hints
    are dropped (--no-hinting) to save space (PDF/EPUB are scaled output);
  * OpenType layout is limited to the default and Simplified Chinese (ZHS)
    language systems, so the glyphs that only the `locl` forms for
    JAN/KOR/ZHT/ZHH reach are left out (a third of a Noto CJK face);
  * the cmap sends the Chinese punctuation listed in FULLWIDTH to its
    full-width (1 em) glyph, see below;
  * the glyphs are put in order of use: those of GB 2312 and the common
    punctuation, symbol and Latin ranges (COMMON_RANGES) first, then those no
    code point maps (layout forms), the rest of GBK, and the rarer characters
    last; see common_first() (a PDF embeds a face up to the highest glyph ID
    the book uses);
  * head.modified is pinned to the source font's value, so the output is
    byte-for-byte reproducible.

Full-width punctuation.  Chinese sets “ ” ‘ ’ one em wide, …… two em with the
dots centred, —— as one unbroken two-em rule (GB/T 15834, W3C CLReq).  Noto
Serif CJK SC already maps “ ” ‘ ’ … to those forms, but maps U+2014 to a
proportional, low Western dash and U+00B7 to a proportional dot; its
full-width forms are reached only through `locl` (ZHS) or `fwid`, which
only helps where the renderer tags the run as Chinese.  So after subsetting,
for each code point in FULLWIDTH whose cmap glyph is narrower than one em,
the cmap is pointed at the glyph that the ZHS `locl` (or else `fwid`)
single substitution gives, if that glyph is exactly one em wide; otherwise it
is left alone.  Only the cmap changes (no glyph, metric or layout table), so
the text a PDF or EPUB carries is unchanged.  Two remapped U+2014 still meet
the font's `ccmp` ligature, which sets them as one centred two-em rule.
LXGW WenKai has no `fwid`/`locl` and no full-width quotes, so nothing in it
is remapped (its quotes stay 350 units wide).  The script prints each
code point's advance before/after.

LXGW WenKai is renamed.  Its licence (OFL-1.1, see OFL-LXGWWenKai.txt)
declares the Reserved Font Names "霞鹜" and "LXGW", and under OFL clause 3 a
Modified Version -- which a subset is -- may not use them.  So after
subsetting, every name record that names the font (IDs 1, 3, 4, 6, 16) is
rewritten to "Publisher Kai" (Chinese records: 出版楷体), and the file is
written as PublisherKai-Regular.ttf.  The copyright notice (ID 0), licence
(IDs 13, 14) and version (ID 5) records are kept as they are: OFL requires
keeping the copyright notice, which still credits LXGW.  The build fails if
any other record would still contain a Reserved Font Name.

At the end it prints each output's size, glyph count and sha256; compare the
sha256 values with manifest.yaml (``--check`` does that for you).
"""

import argparse
import hashlib
import io
import os
import re
import sys
import time

from fontTools import subset
from fontTools.cffLib import FDSelect
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.reorderGlyphs import reorderGlyphs

HERE = os.path.dirname(os.path.abspath(__file__))

# The code points ordinary Chinese text keeps to, besides GB 2312: their glyphs
# come first in each font (see common_first).
COMMON_RANGES = [
    (0x0020, 0x007E),  # Basic Latin (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x218F),  # Letterlike Symbols, Number Forms
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

# GSUB/GPOS features kept.  fontTools' defaults (ccmp, liga, locl, kern,
# mark, ...) plus the CJK spacing/vertical/width features.
EXTRA_FEATURES = [
    "halt",
    "vhal",
    "palt",
    "vpal",
    "kern",
    "vkrn",
    "locl",
    "vert",
    "vrt2",
    "liga",
    "fwid",
    "hwid",
    "pwid",
]

# Layout script/langsys kept: default and Simplified Chinese only.
LAYOUT_SCRIPTS = [
    "DFLT",
    "hani.dflt",
    "hani.ZHS",
    "latn.dflt",
    "latn.ZHS",
    "kana.dflt",
    "kana.ZHS",
    "grek.dflt",
    "grek.ZHS",
    "cyrl.dflt",
    "cyrl.ZHS",
    "hang.dflt",
    "hang.ZHS",
]

# (output file, source argument name, TTC member family or None)
OUTPUTS = [
    ("NotoSerifSC-Regular.otf", "noto_regular", "Noto Serif CJK SC"),
    ("NotoSerifSC-Bold.otf", "noto_bold", "Noto Serif CJK SC"),
    ("PublisherKai-Regular.ttf", "wenkai", None),
    ("NotoSansMonoSC-Regular.otf", "noto_sans", "Noto Sans Mono CJK SC"),
]

# LXGW WenKai's Reserved Font Names (OFL-1.1; see OFL-LXGWWenKai.txt).  Our
# subset is a Modified Version, so (OFL clause 3) no font name in it may use
# them; only the notices below, which OFL requires us to keep, still do.
WENKAI_RFN = ("LXGW", "霞鹜")
RFN_ALLOWED_IDS = {0, 13, 14}  # copyright notice, licence description, licence URL

# New values of the name records that name the font: nameID -> (value,
# value for Chinese-language records).  Only records the source has are
# rewritten; none are added.
WENKAI_RENAME = {
    1: ("Publisher Kai", "出版楷体"),  # family
    3: ("PublisherKai-Regular;1.250;subset",) * 2,  # unique ID
    4: ("Publisher Kai Regular", "出版楷体 Regular"),  # full name
    6: ("PublisherKai-Regular",) * 2,  # PostScript name
    16: ("Publisher Kai", "出版楷体"),  # typographic family
}


def is_chinese(rec):
    """True for a Chinese-language name record (Mac or Windows)."""
    if rec.platformID == 1:
        return rec.langID in (19, 33)  # Chinese (Traditional), (Simplified)
    if rec.platformID == 3:
        return rec.langID & 0x3FF == 0x04  # primary language Chinese
    return False


def rename_wenkai(font):
    """Replace the Reserved Font Names in the font names of a WenKai subset."""
    for rec in font["name"].names:
        if rec.nameID in WENKAI_RENAME:
            value, zh = WENKAI_RENAME[rec.nameID]
            rec.string = zh if is_chinese(rec) else value
    left = [
        (rec.nameID, rec.platformID, rec.langID, rec.toUnicode())
        for rec in font["name"].names
        if rec.nameID not in RFN_ALLOWED_IDS and any(r.casefold() in rec.toUnicode().casefold() for r in WENKAI_RFN)
    ]
    if left:
        sys.exit(f"Reserved Font Name still in name records: {left}")


POSTPROCESS = {"wenkai": rename_wenkai}

# Chinese punctuation that must default to its full-width (1 em) form; see the
# docstring.  U+2015 is listed for the check only (Noto already maps it to the
# 1-em bar).  U+00B7 follows CLReq (1 em; GB/T 15834 allows half an em).
FULLWIDTH = [0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014, 0x2015, 0x00B7]


def single_substitutions(font, feature, script=None, lang=None):
    """{glyph: glyph} of the single-substitution lookups of GSUB `feature`.

    With `script`/`lang` (e.g. "hani", "ZHS"), only the feature records that
    language system uses; otherwise every record with that tag.
    """
    if "GSUB" not in font:
        return {}
    gsub = font["GSUB"].table
    records = gsub.FeatureList.FeatureRecord
    indices = range(len(records))
    if script:
        indices = []
        for srec in gsub.ScriptList.ScriptRecord:
            if srec.ScriptTag != script:
                continue
            for lrec in srec.Script.LangSysRecord:
                if lrec.LangSysTag.strip() == lang:
                    indices = lrec.LangSys.FeatureIndex
    mapping = {}
    for i in indices:
        if records[i].FeatureTag != feature:
            continue
        for li in records[i].Feature.LookupListIndex:
            lookup = gsub.LookupList.Lookup[li]
            for st in lookup.SubTable:
                if lookup.LookupType == 7:
                    st = st.ExtSubTable
                if st.LookupType == 1:
                    for src, dst in st.mapping.items():
                        mapping.setdefault(src, dst)
    return mapping


def ligature(font, feature, components):
    """The glyph a GSUB `feature` ligature makes of `components`, or None."""
    if "GSUB" not in font:
        return None
    gsub = font["GSUB"].table
    for rec in gsub.FeatureList.FeatureRecord:
        if rec.FeatureTag != feature:
            continue
        for li in rec.Feature.LookupListIndex:
            lookup = gsub.LookupList.Lookup[li]
            for st in lookup.SubTable:
                if lookup.LookupType == 7:
                    st = st.ExtSubTable
                if st.LookupType == 4:
                    for lig in st.ligatures.get(components[0], []):
                        if lig.Component == components[1:]:
                            return lig.LigGlyph
    return None


def glyph_bounds(font, name):
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[name].draw(pen)
    return pen.bounds


def fullwidth_punctuation(font, label):
    """Point the cmap of FULLWIDTH code points at their 1-em glyph (see docstring)."""
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"]
    cmap = font.getBestCmap()
    # ZHS `locl` is what Chinese text uses; `fwid` where it has no entry.
    locl = single_substitutions(font, "locl", "hani", "ZHS")
    fwid = single_substitutions(font, "fwid")
    remapped = []
    for cp in FULLWIDTH:
        old = cmap.get(cp)
        if old is None:
            continue
        before = hmtx[old][0]
        new = None
        if before != upm:
            for table in (locl, fwid):
                alt = table.get(old)
                if alt is not None and hmtx[alt][0] == upm:
                    new = alt
                    break
        if new is None:
            state = "full-width" if before == upm else "proportional, no 1-em alternative"
            print(f"  U+{cp:04X} {chr(cp)} {old} {before} ({state}, kept)")
            continue
        for sub in font["cmap"].tables:
            if sub.isUnicode() and sub.cmap.get(cp) == old:
                sub.cmap[cp] = new
        after = hmtx[new][0]
        if after != upm:  # the selection above guarantees it; keep the check explicit
            sys.exit(f"U+{cp:04X}: {new} is {after} wide, not {upm}")
        x0, _, x1, _ = glyph_bounds(font, new)
        print(f"  U+{cp:04X} {chr(cp)} {old} {before} -> {new} {after} (ink x {x0}..{x1})")
        if cp == 0x2014:  # —— must be one unbroken rule: look for the ligature
            lig = ligature(font, "ccmp", [new, new])
            if lig:
                lx0, _, lx1, _ = glyph_bounds(font, lig)
                print(f"    U+2014 x2 -> ccmp ligature {lig} {hmtx[lig][0]} (ink x {lx0}..{lx1})")
            else:
                print(f"    U+2014 x2 -> no ligature: gap {upm - x1 + x0} units between the two")
        remapped.append(cp)
    if font.getBestCmap().keys() != cmap.keys():
        sys.exit(f"{label}: the cmap lost or gained code points")
    return remapped


def tier(cp):
    """0: GB 2312 or COMMON_RANGES; 2: the rest of GBK; 3: everything else (1: glyphs no code point maps)."""
    if any(lo <= cp <= hi for lo, hi in COMMON_RANGES):
        return 0
    for rank, codec in ((0, "gb2312"), (2, "gbk")):
        try:
            chr(cp).encode(codec)
            return rank
        except UnicodeEncodeError:
            pass
    return 3


def common_first(font):
    """Order the glyphs by tier(), each tier in the source's order, .notdef first.

    WeasyPrint embeds a face in the PDF keeping glyph IDs, so a cut has an
    (empty) entry for every glyph up to the highest one the book uses: with the
    common characters' glyphs first, a book that keeps to them embeds ~10,000
    entries, not the ~46,000 of the whole face.  Only the order changes; the
    check below compares every glyph with the font as it was.
    """
    font = reloaded(font)
    order = font.getGlyphOrder()
    position = {name: index for index, name in enumerate(order)}
    rank = {}
    for cp, name in font.getBestCmap().items():
        rank[name] = min(rank.get(name, 3), tier(cp))
    new = sorted(order, key=lambda name: (position[name] != 0, rank.get(name, 1), position[name]))
    before = glyph_programs(font), font.getBestCmap()
    top = font["CFF "].cff.topDictIndex[0] if "CFF " in font else None
    fd = {name: top.FDSelect[position[name]] for name in order} if hasattr(top, "FDSelect") else None
    reorderGlyphs(font, new)
    if fd is not None:
        # a new FDSelect: the charstrings are still read through the old one, by their old index
        top.FDSelect = FDSelect(format=top.FDSelect.format)
        top.FDSelect.gidArray = [fd[name] for name in new]
    font = reloaded(font)
    # a font without glyph names (post format 3) names its glyphs by their new place: compare place by place
    names = dict(zip(font.getGlyphOrder(), new))
    after = glyph_programs(font, names), {cp: names[name] for cp, name in font.getBestCmap().items()}
    changed = any(after[0][name] != before[0][names[name]] for name in names)
    if len(names) != len(new) or changed or after[1] != before[1]:
        sys.exit("reordering the glyphs changed them")
    return font


def reloaded(font):
    """The font written and read again (tables parsed afresh from their bytes)."""
    data = io.BytesIO()
    font.save(data)
    data.seek(0)
    return TTFont(data, recalcTimestamp=False, recalcBBoxes=False)


def glyph_programs(font, names=None):
    """{glyph name: (its outline as drawn, its advance)}, to compare two orders of the same glyphs;
    component glyphs named through ``names`` if given."""
    glyphs = font.getGlyphSet()
    found = {}
    for name in font.getGlyphOrder():
        pen = RecordingPen()
        glyphs[name].draw(pen)
        drawn = tuple(
            (op, (names[args[0]], *args[1:])) if names and op == "addComponent" else (op, args)
            for op, args in pen.value
        )
        found[name] = (drawn, font["hmtx"][name])
    return found


def open_source(path, family):
    """Open a font; from a collection, the member whose name ID 1 is `family`."""
    if family is None:
        return TTFont(path, recalcTimestamp=False, recalcBBoxes=False)
    coll = TTCollection(path, recalcTimestamp=False, recalcBBoxes=False)
    for font in coll.fonts:
        if font["name"].getDebugName(1) == family:
            return font
    sys.exit(f"{path}: no member with family name {family!r}")


def subset_options():
    o = subset.Options()
    o.layout_features = sorted(set(o.layout_features) | set(EXTRA_FEATURES))
    o.layout_scripts = LAYOUT_SCRIPTS
    o.hinting = False
    o.notdef_outline = True
    o.notdef_glyph = True
    o.name_IDs = ["*"]
    o.name_languages = ["*"]
    o.name_legacy = True
    o.recalc_timestamp = False
    o.recalc_bounds = False
    return o


def build_one(src, family, out_path, postprocess=None):
    font = open_source(src, family)
    modified = font["head"].modified
    sub = subset.Subsetter(options=subset_options())
    source = font.getBestCmap().keys()
    sub.populate(unicodes=sorted(source))
    sub.subset(font)
    if font.getBestCmap().keys() != source:
        sys.exit(f"{out_path}: the subset lost code points of the source")
    print(f"{os.path.basename(out_path)}: punctuation (code point, glyph, advance)")
    fullwidth_punctuation(font, out_path)
    if postprocess:
        postprocess(font)
    font = common_first(font)
    font["head"].modified = modified  # pin: reproducible output
    font.recalcTimestamp = False
    tmp = out_path + ".tmp"
    font.save(tmp)
    font.close()
    os.replace(tmp, out_path)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def manifest_hashes(path):
    """{file: sha256} read from manifest.yaml (tiny parser, stdlib only)."""
    hashes, current = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*-?\s*file:\s*(\S+)", line)
            if m:
                current = m.group(1).strip("'\"")
            m = re.match(r"\s*sha256:\s*([0-9a-f]{64})", line)
            if m and current:
                hashes[current] = m.group(1)
    return hashes


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("noto_regular", help="NotoSerifCJK-Regular.ttc (fonts-noto-cjk)")
    ap.add_argument("noto_bold", help="NotoSerifCJK-Bold.ttc (fonts-noto-cjk-extra)")
    ap.add_argument("wenkai", help="LXGWWenKai-Regular.ttf (fonts-lxgw-wenkai)")
    ap.add_argument("noto_sans", help="NotoSansCJK-Regular.ttc (fonts-noto-cjk), for Noto Sans Mono CJK SC")
    ap.add_argument("--out", default=HERE, help="output folder (default: this folder)")
    ap.add_argument("--check", action="store_true", help="exit 1 unless the outputs match the sha256 in manifest.yaml")
    args = ap.parse_args(argv)

    t0 = time.time()
    os.makedirs(args.out, exist_ok=True)
    results = []
    for name, arg, family in OUTPUTS:
        out_path = os.path.join(args.out, name)
        t = time.time()
        build_one(getattr(args, arg), family, out_path, POSTPROCESS.get(arg))
        f = TTFont(out_path, lazy=True)
        glyphs = f["maxp"].numGlyphs
        fam = f["name"].getDebugName(1)
        f.close()
        size = os.path.getsize(out_path)
        digest = sha256(out_path)
        results.append((name, digest))
        print(
            f"{name}: family={fam!r} glyphs={glyphs} "
            f"size={size / 1e6:.2f} MB ({size} B) {time.time() - t:.0f}s\n"
            f"  sha256 {digest}"
        )
    print(f"total {time.time() - t0:.0f}s")

    if args.check:
        want = manifest_hashes(os.path.join(HERE, "manifest.yaml"))
        bad = [n for n, d in results if want.get(n) != d]
        if bad:
            print("MISMATCH with manifest.yaml:", ", ".join(bad))
            return 1
        print("all outputs match manifest.yaml")
    return 0


if __name__ == "__main__":
    sys.exit(main())
