#!/usr/bin/env python3
"""Regenerate the three committed font subsets in this folder.

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
        --check

(NotoSerifCJK-Regular.ttc comes from fonts-noto-cjk, NotoSerifCJK-Bold.ttc
from fonts-noto-cjk-extra, LXGWWenKai-Regular.ttf from fonts-lxgw-wenkai.)

What it does, for each font:
  * from a .ttc, take the Simplified Chinese member (name ID 1 ==
    "Noto Serif CJK SC");
  * subset with fontTools to the character set below, keeping the CJK
    layout features (halt, vhal, palt, vpal, kern, vkrn, locl, vert, vrt2,
    liga, ...), every name-table record, and a .notdef outline; CFF hints
    are dropped (--no-hinting) to save space (PDF/EPUB are scaled output);
  * OpenType layout is limited to the default and Simplified Chinese (ZHS)
    language systems, so `locl` forms for JAN/KOR/ZHT/ZHH are not dragged in;
  * head.modified is pinned to the source font's value, so the output is
    byte-for-byte reproducible.

Character set (``--charset gbk``, the default): every code point that
Python's ``gbk`` codec can encode (GB 2312 + the other GBK Han, simplified
and traditional), plus the whole of U+0020-007E, U+00A0-00FF, U+2000-206F,
U+2100-214F, U+2150-218F, U+2460-24FF, U+3000-303F, U+FE10-FE1F,
U+FE30-FE4F, U+FF00-FFEF (as far as each font has them).
``--charset gb2312`` uses GB 2312 instead of GBK (smaller fallback).

At the end it prints each output's size, glyph count and sha256; compare the
sha256 values with manifest.yaml (``--check`` does that for you).
"""

import argparse
import hashlib
import os
import re
import sys
import time

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = os.path.dirname(os.path.abspath(__file__))

# Extra Unicode ranges kept in full (inclusive), whatever the font has of them.
EXTRA_RANGES = [
    (0x0020, 0x007E),  # Basic Latin (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x214F),  # Letterlike Symbols
    (0x2150, 0x218F),  # Number Forms
    (0x2460, 0x24FF),  # Enclosed Alphanumerics
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFE10, 0xFE1F),  # Vertical Forms
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]

# GSUB/GPOS features kept.  fontTools' defaults (ccmp, liga, locl, kern,
# mark, ...) plus the CJK spacing/vertical/width features.
EXTRA_FEATURES = [
    "halt", "vhal", "palt", "vpal", "kern", "vkrn",
    "locl", "vert", "vrt2", "liga", "fwid", "hwid", "pwid",
]

# Layout script/langsys kept: default and Simplified Chinese only.
LAYOUT_SCRIPTS = [
    "DFLT",
    "hani.dflt", "hani.ZHS",
    "latn.dflt", "latn.ZHS",
    "kana.dflt", "kana.ZHS",
    "grek.dflt", "grek.ZHS",
    "cyrl.dflt", "cyrl.ZHS",
    "hang.dflt", "hang.ZHS",
]

# (output file, source argument name, TTC member family or None)
OUTPUTS = [
    ("NotoSerifSC-Regular.otf", "noto_regular", "Noto Serif CJK SC"),
    ("NotoSerifSC-Bold.otf", "noto_bold", "Noto Serif CJK SC"),
    ("LXGWWenKai-Regular.ttf", "wenkai", None),
]


def charset(codec):
    """Sorted list of code points: all encodable in `codec` + EXTRA_RANGES."""
    cps = set()
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode(codec)
        except UnicodeEncodeError:
            continue
        cps.add(cp)
    for lo, hi in EXTRA_RANGES:
        cps.update(range(lo, hi + 1))
    return sorted(cps)


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


def build_one(src, family, out_path, unicodes):
    font = open_source(src, family)
    modified = font["head"].modified
    sub = subset.Subsetter(options=subset_options())
    sub.populate(unicodes=unicodes)
    sub.subset(font)
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
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("noto_regular", help="NotoSerifCJK-Regular.ttc (fonts-noto-cjk)")
    ap.add_argument("noto_bold", help="NotoSerifCJK-Bold.ttc (fonts-noto-cjk-extra)")
    ap.add_argument("wenkai", help="LXGWWenKai-Regular.ttf (fonts-lxgw-wenkai)")
    ap.add_argument("--out", default=HERE, help="output folder (default: this folder)")
    ap.add_argument("--charset", choices=["gbk", "gb2312"], default="gbk")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 unless the outputs match the sha256 in manifest.yaml")
    args = ap.parse_args(argv)

    t0 = time.time()
    unicodes = charset(args.charset)
    os.makedirs(args.out, exist_ok=True)
    results = []
    for name, arg, family in OUTPUTS:
        out_path = os.path.join(args.out, name)
        t = time.time()
        build_one(getattr(args, arg), family, out_path, unicodes)
        f = TTFont(out_path, lazy=True)
        glyphs = f["maxp"].numGlyphs
        fam = f["name"].getDebugName(1)
        f.close()
        size = os.path.getsize(out_path)
        digest = sha256(out_path)
        results.append((name, digest))
        print(f"{name}: family={fam!r} glyphs={glyphs} "
              f"size={size / 1e6:.2f} MB ({size} B) {time.time() - t:.0f}s\n"
              f"  sha256 {digest}")
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
