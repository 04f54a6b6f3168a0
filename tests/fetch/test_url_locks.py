"""URL locks: a held URL is waited for, by another thread as by another process; other URLs
are not; a holder that is gone releases its lock. Both kinds of lock (a byte of one file where
Linux offers open-file-description locks, a file per URL elsewhere) are exercised."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from citecheck.fetch.url_locks import UrlLocks

KINDS = [pytest.param(True, id="byte-locks"), pytest.param(False, id="file-per-url")]


@pytest.mark.parametrize("byte_locks", KINDS)
def test_a_held_url_is_waited_for_and_another_is_not(tmp_path: Path, byte_locks: bool) -> None:
    locks = UrlLocks(tmp_path, byte_locks=byte_locks)
    holding = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with locks.holding("https://news.example/a", wait_limit=30):
            holding.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    assert holding.wait(30)
    with locks.holding("https://news.example/b", wait_limit=30) as waited:
        assert waited is False
    waits: list[bool] = []

    def second() -> None:
        with locks.holding("https://news.example/a", wait_limit=30) as waited:
            waits.append(waited)

    waiter = threading.Thread(target=second)
    waiter.start()
    time.sleep(0.3)
    assert waits == []  # still waiting for the holder
    release.set()
    holder.join(30)
    waiter.join(30)
    assert waits == [True]


@pytest.mark.parametrize("byte_locks", KINDS)
def test_a_stuck_holder_is_given_up_on_after_the_wait_limit(
    tmp_path: Path, byte_locks: bool
) -> None:
    held = UrlLocks(tmp_path, byte_locks=byte_locks).holding("https://news.example/a", 30)
    other = UrlLocks(tmp_path, byte_locks=byte_locks).holding("https://news.example/a", 0.2)
    with held, other as waited:
        assert waited is True  # went ahead without the lock


@pytest.mark.parametrize("byte_locks", KINDS)
def test_a_killed_process_releases_its_lock(tmp_path: Path, byte_locks: bool) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from citecheck.fetch.url_locks import UrlLocks\n"
        f"locks = UrlLocks(Path({str(tmp_path)!r}), byte_locks={byte_locks})\n"
        "with locks.holding('https://news.example/a', wait_limit=30):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "held"
        locks = UrlLocks(tmp_path, byte_locks=byte_locks)
        with locks.holding("https://news.example/a", wait_limit=0.3) as waited:
            assert waited is True  # the child holds it
        child.kill()
        child.wait(30)
        with locks.holding("https://news.example/a", wait_limit=30) as waited:
            assert waited is False
    finally:
        child.kill()
        child.wait(30)
