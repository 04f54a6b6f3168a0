"""`citecheck lookup`: candidate URLs for citations without a working url."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from citecheck.atomic_file import check_destination, write_text_atomically
from citecheck.citations import load_citations
from citecheck.cli import short_help
from citecheck.cli.options import exit_on_input_error
from citecheck.cli.stopping import StopOnSignals
from citecheck.errors import InputError
from citecheck.lookup.accepting import FOUND_BY
from citecheck.lookup.finder import Checked, LookupResult
from citecheck.lookup.outcome import SHOWN
from citecheck.report.json_format import render_lookup_json
from citecheck.session import LookedUp, Session
from citecheck.settings import CONFIG_NAME, Settings

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # a hostile URL must not steer the terminal


@click.command("lookup", short_help=short_help("lookup"))
@click.argument("citations", type=click.Path(path_type=Path), default=Path("citations.yaml"))
@click.option(
    "--only", multiple=True, metavar="ID", help="Look up only this citation (repeatable)."
)
@click.option(
    "--write",
    is_flag=True,
    help="Record each best candidate that passes as the citation's url (a Wayback capture: "
    "as its archive_url and archive_date), with found_by: lookup.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="What stdout carries: the candidates for people (table), or the JSON record "
    "(everything else then goes to stderr).",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Write the JSON record here (.json, or any name with --format json); repeatable.",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help=f"Settings file [default: {CONFIG_NAME} beside CITATIONS, if present].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--offline", is_flag=True, help="Use only the cache; never touch the network.")
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Allow URLs on private, loopback or link-local addresses.",
)
@exit_on_input_error
def command(
    citations: Path,
    only: tuple[str, ...],
    write: bool,
    fmt: str,
    outputs: tuple[Path, ...],
    config: Path | None,
    no_cache: bool,
    offline: bool,
    allow_private: bool | None,
) -> None:
    """Propose URLs for the citations in CITATIONS that have none, or a dead one: from the
    publisher's own site (robots.txt and sitemaps), the Wayback Machine's index, Crossref,
    and OpenAlex and web search when configured. Each candidate is fetched and checked as
    `verify` would check it; the top 3 are shown with their scores."""
    for output in outputs:  # before any work, not after it
        _check_json_name(output, fmt)
        check_destination(output, "report")
    citation_set = load_citations(citations)
    overrides: dict[str, Any] = {"fetch.offline": offline}
    if no_cache:
        overrides["fetch.cache_dir"] = None
    if allow_private is not None:
        overrides["fetch.allow_private"] = allow_private
    settings = Settings.load(config, overrides, project_dir=citations.parent)
    json_on_stdout = fmt == "json" and not outputs
    # URLs whole, never folded
    console = Console(highlight=False, soft_wrap=True, stderr=json_on_stdout)
    with Session(settings) as session, StopOnSignals(session) as stop:
        looked_up = session.lookup(
            citation_set, only=only, on_found=lambda result: show(result, console), write=write
        )
        stop.run_done()
        _present(citations, citation_set.path, looked_up, fmt, outputs, write, console)
        stop.exit_if_quitting()
    stop.exit_if_stopped()


def _present(
    citations: Path,
    shown_path: str,
    looked_up: LookedUp,
    fmt: str,
    outputs: tuple[Path, ...],
    write: bool,
    console: Console,
) -> None:
    json_on_stdout = fmt == "json" and not outputs
    if json_on_stdout or outputs:
        text = render_lookup_json(
            shown_path,
            looked_up.found,
            looked_up.fields,
            looked_up.written,
            interrupted=looked_up.interrupted,
        )
        if json_on_stdout:
            click.echo(text, nl=False)
        for output in outputs:
            try:
                write_text_atomically(output, text)
            except OSError as exc:
                raise InputError(
                    f"{output}: cannot write the report: {exc.strerror or exc}"
                ) from None
            console.print(f"lookup record written to {escape(str(output))} (json)")
    found = looked_up.found
    if looked_up.interrupted:
        console.print(f"[bold]interrupted:[/] {len(found)} citation(s) looked up")
    elif not found:
        console.print("nothing to look up: every citation has a url that works")
        return
    down = next((r for r in found if r.network_down), None)
    if down is not None:
        console.print(f"[bold]{escape(down.troubles[0])}[/]")
    if write:
        _say_written(citations, looked_up, console)


def show(result: LookupResult, console: Console) -> None:
    citation = result.citation
    title = _clean(citation.title or "(no title)")
    console.print(f"[bold]{escape(citation.id)}[/]  {escape(title)}")
    if result.network_down:
        return
    candidates: list[tuple[str, str, float, Checked | None]] = [
        (c.candidate.url, c.candidate.source, c.candidate.score, c) for c in result.checked
    ]
    candidates += [(c.url, c.source, c.score, None) for c in result.unchecked]
    if not candidates:
        why = "; ".join(result.troubles) or "no source knew of it"
        console.print(f"    no candidate ({escape(why)})")
        return
    for rank, (url, source, score, checked) in enumerate(candidates[:SHOWN], start=1):
        if checked is None:
            verdict = "not checked"
        else:
            passes = "passes" if checked.passes else "does not pass"
            verdict = f"{checked.result.status.value}, title {checked.title_score:.0f} ({passes})"
        console.print(
            f"  {rank}. {escape(_clean(url))}\n     {source}, score {score:.0f}: {verdict}"
        )
    if result.best is None:
        console.print("    none of them passes")


def _say_written(citations: Path, looked_up: LookedUp, console: Console) -> None:
    if not looked_up.fields:
        console.print("nothing written: no candidate passes")
        return
    by_fields: dict[str, list[str]] = {}
    for citation_id in looked_up.written:
        names = [name for name in looked_up.fields[citation_id] if name != "found_by"]
        by_fields.setdefault(" and ".join(names), []).append(citation_id)
    for said, ids in by_fields.items():
        console.print(
            f"wrote the {said} of {len(ids)} citation(s) to {escape(str(citations))} "
            f"(found_by: {FOUND_BY}): {escape(', '.join(ids))}"
        )


def _check_json_name(output: Path, fmt: str) -> None:
    """An -o file is JSON: by its suffix, or by --format json."""
    if output.suffix.lower() != ".json" and fmt != "json":
        raise InputError(f"{output}: lookup writes JSON: name the file .json or add --format json")


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text)
