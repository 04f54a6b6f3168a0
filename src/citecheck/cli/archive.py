"""`citecheck archive`: verify an article's citations and write its archive bundle."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console

from citecheck.citations import load_citations
from citecheck.cli import short_help
from citecheck.cli.options import exit_on_input_error
from citecheck.cli.stopping import StopOnSignals
from citecheck.cli.verify import EXIT_INTERRUPTED, EXIT_OK, with_progress
from citecheck.report.table import print_problem_lines, summary_line
from citecheck.session import ArchivedBundle, SavedCaptures, Session
from citecheck.settings import CONFIG_NAME, Settings

if TYPE_CHECKING:
    from citecheck.webarchive.saving import SavedSource
from citecheck.webarchive.save_page_now import SaveState
from citecheck.webarchive.saving import SavedSource


@click.command("archive", short_help=short_help("archive"))
@click.argument("citations", type=click.Path(path_type=Path), default=Path("citations.yaml"))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Folder that holds one bundle folder per article [default: archive/ beside CITATIONS].",
)
@click.option(
    "--zip", "pack", is_flag=True, help="Also pack the bundle folder as a .zip beside it."
)
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help=f"Settings file [default: {CONFIG_NAME} beside CITATIONS, if present].",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path),
    help="Cache folder [default: .citecheck-cache beside CITATIONS].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Allow URLs on private, loopback or link-local addresses.",
)
@click.option(
    "--workers", type=click.IntRange(1, 256), help="Fetches at once, in all [default: 16]."
)
@click.option(
    "--per-host", type=click.IntRange(1, 64), help="Fetches at once to one host [default: 2]."
)
@click.option(
    "--timeout", type=click.FloatRange(0.1, 600), help="Read timeout in seconds [default: 20]."
)
@click.option(
    "--only", multiple=True, metavar="ID", help="Archive only this citation (repeatable)."
)
@click.option(
    "--save",
    is_flag=True,
    help="Also ask the Internet Archive's Save Page Now to capture each live source "
    "(credentials from IA_ACCESS_KEY and IA_SECRET_KEY).",
)
@click.option(
    "--write",
    is_flag=True,
    help="Record each new capture (or the one a verdict stood on) as archive_url and "
    "archive_date in CITATIONS, keeping its comments and order.",
)
@click.option(
    "--progress/--no-progress",
    default=True,
    show_default=True,
    help="Show a progress bar on a terminal.",
)
@exit_on_input_error
def command(
    citations: Path,
    output: Path | None,
    pack: bool,
    config: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    allow_private: bool | None,
    workers: int | None,
    per_host: int | None,
    timeout: float | None,
    only: tuple[str, ...],
    save: bool,
    write: bool,
    progress: bool,
) -> None:
    """Verify every citation in CITATIONS (default: ./citations.yaml) and keep what each
    source said, in one folder per article under OUTPUT:

    \b
      sources.warc.gz      every HTTP exchange (WARC 1.1)
      sources.wacz         the same, packaged for replay tools (WACZ 1.1.1)
      snapshots/<id>.<ext> each source's body as fetched
      manifest.json        per citation: URLs, status, time, type, size, sha256, verdict
      index.html           one page for editors, with links to every copy

    Every source is fetched afresh. The folder is replaced whole at the end, so a failed or
    interrupted run leaves the previous bundle as it was. `citecheck verify --replay FOLDER`
    checks the bundle again, offline. Exit code: 0 when the bundle was written, 2 on bad
    input, 130 when interrupted.
    """
    citation_set = load_citations(citations)
    overrides: dict[str, Any] = {}
    if no_cache:
        overrides["fetch.cache_dir"] = None
    elif cache_dir is not None:
        overrides["fetch.cache_dir"] = cache_dir
    given = {
        "fetch.allow_private": allow_private,
        "fetch.workers": workers,
        "fetch.per_host": per_host,
        "fetch.read_timeout": timeout,
    }
    overrides.update({name: value for name, value in given.items() if value is not None})
    settings = Settings.load(config, overrides, project_dir=citations.parent)
    output_dir = output if output is not None else citations.parent / "archive"
    console = Console(stderr=True)

    def warn(message: str) -> None:
        console.print(f"[bold]warning:[/] {message}", highlight=False)

    with Session(settings, on_warning=warn) as session, StopOnSignals(session) as stop:
        archived = with_progress(
            citation_set,
            only,
            console,
            progress,
            lambda on_result, _lookups: session.archive(
                citation_set, output_dir, pack=pack, only=only, on_result=on_result
            ),
        )
        stop.run_done()
        code = _present(archived, console)
        stop.exit_if_quitting()
        if (save or write) and archived.folder is not None and stop.signal is None:
            captures = session.save_captures(
                citation_set,
                archived.report,
                save=save,
                write=write,
                on_result=lambda one: _present_saved(one, console),
            )
            if write:
                _present_written(captures, citations, console)
    stop.exit_if_stopped()  # stopped by a signal: exit 128 + signal, now
    sys.exit(code)


def _present_saved(one: SavedSource, console: Console) -> None:

    save = one.result
    if save.state is SaveState.SAVED:
        console.print(
            f"{one.citation_id}: archived at {save.capture_url}", highlight=False, soft_wrap=True
        )
    else:
        console.print(
            f"[bold]{one.citation_id}:[/] not archived ({save.state.value}): {save.message}",
            highlight=False,
            soft_wrap=True,
        )


def _present_written(captures: SavedCaptures, citations: Path, console: Console) -> None:
    if captures.written:
        ids = ", ".join(captures.written)
        recorded = f"{citations}: archive_url and archive_date recorded for {ids}"
        console.print(recorded, highlight=False, soft_wrap=True)
    else:
        console.print(f"{citations}: nothing to record", highlight=False, soft_wrap=True)


def _present(archived: ArchivedBundle, console: Console) -> int:
    report = archived.report
    print_problem_lines(report, console)
    console.print(summary_line(report))
    if archived.folder is None:
        console.print(
            f"[bold]interrupted:[/] {len(report.results)} citation(s) checked; no bundle "
            "written (the previous one, if any, is left as it was)."
        )
        return EXIT_INTERRUPTED
    console.print(f"bundle written to {archived.folder} ({archived.exchanges} HTTP exchanges)")
    if archived.zip_path is not None:
        console.print(f"packed as {archived.zip_path}")
    return EXIT_OK
