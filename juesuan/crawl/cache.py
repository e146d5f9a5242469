"""What we already downloaded, per URL: validators for conditional requests.

A re-crawl asks the portal "changed since?" (If-None-Match / If-Modified-Since) instead
of downloading every attachment again; on 304 the saved file is reused. One small JSON
file under the downloads folder, paths stored relative to it so the warehouse folder can
move. Written atomically (temporary file + rename): a crash never leaves half a cache.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class CacheEntry:
    path: str  # absolute, as returned; stored relative to the cache's folder
    sha256: str
    size: int
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str = ""

    def validators(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class FetchCache:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.root = self.path.parent.resolve()
        self._entries: dict[str, dict] = {}
        if self.path.is_file():
            try:
                self._entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._entries = {}  # a damaged cache only costs full downloads; it is rewritten
        self._dirty = False

    def get(self, url: str) -> CacheEntry | None:
        """The entry for url, only if it has validators and its file is still there."""
        raw = self._entries.get(url)
        if not raw:
            return None
        entry = CacheEntry(**{**raw, "path": str(self.root / raw["path"])})
        if not (entry.etag or entry.last_modified) or not Path(entry.path).is_file():
            return None
        return entry

    def put(self, url: str, entry: CacheEntry) -> None:
        relative = os.path.relpath(entry.path, self.root)
        self._entries[url] = {**asdict(entry), "path": relative}
        self._dirty = True

    def drop(self, url: str) -> None:
        if self._entries.pop(url, None) is not None:
            self._dirty = True

    def save(self) -> None:
        if not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self._entries, fh, ensure_ascii=False, indent=0, sort_keys=True)
        os.replace(tmp, self.path)
        self._dirty = False
