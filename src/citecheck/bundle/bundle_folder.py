"""One folder per article under the output folder, replaced whole or not at all.

A run writes into a hidden temporary folder beside the bundle (`.<name>.partial-XXXX`) and, once
everything is written and flushed, swaps it in: the old bundle is renamed aside, the new one
renamed into place, the old one deleted. A run that fails or is interrupted deletes its
temporary folder and leaves the previous bundle as it was; one killed outright leaves at worst
the old bundle under `.<name>.previous-XXXX` for a split second, which the next run puts back.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
import zipfile
from pathlib import Path

from citecheck.bundle.safe_names import safe_name
from citecheck.errors import InputError
from citecheck.models import CitationSet

_PARTIAL = ".partial-"
_PREVIOUS = ".previous-"
_ALREADY_COMPRESSED = (".gz", ".wacz", ".zip", ".pdf", ".png", ".jpg", ".gif", ".webp")


def bundle_name(citation_set: CitationSet) -> str:
    """From the article's title, else the citations file's name (its folder's, for a bare
    citations.yaml, since every article's file may be called that)."""
    if citation_set.article.title:
        return safe_name(citation_set.article.title, fallback="article")
    path = Path(citation_set.path)
    stem = path.stem
    if stem.lower() in {"citations", "notes", "references"} and path.resolve().parent.name:
        stem = path.resolve().parent.name
    return safe_name(stem, fallback="article")


def check_output_dir(output_dir: Path) -> None:
    """Fail before any work when the output folder cannot hold a bundle."""
    if output_dir.exists() and not output_dir.is_dir():
        raise InputError(f"{output_dir}: not a folder (the archive is written into a folder)")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{output_dir}: cannot create the folder ({exc.strerror})") from exc
    if not os.access(output_dir, os.W_OK | os.X_OK):
        raise InputError(f"{output_dir}: cannot write in this folder")


def start_partial(output_dir: Path, name: str) -> Path:
    """A fresh temporary folder beside the bundle; left-overs of killed runs are tidied."""
    _restore_previous(output_dir, name)
    for stale in output_dir.glob(f".{name}{_PARTIAL}*"):
        shutil.rmtree(stale, ignore_errors=True)
    while True:
        partial = output_dir / f".{name}{_PARTIAL}{secrets.token_hex(4)}"
        try:
            partial.mkdir(mode=0o777)  # the umask decides, as for any folder the user makes
        except FileExistsError:
            continue
        return partial


def discard_partial(partial: Path) -> None:
    shutil.rmtree(partial, ignore_errors=True)


def write_synced(path: Path, data: bytes) -> None:
    """Write a file of the bundle and flush it to disk (the swap must not publish a folder
    whose files are still only in memory)."""
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def sync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def swap_in(partial: Path, target: Path) -> None:
    """Make `partial` the bundle at `target`, replacing whatever bundle was there. Its files
    are on disk already (`write_synced`, `sync_file`); its folders are synced here."""
    for folder in [partial, *(p for p in partial.rglob("*") if p.is_dir())]:
        _sync_dir(folder)
    previous: Path | None = None
    if target.is_symlink() or target.exists():
        if not target.is_dir() or target.is_symlink():
            raise InputError(f"{target}: exists and is not a bundle folder; not replaced")
        previous = Path(tempfile.mkdtemp(prefix=f".{target.name}{_PREVIOUS}", dir=target.parent))
        os.replace(target, previous / "bundle")
    os.replace(partial, target)
    _sync_dir(target.parent)
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def pack_zip(folder: Path, destination: Path) -> None:
    """`--zip`: the bundle folder as one ZIP beside it, written atomically."""
    fd, temp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", allowZip64=True) as package:
                for path in sorted(folder.rglob("*")):
                    if not path.is_file():
                        continue
                    arcname = f"{folder.name}/{path.relative_to(folder).as_posix()}"
                    stored = path.name.endswith(_ALREADY_COMPRESSED)
                    package.write(
                        path,
                        arcname,
                        compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                    )
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, destination)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _restore_previous(output_dir: Path, name: str) -> None:
    target = output_dir / name
    for previous in sorted(output_dir.glob(f".{name}{_PREVIOUS}*")):
        kept = previous / "bundle"
        if not target.exists() and kept.is_dir():
            os.replace(kept, target)
        shutil.rmtree(previous, ignore_errors=True)


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
