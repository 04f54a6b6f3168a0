"""Counters of what a fetcher did during a run, safe to bump from many threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, fields
from typing import Literal

StatName = Literal["network_requests", "full_downloads", "cache_hits", "revalidated_304", "errors"]


@dataclass
class FetchStats:
    network_requests: int = 0  # every HTTP request sent: each redirect hop, retry and probe
    full_downloads: int = 0  # final responses whose body came over the network
    cache_hits: int = 0  # results served from the cache without any request
    revalidated_304: int = 0  # cached copies confirmed by a 304
    errors: int = 0  # results that carry a FetchError
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, name: StatName, amount: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + amount)

    def as_dict(self) -> dict[str, int]:
        with self._lock:
            return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "_lock"}
