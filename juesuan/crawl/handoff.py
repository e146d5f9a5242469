"""From fetched files to intake: what the crawl got goes to the same ingest path as a folder.

A downloaded attachment becomes a Source whose metadata comes from the document itself;
the portal's unit and year ride along only as a cross-check. Everything the crawl could
not get (a 404, a timeout, a refused redirect, an HTML page under a .pdf name, a listing
page that would not load) becomes a SetAside with status `failed`, so it is recorded in
the warehouse like any failed document. These carry no content hash: the warehouse
derives their id from the URL (warehouse.load.record_failure without sha256), so a
failure that repeats on the next crawl stays one row.
"""

from __future__ import annotations

from juesuan.crawl.crawler import CrawlEntry, CrawlReport
from juesuan.crawl.names import url_file_name
from juesuan.intake import Intake, SetAside
from juesuan.pipeline import FAILED
from juesuan.publication import Publication, combine, from_last_modified
from juesuan.sources import Source


def to_intake(report: CrawlReport) -> Intake:
    intake = Intake()
    for entry in report.entries:
        if entry.ok:
            intake.sources.append(entry_source(entry))
        else:
            intake.set_aside.append(entry_failure(entry))
    for issue in report.page_issues:
        intake.set_aside.append(SetAside(f"[{issue.role} page]", issue.url, None, FAILED, issue.reason,
                                         None, issue.year))
    return intake


def entry_source(entry: CrawlEntry, unit_override: str | None = None, year_override: int | None = None,
                 publication: Publication | None = None) -> Source:
    """The fetched file as a source; what the portal (or a manifest) says of its publication
    comes along, the server's Last-Modified only as the last resort."""
    listed = entry.listed
    said = combine(*(p for p in (publication, listed.publication) if p is not None),
                   from_last_modified(entry.last_modified))
    return Source(entry.path, listed.url, unit_override, year_override, listed.unit, listed.year,
                  said if said.known else None, disclosure=listed.detail_url or None)


def entry_failure(entry: CrawlEntry) -> SetAside:
    listed = entry.listed
    name = url_file_name(listed.url) or listed.link_text or "attachment"
    refused = entry.status != FAILED and not entry.reason.startswith(entry.status)
    reason = f"{entry.status}: {entry.reason}" if refused else entry.reason
    return SetAside(name, listed.url, None, FAILED, reason, listed.unit, listed.year)
