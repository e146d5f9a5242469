"""A portal profile: where a city's final accounts are listed and how to walk there.

Portals differ in layout but not in shape (start page → one listing per year, paginated
→ a detail page per unit → attachments), so a small YAML file per city says which links
are which, with regular expressions on a link's URL (`href`) or visible text (`text`).
Unknown keys are errors: a typo must not silently widen or empty a crawl.
docker/profiles/example.yaml documents every field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from juesuan.crawl.fetch import FetchSettings
from juesuan.crawl.links import LinkRule
from juesuan.crawl.select import BOTH, CHOICES

DEFAULT_ATTACHMENT = r"(?i)\.(pdf|xlsx?|zip)$"


class ProfileError(ValueError):
    """The profile cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class YearRule:
    """One listing page per year: anchors on the start page (group `year`) or a URL template."""

    link: LinkRule | None = None
    url_template: str | None = None


@dataclass(frozen=True)
class PortalProfile:
    name: str
    start_url: str
    allowed_hosts: tuple[str, ...]
    detail_link: LinkRule
    attachment_link: LinkRule
    next_page: LinkRule | None = None
    years: YearRule | None = None
    max_pages: int = 30
    max_attachments: int = 20
    fetch: FetchSettings = field(default_factory=FetchSettings)
    source: str = ""
    disclosures: str = BOTH  # finals | budgets | both (juesuan/crawl/select.py)

    @property
    def host(self) -> str:
        return host_of(self.start_url)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def load_profile(path: str | Path) -> PortalProfile:
    """Read and check a profile; raise ProfileError naming what is wrong."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot read the profile: {exc}") from exc
    try:
        return parse_profile(data, source=str(path))
    except ProfileError as exc:
        raise ProfileError(f"{path}: {exc}") from exc


def parse_profile(data: object, source: str = "") -> PortalProfile:
    top = _mapping(data, "profile", {"name", "start_url", "allowed_hosts", "years", "listing", "detail", "fetch",
                                     "disclosures"})
    start_url = _required(top, "start_url", "profile")
    if urlsplit(start_url).scheme not in ("http", "https") or not host_of(start_url):
        raise ProfileError(f"start_url must be an http(s) URL with a host, not {start_url!r}")
    hosts = [host_of(start_url)] + [str(h).strip().lower() for h in top.get("allowed_hosts") or []]
    listing = _mapping(top.get("listing"), "listing", {"detail_link", "next_page", "max_pages"})
    detail = _mapping(top.get("detail") or {}, "detail", {"attachment_link", "max_attachments"})
    return PortalProfile(
        name=str(top.get("name") or host_of(start_url)),
        start_url=start_url,
        allowed_hosts=tuple(dict.fromkeys(h for h in hosts if h)),
        detail_link=_rule(_required(listing, "detail_link", "listing"), "listing.detail_link"),
        next_page=_rule(listing["next_page"], "listing.next_page") if listing.get("next_page") else None,
        attachment_link=_rule(detail.get("attachment_link") or {"href": DEFAULT_ATTACHMENT},
                              "detail.attachment_link"),
        years=_years(top.get("years")),
        max_pages=_positive(listing.get("max_pages", 30), "listing.max_pages"),
        max_attachments=_positive(detail.get("max_attachments", 20), "detail.max_attachments"),
        fetch=_fetch(top.get("fetch") or {}),
        source=source,
        disclosures=_disclosures(top.get("disclosures", BOTH)),
    )


def _disclosures(value: object) -> str:
    if value not in CHOICES:
        raise ProfileError(f"disclosures must be one of {', '.join(CHOICES)}, not {value!r}")
    return str(value)


def _years(data: object) -> YearRule | None:
    if data is None:
        return None
    years = _mapping(data, "years", {"link", "url_template"})
    if bool(years.get("link")) == bool(years.get("url_template")):
        raise ProfileError("years: give exactly one of `link` or `url_template`")
    if years.get("url_template"):
        template = str(years["url_template"])
        if "{year}" not in template:
            raise ProfileError("years.url_template must contain {year}")
        return YearRule(url_template=template)
    rule = _rule(years["link"], "years.link")
    if not any(p is not None and "year" in p.groupindex for p in (rule.href, rule.text)):
        raise ProfileError("years.link needs a named group (?P<year>…) in href or text")
    return YearRule(link=rule)


def _fetch(data: object) -> FetchSettings:
    fetch = _mapping(data, "fetch", set(FetchSettings.__dataclass_fields__) - {"auth_env"} | {"auth"})
    values = dict(fetch)
    if "auth" in values:
        auth = _mapping(values.pop("auth"), "fetch.auth", {"username_env", "password_env"})
        values["auth_env"] = (_required(auth, "username_env", "fetch.auth"),
                              _required(auth, "password_env", "fetch.auth"))
    if "headers" in values:
        headers = _mapping(values["headers"], "fetch.headers", None)
        secret = {"authorization", "cookie", "proxy-authorization"} & {k.lower() for k in headers}
        if secret:
            raise ProfileError(f"fetch.headers must not carry secrets ({', '.join(sorted(secret))}); "
                               "use fetch.auth with environment variables")
        values["headers"] = tuple((str(k), str(v)) for k, v in headers.items())
    try:
        settings = FetchSettings(**values)
    except TypeError as exc:
        raise ProfileError(f"fetch: {exc}") from exc
    try:
        settings.check()
    except ValueError as exc:
        raise ProfileError(str(exc)) from exc
    return settings


def _rule(data: object, where: str) -> LinkRule:
    if isinstance(data, str):
        data = {"href": data}
    rule = _mapping(data, where, {"href", "text"})
    if not rule.get("href") and not rule.get("text"):
        raise ProfileError(f"{where}: give `href` and/or `text` (regular expressions)")
    return LinkRule(href=_regex(rule.get("href"), f"{where}.href"), text=_regex(rule.get("text"), f"{where}.text"))


def _regex(pattern: object, where: str) -> re.Pattern | None:
    if pattern is None or pattern == "":
        return None
    try:
        return re.compile(str(pattern))
    except re.error as exc:
        raise ProfileError(f"{where}: not a valid regular expression: {exc}") from exc


def _mapping(data: object, where: str, allowed: set[str] | None) -> dict:
    if not isinstance(data, dict):
        raise ProfileError(f"{where}: expected a mapping, got {type(data).__name__}")
    if allowed is not None and (unknown := set(data) - allowed):
        raise ProfileError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
                           f"known: {', '.join(sorted(allowed))}")
    return data


def _required(data: dict, key: str, where: str) -> str:
    if not data.get(key):
        raise ProfileError(f"{where}.{key} is required")
    return data[key] if not isinstance(data[key], str) else data[key].strip()


def _positive(value: object, where: str) -> int:
    if not isinstance(value, int) or value < 1:
        raise ProfileError(f"{where} must be a positive integer, not {value!r}")
    return value
