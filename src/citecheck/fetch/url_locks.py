"""One lock per URL, shared by every run (thread or process) that uses one fetch cache.

Where Linux offers open-file-description locks (`F_OFD_SETLK`), every URL is one byte of a
single lock file, at an offset taken from the URL's digest: taking a lock is two system calls
on a file that already exists. Elsewhere each URL has a lock file of its own under `locks/`,
locked with `flock`; making that file is most of what a lock costs there (about 0.6 ms on
ext4), which is why it is only the fallback. Both kinds belong to an open file, so two threads
of one run exclude each other as two processes do, and a run that dies lets go of its locks at
once.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import struct
import time
from collections.abc import Callable, Iterator
from pathlib import Path

_POLL_SECONDS = 0.05  # between tries of a URL lock another run holds
# A byte range far above any offset a real file reaches; F_OFD locks need no data there.
_OFFSET_SPAN = 2**62
_OFD_SETLK: int | None = getattr(fcntl, "F_OFD_SETLK", None)
# struct flock as Linux lays it out: l_type, l_whence (short), l_start, l_len (off_t), l_pid.
_FLOCK = "hhqqi4x"
_TryLock = Callable[[int], bool]


class UrlLocks:
    """Locks on URLs, kept in `directory` (made when first needed)."""

    def __init__(self, directory: Path, *, byte_locks: bool = _OFD_SETLK is not None) -> None:
        """`byte_locks=False` takes a file per URL even where byte locks are offered."""
        self._directory = Path(directory)
        self._made = False
        self._byte_locks = byte_locks and _OFD_SETLK is not None

    @contextlib.contextmanager
    def holding(self, url: str, wait_limit: float) -> Iterator[bool]:
        """Hold `url`'s lock for the block; yields whether another holder had to be waited
        for. After `wait_limit` seconds (a run that died holding it releases it at once; a
        stuck one does not) the block runs without the lock, as it does when no lock can be
        taken here at all."""
        digest = hashlib.sha1(url.encode("utf-8", "surrogatepass")).digest()
        opened = self._open(digest)
        if opened is None:
            yield False
            return
        handle, try_lock = opened
        try:
            waited = not try_lock(handle)
            give_up = time.monotonic() + wait_limit
            locked = not waited
            while not locked and time.monotonic() < give_up:
                time.sleep(_POLL_SECONDS)
                locked = try_lock(handle)
            yield waited
        finally:
            os.close(handle)  # releases the lock

    def _open(self, digest: bytes) -> tuple[int, _TryLock] | None:
        folder = self._directory if self._byte_locks else self._directory / "locks"
        try:
            if not self._made:
                folder.mkdir(parents=True, exist_ok=True)
                self._made = True
            if self._byte_locks:
                handle = os.open(folder / "url-locks", os.O_RDWR | os.O_CREAT, 0o666)
                offset = int.from_bytes(digest[:8]) % _OFFSET_SPAN
                return handle, _byte_lock(offset)
            return os.open(folder / digest.hex(), os.O_RDWR | os.O_CREAT, 0o666), _file_lock
        except OSError:
            return None


def _byte_lock(offset: int) -> _TryLock:
    request = struct.pack(_FLOCK, fcntl.F_WRLCK, os.SEEK_SET, offset, 1, 0)

    def try_lock(handle: int) -> bool:
        assert _OFD_SETLK is not None
        try:
            fcntl.fcntl(handle, _OFD_SETLK, request)
        except (BlockingIOError, PermissionError):  # EAGAIN or EACCES: another holder
            return False
        except OSError:
            return True  # a file system without locks: go ahead unlocked
        return True

    return try_lock


def _file_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without locks: go ahead unlocked
    return True
