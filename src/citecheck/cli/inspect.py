"""`citecheck inspect`: what the extractor finds on one page, and where it found it."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import click

from citecheck.cli import short_help
from citecheck.cli.options import allow_host_option, exit_on_input_error, with_allowed_hosts
from citecheck.models import FetchResult, Found, FoundDate, PageMetadata
from citecheck.session import Session
from citecheck.settings import CONFIG_NAME, Settings

# Terminal control characters a hostile page or URL could smuggle into our output.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SOURCE_COLUMN = 60


@click.command("inspect", short_help=short_help("inspect"))
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
    default=None,
    help="Allow fetching addresses on private networks and this machine.",
)
@allow_host_option
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Settings file [default: {CONFIG_NAME} in the current folder, if present].",
)
@click.option(
    "--url",
    "page_url",
    metavar="URL",
    help="For a file: the address it was saved from (for the URL's date and the domain).",
)
@exit_on_input_error
def command(
    target: str,
    output_format: str,
    allow_private: bool | None,
    allow_hosts: tuple[str, ...],
    config: Path | None,
    page_url: str | None,
) -> None:
    """Show every title, date, author and publisher found on a page, best first, with where
    each was found. URL_OR_FILE is an http(s) address or a saved .html / .html.gz file."""
    overrides: dict[str, Any] = {"fetch.cache_dir": None}  # always the page as it is now
    if allow_private is not None:
        overrides["fetch.allow_private"] = allow_private
    settings = Settings.load(config, overrides, project_dir=Path())
    with_allowed_hosts(settings, allow_hosts)
    with Session(settings) as session:
        found = session.inspect(target, page_url=page_url)
    metadata, fetched = found.metadata, found.fetched
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
    data["authors"] = [{**_found_json(f), "kind": f.kind.value} for f in metadata.authors]
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


def _found_json(found: Found) -> dict[str, str]:
    return {"value": found.value, "source": found.source}


def _date_json(found: FoundDate) -> dict[str, str]:
    return {"value": found.value.isoformat(), "source": found.source}


def _safe(text: str) -> str:
    return _CONTROL.sub("", text)
