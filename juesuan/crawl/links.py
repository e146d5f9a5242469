"""Links on a portal page: decode the HTML, collect anchors, resolve them, match rules.

The standard library's html.parser is enough: portals are template-generated lists of
anchors, and tolerant parsing matters more than a DOM. Pages of Chinese portals are
often GBK/GB2312; the charset comes from the HTTP header, else the page's <meta>, else
UTF-8 with GB18030 (a superset of both) as the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_SPACES = re.compile(r"\s+")
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"}


@dataclass(frozen=True, slots=True)
class Link:
    """An anchor: its absolute URL (fragment removed) and its visible text, whitespace folded."""

    url: str
    text: str


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text with the declared charset, GB-family charsets read as GB18030."""
    declared = None
    if content_type and (m := _HEADER_CHARSET.search(content_type)):
        declared = m.group(1)
    elif m := _META_CHARSET.search(body[:4096]):
        declared = m.group(1).decode("ascii")
    candidates = [declared] if declared else []
    candidates += ["utf-8", "gb18030"]
    for charset in candidates:
        name = "gb18030" if charset.lower() in _GB_FAMILY else charset
        try:
            return body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("utf-8", errors="replace")


class _AnchorParser(HTMLParser):
    """Collects (href, text) of every <a>; the title attribute stands in for empty text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.anchors: list[tuple[str, str]] = []
        self._open: tuple[str, str] | None = None  # href, title of the anchor being read
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "base" and attributes.get("href") and self.base is None:
            self.base = attributes["href"]
        elif tag == "a":
            self._close()
            if attributes.get("href") is not None:
                self._open = (attributes["href"] or "", attributes.get("title") or "")

    def handle_data(self, data):
        if self._open is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a":
            self._close()

    def _close(self):
        if self._open is not None:
            href, title = self._open
            text = _SPACES.sub(" ", "".join(self._text)).strip() or title.strip()
            self.anchors.append((href, text))
        self._open, self._text = None, []

    def close(self):
        super().close()
        self._close()


def parse_links(html: str, base_url: str) -> list[Link]:
    """Every followable anchor, in page order, resolved against <base href> or the page URL."""
    parser = _AnchorParser()
    parser.feed(html)
    parser.close()
    base = urljoin(base_url, parser.base) if parser.base else base_url
    links, seen = [], set()
    for href, text in parser.anchors:
        href = (href or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:", "data:")):
            continue
        url = urldefrag(urljoin(base, href)).url
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        if (url, text) not in seen:
            seen.add((url, text))
            links.append(Link(url, text))
    return links


@dataclass(frozen=True)
class LinkRule:
    """Which anchors to take: `href` is searched in the absolute URL, `text` in the visible
    text; every pattern given must match. Named groups (`year`, `unit`) are captured."""

    href: re.Pattern | None = None
    text: re.Pattern | None = None

    def match(self, link: Link) -> dict[str, str] | None:
        groups: dict[str, str] = {}
        for pattern, subject in ((self.href, link.url), (self.text, link.text)):
            if pattern is None:
                continue
            m = pattern.search(subject)
            if m is None:
                return None
            groups.update({k: v for k, v in m.groupdict().items() if v is not None})
        return groups

    def select(self, links: list[Link]) -> list[tuple[Link, dict[str, str]]]:
        return [(link, groups) for link in links if (groups := self.match(link)) is not None]
