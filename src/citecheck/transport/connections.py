"""The connections the transport sends through: each checks the peer it reached against the
address policy and keeps its request line and header lines exactly as sent.

The check runs right after the TCP connect, before TLS or any HTTP byte is sent, so a name
that resolves to a public address when looked up and to a private one when connected (DNS
rebinding) is still refused. `PrivateAddressRefused` propagates unwrapped out of
`requests.Session.get`.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import weakref
from typing import Any, ClassVar, cast

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.poolmanager import PoolManager, ProxyManager

from citecheck.transport.address_guard import AddressPolicy


class OpenSockets:
    """The sockets a transport's connections opened, so that `cut_all` can end every request
    under way at once (a blocked read returns at once when its socket is shut down)."""

    def __init__(self) -> None:
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._cut = False

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            cut = self._cut
            if not cut:
                self._sockets.add(sock)
        if cut:  # connected after the cut: it must not start a request either
            _shut(sock)

    def cut_all(self) -> None:
        with self._lock:
            self._cut = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed or never connected
        sock.shutdown(socket.SHUT_RDWR)


class _Recording:
    """What a connection sent for its latest request (mixed into urllib3's connections)."""

    policy: ClassVar[AddressPolicy] = AddressPolicy()
    sockets: ClassVar[OpenSockets | None] = None
    sent_request_line: str = ""
    sent_headers: list[tuple[str, str]]
    peer_address: str | None = None  # kept: http.client drops the socket of a closing response

    # Mixed in before urllib3's HTTPConnection or HTTPSConnection, whose methods `super()` reaches.
    def _new_conn(self) -> socket.socket:
        connection = cast(HTTPConnection, self)
        return _checked_peer(connection, self.policy, super()._new_conn())  # type: ignore[misc]

    def putrequest(
        self,
        method: str,
        url: str,
        skip_host: bool = False,
        skip_accept_encoding: bool = False,
    ) -> None:
        self.sent_request_line = f"{method} {url} {_http_version(cast(HTTPConnection, self))}"
        self.sent_headers = []
        super().putrequest(  # type: ignore[misc]
            method, url, skip_host=skip_host, skip_accept_encoding=skip_accept_encoding
        )

    def putheader(self, header: str, *values: str) -> None:
        super().putheader(header, *values)  # type: ignore[misc]
        self.sent_headers.append((_text(header), ", ".join(_text(value) for value in values)))


def _checked_peer(
    connection: HTTPConnection, policy: AddressPolicy, sock: socket.socket
) -> socket.socket:
    if isinstance(connection, _Recording) and connection.sockets is not None:
        connection.sockets.add(sock)
    # Through a proxy the peer is the proxy the user configured; the target host was checked
    # by name instead (`AddressPolicy.check_resolved`).
    if connection.proxy is not None:
        return sock
    address = str(sock.getpeername()[0])
    try:
        policy.check_peer(connection.host, address)
    except Exception:
        sock.close()
        raise
    if isinstance(connection, _Recording):
        connection.peer_address = address
    return sock


class RecordingHTTPConnection(_Recording, HTTPConnection):  # type: ignore[misc]
    pass


class RecordingHTTPSConnection(_Recording, HTTPSConnection):  # type: ignore[misc]
    pass


def _text(value: object) -> str:
    # http.client sends some values as bytes (the Host of an absolute-form request target).
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _http_version(connection: HTTPConnection) -> str:
    # http.client writes this string into the request line (it is not in the type stubs).
    return str(getattr(connection, "_http_vsn_str", "HTTP/1.1"))


def peer_address(connection: object) -> str | None:
    """The address `connection` (one of ours, not through a proxy) is connected to."""
    return connection.peer_address if isinstance(connection, _Recording) else None


def sent_request(connection: object) -> tuple[str, list[tuple[str, str]]] | None:
    """The request line and header lines `connection` sent last, if it is one of ours."""
    if isinstance(connection, _Recording) and connection.sent_request_line:
        return connection.sent_request_line, list(connection.sent_headers)
    return None


class TransportAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections (direct or through an HTTP proxy) are ours."""

    def __init__(
        self, policy: AddressPolicy, sockets: OpenSockets | None = None, **kwargs: Any
    ) -> None:
        attributes = {"policy": policy, "sockets": sockets}
        http_connection = type("HTTPConnection", (RecordingHTTPConnection,), attributes)
        https_connection = type("HTTPSConnection", (RecordingHTTPSConnection,), attributes)
        self._pool_classes: dict[str, type[HTTPConnectionPool]] = {
            "http": type(
                "HTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": http_connection}
            ),
            "https": type(
                "HTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": https_connection}
            ),
        }
        super().__init__(**kwargs)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self._use_our_pools(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if isinstance(manager, ProxyManager):  # SOCKS proxies keep their own connections
            self._use_our_pools(manager)
        return manager

    def _use_our_pools(self, manager: PoolManager) -> None:
        manager.pool_classes_by_scheme = dict(self._pool_classes)
