"""A mock finance-bureau portal served on 127.0.0.1 by a real HTTP server in a thread.

Built from a handful of sample-corpus PDFs: a start page linking year listings, listings
paginated over two pages, one detail page per unit with its attachment, and the ways real
portals go wrong — a 404, a response too slow to wait for, an HTML error page under a
.pdf name, a redirect to another host, an oversized file, a spreadsheet, a ZIP of PDFs,
a detail page without any attachment. Every request is logged so tests can assert that
the crawler fetched exactly what it should. Files carry an ETag and a Last-Modified and
answer conditional requests with 304.
"""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlsplit

from tests.conftest import CORPUS

YEAR_2024 = CORPUS / "示例市" / "2024"
YEAR_2023 = CORPUS / "示例市" / "2023"
GOOD_A_2024 = YEAR_2024 / "示例市信访局-2024-部门决算.pdf"
GOOD_B_2024 = YEAR_2024 / "示例市公证处-2024-部门决算.pdf"
ZIPPED_2024 = YEAR_2024 / "示例市审计局-2024-部门决算.pdf"
GOOD_A_2023 = YEAR_2023 / "示例市信访局-2023-部门决算.pdf"
SLOW_SECONDS = 3.0
MAX_BYTES = 1_000_000


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    fail_first: int = 0  # answer 503 this many times first
    chunked: bool = False  # no Content-Length

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class Portal:
    """Routes by path; `requests` lists (path, status answered, request headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, int, dict]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                portal._serve(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Portal:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self, status: int | None = None) -> list[str]:
        with self._lock:
            return [p for p, s, _ in self.requests if status is None or s == status]

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        route = self.routes.get(path)
        headers = {k.lower(): v for k, v in handler.headers.items()}
        if route is None:
            route = Route(b"<!DOCTYPE html><html><body>404 Not Found</body></html>", status=404)
        status = route.status
        if route.fail_first:
            route.fail_first -= 1
            status = 503
        if status == 200 and headers.get("if-none-match") == route.etag:
            status = 304
        with self._lock:
            self.requests.append((path, status, headers))
        if route.delay and self._stop.wait(route.delay):
            return
        try:
            handler.send_response(status)
            for key, value in route.headers.items():
                handler.send_header(key, value)
            if status == 304:
                handler.send_header("ETag", route.etag)
                handler.end_headers()
                return
            body = route.body if status != 503 else b"busy"
            handler.send_header("Content-Type", route.content_type)
            if route.status == 200 and status == 200:
                handler.send_header("ETag", route.etag)
                handler.send_header("Last-Modified", "Wed, 01 May 2025 08:00:00 GMT")
            if route.chunked:
                handler.send_header("Connection", "close")
                handler.end_headers()
                for start in range(0, len(body), 65536):
                    handler.wfile.write(body[start:start + 65536])
                return
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer


def page(title: str, links: list[tuple[str, str]], extra: str = "") -> bytes:
    anchors = "\n".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<ul>{anchors}</ul>{extra}</body></html>").encode("utf-8")


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    return zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def republished(path: Path) -> bytes:
    """The same document with different bytes: a corrected re-publication."""
    return path.read_bytes() + b"\n% corrected re-publication\n"


# unit, year, detail id, attachment path (None: no attachment link), what the portal does
UNITS_2024 = [
    ("示例市信访局", "t101", "/uploads/2024/示例市信访局2024年度部门决算.pdf"),
    ("示例市公证处", "t102", "/uploads/2024/公证处决算.pdf"),
    ("示例市审计局", "t103", "/uploads/2024/审计局决算公开.zip"),
    ("示例市档案馆", "t104", "/uploads/2024/missing.pdf"),  # 404
    ("示例市商务局", "t105", "/uploads/2024/slow.pdf"),  # too slow
    ("示例市统计局", "t106", "/uploads/2024/error-page.pdf"),  # HTML under .pdf
    ("示例市司法局", "t107", "/uploads/2024/moved.pdf"),  # redirect to another host
    ("示例市公安局", "t108", "/uploads/2024/huge.pdf"),  # over max_bytes
    ("示例市总工会", "t109", "/uploads/2024/总工会决算表.xlsx"),  # spreadsheet
    ("示例市财政局", "t110", None),  # detail page without attachment
]
UNITS_2023 = [("示例市信访局", "t201", "/uploads/2023/信访局2023决算.pdf")]


def build(portal: Portal) -> None:
    """Lay out the mock portal (start page, listings, details, attachments) on `portal`."""
    r = portal.routes
    r["/czj/bmjs/index.html"] = Route(page("部门决算", [
        ("/index.html", "首页"), ("/czj/bmys/index.html", "2024年部门预算"),
        ("/czj/bmjs/2024/index.html", "2024年部门决算"), ("/czj/bmjs/2023/index.html", "2023年部门决算"),
        ("/czj/bmjs/2022/index.html", "2022年部门决算"), ("http://www.example.org/", "友情链接"),
        ("javascript:void(0)", "打印")]))
    for year, units in ((2024, UNITS_2024), (2023, UNITS_2023)):
        details = [(f"/czj/bmjs/{year}/{tid}.html", f"{unit}{year}年度部门决算") for unit, tid, _ in units]
        if year == 2024:  # two listing pages, with a "previous" link back to the first
            r[f"/czj/bmjs/{year}/index.html"] = Route(page(f"{year}", details[:6] + [
                (f"/czj/bmjs/{year}/index_1.html", "下一页"), ("/czj/bmjs/index.html", "返回")]))
            r[f"/czj/bmjs/{year}/index_1.html"] = Route(page(f"{year}", details[6:] + [
                (f"/czj/bmjs/{year}/index.html", "上一页")]))
        else:
            r[f"/czj/bmjs/{year}/index.html"] = Route(page(f"{year}", details))
        for unit, tid, attachment in units:
            links = [("/czj/bmjs/index.html", "返回列表"), ("/czj/bmjs/rules.html", "公开规定")]
            if attachment:
                links.append((quote(attachment), f"附件：{unit}{year}年度部门决算"))
            r[f"/czj/bmjs/{year}/{tid}.html"] = Route(page(unit, links))
    r["/czj/bmjs/2022/index.html"] = Route(page("2022", [("/czj/bmjs/2022/t301.html", "示例市信访局2022年度部门决算")]))
    pdf = "application/pdf"
    r["/uploads/2024/示例市信访局2024年度部门决算.pdf"] = Route(GOOD_A_2024.read_bytes(), content_type=pdf)
    r["/uploads/2024/公证处决算.pdf"] = Route(GOOD_B_2024.read_bytes(), content_type=pdf)
    r["/uploads/2024/审计局决算公开.zip"] = Route(zip_of({"../../审计局/示例市审计局-2024-部门决算.pdf":
                                                       ZIPPED_2024.read_bytes()}), content_type="application/zip")
    r["/uploads/2024/slow.pdf"] = Route(GOOD_A_2024.read_bytes(), content_type=pdf, delay=SLOW_SECONDS)
    r["/uploads/2024/error-page.pdf"] = Route(b"<!DOCTYPE html><html><body>\xe7\xb3\xbb\xe7\xbb\x9f\xe7\xb9\x81\xe5\xbf\x99"
                                              b"</body></html>", content_type="text/html")
    r["/uploads/2024/moved.pdf"] = Route(status=302, headers={
        "Location": portal.url(quote("/uploads/2024/示例市信访局2024年度部门决算.pdf"), host="localhost")})
    r["/uploads/2024/huge.pdf"] = Route(b"%PDF-1.4\n" + b"0" * (MAX_BYTES + 10), content_type=pdf)
    r["/uploads/2024/总工会决算表.xlsx"] = Route(xlsx_bytes(), content_type="application/vnd.ms-excel")
    r["/uploads/2023/信访局2023决算.pdf"] = Route(GOOD_A_2023.read_bytes(), content_type=pdf)
    # routes are keyed by the decoded path; the handler sees the percent-encoded one
    for path in list(r):
        r[quote(path)] = r[path]


PROFILE = """\
name: 测试市财政局 部门决算
start_url: {start}
years:
  link: {{text: '(?P<year>20\\d{{2}})年部门决算'}}
listing:
  detail_link: {{href: '/czj/bmjs/\\d{{4}}/t\\d+\\.html$', text: '(?P<unit>.+?)\\d{{4}}年度?部门决算'}}
  next_page: {{text: '下一页'}}
  max_pages: 5
detail:
  attachment_link: {{href: '(?i)\\.(pdf|xlsx?|zip)$'}}
fetch:
  rate_limit_seconds: 0
  timeout_seconds: 0.5
  retries: 1
  backoff_seconds: 0.05
  max_bytes: {max_bytes}
  use_env_proxy: false
"""


def write_profile(portal: Portal, path: Path) -> Path:
    path.write_text(PROFILE.format(start=portal.url("/czj/bmjs/index.html"), max_bytes=MAX_BYTES), encoding="utf-8")
    return path

