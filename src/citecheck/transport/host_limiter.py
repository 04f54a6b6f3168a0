"""Politeness and load: at most N requests at once to one host, a gap between their starts, and
at most `total` requests at once in all."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _HostState:
    slots: threading.BoundedSemaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0  # clock time before which no new request to the host may start


class HostLimiter:
    """Thread-safe gate in front of every request.

    `clock` and `sleep` are parameters so the spacing logic can be checked without waiting.
    """

    def __init__(
        self,
        per_host: int,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        total: int | None = None,
    ) -> None:
        """`total` caps requests in flight over all hosts (none when None): the run's threads
        may outnumber it, so that those busy with other things (a page being judged) leave
        their request slot to others."""
        self._total = threading.BoundedSemaphore(max(1, total)) if total is not None else None
        self._per_host = max(1, per_host)
        self._interval = max(0.0, interval)
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}
        self._hosts_lock = threading.Lock()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Hold one of `host`'s slots, starting no sooner than its interval allows."""
        state = self._state(host)
        state.slots.acquire()
        try:
            self._wait_for_turn(state)
            if self._total is None:
                yield
                return
            with self._total:  # taken once the host's turn has come: never held while waiting
                yield
        finally:
            state.slots.release()

    def hold_off(self, host: str, seconds: float) -> None:
        """Start no new request to `host` for `seconds` (the host asked us to, by Retry-After)."""
        state = self._state(host)
        with state.lock:
            state.next_start = max(state.next_start, self._clock() + seconds)

    def _state(self, host: str) -> _HostState:
        with self._hosts_lock:
            state = self._hosts.get(host)
            if state is None:
                state = _HostState(threading.BoundedSemaphore(self._per_host))
                self._hosts[host] = state
            return state

    def _wait_for_turn(self, state: _HostState) -> None:
        # The start time is reserved under the lock, the wait happens outside it, so threads
        # queue up one interval apart instead of all waking at once.
        with state.lock:
            now = self._clock()
            start = max(now, state.next_start)
            state.next_start = start + self._interval
        if start > now:
            self._sleep(start - now)
