"""A hostile website on 127.0.0.1 for the fetch tests: what a page on the web may send.

- ``/bomb``: a stacked gzip bomb (``Content-Encoding: gzip, gzip``), ``BOMB_BYTES`` of
  zeros in a few kilobytes;
- ``/redirect?to=URL``: a 302 to anywhere (a metadata service, a private name);
- ``/feed.xml?items=URL,URL``: an RSS feed listing the given links;
- ``/readout.html``: an ordinary readout; ``/slow.txt``: 300 meetings (half a second to extract);
- a second, raw socket server (``slow_url``) that sends its status line and headers one
  byte every ``TRICKLE_S`` seconds, forever.

Every HTTP request is logged (``log``: path, Host header) so a test can tell what was
never asked for.
"""

from __future__ import annotations

import gzip
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from budget_texts import meeting_soup

#: zeros in the test bomb (the production limit is 20 MiB: the tests use a smaller one)
BOMB_BYTES = 256 * 1024 * 1024
TRICKLE_S = 0.05

READOUT = (
    "<html><head><title>Foreign Minister meets counterpart</title></head><body><main>"
    "<h1>Foreign Minister meets counterpart</h1><p>May 2, 2024</p>"
    "<p>On May 2, 2024, Foreign Minister Hana Sato held a meeting with Mr. Julien Moreau, "
    "Minister of Foreign Affairs of Canada, in Tokyo.</p></main></body></html>"
)


def stacked_gzip_bomb(n_bytes: int, layers: int = 2) -> bytes:
    """``n_bytes`` of zeros gzipped ``layers`` times, compressed in 1 MiB steps."""
    import io

    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as g:
        block = bytes(1024 * 1024)
        for _ in range(n_bytes // len(block)):
            g.write(block)
    body = buf.getvalue()
    for _ in range(layers - 1):
        body = gzip.compress(body, compresslevel=9)
    return body


class HostileSite:
    def __init__(self, bomb_bytes: int = BOMB_BYTES) -> None:
        self.log: list[dict] = []
        self.bomb = stacked_gzip_bomb(bomb_bytes)
        self.slow_body = meeting_soup().encode()  # made once: the handler answers at once
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                site.log.append({"path": self.path, "host": self.headers.get("Host")})
                site._serve(self)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address) -> None:  # noqa: ANN001
                pass  # a client that stops reading a bomb is expected, not news

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.slow = socket.socket()
        self.slow.bind(("127.0.0.1", 0))
        self.slow.listen(8)
        self.slow_port = self.slow.getsockname()[1]
        self._stop = threading.Event()

    def __enter__(self) -> HostileSite:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        threading.Thread(target=self._trickle, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.slow.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def slow_url(self) -> str:
        return f"http://127.0.0.1:{self.slow_port}/slow.html"

    def paths(self) -> list[str]:
        return [r["path"] for r in self.log]

    def _trickle(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.slow.accept()
            except OSError:
                return
            threading.Thread(target=self._drip, args=(conn,), daemon=True).start()

    def _drip(self, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 10_000
        try:
            for i in range(len(head)):
                if self._stop.wait(TRICKLE_S):
                    break
                conn.sendall(head[i : i + 1])
        except OSError:
            pass
        finally:
            conn.close()

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        q = parse_qs(parts.query)

        def send(status: int, headers: dict[str, str], body: bytes = b"") -> None:
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)

        if parts.path == "/robots.txt":
            send(404, {"Content-Type": "text/plain"}, b"none")
        elif parts.path == "/bomb":
            send(200, {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"}, self.bomb)
        elif parts.path == "/redirect":
            send(302, {"Location": q["to"][0]})
        elif parts.path == "/feed.xml":
            items = "".join(
                f"<item><title>Readout</title><link>{u}</link></item>"
                for u in q.get("items", [""])[0].split(",")
                if u
            )
            body = (
                '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
                f"<title>Press</title><link>{self.url('/')}</link>{items}</channel></rss>"
            )
            send(200, {"Content-Type": "application/rss+xml"}, body.encode())
        elif parts.path == "/slow.txt":
            send(200, {"Content-Type": "text/plain; charset=utf-8"}, self.slow_body)
        elif parts.path.endswith(".html"):
            send(200, {"Content-Type": "text/html; charset=utf-8"}, READOUT.encode())
        else:
            send(404, {"Content-Type": "text/plain"}, b"not found")
