"""Finding the PDF a document was read from, so its pages can be shown beside the findings.

The warehouse keeps where a document came from (`source_uri`) and a hash of its bytes,
not the file. A local file is named by its file:// URI; a downloaded one by its URL, and
its copy lives under <warehouse>/downloads/<host>/<year>/…; a ZIP member by
`<archive uri>!/<member>`, unpacked under <warehouse>/unpacked/<archive hash>/…. The file
may have moved, been deleted, or been overwritten by a newer version since it was
loaded: a page image of other bytes would put highlights in the wrong place, so a file
is used only when its sha256 is the one loaded, and otherwise the report says why there
is no image.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from juesuan.pipeline import file_sha256
from juesuan.report.data import DocumentRow

# Folders of a warehouse where ingestion keeps the files it fetched or unpacked.
KEPT_FOLDERS = ("downloads", "unpacked")


@dataclass(frozen=True)
class PdfLocation:
    """The loaded bytes on disk (`path`), or why they cannot be shown (`missing`)."""

    path: Path | None
    missing: str | None = None


def local_path(source_uri: str | None) -> Path | None:
    """The file a file:// URI names (not a ZIP member, not a URL)."""
    if not source_uri or "!/" in source_uri:
        return None
    parsed = urlparse(source_uri)
    if parsed.scheme != "file":
        return None
    return Path(url2pathname(parsed.path))


class PdfFinder:
    """Locates documents' PDFs under one warehouse; the kept folders are listed once."""

    def __init__(self, warehouse_dir: str | os.PathLike):
        self.warehouse_dir = Path(warehouse_dir)
        self._kept: dict[str, list[Path]] | None = None
        self._hashes: dict[Path, str] = {}

    def locate(self, document: DocumentRow) -> PdfLocation:
        if not document.sha256:
            return PdfLocation(None, "the file was never read (no content hash recorded)")
        candidates = []
        direct = local_path(document.source_uri)
        if direct is not None:
            candidates.append(direct)
        candidates += self._kept_copies(document.file_name)
        changed = None
        for path in candidates:
            if not path.is_file():
                continue
            if self._sha256(path) == document.sha256:
                return PdfLocation(path)
            changed = changed or path
        if changed is not None:
            return PdfLocation(None, f"the file at {changed} has changed since it was loaded "
                                     "(different content): no page image, to avoid showing other pages")
        where = str(direct) if direct is not None else document.source_uri or document.file_name
        return PdfLocation(None, f"the PDF is no longer reachable ({where}; no copy under "
                                 f"{self.warehouse_dir / KEPT_FOLDERS[0]} or {self.warehouse_dir / KEPT_FOLDERS[1]})")

    def _kept_copies(self, file_name: str | None) -> list[Path]:
        if not file_name:
            return []
        if self._kept is None:
            self._kept = defaultdict(list)
            for folder in KEPT_FOLDERS:
                root = self.warehouse_dir / folder
                if root.is_dir():
                    for path in sorted(root.rglob("*")):
                        if path.is_file():
                            self._kept[path.name].append(path)
        return self._kept.get(file_name, [])

    def _sha256(self, path: Path) -> str:
        if path not in self._hashes:
            self._hashes[path] = file_sha256(path)
        return self._hashes[path]
