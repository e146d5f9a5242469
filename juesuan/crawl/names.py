"""Safe local file names for things a web server named.

A portal decides the names of what we save: a link may be called `../../etc/passwd`,
carry control characters, be 600 bytes long, or be percent-encoded GBK. Everything saved
to disk goes through `safe_name`, and every path is checked to stay under its root, so a
hostile or broken portal cannot write outside the downloads folder. CJK is kept: the
names are what operators recognise.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

MAX_NAME_BYTES = 150  # well under the 255-byte limit of common file systems
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]')
_SPACES = re.compile(r"\s+")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}


class UnsafePath(ValueError):
    """A computed path would leave its root folder (a bug or a hostile name)."""


def safe_name(text: str | None, default: str = "document", max_bytes: int = MAX_NAME_BYTES) -> str:
    """One path component: no separators, no control characters, no leading dots, bounded."""
    name = unicodedata.normalize("NFC", text or "")
    name = "".join("_" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") else ch
                   for ch in name)
    name = _FORBIDDEN.sub("_", name)
    name = _SPACES.sub(" ", name).strip(" .")
    name = name.lstrip(".-")  # no hidden files, nothing that reads as a command-line option
    if not name:
        name = default
    stem, dot, suffix = name.rpartition(".")
    if not dot or not 1 <= len(suffix) <= 8 or not suffix.isalnum():
        stem, suffix = name, ""
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    suffix = f".{suffix}" if suffix else ""
    return _truncate(stem, max_bytes - len(suffix.encode("utf-8"))) + suffix


def _truncate(text: str, max_bytes: int) -> str:
    """Cut at a character boundary so the UTF-8 form fits; CJK is 3 bytes a character."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore").rstrip(" .") or "document"


def url_file_name(url: str) -> str:
    """The last path segment of a URL, percent-decoded (UTF-8, else GB18030 as Chinese portals use)."""
    segment = urlsplit(url).path.rsplit("/", 1)[-1]
    raw = unquote_to_bytes(segment)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", errors="replace")


def short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def inside(root: Path, *parts: str) -> Path:
    """root/parts…, each part made safe, and refused if the result escapes root."""
    root = root.resolve()
    path = root.joinpath(*(safe_name(p, default="_") for p in parts))
    resolved = path.resolve()
    if resolved != root and root not in resolved.parents:
        raise UnsafePath(f"{path} is outside {root}")
    return resolved
