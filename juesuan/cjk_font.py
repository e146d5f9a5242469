"""Where the Simplified Chinese font comes from: Noto Sans CJK SC, shipped by mplfonts.

Two packages draw Chinese text with it: the sample renderer (PDFs) and the review
report (its web font and its charts). Neither may rely on the machine's own fonts — a
Debian server often has no CJK font at all — so both take it from the installed
mplfonts package (SIL Open Font License 1.1), found without importing matplotlib.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

SOURCE_FONT = "NotoSansCJKsc-Regular.otf"
LICENCE = "Noto Sans CJK SC (Google, Adobe), SIL Open Font License 1.1"


class FontUnavailable(RuntimeError):
    """The Noto Sans CJK source font (mplfonts package) cannot be found."""


def source_font_path() -> Path:
    """NotoSansCJKsc-Regular.otf inside the installed mplfonts package."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise FontUnavailable("the mplfonts package is not installed (pip install juesuan)")
    for location in spec.submodule_search_locations:
        path = Path(location) / "fonts" / SOURCE_FONT
        if path.exists():
            return path
    raise FontUnavailable(f"{SOURCE_FONT} not found in mplfonts")
