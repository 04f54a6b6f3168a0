"""THE place that writes citecheck's output files (reports, citations.yaml, bundles' files).

- A regular file is written atomically: a reader sees the old content or the new, never half.
  The new content goes to a temporary file beside the target, which then replaces it.
- A symlink is written through: its target gets the new content, the link stays a link.
- A device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written directly, never
  replaced by a regular file.
- A new file gets the permissions the user's umask gives (0666 masked); an existing file keeps
  its own.
- `check_destination` tells, before any work, whether a path can be written: one line naming
  the path and why not (a folder, a read-only place), for an InputError.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from citecheck.errors import InputError


def write_text_atomically(path: Path, text: str) -> None:
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` by the rules above; OSError when it cannot be."""
    existing = _stat(path)  # follows symlinks
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        if stat.S_ISDIR(existing.st_mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        with open(path, "wb") as device:  # a device, FIFO or socket: as it is
            device.write(data)
        return
    target = Path(os.path.realpath(path))  # through symlinks, to the file they name
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def check_destination(path: Path, what: str = "output") -> None:
    """InputError, in one line, when `path` cannot be written as an output file: it is a
    folder, or the folder it would go in is missing and cannot be made, or is not writable."""
    existing = _stat(path)
    if existing is not None:
        if stat.S_ISDIR(existing.st_mode):
            raise InputError(f"{path}: is a folder; the {what} must be a file")
        if not stat.S_ISREG(existing.st_mode):
            if not os.access(path, os.W_OK):
                raise InputError(f"{path}: cannot write the {what} here (permission denied)")
            return
    folder = Path(os.path.realpath(path)).parent
    while not folder.exists():  # the nearest folder that exists is where one would be made
        folder = folder.parent
    if not folder.is_dir():
        raise InputError(f"{path}: cannot write the {what} here ({folder} is not a folder)")
    try:  # the one sure test, root and read-only file systems included: make a file there
        fd, probe = tempfile.mkstemp(prefix=".citecheck-probe.", dir=folder)
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise InputError(f"{path}: cannot write the {what} in {folder} ({why.lower()})") from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it."""
    with (
        contextlib.suppress(OSError, ValueError),
        open("/proc/self/status", encoding="ascii") as status,
    ):
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and restore (not thread-safe, but brief)
    os.umask(mask)
    return mask
