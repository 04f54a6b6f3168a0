"""Private-address refusal: the classification, and a default fetcher that never connects."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from citecheck.fetch.http import HttpFetcher
from citecheck.models import FetchErrorKind, Hop
from citecheck.transport.address_guard import (
    AddressPolicy,
    PrivateAddressRefused,
    forbidden_reason,
)

if TYPE_CHECKING:
    from tests.fetch.conftest import LoopbackServer, SettingsFactory

FORBIDDEN = {
    "127.0.0.1": "loopback",
    "127.255.0.9": "loopback",
    "10.0.0.1": "private",
    "172.16.5.4": "private",
    "192.168.1.1": "private",
    "169.254.169.254": "cloud metadata",
    "169.254.1.1": "link-local",
    "100.64.0.1": "carrier-grade NAT",
    "100.100.100.200": "cloud metadata",
    "168.63.129.16": "cloud metadata",
    "0.0.0.0": "unspecified",
    "224.0.0.251": "multicast",
    "240.0.0.1": "private",  # reserved 240/4 counts as private in Python's table
    "192.0.2.10": "private",  # TEST-NET-1
    "::1": "loopback",
    "::": "unspecified",
    "fe80::1": "link-local",
    "fe80::1%eth0": "link-local",
    "fc00::1": "private",
    "fd12:3456::1": "private",
    "fd00:ec2::254": "cloud metadata",
    "fec0::1": "site-local",
    "ff02::1": "multicast",
    "::ffff:127.0.0.1": "loopback",  # IPv4-mapped
    "::ffff:10.1.2.3": "private",
    "::ffff:169.254.169.254": "cloud metadata",
    "64:ff9b::a9fe:a9fe": "cloud metadata",  # NAT64 of 169.254.169.254
    "2002:c0a8:0101::1": "private",  # 6to4 of 192.168.1.1
    "2001:db8::1": "private",  # documentation
}
PUBLIC = ["8.8.8.8", "93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.4.4"]


@pytest.mark.parametrize(("address", "reason"), sorted(FORBIDDEN.items()))
def test_forbidden_addresses(address: str, reason: str) -> None:
    assert forbidden_reason(address) == reason


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert forbidden_reason(address) is None


def test_literal_hosts_are_refused_with_the_address_named() -> None:
    with pytest.raises(PrivateAddressRefused, match=r"169\.254\.169\.254 is a cloud metadata"):
        AddressPolicy().check_literal("169.254.169.254")
    with pytest.raises(PrivateAddressRefused, match=r"::1 is a loopback"):
        AddressPolicy().check_literal("[::1]")
    AddressPolicy().check_literal("example.org")  # names are checked on connect, not here
    AddressPolicy().check_literal("8.8.8.8")


def test_default_fetcher_refuses_a_loopback_ip_without_connecting(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    loopback.route("/secret", lambda handler: loopback.send(handler, b"secret"))
    with HttpFetcher(make_settings(allow_private=False)) as fetcher:
        result = fetcher.fetch(loopback.url("/secret"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    assert "127.0.0.1" in result.error.message
    assert result.status is None
    assert loopback.requests == []
    assert fetcher.stats.network_requests == 0


@pytest.mark.parametrize("host", ["localhost", "2130706433", "127.1"])
def test_names_resolving_to_loopback_are_refused_after_connect(
    loopback: LoopbackServer, make_settings: SettingsFactory, host: str
) -> None:
    # None of these is an IP literal to ipaddress; the peer check on the socket catches them.
    loopback.route("/secret", lambda handler: loopback.send(handler, b"secret"))
    with HttpFetcher(make_settings(allow_private=False)) as fetcher:
        result = fetcher.fetch(loopback.url("/secret", host=host))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    assert "loopback" in result.error.message
    assert loopback.requests == []


def test_metadata_address_is_refused_before_any_connection(
    make_settings: SettingsFactory,
) -> None:
    with HttpFetcher(make_settings(allow_private=False)) as fetcher:
        result = fetcher.fetch("http://169.254.169.254/latest/meta-data/")
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    assert "169.254.169.254" in result.error.message


def test_allow_private_turns_the_guard_off(
    loopback: LoopbackServer, make_settings: SettingsFactory
) -> None:
    loopback.route("/page", lambda handler: loopback.send(handler, b"<p>local</p>"))
    with HttpFetcher(make_settings(allow_private=True)) as fetcher:
        result = fetcher.fetch(loopback.url("/page", host="localhost"))
    assert result.error is None
    assert result.status == 200


@pytest.fixture
def loopback_as_proxy(loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> LoopbackServer:
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", loopback.url(""))
    return loopback


def test_through_a_proxy_the_target_name_is_checked_instead(
    loopback_as_proxy: LoopbackServer, make_settings: SettingsFactory
) -> None:
    proxy = loopback_as_proxy
    # A forward proxy receives the absolute URL as the request target.
    proxy.route(
        "http://news.invalid/story", lambda handler: proxy.send(handler, b"<p>via proxy</p>")
    )
    with HttpFetcher(make_settings(allow_private=False)) as fetcher:
        refused = fetcher.fetch("http://localhost:8080/admin")
        proxied = fetcher.fetch("http://news.invalid/story")
    assert refused.error is not None
    assert refused.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    # The user's own proxy on loopback is not refused; the name it was asked for is public
    # as far as we can tell here (it does not resolve locally), so the proxy decides.
    assert proxied.error is None
    assert proxied.body == b"<p>via proxy</p>"
    assert [request.path for request in proxy.requests] == ["http://news.invalid/story"]


@pytest.mark.parametrize(
    "private_target",
    ["http://127.0.0.1:8080/internal", "http://169.254.169.254/latest/", "http://localhost/"],
)
def test_a_redirect_to_a_private_address_is_refused(
    loopback_as_proxy: LoopbackServer, make_settings: SettingsFactory, private_target: str
) -> None:
    # The first hop goes to an allowed (public-looking) host, through the proxy; its redirect
    # points inside the network.
    proxy = loopback_as_proxy
    proxy.route(
        "http://news.invalid/old",
        lambda handler: proxy.send(handler, b"", status=302, headers={"Location": private_target}),
    )
    with HttpFetcher(make_settings(allow_private=False)) as fetcher:
        result = fetcher.fetch("http://news.invalid/old")
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    assert result.redirects == [Hop("http://news.invalid/old", 302)]
    assert result.final_url == private_target
    assert [request.path for request in proxy.requests] == ["http://news.invalid/old"]
