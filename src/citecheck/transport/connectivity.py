"""Telling "this source is dead" from "our own network is down"."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence


class ConnectivityChecker:
    """Runs the probes once, the first time a connection fails, and remembers the answer.

    `probe(url)` returns True when the URL answered with any HTTP response.
    """

    def __init__(self, probe: Callable[[str], bool], probe_urls: Sequence[str]) -> None:
        self._probe = probe
        self._probe_urls = tuple(probe_urls)
        self._lock = threading.Lock()
        self._down: bool | None = None

    def network_is_down(self) -> bool:
        """Probe if nobody has yet; threads asking meanwhile wait for that one answer."""
        with self._lock:
            if self._down is None:
                # No probes configured: nothing to tell by, so never blame the network.
                self._down = bool(self._probe_urls) and not any(
                    self._probe(url) for url in self._probe_urls
                )
            return self._down

    @property
    def has_probes(self) -> bool:
        return bool(self._probe_urls)

    @property
    def known_down(self) -> bool:
        """True once the probes have shown the network is down; never probes by itself."""
        return self._down is True
