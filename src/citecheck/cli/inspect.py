"""`citecheck inspect`: what the extractor finds on one page, and where it found it."""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import zlib
from pathlib import Path
from typing import Any

import click

from citecheck.cli.options import exit_on_input_error
from citecheck.errors import InputError
from citecheck.extract import extract_metadata, metadata_from_fetch
from citecheck.fetch.decode import decode_body
from citecheck.models import FetchResult, Found, FoundDate, PageMetadata
from citecheck.settings import FetchSettings

_URL = re.compile(r"^https?://", re.IGNORECASE)
# Terminal control characters a hostile page or URL could smuggle into our output.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MAX_FILE_BYTES = 50_000_000
_SOURCE_COLUMN = 60


@click.command("inspect")
@click.argument("target", metavar="URL_OR_FILE")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Plain text for people, JSON for programs.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow fetching addresses on private networks and this machine.",
)
@click.option(
    "--url",
    "page_url",
    metavar="URL",
    help="For a file: the address it was saved from (for the URL's date and the domain).",
)
@exit_on_input_error
def command(target: str, output_format: str, allow_private: bool, page_url: str | None) -> None:
    """Show every title, date, author and publisher found on a page, best first, with where
    each was found. URL_OR_FILE is an http(s) address or a saved .html / .html.gz file."""
    fetched: FetchResult | None = None
    if _URL.match(target):
        fetched = _fetch(target, allow_private)
        metadata = metadata_from_fetch(fetched)
    else:
        metadata = extract_metadata(_read_page_file(Path(target)), page_url)
    if output_format == "json":
        click.echo(json.dumps(as_json(target, metadata, fetched), ensure_ascii=False, indent=2))
    else:
        click.echo(as_text(target, metadata, fetched))
    if fetched is not None and fetched.error is not None:
        sys.exit(1)


def as_json(target: str, metadata: PageMetadata, fetched: FetchResult | None) -> dict[str, Any]:
    data: dict[str, Any] = {"target": target}
    if fetched is not None:
        data["final_url"] = fetched.final_url
        data["status"] = fetched.status
        data["redirects"] = [{"url": hop.url, "status": hop.status} for hop in fetched.redirects]
        data["error"] = (
            {"kind": fetched.error.kind.value, "message": fetched.error.message}
            if fetched.error
            else None
        )
    data["kind"] = metadata.kind.value
    data["language"] = metadata.language
    data["titles"] = [_found_json(found) for found in metadata.titles]
    data["published"] = [_date_json(found) for found in metadata.published]
    data["modified"] = [_date_json(found) for found in metadata.modified]
    data["authors"] = [_found_json(found) for found in metadata.authors]
    data["publishers"] = [_found_json(found) for found in metadata.publishers]
    return data


def as_text(target: str, metadata: PageMetadata, fetched: FetchResult | None) -> str:
    lines = [f"page:       {_safe(target)}"]
    if fetched is not None:
        lines.append(f"final URL:  {_safe(fetched.final_url or '-')}")
        lines.append(f"status:     {fetched.status if fetched.status is not None else '-'}")
        for hop in fetched.redirects:
            lines.append(f"redirect:   {hop.status} {_safe(hop.url)}")
        if fetched.error is not None:
            lines.append(f"error:      {fetched.error.kind.value}: {_safe(fetched.error.message)}")
    lines.append(f"kind:       {metadata.kind.value}")
    lines.append(f"language:   {metadata.language or '-'}")
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        ("titles", [(found.value, found.source) for found in metadata.titles]),
        ("published", [(found.value.isoformat(), found.source) for found in metadata.published]),
        ("modified", [(found.value.isoformat(), found.source) for found in metadata.modified]),
        ("authors", [(found.value, found.source) for found in metadata.authors]),
        ("publishers", [(found.value, found.source) for found in metadata.publishers]),
    ]
    for name, values in sections:
        lines.append(f"{name}:" if values else f"{name}:  (none found)")
        for rank, (value, source) in enumerate(values, start=1):
            lines.append(f"  {rank}. {_safe(value):<{_SOURCE_COLUMN}} [{_safe(source)}]")
    return "\n".join(lines)


def _fetch(url: str, allow_private: bool) -> FetchResult:
    # Imported here: the fetch machinery (requests, its session) is only needed for URLs.
    from citecheck.fetch.http import HttpFetcher

    fetcher = HttpFetcher(FetchSettings(allow_private=allow_private, cache_dir=None))
    try:
        return fetcher.fetch(url)
    finally:
        fetcher.close()


def _read_page_file(path: Path) -> str:
    """The decoded text of a saved page; gzip-compressed when its name ends in .gz."""
    try:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if path.stat().st_size > _MAX_FILE_BYTES:
            raise InputError(f"{path}: larger than {_MAX_FILE_BYTES // 1_000_000} MB")
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if path.suffix.lower() == ".gz":
        try:
            raw = _gunzip(raw)
        except (OSError, EOFError, zlib.error):
            raise InputError(f"{path}: not a valid gzip file") from None
    text, _ = decode_body(raw)
    return text


def _gunzip(raw: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
        data = stream.read(_MAX_FILE_BYTES + 1)
    if len(data) > _MAX_FILE_BYTES:
        raise OSError("decompressed page too large")
    return data


def _found_json(found: Found) -> dict[str, str]:
    return {"value": found.value, "source": found.source}


def _date_json(found: FoundDate) -> dict[str, str]:
    return {"value": found.value.isoformat(), "source": found.source}


def _safe(text: str) -> str:
    return _CONTROL.sub("", text)
