"""Where the crawler may connect, and for how long: the connection layer under httpx.

A page on the web must not make the crawler read the machine's own network (a
redirect to ``http://169.254.169.254/`` or to a name resolving to ``10.0.0.5``, whose
answer would be stored and served by the reader). So every connection, for every hop,
retry and robots.txt, resolves the host itself, refuses it when any of its addresses
is not global (loopback, private, link-local, cloud metadata, reserved) unless that
network was allowed, and connects to the address it checked (no second resolution a
rebinding DNS server could answer differently).

The same layer keeps a request's wall-clock deadline (:func:`deadline`): connect, TLS,
every read and write get at most what is left of it, so headers sent a byte a second
end at the total timeout, not at a read timeout per byte.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpcore

#: (host, port) -> IP addresses, in the order to try them; tests inject their own
Resolver = Callable[[str, int], list[str]]

#: cloud metadata services (AWS/GCP/Azure/OpenStack, AWS IPv6, Alibaba): never implied
#: by the start URL's network, only by ``--allow-private``
METADATA = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)

#: the kinds of non-global network, as named in errors and allowed by a start URL
KINDS = ("loopback", "private", "link-local", "metadata", "reserved")


def system_resolve(host: str, port: int) -> list[str]:
    """The host's addresses as the operating system resolves them."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise httpcore.ConnectError(f"cannot resolve {host}: {e}") from None
    out: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        if sockaddr[0] not in out:
            out.append(str(sockaddr[0]))
    return out


def kind_of(address: str) -> str | None:
    """``None`` for a global (public) address, else which kind of local network."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            ip = mapped
    if ip in METADATA:
        return "metadata"
    if ip.is_loopback or ip.is_unspecified or ip in ipaddress.ip_network("0.0.0.0/8"):
        return "loopback"  # 0.0.0.0 reaches this machine on Linux
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "reserved"
    if ip.is_global:
        return None
    if ip.is_private or ip in ipaddress.ip_network("100.64.0.0/10"):
        return "private"
    return "reserved"  # multicast, documentation ranges, ...


class AddressRefused(httpcore.ConnectError):
    """A connection this crawl may not make (the message says why and what allows it)."""


class AddressPolicy:
    """Which kinds of local network a run may reach (thread-safe to read)."""

    def __init__(self, *, allow_all: bool = False, resolver: Resolver | None = None) -> None:
        self.allow_all = allow_all
        self.allowed: set[str] = set()
        self.resolve: Resolver = resolver or system_resolve

    def allow_network_of(self, host: str, port: int) -> None:
        """The user named a URL on this host: its kind of network is theirs to reach."""
        try:
            addresses = self.resolve(host, port)
        except httpcore.ConnectError:
            return  # the fetch itself reports it
        for a in addresses:
            k = kind_of(a)
            if k is not None and k != "metadata":
                self.allowed.add(k)

    def check(self, host: str, port: int) -> list[str]:
        """The addresses to connect to, or :class:`AddressRefused`."""
        addresses = self.resolve(host, port)
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        if self.allow_all:
            return addresses
        for a in addresses:
            k = kind_of(a)
            if k is not None and k not in self.allowed:
                raise AddressRefused(
                    f"refused to connect to {host} ({a}): a {k} address, reached from a page "
                    "on another network (--allow-private allows it)"
                )
        return addresses


# ---------------------------------------------------------------- the deadline

_local = threading.local()


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every network operation of this thread within ``seconds`` from now."""
    before = getattr(_local, "deadline", None)
    _local.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _local.deadline = before


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    d = getattr(_local, "deadline", None)
    if d is None:
        return timeout
    left = d - time.monotonic()
    if left <= 0:
        raise error("total timeout passed")
    return left if timeout is None else min(timeout, left)


def deadline_passed() -> bool:
    d = getattr(_local, "deadline", None)
    return d is not None and time.monotonic() >= d


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):  # noqa: ANN001, ANN201
        t = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self.inner.start_tls(ssl_context, server_hostname, t))

    def get_extra_info(self, info: str):  # noqa: ANN201
        return self.inner.get_extra_info(info)


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, checking addresses and keeping the deadline."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self.inner = httpcore.SyncBackend()

    def connect_tcp(  # noqa: ANN201
        self,
        host,
        port,
        timeout=None,
        local_address=None,
        socket_options=None,  # noqa: ANN001
    ):
        addresses = self.policy.check(host, port)
        last: Exception | None = None
        for a in addresses:
            try:
                stream = self.inner.connect_tcp(
                    a,
                    port,
                    _left(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as e:
                last = e
                continue
            return _Stream(stream)
        assert last is not None
        raise last

    def connect_unix_socket(self, path, timeout=None, socket_options=None):  # noqa: ANN001, ANN201
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
