"""A fixture ministry website served on 127.0.0.1 for the fetch tests.

The "Ministry of Foreign Affairs of Arcadia" (templates in ``fixtures/ministry/``)
publishes 50 readouts, listed newest first on five index pages of ten with
pagination, in an RSS feed, an Atom feed and a sitemap, plus one readout as a PDF.
Around them are the pages a crawler must survive: a robots.txt forbidding
``/private/``, a page answering 429 (Retry-After: 1) then 200, one answering 503 then
200, one that never answers in time, a redirect loop, a 50 MB body (streamed, with and
without Content-Length), an image, a malformed feed, a page in Shift_JIS declared only
in the HTTP header and one in windows-1251 declared only in a ``<meta>``.

Every answer carries validators (odd readouts only Last-Modified, the rest an ETag
too) and a conditional request for an unchanged page gets 304. Every request is
logged (path, conditional headers, User-Agent, status) in ``Site.log``.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import html
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures") / "ministry"
N_READOUTS = 50
PER_PAGE = 10
#: how long /slow.html keeps the client waiting (the tests' read timeout is shorter)
SLOW_SECONDS = 5.0
HUGE_BYTES = 50 * 1024 * 1024
LAST_MODIFIED = email.utils.format_datetime(
    dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC), usegmt=True
)
CHANGED_MODIFIED = email.utils.format_datetime(
    dt.datetime(2024, 7, 1, 9, 0, tzinfo=dt.UTC), usegmt=True
)

COUNTERPARTS = [
    ("Australia", "Minister for Foreign Affairs", "Ms. Penelope Hart"),
    ("Canada", "Minister of Foreign Affairs", "Mr. Julien Moreau"),
    ("India", "Minister of External Affairs", "Mr. Arjun Mehta"),
    ("Brazil", "Minister of Foreign Affairs", "Mr. Rafael Lima"),
    ("Kenya", "Cabinet Secretary for Foreign Affairs", "Ms. Wanjiru Otieno"),
    ("Norway", "Minister of Foreign Affairs", "Ms. Ingrid Solberg"),
    ("Viet Nam", "Minister of Foreign Affairs", "Mr. Tran Van Minh"),
]
PLACES = ["Tokyo", "Geneva", "New York", "Jakarta", "Brussels"]
TOPICS = [
    "maritime security and the rule of law at sea",
    "energy supply and the transition to clean power",
    "trade, investment and resilient supply chains",
    "people-to-people exchanges and student mobility",
    "disaster risk reduction and humanitarian assistance",
]


def readout_date(i: int) -> dt.date:
    """Readout 1 is the newest (2024-05-20); each older one is four days earlier."""
    return dt.date(2024, 5, 20) - dt.timedelta(days=4 * (i - 1))


def readout_path(i: int) -> str:
    return f"/press/2024/readout-{i:03d}.html"


def _long(d: dt.date) -> str:
    return f"{d.strftime('%B')} {d.day}, {d.year}"


def readout_html(i: int, base: str, extra: str = "") -> str:
    country, office, name = COUNTERPARTS[i % len(COUNTERPARTS)]
    d = readout_date(i)
    place = PLACES[i % len(PLACES)]
    topic = TOPICS[i % len(TOPICS)]
    title = f"Foreign Minister Hana Sato meets the {office} of {country}"
    paragraphs = [
        f"On {_long(d)}, commencing at 3:00 p.m. for about 45 minutes, Foreign Minister "
        f"Hana Sato held a meeting with {name}, {office} of {country}, in {place}.",
        f"The two ministers discussed {topic}, and agreed to keep in close contact.",
        f"Minister Sato expressed her intention to visit {country} at an early date."
        + (f" {extra}" if extra else ""),
    ]
    body = "\n  ".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    tmpl = (FIXTURES / "readout.html").read_text(encoding="utf-8")
    return (
        tmpl.replace("{title}", html.escape(title))
        .replace("{canonical}", base + readout_path(i))
        .replace("{date_long}", _long(d))
        .replace("{paragraphs}", body)
    )


def index_html(page: int) -> str:
    pages = N_READOUTS // PER_PAGE
    first = (page - 1) * PER_PAGE + 1
    items = []
    for i in range(first, first + PER_PAGE):
        d = readout_date(i)
        items.append(
            f'    <li><span class="date">{_long(d)}</span> '
            f'<a href="{readout_path(i)}">Foreign Minister Sato meets a counterpart '
            f"(No. {i})</a></li>"
        )
    if page == 1:
        items.append(
            '    <li><span class="date">May 21, 2024</span> '
            '<a href="/press/2024/readout-pdf.pdf">Joint statement (PDF)</a></li>'
        )

    def href(n: int) -> str:
        return "/press/index.html" if n == 1 else f"/press/index-{n}.html"

    pager = " ".join(
        f'<a href="{href(n)}">{n}</a>' if n != page else f"<span>{n}</span>"
        for n in range(1, pages + 1)
    )
    if page < pages:
        pager += f' <a href="{href(page + 1)}">Next &raquo;</a>'
    link_next = f'<link rel="next" href="{href(page + 1)}">' if page < pages else ""
    tmpl = (FIXTURES / "index.html").read_text(encoding="utf-8")
    return (
        tmpl.replace("{page}", str(page))
        .replace("{pages}", str(pages))
        .replace("{items}", "\n".join(items))
        .replace("{pager}", pager)
        .replace("{link_next}", link_next)
    )


def _rfc822(d: dt.date) -> str:
    return email.utils.format_datetime(
        dt.datetime(d.year, d.month, d.day, 12, 0, tzinfo=dt.UTC), usegmt=True
    )


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>Readout No. {i}</title><link>{base}{readout_path(i)}</link>"
        f"<guid>{base}{readout_path(i)}</guid><pubDate>{_rfc822(readout_date(i))}</pubDate></item>\n"
        for i in range(1, 11)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>Arcadia MFA press releases</title><link>{base}/press/index.html</link>\n"
        f"{items}</channel></rss>\n"
    )


def atom(base: str) -> str:
    entries = "".join(
        f'<entry><title>Readout No. {i}</title><link rel="alternate" href="{readout_path(i)}"/>'
        f"<id>tag:arcadia,2024:{i}</id><updated>{readout_date(i).isoformat()}T12:00:00Z</updated>"
        "</entry>\n"
        for i in range(1, 6)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/">'
        "<title>Arcadia MFA</title><id>tag:arcadia,2024:feed</id>"
        f"<updated>2024-05-20T12:00:00Z</updated>\n{entries}</feed>\n"
    )


def sitemap(base: str) -> str:
    urls = "".join(
        f"<url><loc>{base}{readout_path(i)}</loc><lastmod>{readout_date(i).isoformat()}</lastmod></url>\n"
        for i in range(1, N_READOUTS + 1)
    )
    urls += (
        f"<url><loc>{base}/press/2024/readout-pdf.pdf</loc><lastmod>2024-05-21</lastmod></url>\n"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


PDF_LINES = [
    "Joint Statement of the Foreign Ministers of Arcadia and Canada",
    "May 21, 2024",
    "On May 21, 2024, Foreign Minister Hana Sato held a meeting with",
    "Mr. Julien Moreau, Minister of Foreign Affairs of Canada, in Ottawa.",
    "The two ministers agreed to hold the next meeting in Tokyo.",
]


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Helvetica text lines, written by hand (xref offsets computed)."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
    for ln in lines:
        ops += [f"({esc(ln)}) Tj", "T*"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        xref,
    )
    return bytes(out)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """The fixture site on a free port of 127.0.0.1 (``with Site() as site``)."""

    def __init__(self) -> None:
        self.log: list[dict] = []
        self.hits: dict[str, int] = {}
        self.changed: dict[str, str] = {}  # path -> replacement HTML (a page that changed)
        self.release = threading.Event()
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "ArcadiaMFA/1.0"

            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                site._serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, prefix: str = "") -> list[dict]:
        with self._lock:
            return [r for r in self.log if r["path"].startswith(prefix)]

    # ------------------------------------------------------------------ routing

    def _page(self, path: str) -> tuple[int, dict[str, str], bytes] | None:
        """(status, headers, body) of a static page, or None when not found."""
        html_type = "text/html; charset=utf-8"
        if path in self.changed:
            return 200, {"Content-Type": html_type}, self.changed[path].encode()
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, (FIXTURES / "robots.txt").read_bytes()
        if path in ("/press/index.html", "/press/", "/press"):
            return 200, {"Content-Type": html_type}, index_html(1).encode()
        if path.startswith("/press/index-") and path.endswith(".html"):
            n = path[len("/press/index-") : -len(".html")]
            if n.isdigit() and 2 <= int(n) <= N_READOUTS // PER_PAGE:
                return 200, {"Content-Type": html_type}, index_html(int(n)).encode()
        if path.startswith("/press/2024/readout-") and path.endswith(".html"):
            n = path[len("/press/2024/readout-") : -len(".html")]
            if n.isdigit() and 1 <= int(n) <= N_READOUTS:
                return 200, {"Content-Type": html_type}, readout_html(int(n), self.base).encode()
        if path == "/press/2024/readout-pdf.pdf":
            return 200, {"Content-Type": "application/pdf"}, tiny_pdf(PDF_LINES)
        if path == "/feed.xml":
            return 200, {"Content-Type": "application/rss+xml"}, rss(self.base).encode()
        if path == "/atom.xml":
            return 200, {"Content-Type": "application/atom+xml"}, atom(self.base).encode()
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml"}, sitemap(self.base).encode()
        if path == "/broken-feed.xml":
            body = (FIXTURES / "broken-feed.xml").read_bytes()
            return 200, {"Content-Type": "application/rss+xml"}, body
        if path == "/legacy/sjis.html":
            text = (FIXTURES / "legacy_sjis.html").read_text(encoding="utf-8")
            return 200, {"Content-Type": "text/html; charset=Shift_JIS"}, text.encode("cp932")
        if path == "/legacy/cp1251.html":
            text = (FIXTURES / "legacy_1251.html").read_text(encoding="utf-8")
            return 200, {"Content-Type": "text/html"}, text.encode("cp1251")
        if path == "/image.png":
            return 200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
        if path == "/private/drafts.html":
            return 200, {"Content-Type": html_type}, b"<html><body>draft</body></html>"
        if path == "/bad-index.html":
            return 200, {"Content-Type": html_type}, self._bad_index().encode()
        return None

    def _bad_index(self) -> str:
        closed = free_port()
        links = [
            readout_path(1),
            "/image.png",
            "/loop/a",
            "/slow.html",
            "/huge.html",
            "/huge-declared.html",
            "/missing.html",
            "/busy.html",
            "/flaky.html",
            "/broken-feed.xml",
            "/legacy/sjis.html",
            "/legacy/cp1251.html",
            "/private/drafts.html",
            f"http://127.0.0.1:{closed}/press/unreachable.html",
            f"https://127.0.0.1:{self.port}/press/tls.html",
            readout_path(2),
        ]
        items = "\n".join(f'<li><a href="{h}">item {n}</a></li>' for n, h in enumerate(links))
        return (
            "<!DOCTYPE html><html><head><title>Everything at once</title></head><body>"
            f"<main><h1>Mixed listing</h1><ul>{items}</ul></main></body></html>"
        )

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path.split("?", 1)[0]
        entry = {
            "path": path,
            "inm": h.headers.get("If-None-Match"),
            "ims": h.headers.get("If-Modified-Since"),
            "ua": h.headers.get("User-Agent"),
            "status": None,
        }
        with self._lock:
            self.log.append(entry)
            self.hits[path] = n = self.hits.get(path, 0) + 1

        def send(status: int, headers: dict[str, str], body: bytes = b"") -> None:
            entry["status"] = status
            try:
                h.send_response(status)
                for k, v in headers.items():
                    h.send_header(k, v)
                if "Content-Length" not in headers:
                    h.send_header("Content-Length", str(len(body)))
                h.end_headers()
                if body:
                    h.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        if path == "/busy.html" and n == 1:
            return send(429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"slow down")
        if path == "/flaky.html" and n == 1:
            return send(503, {"Content-Type": "text/plain"}, b"try again")
        if path in ("/busy.html", "/flaky.html"):
            return send(200, {"Content-Type": "text/html"}, readout_html(7, self.base).encode())
        if path == "/slow.html":
            self.release.wait(SLOW_SECONDS)
            return send(200, {"Content-Type": "text/html"}, b"<html>late</html>")
        if path == "/loop/a":
            return send(302, {"Location": "/loop/b"})
        if path == "/loop/b":
            return send(301, {"Location": f"{self.base}/loop/a"})
        if path in ("/huge.html", "/huge-declared.html"):
            return self._huge(h, entry, declared=path == "/huge-declared.html")
        page = self._page(path)
        if page is None:
            return send(404, {"Content-Type": "text/plain"}, b"not found")
        status, headers, body = page
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        odd = (
            path.startswith("/press/2024/readout-")
            and path[-6:-5].isdigit()
            and int(path[-6:-5]) % 2 == 1
        )
        headers = dict(headers)
        headers["Last-Modified"] = CHANGED_MODIFIED if path in self.changed else LAST_MODIFIED
        if not odd:
            headers["ETag"] = etag
        inm, ims = entry["inm"], entry["ims"]
        if (inm and not odd and inm == etag) or (
            not inm and ims and ims == headers["Last-Modified"]
        ):
            return send(304, {k: v for k, v in headers.items() if k != "Content-Type"})
        return send(status, headers, body)

    def _huge(self, h: BaseHTTPRequestHandler, entry: dict, *, declared: bool) -> None:
        entry["status"] = 200
        chunk = b"<p>" + b"a" * 65530 + b"</p>\n"
        try:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            if declared:
                h.send_header("Content-Length", str(HUGE_BYTES))
            h.end_headers()
            h.wfile.write(b"<html><body>")
            sent = 0
            while sent < HUGE_BYTES and not self.release.is_set():
                h.wfile.write(chunk)
                sent += len(chunk)
            entry["sent"] = sent
        except (BrokenPipeError, ConnectionResetError, OSError):
            entry["sent"] = -1


#: crawl bookkeeping, left out when comparing archives
CRAWL_TABLES = ("fetch_state", "crawls", "crawl_queue")


def archive_dump(url: str) -> dict:
    """Every archive table but the crawl bookkeeping, rows sorted, values as text."""
    import sqlalchemy as sa

    from communique.archive import db

    eng = db.create_engine(url)
    out = {}
    try:
        with eng.connect() as conn:
            for name in sorted(sa.inspect(conn).get_table_names()):
                if name.startswith("documents_fts") or name in CRAWL_TABLES:
                    continue
                rows = conn.execute(sa.text(f"SELECT * FROM {name}")).all()
                out[name] = sorted(tuple(repr(v) for v in r) for r in rows)
    finally:
        eng.dispose()
    return out


def query(url: str, sql: str, **params: object) -> list:
    import sqlalchemy as sa

    from communique.archive import db

    eng = db.create_engine(url)
    try:
        with eng.connect() as conn:
            return list(conn.execute(sa.text(sql), params).all())
    finally:
        eng.dispose()
