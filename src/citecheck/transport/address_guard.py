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
_CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class PrivateAddressRefused(Exception):
    """A URL's host is, or resolves to, an address that must not be fetched."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        self.host = host
        self.address = address
        self.reason = reason
        if _same_address(host, address):
            message = f"refused: {address} is a {reason} address"
        else:
            message = f"refused: {host} resolves to {address}, a {reason} address"
        super().__init__(message)


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


def check_literal_host(host: str) -> None:
    """Refuse a host written as an IP literal; hostnames are checked when connected."""
    bare = host.strip("[]")
    try:
        ipaddress.ip_address(bare)
    except ValueError:
        return
    reason = forbidden_reason(bare)
    if reason is not None:
        raise PrivateAddressRefused(host, bare, reason)


def check_resolved_host(host: str, port: int) -> None:
    """Refuse `host` if any address it resolves to is forbidden.

    Used only when a proxy makes the connection, because then the connected peer is the proxy.
    A name that does not resolve here is left to the proxy, which may see other DNS.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return
    for info in infos:
        address = str(info[4][0])
        reason = forbidden_reason(address)
        if reason is not None:
            raise PrivateAddressRefused(host, address, reason)


@dataclass(frozen=True)
class AddressPolicy:
    """Which hosts and addresses requests may reach.

    `allow_private` opens the whole private range (for intranet sources).
    """

    allow_private: bool = False

    def check_literal(self, host: str) -> None:
        """Refuse a host written as a forbidden IP literal, before any connection."""
        if not self.allow_private:
            check_literal_host(host)

    def check_resolved(self, host: str, port: int) -> None:
        """Refuse a host by what its name resolves to (when a proxy makes the connection)."""
        if not self.allow_private:
            check_resolved_host(host, port)

    def check_peer(self, host: str, address: str) -> None:
        """Refuse the address a direct connection to `host` reached."""
        if self.allow_private:
            return
        reason = forbidden_reason(address)
        if reason is not None:
            raise PrivateAddressRefused(host, address, reason)
