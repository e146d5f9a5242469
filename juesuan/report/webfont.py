"""The Chinese font the review pages carry with them.

A reviewer may open the pages on a machine without any CJK font (a Debian server, a
fresh container): the browser would draw boxes instead of unit names. So every batch of
pages written together carries one subset of Noto Sans CJK SC (SIL OFL) holding exactly
the characters those pages use, as WOFF (zlib; WOFF2 would need brotli), next to them in
<reports>/assets/. A few hundred characters make ~80 KB. The file is named by a hash of
its character set: pages written earlier keep the font they point to.
"""

from __future__ import annotations

import hashlib
import io
import os
from functools import lru_cache
from pathlib import Path

from fontTools import subset

from juesuan.cjk_font import source_font_path

FAMILY = "JuesuanCJK"
ASSETS = "assets"
_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "·—–…«»“”‘’×≤≥≠→←↑↓%‰、，。；：？！（）【】《》"


def _characters(texts) -> str:
    chars = set(_ALWAYS)
    for text in texts:
        chars.update(text)
    return "".join(sorted(c for c in chars if c.isprintable()))


@lru_cache(maxsize=4)
def subset_font(characters: str) -> bytes:
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []  # CJK needs no kerning or ligatures; each feature costs time
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence entries
    options.hinting = False
    options.desubroutinize = True
    font = subset.load_font(str(source_font_path()), options, lazy=True)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=characters)
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
    finally:
        font.close()
    return out.getvalue()


def write_webfont(reports_dir: Path, texts) -> str:
    """Write the font for these page texts; return its path relative to reports_dir."""
    characters = _characters(texts)
    digest = hashlib.sha256(characters.encode("utf-8")).hexdigest()[:16]
    relative = f"{ASSETS}/cjk-{digest}.woff"
    target = reports_dir / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(subset_font(characters))
        os.replace(tmp, target)
    return relative
