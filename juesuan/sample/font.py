"""A small TrueType font with exactly the characters a document draws.

fpdf2 embeds CFF-flavoured OpenType in a way pdfminer cannot map back to text (it
extracts nothing), so Noto Sans CJK SC (SIL OFL, shipped by the mplfonts package) is
converted here: each needed glyph's cubic CFF outline becomes quadratic TrueType contours
(cu2qu, reversed to TrueType's clockwise winding), scaled to a 128-unit em to keep the
per-document font small, and a fresh glyf-based font is built around them with fixed
timestamps so the same characters always give the same bytes.

Converted glyphs are cached per process; fonts are cached on disk by their character set.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from juesuan.cjk_font import SOURCE_FONT, source_font_path

FAMILY = "JuesuanNotoSansSC"
UPM = 128  # coarse em: CJK outlines at 1/128 em are indistinguishable at table sizes
MAX_ERR = 0.35  # cu2qu tolerance, in font units of the new em
FIXED_TIMESTAMP = 3_786_912_000  # 2024-01-01 in seconds since 1904 (TrueType epoch)
FONT_VERSION = "3"  # bump when the conversion changes, to invalidate disk caches
LICENCE = "Derived from Noto Sans CJK SC (Google, Adobe), SIL Open Font License 1.1"


@lru_cache(maxsize=1)
def _source() -> tuple[dict[int, str], object, float]:
    font = TTFont(source_font_path(), lazy=True)
    scale = UPM / font["head"].unitsPerEm
    return font.getBestCmap(), font.getGlyphSet(), scale


_GLYPHS: dict[str, tuple[object, int]] = {}


def _glyph(char: str):
    """The TrueType glyph and advance width of one character (cached)."""
    if char not in _GLYPHS:
        cmap, glyph_set, scale = _source()
        name = cmap.get(ord(char))
        if name is None:
            raise KeyError(f"character {char!r} (U+{ord(char):04X}) not in {SOURCE_FONT}")
        pen = TTGlyphPen(None)
        glyph_set[name].draw(
            TransformPen(Cu2QuPen(pen, MAX_ERR, reverse_direction=True),
                         (scale, 0, 0, scale, 0, 0)))
        _GLYPHS[char] = (pen.glyph(), round(glyph_set[name].width * scale))
    return _GLYPHS[char]


def build_font(chars: set[str]) -> bytes:
    """TrueType bytes holding exactly `chars` (plus .notdef and space)."""
    chars = set(chars) | {" "}
    chars = {c for c in chars if ord(c) >= 0x20 and c not in "\x7f\u00ad"}
    ordered = sorted(chars)
    glyph_order = [".notdef"] + [f"uni{ord(c):04X}" for c in ordered]
    notdef = TTGlyphPen(None)
    low, high = UPM // 12, UPM * 11 // 12
    notdef.moveTo((low, 0))
    notdef.lineTo((low, high))
    notdef.lineTo((high, high))
    notdef.lineTo((high, 0))
    notdef.closePath()
    glyphs = {".notdef": notdef.glyph()}
    advances = {".notdef": UPM}
    cmap = {}
    for char, name in zip(ordered, glyph_order[1:]):
        glyph, advance = _glyph(char)
        glyphs[name] = glyph
        advances[name] = advance
        cmap[ord(char)] = name

    fb = FontBuilder(UPM, isTTF=True)
    fb.font.recalcTimestamp = False
    fb.setupGlyphOrder(glyph_order)
    fb.setupCharacterMap(cmap)
    fb.setupGlyf(glyphs)
    glyf = fb.font["glyf"]
    metrics = {}
    for name in glyph_order:
        g = glyf[name]
        g.recalcBounds(glyf)
        metrics[name] = (advances[name], getattr(g, "xMin", 0))
    fb.setupHorizontalMetrics(metrics)
    ascent, descent = round(UPM * 0.88), -round(UPM * 0.12)
    fb.setupHorizontalHeader(ascent=ascent, descent=descent)
    fb.setupNameTable({"familyName": FAMILY, "styleName": "Regular",
                       "uniqueFontIdentifier": f"{FAMILY}-{FONT_VERSION}",
                       "fullName": f"{FAMILY} Regular", "psName": f"{FAMILY}-Regular",
                       "version": f"Version {FONT_VERSION}.000",
                       "licenseDescription": LICENCE})
    fb.setupOS2(sTypoAscender=ascent, sTypoDescender=descent, sTypoLineGap=0,
                usWinAscent=round(UPM * 1.16), usWinDescent=round(UPM * 0.29),
                achVendID="NONE", fsType=0)
    fb.setupPost(keepGlyphNames=False)  # format 3: no glyph names to carry
    fb.setupHead(unitsPerEm=UPM, created=FIXED_TIMESTAMP, modified=FIXED_TIMESTAMP,
                 fontRevision=1.0)
    fb.setupMaxp()  # version 1.0 for glyf fonts
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


def font_cache_dir() -> Path:
    root = os.environ.get("JUESUAN_FONT_CACHE") or os.path.join(tempfile.gettempdir(),
                                                                  "juesuan-sample-fonts")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def font_file(chars: set[str]) -> Path:
    """A cached TrueType file for `chars`; same characters → same file, same bytes."""
    key = hashlib.sha256((FONT_VERSION + "".join(sorted(chars))).encode("utf-8")).hexdigest()
    path = font_cache_dir() / f"{FAMILY}-{key[:20]}.ttf"
    if not path.exists():
        data = build_font(chars)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    return path
