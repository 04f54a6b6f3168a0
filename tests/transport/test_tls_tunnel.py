"""HTTPS through a forwarding proxy, end to end: a real CONNECT proxy on loopback
(forwarding_proxy.py) tunnels to a TLS origin on 127.0.0.1 whose certificate comes from a
throwaway CA (trustme), trusted through REQUESTS_CA_BUNDLE as users trust a private CA. The
page is fetched through the tunnel and verified; a tunnel the proxy refuses is an outage
(unverifiable), and a certificate from a CA nobody trusts is a clear error, not a dead link."""

from __future__ import annotations

import json
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme
from pytest_httpserver import HTTPServer

from .forwarding_proxy import ForwardingProxy

TITLE = "Flood defences: what the council decided"
PAGE = f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1></body></html>"
HOST = "news.example"  # never resolved here: the proxy reaches every host at the origin
RUN = "import sys; from citecheck.cli import main; sys.argv[0] = 'citecheck'; main()"
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(scope="module")
def trusted_ca() -> trustme.CA:
    return trustme.CA()


def tls_origin(ca: trustme.CA) -> HTTPServer:
    """An HTTPS server on 127.0.0.1 presenting a certificate for HOST signed by `ca`."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(HOST).configure_cert(context)
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    server.start()
    return server


@pytest.fixture
def origin(trusted_ca: trustme.CA) -> Iterator[HTTPServer]:
    server = tls_origin(trusted_ca)
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def untrusted_origin() -> Iterator[HTTPServer]:
    server = tls_origin(trustme.CA())  # a CA nobody was told to trust
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def behind_proxy(
    monkeypatch: pytest.MonkeyPatch, trusted_ca: trustme.CA, tmp_path: Path
) -> Iterator[list[ForwardingProxy]]:
    """The environment of a user behind a proxy who trusts a private CA; the proxies started
    go in the list and are stopped afterwards."""
    bundle = tmp_path / "private-ca.pem"
    trusted_ca.cert_pem.write_to_path(str(bundle))
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    started: list[ForwardingProxy] = []
    yield started
    for proxy in started:
        proxy.stop()


def start_proxy(
    monkeypatch: pytest.MonkeyPatch,
    started: list[ForwardingProxy],
    mode: str,
    upstream: HTTPServer,
) -> ForwardingProxy:
    proxy = ForwardingProxy(mode, (upstream.host, upstream.port)).start()
    started.append(proxy)
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    return proxy


def verify(tmp_path: Path) -> tuple[int, dict[str, object], str]:
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        f"citations:\n  - id: a\n    title: '{TITLE}'\n    url: https://{HOST}/story\n",
        encoding="utf-8",
    )
    (tmp_path / "citecheck.toml").write_text(
        "[fetch]\nretries = 0\nhost_interval = 0\nconnectivity_probes = []\n"
        "[archive]\nlookups = false\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.json"
    # In a process of its own (with this test's environment: the proxy, the trusted CA), so
    # that what it prints is told from what the servers' threads print here (a TLS handshake
    # the client broke off is a traceback in the origin's log).
    options = ["--no-cache", "--no-lookup", "--no-progress", "-o", str(out)]
    run = subprocess.run(
        [sys.executable, "-c", RUN, "verify", str(citations), *options],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    said = run.stdout + run.stderr
    assert "Traceback" not in said
    result: dict[str, object] = json.loads(out.read_text())["results"][0]
    return run.returncode, result, said


def test_a_page_is_fetched_through_the_tunnel_and_verified(
    monkeypatch: pytest.MonkeyPatch,
    behind_proxy: list[ForwardingProxy],
    origin: HTTPServer,
    tmp_path: Path,
) -> None:
    proxy = start_proxy(monkeypatch, behind_proxy, "forward", origin)

    code, result, _ = verify(tmp_path)

    assert code == 0
    assert result["status"] == "verified", result["reasons"]
    assert result["http_status"] == 200
    assert proxy.requests == [("CONNECT", f"{HOST}:443")]  # a tunnel, never the plain request
    assert [request.path for request, _ in origin.log] == ["/story"]  # over TLS, at the origin
    assert origin.log[0][0].headers["Host"] == HOST


def test_a_tunnel_the_proxy_refuses_is_an_outage_not_a_dead_link(
    monkeypatch: pytest.MonkeyPatch,
    behind_proxy: list[ForwardingProxy],
    origin: HTTPServer,
    tmp_path: Path,
) -> None:
    proxy = start_proxy(monkeypatch, behind_proxy, "no-connect", origin)

    code, result, said = verify(tmp_path)

    assert code == 0
    assert result["status"] == "unverifiable"
    reasons = result["reasons"]
    assert isinstance(reasons, list)
    assert reasons[0].startswith(
        f"network unavailable (proxy {proxy.address} refused the tunnel to {HOST}: 403"
    )
    assert "not dead" in " ".join(said.split())
    assert origin.log == []


def test_an_untrusted_certificate_is_a_clear_error_not_a_dead_link(
    monkeypatch: pytest.MonkeyPatch,
    behind_proxy: list[ForwardingProxy],
    untrusted_origin: HTTPServer,
    tmp_path: Path,
) -> None:
    start_proxy(monkeypatch, behind_proxy, "forward", untrusted_origin)

    code, result, _ = verify(tmp_path)

    assert code == 0  # not a failure: the page may well be there
    assert result["status"] == "unverifiable"
    reasons = result["reasons"]
    assert isinstance(reasons, list)
    assert reasons[0] == (
        "TLS certificate not trusted: unable to get local issuer certificate, for "
        f"{HOST} (trust a private CA with REQUESTS_CA_BUNDLE) at https://{HOST}/story"
    )
    assert untrusted_origin.log == []  # the handshake failed: no request was sent
