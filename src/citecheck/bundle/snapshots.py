"""snapshots/<id>.<ext>: each source's body as fetched, named by its citation id."""

from __future__ import annotations

from citecheck.bundle.safe_names import safe_name, unique

SNAPSHOT_DIR = "snapshots"
_EXTENSIONS = {
    "text/html": "html",
    "application/xhtml+xml": "xhtml",
    "application/pdf": "pdf",
    "text/plain": "txt",
    "application/json": "json",
    "application/ld+json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/rss+xml": "xml",
    "application/atom+xml": "xml",
    "text/csv": "csv",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/svg+xml": "svg",
}


def extension(media_type: str) -> str:
    return _EXTENSIONS.get(media_type.split(";")[0].strip().lower(), "bin")


def snapshot_name(citation_id: str, media_type: str, taken: set[str]) -> str:
    """The path, relative to the bundle folder, of one citation's snapshot."""
    stem = unique(safe_name(citation_id, fallback="note"), taken)
    return f"{SNAPSHOT_DIR}/{stem}.{extension(media_type)}"
