"""Refusal of private, loopback, link-local and cloud-metadata addresses.

A citation list is untrusted input: a URL (or a redirect) pointing at 169.254.169.254 or at a
service on the local network must not be fetched. The check runs on the address of the socket
actually connected (see `citecheck.transport.connections`), so a name that resolves to a public
address when looked up and to a private one when connected (DNS rebinding) is still refused.
Literal IP hosts are refused before any connection is made.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Metadata services of cloud providers. Most already fall in a non-public range; Azure's
# wire server (168.63.129.16) does not.
_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address)
    for address in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean...
        "fd00:ec2::254",  # AWS over IPv6
        "168.63.129.16",  # Azure wire server
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
    )
)
# Names of those services, refused by name as well (GCP answers on "metadata" too).
METADATA_HOSTS = frozenset(
    {
        "metadata.google.internal",
        "metadata.goog",
        "metadata",
        "instance-data",
        "instance-data.ec2.internal",
    }
)
_METADATA = "cloud metadata"
_CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class PrivateAddressRefused(Exception):
    """A URL's host is, or resolves to, an address that must not be fetched.

    The message names the option that would allow it, or says that nothing will.
    """

    def __init__(self, host: str, address: str, reason: str) -> None:
        self.host = host
        self.address = address
        self.reason = reason
        shown_host = host.strip("[]")
        if reason == _METADATA and not address:
            what = f"{shown_host} is a cloud metadata service"
        elif _same_address(host, address):
            what = f"{address} is {_article(reason)} {reason} address"
        else:
            what = f"{shown_host} resolves to {address}, {_article(reason)} {reason} address"
        if reason == _METADATA:
            remedy = "never fetched, even with --allow-private"
        else:
            remedy = f"--allow-host {shown_host} or --allow-private would allow it"
        super().__init__(f"refused: {what} ({remedy})")


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def forbidden_reason(address: str) -> str | None:
    """Why the IP literal `address` must not be fetched (e.g. "loopback"), or None if public."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unparsable"
    return _classify(ip)


def _classify(ip: IPAddress) -> str | None:
    if ip in _METADATA_ADDRESSES:
        return "cloud metadata"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            # What is reached is the IPv4 address inside (mapped, NAT64 or 6to4): judge that one.
            return _classify(embedded)
        if ip.is_site_local:
            return "site-local"
    checks: tuple[tuple[bool, str], ...] = (
        (ip.is_unspecified, "unspecified"),
        (ip.is_loopback, "loopback"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip in _CARRIER_GRADE_NAT, "carrier-grade NAT"),
        (ip.is_private, "private"),
        (ip.is_reserved, "reserved"),
        (not ip.is_global, "non-public"),
    )
    return next((reason for matched, reason in checks if matched), None)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour


def _same_address(host: str, address: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")) == ipaddress.ip_address(address)
    except ValueError:
        return False


def normal_host(host: str) -> str:
    """A host name or IP literal as the policy compares it: lower case, no brackets or final
    dot."""
    return host.strip().strip("[]").rstrip(".").lower()


@dataclass(frozen=True)
class AddressPolicy:
    """Which hosts and addresses requests may reach.

    `allow_private` opens the whole private range; `allow_hosts` opens the private addresses of
    those hosts only (an intranet site). Cloud metadata services stay refused whatever is
    allowed: a citation (or a redirect) pointing there would read the machine's credentials.
    """

    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, allow_private: bool, allow_hosts: tuple[str, ...] | list[str]) -> AddressPolicy:
        return cls(allow_private, frozenset(normal_host(host) for host in allow_hosts))

    def check_literal(self, host: str) -> None:
        """Refuse a metadata service's name, or a forbidden IP literal, before connecting."""
        if normal_host(host) in METADATA_HOSTS:
            raise PrivateAddressRefused(host, "", _METADATA)
        bare = normal_host(host)
        try:
            ipaddress.ip_address(bare)
        except ValueError:
            return
        self.check_peer(host, bare)

    def check_resolved(self, host: str, port: int) -> None:
        """Refuse a host by what its name resolves to (when a proxy makes the connection).

        A name that does not resolve here is left to the proxy, which may see other DNS. A host
        the policy opens is not looked up: what the proxy connects to is its own business, and
        the metadata services' names and addresses were refused by `check_literal` already (a
        lookup here is only a guess at what the proxy will reach, and can cost seconds per
        host where the proxy is the only way out).
        """
        if self.allow_private or normal_host(host) in self.allow_hosts:
            return
        try:
            infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return
        for info in infos:
            self.check_peer(host, str(info[4][0]))

    def check_peer(self, host: str, address: str) -> None:
        """Refuse the address a connection to `host` reached (or would reach)."""
        reason = forbidden_reason(address)
        if reason is None:
            return
        if reason != _METADATA and (self.allow_private or normal_host(host) in self.allow_hosts):
            return
        raise PrivateAddressRefused(host, address, reason)
