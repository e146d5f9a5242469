"""Manifest rows that name a URL: downloaded through the same polite fetcher as a crawl.

A manifest's unit and year stay what they are there: overrides of what the document
prints. Each URL's own host is allowed (and only those hosts, on every redirect hop).
"""

from __future__ import annotations

from pathlib import Path

from juesuan.crawl.cache import FetchCache
from juesuan.crawl.crawler import Listed, Progress, download
from juesuan.crawl.fetch import Fetcher, FetchSettings, display_url
from juesuan.crawl.handoff import entry_failure, entry_source
from juesuan.crawl.profile import host_of
from juesuan.intake import Intake
from juesuan.sources import Source, is_url

CACHE_NAME = ".fetch-cache.json"


def fetch_remote(sources: list[Source], downloads: Path, settings: FetchSettings | None = None,
                 progress: Progress | None = None) -> Intake:
    """Local sources pass through; URL sources are downloaded (or recorded as failures)."""
    intake = Intake([s for s in sources if not is_url(s.path)])
    remote = [s for s in sources if is_url(s.path)]
    if not remote:
        return intake
    say = progress or (lambda _message: None)
    hosts = sorted({host_of(s.path) for s in remote})
    taken: dict[Path, str] = {}
    with Fetcher(settings or FetchSettings(), hosts, FetchCache(Path(downloads) / CACHE_NAME)) as fetcher:
        for number, source in enumerate(remote, 1):
            entry = download(fetcher, Path(downloads), Listed(source.path, "", source.path, source.unit_name,
                                                              source.fiscal_year), taken)
            if entry.ok:
                intake.sources.append(entry_source(entry, source.unit_name, source.fiscal_year, source.publication))
            else:
                intake.set_aside.append(entry_failure(entry))
            say(f"[{number}/{len(remote)}] {entry.status} {display_url(source.path)}"
                + ("" if entry.ok else f" — {entry.reason}"))
    return intake
