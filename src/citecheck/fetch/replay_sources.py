"""Where a replay's WARC records are: a WARC file (.warc, .warc.gz), the WARCs inside a WACZ
(read in place: WACZ stores them uncompressed in the ZIP, so records are read at offsets), or
an archive bundle folder (its sources.warc.gz, else its sources.wacz)."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from citecheck.errors import InputError

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra field length
_LOCAL_SIGNATURE = b"PK\x03\x04"
_WARC_SUFFIXES = (".warc", ".warc.gz")
BUNDLE_WARC = "sources.warc.gz"
BUNDLE_WACZ = "sources.wacz"


@dataclass(frozen=True)
class WarcSource:
    """One WARC: a whole file, or `length` bytes from `start` in one (a member of a WACZ)."""

    path: Path
    start: int = 0
    length: int | None = None
    name: str = ""  # as messages show it

    def open(self) -> BinaryIO:
        """The WARC's bytes as a seekable stream whose offset 0 is the WARC's first byte."""
        handle = self.path.open("rb")
        if self.start == 0 and self.length is None:
            return handle
        return io.BufferedReader(_Window(handle, self.start, self.length))


def replay_sources(path: Path) -> list[WarcSource]:
    """The WARCs that `--replay PATH` names; InputError when there are none."""
    if path.is_dir():
        return _bundle_sources(path)
    if path.name.lower().endswith(".wacz") or _is_zip(path):
        return _wacz_sources(path)
    return [WarcSource(path, name=str(path))]


def _bundle_sources(folder: Path) -> list[WarcSource]:
    if (folder / BUNDLE_WARC).is_file():
        return [WarcSource(folder / BUNDLE_WARC, name=str(folder / BUNDLE_WARC))]
    if (folder / BUNDLE_WACZ).is_file():
        return _wacz_sources(folder / BUNDLE_WACZ)
    warcs = sorted(p for p in folder.iterdir() if p.name.lower().endswith(_WARC_SUFFIXES))
    if not warcs:
        raise InputError(f"{folder}: no {BUNDLE_WARC}, {BUNDLE_WACZ} or other WARC in this folder")
    return [WarcSource(p, name=str(p)) for p in warcs]


def _wacz_sources(path: Path) -> list[WarcSource]:
    try:
        with zipfile.ZipFile(path) as package, path.open("rb") as raw:
            sources = [
                _member_source(path, raw, info)
                for info in package.infolist()
                if info.filename.startswith("archive/")
                and info.filename.lower().endswith(_WARC_SUFFIXES)
            ]
    except (OSError, zipfile.BadZipFile, struct.error) as exc:
        raise InputError(f"{path}: cannot read WACZ ({exc})") from exc
    if not sources:
        raise InputError(f"{path}: no WARC under archive/ in this WACZ")
    return sources


def _member_source(path: Path, raw: BinaryIO, info: zipfile.ZipInfo) -> WarcSource:
    name = f"{path}!{info.filename}"
    if info.compress_type != zipfile.ZIP_STORED:
        raise InputError(f"{name}: compressed inside the ZIP (WACZ stores WARCs uncompressed)")
    raw.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    if signature != _LOCAL_SIGNATURE:
        raise InputError(f"{name}: damaged ZIP entry")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    return WarcSource(path, start=start, length=info.file_size, name=name)


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == _LOCAL_SIGNATURE
    except OSError:
        return False  # the WARC reader says what is wrong with it


class _Window(io.RawIOBase):
    """`length` bytes of a file from `start`, seen as a file of their own."""

    def __init__(self, raw: BinaryIO, start: int, length: int | None) -> None:
        super().__init__()
        self._raw = raw
        self._start = start
        self._length = length
        self._position = 0
        raw.seek(start)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            position = offset
        elif whence == io.SEEK_CUR:
            position = self._position + offset
        else:
            end = self._length if self._length is not None else self._raw.seek(0, io.SEEK_END)
            position = end + offset
        self._position = max(0, position)
        self._raw.seek(self._start + self._position)
        return self._position

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        wanted = len(buffer)
        if self._length is not None:
            wanted = min(wanted, self._length - self._position)
        if wanted <= 0:
            return 0
        data = self._raw.read(wanted)
        memoryview(buffer)[: len(data)] = data
        self._position += len(data)
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()
