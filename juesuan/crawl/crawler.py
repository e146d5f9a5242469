"""Walk a portal with a profile: start page → year listings (paginated) → detail pages →
attachments, downloading each attachment once and reporting every one of them.

The planning steps (which links are year listings, details, next pages, attachments;
where a download goes) are pure functions of a page's links, so they are tested without
a server. `crawl` is the only function that fetches. It never raises for what a portal
does: an unreachable page, a 404, an HTML page under a .pdf name, a redirect to another
host, an oversized file all become entries with a status and a reason.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from juesuan import formats
from juesuan.crawl.fetch import FAILED, Fetcher, FetchResult, display_url
from juesuan.crawl.links import Link, Page, decode_html, parse_page
from juesuan.crawl.names import inside, safe_name, short_hash, url_file_name
from juesuan.crawl.profile import PortalProfile, host_of
from juesuan.crawl.select import not_selected
from juesuan.publication import DETAIL_PAGE, LISTING, Publication, combine, correction_mark, labelled_date, the_one_date

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Listed:
    """An attachment link, with what the portal's listing says about it (a cross-check only:
    a document's unit and year come from the document itself)."""

    url: str
    link_text: str
    detail_url: str
    unit: str | None
    year: int | None
    publication: Publication | None = None  # the portal's publication date and correction mark


@dataclass
class CrawlEntry:
    """One attachment the portal lists, and what fetching it gave."""

    listed: Listed
    status: str  # downloaded | not_modified | failed | refused
    reason: str
    path: str | None = None
    sha256: str | None = None
    size: int = 0
    http_status: int | None = None
    kind: str | None = None
    last_modified: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("downloaded", "not_modified")


@dataclass
class PageIssue:
    """A start, listing or detail page that could not be read: what it lists is unknown."""

    url: str
    role: str  # start | listing | detail
    year: int | None
    reason: str


@dataclass
class NotSelected:
    """An entry the profile's `disclosures` leaves out (listed as the other kind): not
    fetched, not a document of this run, named in the crawl report with why."""

    url: str
    title: str
    unit: str | None
    year: int | None
    reason: str


@dataclass
class CrawlReport:
    profile: str
    host: str
    entries: list[CrawlEntry] = field(default_factory=list)
    page_issues: list[PageIssue] = field(default_factory=list)
    not_selected: list[NotSelected] = field(default_factory=list)
    pages: int = 0
    pages_not_modified: int = 0
    requests: int = 0
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for e in self.entries if e.status == status)


# ---- planning: pure functions of a page's links -------------------------------------

def year_listing_urls(profile: PortalProfile, start_links: list[Link],
                      years: set[int] | None) -> list[tuple[int | None, str]]:
    """(year, listing URL) pairs to walk; the start page itself when the profile has no years."""
    if profile.years is None:
        return [(None, profile.start_url)]
    if profile.years.url_template:
        if not years:
            raise ValueError(f"{profile.name}: years.url_template needs the years to crawl (--years)")
        return [(y, profile.years.url_template.format(year=y)) for y in sorted(years)]
    found: dict[str, int] = {}
    for link, groups in profile.years.link.select(start_links):
        year = int(groups["year"])
        if (years is None or year in years) and link.url not in found:
            found[link.url] = year
    return sorted(((y, u) for u, y in found.items()), key=lambda p: (p[0], p[1]))


@dataclass(frozen=True)
class DetailLink:
    """A unit's detail page as a listing shows it: the unit and year it names, and what the
    entry says of the publication (a date beside the link, a correction mark in its text)."""

    url: str
    unit: str | None
    year: int | None
    publication: Publication
    text: str = ""  # the entry's title as listed


def detail_pages(profile: PortalProfile, links: list[Link], year: int | None) -> list[DetailLink]:
    """The unit links of one listing page, with what each entry says."""
    out, seen = [], set()
    for link, groups in profile.detail_link.select(links):
        if link.url in seen:
            continue
        seen.add(link.url)
        listed_year = int(groups["year"]) if groups.get("year", "").isdigit() else year
        out.append(DetailLink(link.url, groups.get("unit") or link.text or None, listed_year,
                              listing_publication(link), link.text or ""))
    return out


def listing_publication(link: Link) -> Publication:
    """The date printed in a listing entry beside its link (exactly one), and its mark."""
    dated = the_one_date(link.context)
    return Publication(dated[0] if dated else None, LISTING if dated else None,
                       f"listing entry “{link.context[:80]}”" if dated else None, correction_mark(link.text))


def detail_publication(page: Page, attachment: Link, listed: Publication) -> Publication:
    """What the detail page adds: a labelled date (发布时间：…) and marks in its title, the
    attachment's link text or file name; the listing's date stays the fallback."""
    dated = labelled_date(page.text)
    here = Publication(dated[0] if dated else None, DETAIL_PAGE if dated else None,
                       f"detail page “{dated[1]}”" if dated else None,
                       correction_mark(page.title, attachment.text, url_file_name(attachment.url)))
    return combine(here, listed)


def next_page(profile: PortalProfile, links: list[Link], visited: set[str]) -> str | None:
    """The first pagination link not yet visited (loops and 'previous' links end here)."""
    if profile.next_page is None:
        return None
    for link, _groups in profile.next_page.select(links):
        if link.url not in visited:
            return link.url
    return None


def attachments(profile: PortalProfile, links: list[Link]) -> list[Link]:
    chosen, seen = [], set()
    for link, _groups in profile.attachment_link.select(links):
        if link.url not in seen:
            seen.add(link.url)
            chosen.append(link)
    return chosen[:profile.max_attachments]


def download_path(root: Path, listed: Listed, taken: dict[Path, str]) -> Path:
    """<root>/<host>/<year>/<unit>-<file name>, made safe; another URL's name gets a hash."""
    name = url_file_name(listed.url)
    if "." not in name and "." in listed.link_text:
        name = listed.link_text  # download.do?id=7, titled 某单位2024年部门决算.pdf
    if listed.unit and safe_name(listed.unit) not in safe_name(name):
        name = f"{listed.unit}-{name}"
    year = str(listed.year) if listed.year else "unknown-year"
    path = inside(root, host_of(listed.url), year, safe_name(name))
    if taken.get(path, listed.url) != listed.url:
        stem, dot, suffix = path.name.rpartition(".")
        tagged = f"{stem}-{short_hash(listed.url)}.{suffix}" if dot else f"{path.name}-{short_hash(listed.url)}"
        path = inside(root, host_of(listed.url), year, tagged)
    taken[path] = listed.url
    return path


# ---- walking ---------------------------------------------------------------------------

def crawl(profile: PortalProfile, fetcher: Fetcher, root: Path, years: set[int] | None = None,
          progress: Progress | None = None) -> CrawlReport:
    """Walk the portal and download every attachment it lists for the chosen years."""
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    report = CrawlReport(profile.name, profile.host)
    walker = _Walker(profile, fetcher, Path(root), report, say)
    start_links = walker.links(profile.start_url, "start", None) if profile.years and profile.years.link else []
    plan = year_listing_urls(profile, start_links or [], years)
    if profile.years and profile.years.link and start_links is not None and not plan:
        say(f"no year listing matched on {display_url(profile.start_url)}")
    details: dict[str, DetailLink] = {}
    for year, url in plan:
        for detail in walker.listing(url, year):
            details.setdefault(detail.url, detail)
    say(f"{len(details)} detail page(s) listed for {len(plan)} year listing(s)")
    listed = []
    for detail in details.values():
        reason = not_selected(profile.disclosures, detail.text)
        if reason:
            report.not_selected.append(NotSelected(detail.url, detail.text, detail.unit, detail.year, reason))
            continue
        listed += walker.detail(detail)
    if report.not_selected:
        say(f"{len(report.not_selected)} entry(ies) not selected (the profile selects {profile.disclosures})")
    seen: set[str] = set()
    taken: dict[Path, str] = {}
    todo = [item for item in listed if not (item.url in seen or seen.add(item.url))]
    for number, item in enumerate(todo, 1):
        entry = walker.download(item, taken)
        report.entries.append(entry)
        say(f"[{number}/{len(todo)}] {entry.status} {item.year or ''} {item.unit or ''} "
            f"{display_url(item.url)}" + ("" if entry.ok else f" — {entry.reason}"))
    report.requests = fetcher.requests
    report.seconds = time.perf_counter() - started
    return report


class _Walker:
    """The fetching half of crawl(): pages to links, attachments to files."""

    def __init__(self, profile: PortalProfile, fetcher: Fetcher, root: Path, report: CrawlReport, say: Progress):
        self.profile, self.fetcher, self.root, self.report, self.say = profile, fetcher, root, report, say

    def links(self, url: str, role: str, year: int | None) -> list[Link] | None:
        page = self.page(url, role, year)
        return page.links if page is not None else None

    def page(self, url: str, role: str, year: int | None) -> Page | None:
        dest = inside(self.root, host_of(url) or "unknown-host", "_pages", f"{short_hash(url, 16)}.html")
        result = self.fetcher.fetch(url, dest)
        if not result.ok:
            self.report.page_issues.append(PageIssue(url, role, year, f"{role} page unavailable: {result.reason}"))
            self.say(f"{role} page {display_url(url)}: {result.reason}")
            return None
        self.report.pages += 1
        self.report.pages_not_modified += result.status == "not_modified"
        body = Path(result.path).read_bytes()
        return parse_page(decode_html(body, result.content_type), result.final_url or url)

    def listing(self, url: str, year: int | None) -> list[DetailLink]:
        found, visited, page = [], set(), url
        while page and len(visited) < self.profile.max_pages:
            visited.add(page)
            links = self.links(page, "listing", year)
            if links is None:
                break
            found += detail_pages(self.profile, links, year)
            page = next_page(self.profile, links, visited)
        if page and len(visited) >= self.profile.max_pages:
            self.report.page_issues.append(PageIssue(page, "listing", year, f"listing page not read: more than "
                                                     f"listing.max_pages={self.profile.max_pages} pages"))
        self.say(f"listing {year or ''}: {len(found)} unit link(s) on {len(visited)} page(s)")
        return found

    def detail(self, detail: DetailLink) -> list[Listed]:
        url, unit, year = detail.url, detail.unit, detail.year
        page = self.page(url, "detail", year)
        if page is None:
            return []
        found = attachments(self.profile, page.links)
        if not found:
            self.report.entries.append(CrawlEntry(Listed(url, "", url, unit, year), FAILED,
                                                  "no attachment link on the detail page"))
        kept = []
        for link in found:
            reason = not_selected(self.profile.disclosures, detail.text, link.text, url_file_name(link.url))
            if reason:
                self.report.not_selected.append(NotSelected(link.url, link.text, unit, year, reason))
            else:
                kept.append(Listed(link.url, link.text, url, unit, year,
                                   detail_publication(page, link, detail.publication)))
        return kept

    def download(self, item: Listed, taken: dict[Path, str]) -> CrawlEntry:
        return download(self.fetcher, self.root, item, taken)


def download(fetcher: Fetcher, root: Path, item: Listed, taken: dict[Path, str]) -> CrawlEntry:
    """Fetch one attachment to its place under root; an HTML page or nothing is a failure."""
    if refusal := fetcher.refusal(item.url):
        return CrawlEntry(item, "refused", refusal.replace("refused:", "refused: attachment on", 1))
    return _entry(item, fetcher.fetch(item.url, download_path(root, item, taken)), fetcher)


def _entry(item: Listed, result: FetchResult, fetcher: Fetcher) -> CrawlEntry:
    entry = CrawlEntry(item, result.status, result.reason, result.path, result.sha256, result.size,
                       result.http_status, result.kind, result.last_modified)
    if result.status == "downloaded" and result.kind in (formats.HTML, formats.EMPTY):
        what = formats.DESCRIPTIONS[result.kind]
        entry.status, entry.path, entry.sha256 = FAILED, None, None
        entry.reason = (f"not a document: the server answered HTTP {result.http_status} with {what} "
                        f"(Content-Type {result.content_type or 'unset'}) for {display_url(item.url)}")
        Path(result.path).unlink(missing_ok=True)
        fetcher.forget(item.url)
    return entry
