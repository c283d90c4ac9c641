"""HTTP for a polite crawler: one :class:`Fetcher` per run, shared by its worker threads.

The numbers named below are in :mod:`communique.fetch.policy`. Every request goes
through the host's :class:`HostGate` (at most ``PER_HOST_CONCURRENCY`` at once, starts
at least ``PER_HOST_DELAY`` seconds apart, longer when robots.txt asks for a
``Crawl-delay``), is allowed by the host's robots.txt (RFC 9309: a 4xx robots.txt
allows everything, a 5xx one forbids everything; an unreachable host fails with the
reason), and carries ``USER_AGENT``. Answers 429 and 5xx (and connections dropped
mid-answer) are retried up to ``MAX_RETRIES`` times, waiting what ``Retry-After`` says
(up to ``MAX_RETRY_AFTER_S``) or an exponential backoff from ``BACKOFF_S``; timeouts
and refused connections are not retried. Redirects are followed by hand (each hop
checked against robots.txt) up to ``MAX_REDIRECTS``, and a loop is named as one.
Bodies are streamed and never read past ``MAX_BODY_BYTES`` (a larger
``Content-Length`` is refused without reading), counted after decompression, which is
done piece by piece for every stacked ``Content-Encoding``
(:mod:`~communique.fetch.decoding`). One response (connect, headers and body) takes at
most ``TOTAL_TIMEOUT_S``, and no connection reaches a loopback, private, link-local or
metadata address unless the user named a URL on that network or ``allow_private`` is
set (:mod:`~communique.fetch.network`).

The result is always a :class:`Fetched`; a failure is a one-line ``error``, never an
exception.
"""

from __future__ import annotations

import contextlib
import email.utils
import ssl
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from communique.fetch import policy
from communique.fetch.decoding import Decoder, EncodingError
from communique.fetch.network import (
    AddressPolicy,
    AddressRefused,
    GuardedBackend,
    Resolver,
    deadline,
)
from communique.fetch.policy import (
    MAX_ROBOTS_BYTES,
    RETRY_STATUSES,
    ROBOTS_AGENT,
)
from communique.fetch.urls import is_http_url, origin, strip_fragment


@dataclass
class FetchConfig:
    """Everything a test or a user may want to change (defaults: :mod:`~communique.fetch.policy`)."""

    user_agent: str = field(default_factory=lambda: policy.USER_AGENT)
    delay: float = field(default_factory=lambda: policy.PER_HOST_DELAY)
    per_host_concurrency: int = field(default_factory=lambda: policy.PER_HOST_CONCURRENCY)
    concurrency: int = field(default_factory=lambda: policy.CONCURRENCY)
    connect_timeout: float = field(default_factory=lambda: policy.CONNECT_TIMEOUT_S)
    read_timeout: float = field(default_factory=lambda: policy.READ_TIMEOUT_S)
    total_timeout: float = field(default_factory=lambda: policy.TOTAL_TIMEOUT_S)
    max_redirects: int = field(default_factory=lambda: policy.MAX_REDIRECTS)
    max_bytes: int = field(default_factory=lambda: policy.MAX_BODY_BYTES)
    max_retries: int = field(default_factory=lambda: policy.MAX_RETRIES)
    backoff: float = field(default_factory=lambda: policy.BACKOFF_S)
    max_retry_after: float = field(default_factory=lambda: policy.MAX_RETRY_AFTER_S)
    max_crawl_delay: float = field(default_factory=lambda: policy.MAX_CRAWL_DELAY_S)
    obey_robots: bool = True
    #: reach loopback, private, link-local and metadata addresses from any page
    allow_private: bool = False
    #: how host names are resolved (None: the system's resolver)
    resolver: Resolver | None = None


@dataclass
class Fetched:
    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    #: the server answered 304: the copy kept from last time is current
    not_modified: bool = False
    #: robots.txt forbids the URL (not an error: a skip)
    disallowed: bool = False
    #: requests sent for this URL (retries and redirect hops included)
    requests: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and not self.disallowed

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


KEPT_HEADERS = ("content-type", "etag", "last-modified", "retry-after", "location")


class HostGate:
    """Per-host politeness: a concurrency limit and a minimum gap between starts."""

    def __init__(self, delay: float, concurrency: int, stop: threading.Event) -> None:
        self.delay = delay
        self._sem = threading.BoundedSemaphore(max(1, concurrency))
        self._lock = threading.Lock()
        self._next = 0.0
        self._stop = stop

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        self._sem.acquire()
        try:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next)
                self._next = start + self.delay
            if start > now:
                self._stop.wait(start - now)
            yield
        finally:
            self._sem.release()

    def defer(self, seconds: float) -> None:
        """No request to this host for ``seconds`` (after a 429 or 503)."""
        with self._lock:
            self._next = max(self._next, time.monotonic() + seconds)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def describe_error(e: Exception, config: FetchConfig) -> str:
    """A transport failure in one line."""
    if isinstance(e, httpx.ConnectError) and isinstance(e.__context__, AddressRefused):
        return str(e)
    if isinstance(e, httpx.ConnectTimeout):
        return f"no connection within {config.connect_timeout:g} s (connect timeout)"
    if isinstance(e, (httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout)):
        return f"no answer within {config.read_timeout:g} s (read timeout)"
    text = str(e).strip() or type(e).__name__
    cause = e.__cause__ or e.__context__
    tls = isinstance(cause, ssl.SSLError) or any(
        w in text for w in ("SSL", "TLS", "CERTIFICATE", "certificate", "WRONG_VERSION")
    )
    if isinstance(e, httpx.ConnectError):
        if tls:
            return f"TLS failure: {text}"
        return f"cannot connect: {text}"
    if isinstance(e, httpx.RemoteProtocolError):
        return f"protocol error: {text}"
    if isinstance(e, httpx.ReadError):
        return f"connection broken while reading: {text}"
    if isinstance(e, httpx.UnsupportedProtocol):
        return f"unsupported URL: {text}"
    return f"{type(e).__name__}: {text}"


class _Robots:
    def __init__(
        self,
        parser: urllib.robotparser.RobotFileParser | None,
        *,
        allow_all: bool = False,
        error: str | None = None,
    ) -> None:
        self.parser = parser
        self.allow_all = allow_all
        self.error = error  # the host cannot be fetched from at all (the reason)

    def allowed(self, url: str) -> bool:
        if self.allow_all:
            return True
        if self.parser is None:
            return False
        return self.parser.can_fetch(ROBOTS_AGENT, url)

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        d = self.parser.crawl_delay(ROBOTS_AGENT)
        return float(d) if d is not None else None


#: (etag, last_modified, body) kept from an earlier fetch of a URL, or None
Validators = tuple[str | None, str | None, bytes | None]


class Fetcher:
    """One HTTP client, robots.txt cache and set of host gates for one run.

    ``remember(url)`` returns what was kept of an earlier fetch of robots.txt (for a
    conditional request) and ``keep(fetched)`` is told of each robots.txt fetched;
    both are optional (a crawl gives its :class:`~communique.fetch.crawl.CrawlLog`'s).
    """

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        remember: Callable[[str], Validators | None] | None = None,
        keep: Callable[[Fetched, str], None] | None = None,
    ) -> None:
        self.config = config or FetchConfig()
        self.stop = threading.Event()
        self._remember = remember
        self._keep = keep
        self._gates: dict[str, HostGate] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()
        c = self.config
        self.addresses = AddressPolicy(allow_all=c.allow_private, resolver=c.resolver)
        limits = httpx.Limits(
            max_connections=max(2, c.concurrency * 2), max_keepalive_connections=c.concurrency
        )
        transport = httpx.HTTPTransport(limits=limits)
        # the same pool httpx builds, on a connection layer that checks addresses and
        # keeps the total deadline (httpx offers no parameter for a network backend)
        transport._pool = httpcore.ConnectionPool(
            ssl_context=transport._pool._ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(self.addresses),
        )
        self.client = httpx.Client(
            transport=transport,
            headers={"User-Agent": c.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(
                connect=c.connect_timeout, read=c.read_timeout, write=c.read_timeout, pool=None
            ),
            follow_redirects=False,
        )

    def allow_network_of(self, url: str) -> None:
        """``url`` was named by the user: the kind of network it is on may be reached."""
        p = urlsplit(url)
        if p.hostname:
            self.addresses.allow_network_of(
                p.hostname, p.port or (443 if p.scheme == "https" else 80)
            )

    def close(self) -> None:
        self.stop.set()
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ politeness

    def gate(self, url: str) -> HostGate:
        key = origin(url)
        with self._lock:
            g = self._gates.get(key)
            if g is None:
                g = HostGate(self.config.delay, self.config.per_host_concurrency, self.stop)
                self._gates[key] = g
            return g

    def robots(self, url: str) -> _Robots:
        key = origin(url)
        with self._lock:
            r = self._robots.get(key)
            if r is not None:
                return r
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                r = self._robots.get(key)
            if r is None:
                r = self._load_robots(key)
                with self._lock:
                    self._robots[key] = r
        return r

    def _load_robots(self, key: str) -> _Robots:
        url = key + "/robots.txt"
        kept = self._remember(url) if self._remember else None
        etag, last_modified, body = kept or (None, None, None)
        f = self._fetch(
            url,
            etag=etag if body is not None else None,
            last_modified=last_modified if body is not None else None,
            check_robots=False,
            max_bytes=MAX_ROBOTS_BYTES,
        )
        if f.error is not None and f.status is None:
            return _Robots(None, error=f.error)  # the host is unreachable
        if self._keep:
            self._keep(f, "robots")
        if f.not_modified and body is not None:
            text = body
        elif f.status is not None and 200 <= f.status < 300 and f.body is not None:
            text = f.body
        elif f.status is not None and 400 <= f.status < 500:
            return _Robots(None, allow_all=True)
        else:
            return _Robots(
                None, error=f"robots.txt unavailable ({f.error or f.status}); host not fetched"
            )
        parser = urllib.robotparser.RobotFileParser(url)
        parser.parse(text.decode("utf-8", "replace").splitlines())
        r = _Robots(parser)
        delay = r.crawl_delay()
        if delay:
            g = self.gate(key)
            g.delay = max(g.delay, min(delay, self.config.max_crawl_delay))
        return r

    # ------------------------------------------------------------------ fetching

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET ``url`` (conditionally when validators are given), following redirects."""
        if not is_http_url(url):
            return Fetched(url, url, error="not an http(s) URL")
        return self._fetch(url, etag=etag, last_modified=last_modified, check_robots=True)

    def _fetch(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        check_robots: bool,
        max_bytes: int | None = None,
    ) -> Fetched:
        c = self.config
        result = Fetched(url, url)
        seen = [url]
        current = url
        for _hop in range(c.max_redirects + 1):
            result.final_url = current
            if check_robots and c.obey_robots:
                r = self.robots(current)
                if r.error is not None:
                    result.error = r.error
                    return result
                if not r.allowed(current):
                    result.disallowed = True
                    result.error = "disallowed by robots.txt"
                    return result
            self._get(current, result, etag, last_modified, max_bytes or c.max_bytes)
            if result.status is not None and 300 <= result.status < 400 and result.status != 304:
                location = result.headers.get("location")
                if not location:
                    result.error = f"HTTP {result.status} redirect without a Location"
                    return result
                nxt = strip_fragment(urljoin(current, location))
                if nxt in seen:
                    loop = " -> ".join([*seen[seen.index(nxt) :], nxt])
                    result.error = f"redirect loop: {loop}"
                    return result
                if not is_http_url(nxt):
                    result.error = f"redirect to a non-http URL: {nxt}"
                    return result
                seen.append(nxt)
                current = nxt
                result.error = None
                continue
            return result
        result.error = f"too many redirects (more than {c.max_redirects})"
        return result

    def _get(
        self,
        url: str,
        result: Fetched,
        etag: str | None,
        last_modified: str | None,
        max_bytes: int,
    ) -> None:
        """One URL (no redirects), with retries; fills ``result``."""
        c = self.config
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        gate = self.gate(url)
        for attempt in range(c.max_retries + 1):
            if self.stop.is_set():
                result.error = "interrupted"
                return
            result.status, result.body, result.error, result.not_modified = None, None, None, False
            result.headers = {}
            retry_wait: float | None = None
            with gate.slot():
                result.requests += 1
                started = time.monotonic()
                try:
                    with deadline(c.total_timeout):
                        self._send(url, headers, result, max_bytes)
                except httpx.HTTPError as e:
                    result.status = None
                    result.error = describe_error(e, c)
                    if time.monotonic() - started >= c.total_timeout:
                        result.error = (
                            f"no complete answer within {c.total_timeout:g} s (total timeout)"
                        )
                    elif isinstance(e, (httpx.RemoteProtocolError, httpx.ReadError)):
                        retry_wait = c.backoff * 2**attempt
            if result.status in RETRY_STATUSES:
                after = retry_after_seconds(result.headers.get("retry-after"))
                if after is not None and after > c.max_retry_after:
                    result.error = (
                        f"HTTP {result.status}, Retry-After {after:.0f} s is longer than "
                        f"{c.max_retry_after:g} s; not waiting"
                    )
                    gate.defer(after)
                    return
                retry_wait = after if after is not None else c.backoff * 2**attempt
                result.error = f"HTTP {result.status}" + (
                    f" after {attempt + 1} attempts" if attempt else ""
                )
            if retry_wait is None or attempt == c.max_retries:
                if retry_wait is not None and result.status in RETRY_STATUSES:
                    result.error = f"HTTP {result.status} after {attempt + 1} attempts"
                return
            gate.defer(retry_wait)
            self.stop.wait(retry_wait)

    def _send(self, url: str, headers: dict[str, str], result: Fetched, max_bytes: int) -> None:
        c = self.config
        started = time.monotonic()
        with self.client.stream("GET", url, headers=headers) as resp:
            result.status = resp.status_code
            result.headers = {k: resp.headers[k] for k in KEPT_HEADERS if k in resp.headers}
            if resp.status_code == 304:
                result.not_modified = True
                return
            if not 200 <= resp.status_code < 300:
                if not 300 <= resp.status_code < 400:
                    result.error = f"HTTP {resp.status_code}" + (
                        f" {resp.reason_phrase}" if resp.reason_phrase else ""
                    )
                return
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                result.error = (
                    f"body too large (Content-Length {int(declared)} bytes, "
                    f"limit {max_bytes} bytes); not read"
                )
                return
            try:
                decoder = Decoder(resp.headers.get("content-encoding"))
            except EncodingError as e:
                result.error = str(e)
                return
            chunks: list[bytes] = []
            size = 0
            try:
                for raw in resp.iter_raw():
                    for piece in decoder.decode(raw):
                        size += len(piece)
                        if size > max_bytes:
                            result.error = (
                                f"response too large: body over the {max_bytes}-byte limit "
                                "(counted decompressed); stopped reading"
                            )
                            return
                        chunks.append(piece)
                    if time.monotonic() - started > c.total_timeout:
                        result.error = (
                            f"body not complete within {c.total_timeout:g} s; stopped reading"
                        )
                        return
                    if self.stop.is_set():
                        result.error = "interrupted"
                        return
            except EncodingError as e:
                result.error = str(e)
                return
            result.body = b"".join(chunks)
