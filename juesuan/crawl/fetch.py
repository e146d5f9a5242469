"""The polite fetcher: one HTTP client that a portal can live with, and that cannot be
led anywhere else.

- rate limit: at least `rate_limit_seconds` between two requests (every redirect hop too);
- timeouts per connect/read (`timeout_seconds`) and per whole download;
- retries with exponential backoff on timeouts, connection errors, 429 and 5xx (a 404
  is an answer, not a hiccup: it is not retried); `Retry-After` is honoured up to a cap;
- conditional requests: validators (ETag / Last-Modified) of earlier downloads are sent,
  and a 304 reuses the saved file;
- redirects are followed by hand (httpx's automatic following is off) so that every hop
  is checked against the host allow-list: a portal cannot send us to another host;
- downloads are streamed to a temporary file and refused past `max_bytes`, announced or
  not; the first bytes are sniffed so the caller knows what actually came.

Nothing secret is logged or returned: credentials come from environment variables named
in the profile, and URLs are shown without user-info.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from juesuan import __version__
from juesuan.crawl.cache import CacheEntry, FetchCache
from juesuan.formats import kind_of_bytes

DOWNLOADED, NOT_MODIFIED, FAILED, REFUSED = "downloaded", "not_modified", "failed", "refused"
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchSettings:
    """How politely to fetch; every field can be set in a profile's `fetch:` section."""

    rate_limit_seconds: float = 1.0  # minimum gap between two requests
    timeout_seconds: float = 20.0  # connect / read / write / pool, each
    download_timeout_seconds: float = 300.0  # one whole response body
    retries: int = 3  # after the first attempt
    backoff_seconds: float = 2.0  # first wait; doubles each retry
    max_backoff_seconds: float = 60.0  # cap, also for Retry-After
    max_bytes: int = 100 * 1024 * 1024  # larger responses are refused
    max_redirects: int = 5
    user_agent: str = f"juesuan/{__version__} (final-accounts archiver)"
    headers: tuple[tuple[str, str], ...] = ()  # extra, non-secret request headers
    auth_env: tuple[str, str] | None = None  # names of env vars holding basic-auth user, password
    use_env_proxy: bool = True  # honour HTTP(S)_PROXY / NO_PROXY

    def check(self) -> None:
        for name in ("rate_limit_seconds", "backoff_seconds", "max_backoff_seconds"):
            if getattr(self, name) < 0:
                raise ValueError(f"fetch.{name} must be ≥ 0")
        for name in ("timeout_seconds", "download_timeout_seconds", "max_bytes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"fetch.{name} must be > 0")
        if self.retries < 0 or self.max_redirects < 0:
            raise ValueError("fetch.retries and fetch.max_redirects must be ≥ 0")


@dataclass
class FetchResult:
    """What happened to one URL. `status`: downloaded | not_modified | failed | refused."""

    url: str
    status: str
    reason: str = ""
    final_url: str | None = None
    http_status: int | None = None
    path: str | None = None
    size: int = 0
    sha256: str | None = None
    kind: str | None = None  # juesuan.formats kind of the bytes received
    content_type: str | None = None
    attempts: int = 1
    last_modified: str | None = None  # the server's Last-Modified: weakest evidence of publication

    @property
    def ok(self) -> bool:
        return self.status in (DOWNLOADED, NOT_MODIFIED)


class FetchConfigError(RuntimeError):
    """The fetcher cannot be set up (e.g. a credential's environment variable is unset)."""


class _Retryable(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _Refused(Exception):
    pass


def display_url(url: str) -> str:
    """The URL without user-info (user:password@), for logs and reasons."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


class Fetcher:
    """GET with the rules above; use as a context manager (closes the connection pool)."""

    def __init__(self, settings: FetchSettings, allowed_hosts: list[str] | tuple[str, ...],
                 cache: FetchCache | None = None, *, transport: httpx.BaseTransport | None = None,
                 sleep=time.sleep, clock=time.monotonic):
        settings.check()
        self.settings = settings
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.cache = cache
        self.requests = 0
        self._sleep, self._clock = sleep, clock
        self._lock = threading.Lock()
        self._next_slot = 0.0
        headers = {"User-Agent": settings.user_agent, **dict(settings.headers)}
        self._client = httpx.Client(follow_redirects=False, headers=headers, auth=_auth(settings),
                                    timeout=httpx.Timeout(settings.timeout_seconds),
                                    transport=transport, trust_env=settings.use_env_proxy)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()
        if self.cache is not None:
            self.cache.save()

    def refusal(self, url: str) -> str | None:
        """Why url may not be fetched, or None: only http(s) on an allowed host."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"refused: {parts.scheme or 'no'} scheme in {display_url(url)} (only http and https)"
        host = (parts.hostname or "").lower()
        if host not in self.allowed_hosts:
            return f"refused: {host or '(no host)'} is not an allowed host (allowed: {', '.join(sorted(self.allowed_hosts))})"
        return None

    def fetch(self, url: str, dest: str | Path) -> FetchResult:
        """Download url to dest (replaced atomically); never raises for network trouble."""
        if refusal := self.refusal(url):
            return FetchResult(url, REFUSED, refusal)
        cached = self.cache.get(url) if self.cache is not None else None
        validators = cached.validators() if cached else {}
        reason, attempts = "", self.settings.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                result = self._attempt(url, Path(dest), validators, cached)
            except _Retryable as exc:
                reason = exc.reason
                if attempt < attempts:
                    self._sleep(self._backoff(attempt, exc.retry_after))
                continue
            result.attempts = attempt
            if result.status == NOT_MODIFIED and cached is not None and not _intact(cached):
                self.forget(url)  # the saved copy changed under us: fetch it in full
                return self.fetch(url, dest)
            return result
        return FetchResult(url, FAILED, f"{reason} (gave up after {attempts} attempt(s))", attempts=attempts)

    def forget(self, url: str) -> None:
        """Drop url's validators (its saved file was not usable: fetch it in full next time)."""
        if self.cache is not None:
            self.cache.drop(url)

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        wait = self.settings.backoff_seconds * 2 ** (attempt - 1)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return min(wait, self.settings.max_backoff_seconds)

    def _wait_turn(self) -> None:
        with self._lock:
            wait = self._next_slot - self._clock()
            if wait > 0:
                self._sleep(wait)
            self._next_slot = self._clock() + self.settings.rate_limit_seconds
            self.requests += 1

    def _attempt(self, url: str, dest: Path, validators: dict, cached: CacheEntry | None) -> FetchResult:
        try:
            response, final_url = self._open(url, validators)
        except _Refused as exc:
            return FetchResult(url, REFUSED, str(exc))
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timeout: no answer within {self.settings.timeout_seconds:g} s "
                             f"({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed: {type(exc).__name__}: {exc}") from exc
        with closing(response):
            code = response.status_code
            common = dict(final_url=final_url, http_status=code,
                          content_type=response.headers.get("content-type"))
            if code == 304 and cached is not None:
                return FetchResult(url, NOT_MODIFIED, "not modified (HTTP 304)", path=cached.path,
                                   size=cached.size, sha256=cached.sha256, last_modified=cached.last_modified,
                                   **common)
            if code in RETRY_STATUSES:
                raise _Retryable(f"HTTP {code} {response.reason_phrase}", _retry_after(response))
            if code != 200:
                self.forget(url)
                return FetchResult(url, FAILED, f"HTTP {code} {response.reason_phrase} for {display_url(final_url)}",
                                   **common)
            return self._save(url, response, dest, common)

    def _open(self, url: str, validators: dict) -> tuple[httpx.Response, str]:
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self._wait_turn()
            request = self._client.build_request("GET", current, headers=validators)
            response = self._client.send(request, stream=True)
            if response.status_code not in REDIRECT_STATUSES or "location" not in response.headers:
                return response, current
            target = urljoin(current, response.headers["location"])
            response.close()
            if refusal := self.refusal(target):
                raise _Refused(f"{refusal}: {display_url(current)} redirected to {display_url(target)}")
            current = target
        raise _Refused(f"refused: more than {self.settings.max_redirects} redirects from {display_url(url)}")

    def _save(self, url: str, response: httpx.Response, dest: Path, common: dict) -> FetchResult:
        limit = self.settings.max_bytes
        announced = response.headers.get("content-length")
        if announced and announced.isdigit() and int(announced) > limit:
            return FetchResult(url, REFUSED, f"refused: {int(announced)} bytes announced, over the "
                                             f"{limit}-byte bound", **common)
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.part")
        digest, size, head = hashlib.sha256(), 0, b""
        started = self._clock()
        try:
            with open(tmp, "wb") as fh:
                for chunk in response.iter_bytes(64 * 1024):
                    size += len(chunk)
                    if size > limit:
                        return FetchResult(url, REFUSED, f"refused: more than {limit} bytes, download "
                                                         "stopped", **common)
                    if self._clock() - started > self.settings.download_timeout_seconds:
                        raise _Retryable(f"timeout: the download took longer than "
                                         f"{self.settings.download_timeout_seconds:g} s")
                    if len(head) < 1024:
                        head += chunk[:1024 - len(head)]
                    digest.update(chunk)
                    fh.write(chunk)
            os.replace(tmp, dest)
        except httpx.TimeoutException as exc:
            raise _Retryable(f"timeout: the download stalled for {self.settings.timeout_seconds:g} s "
                             f"({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed during the download: {type(exc).__name__}: {exc}") from exc
        finally:
            tmp.unlink(missing_ok=True)
        result = FetchResult(url, DOWNLOADED, f"HTTP 200, {size} bytes", path=str(dest), size=size,
                             sha256=digest.hexdigest(), kind=kind_of_bytes(head),
                             last_modified=response.headers.get("last-modified"), **common)
        if self.cache is not None:
            self.cache.put(url, CacheEntry(str(dest), result.sha256, size, response.headers.get("etag"),
                                           response.headers.get("last-modified"),
                                           datetime.now(timezone.utc).isoformat(timespec="seconds")))
        return result


def _intact(entry: CacheEntry) -> bool:
    """The saved file is still the one the validators describe (nobody replaced it)."""
    digest = hashlib.sha256()
    with open(entry.path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == entry.sha256


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "")
    return float(value) if value.strip().isdigit() else None


def _auth(settings: FetchSettings) -> httpx.BasicAuth | None:
    if not settings.auth_env:
        return None
    user_var, password_var = settings.auth_env
    missing = [v for v in (user_var, password_var) if not os.environ.get(v)]
    if missing:
        raise FetchConfigError(f"the profile asks for credentials from {', '.join(missing)}, which is not set")
    return httpx.BasicAuth(os.environ[user_var], os.environ[password_var])
