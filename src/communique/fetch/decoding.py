"""Content-Encoding decoded with a budget: incrementally, one bounded piece at a time.

httpx decodes a whole network chunk at once, so 16 KB of ``Content-Encoding: gzip,
gzip`` became gigabytes before any size check could run. Here every layer (in the
reverse order of the header, as RFC 9110 says) is a zlib stream asked for at most
:data:`PIECE_BYTES` of output at a time, and the layers are chained lazily: the caller
counts what comes out of the last one and stops reading as soon as its limit is passed,
so memory stays at a few pieces per layer whatever the compression ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

#: output asked of one layer at a time (a network read is 64 KiB too)
PIECE_BYTES = 64 * 1024
#: layers accepted in one Content-Encoding (real servers send one; the probe's bomb two)
MAX_LAYERS = 3
#: concatenated gzip members accepted in one layer (RFC 1952 allows several; seen: 1)
MAX_MEMBERS = 16


class EncodingError(Exception):
    """The body cannot be decoded (unsupported, too many layers, corrupt)."""


class _Zlib:
    """One gzip or deflate layer."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.members = 1
        self.started = False
        self.d = self._new()

    def _new(self, raw: bool = False):  # noqa: ANN202
        if self.name == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(-zlib.MAX_WBITS if raw else zlib.MAX_WBITS)

    def _decompress(self, data: bytes) -> bytes:
        try:
            out = self.d.decompress(data, PIECE_BYTES)
        except zlib.error as e:
            if self.name == "deflate" and not self.started:
                # "deflate" is often sent raw (without the zlib header): try that once
                self.d = self._new(raw=True)
                self.started = True
                return self._decompress(data)
            raise EncodingError(f"corrupt {self.name} body ({e})") from None
        self.started = True
        return out

    def feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            if self.d.eof:
                rest = self.d.unused_data + data
                if self.name != "gzip" or not rest.startswith(b"\x1f\x8b"):
                    return  # padding or garbage after the stream: ignored, as browsers do
                self.members += 1
                if self.members > MAX_MEMBERS:
                    raise EncodingError(f"more than {MAX_MEMBERS} gzip members in one layer")
                self.d = self._new()
                data = rest
            out = self._decompress(data)
            if out:
                yield out
            data = self.d.unconsumed_tail
            if not data and len(out) < PIECE_BYTES and not self.d.eof:
                return

    def feed_all(self, pieces: Iterable[bytes]) -> Iterator[bytes]:
        for p in pieces:
            yield from self.feed(p)


_NAMES = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}


class Decoder:
    """Decodes the layers a ``Content-Encoding`` header names, lazily."""

    def __init__(self, header: str | None) -> None:
        names = [n.strip().lower() for n in (header or "").split(",")]
        names = [n for n in names if n and n != "identity"]
        if len(names) > MAX_LAYERS:
            raise EncodingError(
                f"Content-Encoding with {len(names)} layers (at most {MAX_LAYERS} accepted)"
            )
        unknown = [n for n in names if n not in _NAMES]
        if unknown:
            raise EncodingError(f"unsupported Content-Encoding: {', '.join(unknown)}")
        self.layers = [_Zlib(_NAMES[n]) for n in reversed(names)]

    def decode(self, chunk: bytes) -> Iterator[bytes]:
        """The decoded pieces of one raw chunk (each at most :data:`PIECE_BYTES`)."""
        pieces: Iterable[bytes] = (chunk,)
        for layer in self.layers:
            pieces = layer.feed_all(pieces)
        yield from pieces
