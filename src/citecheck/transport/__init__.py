"""The shared HTTP transport: address guard, per-host politeness, retries, proxies, size caps,
redirects, and a hook that sees every raw exchange. See `Transport`."""

from citecheck.transport.client import Response, Transport
from citecheck.transport.exchange import Exchange, ExchangeHook, HookHandle

__all__ = ["Exchange", "ExchangeHook", "HookHandle", "Response", "Transport"]
