"""`citecheck config`: the effective settings for a citations file, and where each came from."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from citecheck.cli import short_help
from citecheck.cli.options import exit_on_input_error
from citecheck.config_file import setting_sources


@click.command("config", short_help=short_help("config"))
@click.argument("citations", type=click.Path(path_type=Path), default=Path("citations.yaml"))
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help="Settings file [default: citecheck.toml beside CITATIONS, else its pyproject.toml's "
    "[tool.citecheck]].",
)
@click.option(
    "-s",
    "--set",
    "assignments",
    multiple=True,
    metavar="SECTION.KEY=VALUE",
    help="Set one setting as the command line would (repeatable), e.g. fetch.per_host=4.",
)
@exit_on_input_error
def command(citations: Path, config: Path | None, assignments: tuple[str, ...]) -> None:
    """Print the settings a run on CITATIONS would use, as TOML, each with its source:
    the command line (--set), the settings file, or the default."""
    path, sources = setting_sources(config, assignments, citations.parent)
    click.echo(f"# settings for {citations}; settings file: {path or 'none'}")
    section = ""
    rows: list[tuple[str, str]] = []
    for item in sources:
        name, _, key = item.name.partition(".")
        if name != section:
            _flush(rows)
            click.echo(f"\n[{name}]")
            section = name
        rows.append((f"{key} = {_toml(item.value)}", item.source))
    _flush(rows)


def _flush(rows: list[tuple[str, str]]) -> None:
    width = max((len(text) for text, _ in rows), default=0)
    for text, source in rows:
        click.echo(f"{text.ljust(width)}  # {source}")
    rows.clear()


def _toml(value: Any) -> str:
    """A TOML value; an unset one (None) as an empty string, which the file reads as unset."""
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Path):
        return json.dumps(str(value))
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        items = ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items())
        return f"{{ {items} }}" if items else "{}"
    return json.dumps(value, ensure_ascii=False)
