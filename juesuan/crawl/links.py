"""Links on a portal page: decode the HTML, collect anchors, resolve them, match rules.

The standard library's html.parser is enough: portals are template-generated lists of
anchors, and tolerant parsing matters more than a DOM. Pages of Chinese portals are
often GBK/GB2312; the charset comes from the HTTP header, else the page's <meta>, else
UTF-8 with GB18030 (a superset of both) as the fallback.

Besides its URL and text, each anchor keeps the text of the list item, table row or block
it sits in (`context`): listings print a document's publication date there, beside the
link (<li><a>…</a><span>2025-06-20</span></li>). A page also keeps its title and its
visible text, where detail pages print 发布时间.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", re.I)
_SPACES = re.compile(r"\s+")
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"}


# Elements whose text belongs to the anchors inside them (a listing's entry). Table cells
# are not among them: a date printed in the next cell of the same row belongs to the row.
_ENTRY_TAGS = frozenset({"li", "tr", "dd", "dt", "p", "div", "article", "section"})
# Opening one of these closes an open element of the same kind (HTML's implied end tags).
_SELF_CLOSING_SIBLINGS = frozenset({"li", "tr", "dd", "dt", "p"})
# Lists and tables: closing one closes the entries left open inside it (<li> without </li>).
_STRUCTURE_TAGS = frozenset({"ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "body", "html"})
_HIDDEN_TAGS = frozenset({"script", "style"})


@dataclass(frozen=True, slots=True)
class Link:
    """An anchor: its absolute URL (fragment removed), its visible text (whitespace folded)
    and the text of the entry (list item, table row, block) it sits in."""

    url: str
    text: str
    context: str = field(default="", compare=False)


@dataclass(frozen=True)
class Page:
    """A fetched HTML page: its links, its <title> and its visible text."""

    links: list[Link]
    title: str
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
    """Collects (href, text, entry text) of every <a>, the page title and its visible text;
    the title attribute stands in for an anchor's empty text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.anchors: list[list[str]] = []  # [href, text, entry text]
        self.title_parts: list[str] = []
        self.text_parts: list[str] = []
        self._open: tuple[str, str] | None = None  # href, title of the anchor being read
        self._text: list[str] = []
        self._entries: list[tuple[str, list[str], list[int]]] = []  # tag, text, anchors inside
        self._in_title = False
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "base" and attributes.get("href") and self.base is None:
            self.base = attributes["href"]
        elif tag == "a":
            self._close()
            if attributes.get("href") is not None:
                self._open = (attributes["href"] or "", attributes.get("title") or "")
        elif tag in _ENTRY_TAGS or tag in _STRUCTURE_TAGS:
            if tag in _SELF_CLOSING_SIBLINGS and self._entries and self._entries[-1][0] == tag:
                self._end_entry()
            self._entries.append((tag, [], []))
        elif tag == "br":
            self._data(" ")

    def handle_data(self, data):
        if self._hidden:
            return
        if self._in_title:
            self.title_parts.append(data)
            return
        if self._open is not None:
            self._text.append(data)
        self._data(data)

    def _data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._entries:
            self._entries[-1][1].append(data)

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == "a":
            self._close()
        elif (tag in _ENTRY_TAGS or tag in _STRUCTURE_TAGS) and any(t == tag for t, _, _ in self._entries):
            while self._entries and self._entries[-1][0] != tag:
                self._end_entry()
            self._end_entry()
        if tag in ("td", "th"):
            self._data(" ")

    def _end_entry(self) -> None:
        """Close the innermost entry: its anchors learn its text; the text goes to its parent."""
        _tag, parts, inside = self._entries.pop()
        text = _SPACES.sub(" ", "".join(parts)).strip()
        for index in inside:
            if not self.anchors[index][2]:
                self.anchors[index][2] = text
        if self._entries:
            self._entries[-1][1].append(" " + "".join(parts) + " ")

    def _close(self):
        if self._open is not None:
            href, title = self._open
            text = _SPACES.sub(" ", "".join(self._text)).strip() or title.strip()
            self.anchors.append([href, text, ""])
            entry = next((e for e in reversed(self._entries) if e[0] in _ENTRY_TAGS), None)
            if entry is not None:
                entry[2].append(len(self.anchors) - 1)
        self._open, self._text = None, []

    def close(self):
        super().close()
        self._close()
        while self._entries:
            self._end_entry()


def parse_page(html: str, base_url: str) -> Page:
    """Every followable anchor in page order (resolved against <base href> or the page URL),
    with the page's title and visible text."""
    parser = _AnchorParser()
    parser.feed(html)
    parser.close()
    base = urljoin(base_url, parser.base) if parser.base else base_url
    links, seen = [], set()
    for href, text, context in parser.anchors:
        href = (href or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:", "data:")):
            continue
        url = urldefrag(urljoin(base, href)).url
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        if (url, text) not in seen:
            seen.add((url, text))
            links.append(Link(url, text, context))
    title = _SPACES.sub(" ", "".join(parser.title_parts)).strip()
    return Page(links, title, _SPACES.sub(" ", "".join(parser.text_parts)).strip())


def parse_links(html: str, base_url: str) -> list[Link]:
    """Every followable anchor of a page, in page order (see parse_page)."""
    return parse_page(html, base_url).links


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
