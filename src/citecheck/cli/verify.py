"""`citecheck verify`: check every citation of a citations.yaml and report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from citecheck.atomic_file import check_destination, write_text_atomically
from citecheck.citations import load_citations
from citecheck.cli import short_help
from citecheck.cli.options import (
    allow_host_option,
    exit_on_input_error,
    parse_duration_option,
    parse_fail_on,
    with_allowed_hosts,
)
from citecheck.cli.stopping import StopOnSignals
from citecheck.errors import InputError
from citecheck.models import CitationResult, CitationSet, RemovedCitation, Report, Status
from citecheck.report import FORMATS, render
from citecheck.report.github_format import step_summary
from citecheck.report.table import print_problem_lines, print_table, summary_line
from citecheck.session import Session
from citecheck.settings import CONFIG_NAME, Settings, fail_on_statuses

if TYPE_CHECKING:
    from citecheck.lookup.in_verify import LookupProgress

T = TypeVar("T")
PROGRESS_THRESHOLD = 4  # citations; shorter runs finish before a bar is worth drawing
EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


@click.command("verify", short_help=short_help("verify"))
@click.argument("citations", type=click.Path(path_type=Path), default=Path("citations.yaml"))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", *FORMATS]),
    default="table",
    show_default=True,
    help="Report format on stdout (github: workflow commands and the step summary); "
    "for an -o file whose suffix does not tell its format.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Write the report here, in the format its suffix tells "
    "(.json .md .html .xml .sarif); repeatable.",
)
@click.option(
    "--fail-on",
    callback=parse_fail_on,
    metavar="STATUSES",
    help="Exit 1 when a citation has one of these statuses: failed, or a comma-separated list "
    "adding warning, blocked and unverifiable (failed always counts); never: exit 0 whatever "
    "the statuses [default: failed, or the settings file's verify.fail_on].",
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
    "--max-age",
    callback=parse_duration_option,
    help="Revalidate cached pages older than this (e.g. 12h, 1d) [default: 1d].",
)
@click.option("--offline", is_flag=True, help="Use only the cache; never touch the network.")
@click.option(
    "--archived",
    is_flag=True,
    help="Check each source's archived capture (nearest before the citation's accessed date, "
    "else its date) instead of the live page.",
)
@click.option("--refresh", is_flag=True, help="Ignore cached pages (still store new ones).")
@click.option(
    "--replay",
    type=click.Path(path_type=Path),
    help="Verify against this WARC (.warc, .warc.gz), WACZ or archive bundle folder "
    "instead of the network.",
)
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
    help="Allow URLs on private, loopback or link-local addresses.",
)
@allow_host_option
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
    "--lookup/--no-lookup",
    "lookup",
    default=None,
    help="Look up a source for citations whose url is dead too / for none "
    "[default: for citations without a url].",
)
@click.option("--only", multiple=True, metavar="ID", help="Check only this citation (repeatable).")
@click.option(
    "--changed-since",
    metavar="REF",
    help="Check only the citations added or changed since git revision REF "
    "(e.g. origin/main); list the removed ones.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show every reason and check in the table.")
@click.option(
    "--fix-moved",
    is_flag=True,
    help="List the citations whose page moved (301/308) and still matches; with --write, "
    "put each new address in CITATIONS.",
)
@click.option("--write", is_flag=True, help="With --fix-moved: update CITATIONS in place.")
@click.option(
    "--progress/--no-progress",
    default=True,
    show_default=True,
    help="Show a progress bar on a terminal.",
)
@exit_on_input_error
def command(
    citations: Path,
    fmt: str,
    outputs: tuple[Path, ...],
    fail_on: str | None,
    config: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    max_age: float | None,
    offline: bool,
    archived: bool,
    refresh: bool,
    replay: Path | None,
    allow_private: bool | None,
    allow_hosts: tuple[str, ...],
    workers: int | None,
    per_host: int | None,
    timeout: float | None,
    lookup: bool | None,
    only: tuple[str, ...],
    changed_since: str | None,
    verbose: bool,
    fix_moved: bool,
    write: bool,
    progress: bool,
) -> None:
    """Check every citation in CITATIONS (default: ./citations.yaml) against its source.

    Fetches each cited page (through a cache), extracts its title, date, authors and
    publisher, and compares them with the citation. Exit code: 0 when nothing failed,
    1 when a citation failed (see --fail-on), 2 on bad input.
    """
    if write and not fix_moved:
        raise click.UsageError("--write goes with --fix-moved")
    file_formats = [(output, _file_format(fmt, output, len(outputs))) for output in outputs]
    for output in outputs:  # before any work, not after it
        check_destination(output, "report")
    citation_set = load_citations(citations)
    overrides: dict[str, Any] = {
        "fetch.offline": offline,
        "archive.archived": archived,
        "fetch.refresh": refresh,
        "fetch.replay": replay,
    }
    if no_cache or replay is not None:
        overrides["fetch.cache_dir"] = None
    elif cache_dir is not None:
        overrides["fetch.cache_dir"] = cache_dir
    given = {
        "fetch.max_age": max_age,
        "fetch.allow_private": allow_private,
        "fetch.workers": workers,
        "fetch.per_host": per_host,
        "fetch.read_timeout": timeout,
        "verify.fail_on": fail_on,
    }
    overrides.update({name: value for name, value in given.items() if value is not None})
    settings = Settings.load(config, overrides, project_dir=citations.parent)
    with_allowed_hosts(settings, allow_hosts)
    console = Console(stderr=_report_on_stdout(fmt, outputs))

    def warn(message: str) -> None:
        console.print(f"[bold]warning:[/] {message}", highlight=False, soft_wrap=True)

    for message in citation_set.warnings:  # doubts found on load; those citations are checked
        warn(message)
    network_trouble: str | None = None
    removed: list[RemovedCitation] | None = None
    if changed_since is not None:
        only, removed = _changed_only(citations, changed_since, citation_set, only, console)
    if only == _NOTHING:
        report = dataclasses.replace(_empty_report(citation_set), removed=removed)
    else:
        with Session(settings, on_warning=warn) as session, StopOnSignals(session) as stop:
            mode = "missing" if lookup is None else "dead" if lookup else "off"
            report = run_with_progress(session, citation_set, only, console, progress, mode)
            report = dataclasses.replace(report, removed=removed)
            stop.run_done()
            _finish(report, session.network_trouble, fmt, file_formats, console, verbose)
            stop.exit_if_quitting()  # a second signal: exit now, without closing the session
        stop.exit_if_stopped()  # stopped by a signal: exit 128 + signal, now
        return _done(report, citations, fix_moved, write, settings, console)
    _finish(report, network_trouble, fmt, file_formats, console, verbose)
    _done(report, citations, fix_moved, write, settings, console)


def _finish(
    report: Report,
    network_trouble: str | None,
    fmt: str,
    file_formats: list[tuple[Path, str]],
    console: Console,
    verbose: bool,
) -> None:
    _announce(report, network_trouble, console)
    _emit(report, fmt, file_formats, console, verbose)


def _done(
    report: Report,
    citations: Path,
    fix_moved: bool,
    write: bool,
    settings: Settings,
    console: Console,
) -> None:
    if fix_moved and not report.interrupted:
        _fix_moved(report, citations, write, console)
    sys.exit(_exit_code(report, fail_on_statuses(settings.verify.fail_on)))


_NOTHING: tuple[str, ...] = ("",)  # `only` that selects no citation (an id is never empty)


def _changed_only(
    citations: Path,
    ref: str,
    citation_set: CitationSet,
    only: tuple[str, ...],
    console: Console,
) -> tuple[tuple[str, ...], list[RemovedCitation]]:
    """The ids to check with --changed-since (within --only, if given; _NOTHING for none), and
    the citations removed since REF."""
    from citecheck.changes import changes_since

    known = {c.id for c in citation_set.citations}
    for name in only:
        if name not in known:
            raise InputError(f"{citations}: --only {name}: no citation has this id")
    changes = changes_since(citations, ref, citation_set)
    say = functools.partial(console.print, highlight=False, soft_wrap=True)
    if changes.path_at_ref is None:
        say(f"changed since {ref}: {citations} did not exist then; every citation is new")
    elif changes.renamed:
        say(f"changed since {ref}: {citations} was {changes.path_at_ref} then (renamed)")
    if changes.unreadable_at_ref is not None:
        say(
            f"changed since {ref}: the version then does not read "
            f"({changes.unreadable_at_ref}); every citation is checked"
        )
    say(
        f"changed since {ref}: {len(changes.added)} added, {len(changes.changed)} changed, "
        f"{changes.unchanged} unchanged, {len(changes.removed)} removed"
    )
    for citation_id, line in changes.removed:
        where = f" (line {line} at {ref})" if line is not None else ""
        say(f"removed since {ref}: {citation_id}{where}")
    chosen = [name for name in changes.to_verify if not only or name in only]
    return tuple(chosen) or _NOTHING, changes.removed_citations()


def _empty_report(citation_set: CitationSet) -> Report:
    now = dt.datetime.now(dt.UTC)
    return Report(
        citations_path=citation_set.path,
        results=[],
        started_at=now,
        finished_at=now,
        article=citation_set.article,
    )


def _fix_moved(report: Report, citations: Path, write: bool, console: Console) -> None:
    from citecheck.follow_up.moved import moved_addresses, write_moved

    moves = moved_addresses(report)
    if not moves:
        console.print("moved: no citation's page has moved", highlight=False, soft_wrap=True)
        return
    by_id = {result.id: result for result in report.results}
    for citation_id, url in moves.items():
        console.print(
            f"moved: {citation_id}: {by_id[citation_id].url} -> {url}",
            highlight=False,
            soft_wrap=True,
        )
    if not write:
        console.print(f"(add --write to update {citations})", highlight=False, soft_wrap=True)
        return
    edited = write_moved(citations, moves)
    console.print(
        f"updated {citations}: {len(edited.changed)} url(s)", highlight=False, soft_wrap=True
    )


def run_with_progress(
    session: Session,
    citation_set: CitationSet,
    only: tuple[str, ...],
    console: Console,
    show_progress: bool,
    lookup: str = "missing",
) -> Report:
    return with_progress(
        citation_set,
        only,
        console,
        show_progress,
        lambda on_result, lookups: session.verify(
            citation_set, only=only, on_result=on_result, lookup=lookup, lookup_progress=lookups
        ),
    )


def with_progress(
    citation_set: CitationSet,
    only: tuple[str, ...],
    console: Console,
    show_progress: bool,
    run: Callable[[Callable[[CitationResult], None] | None, LookupProgress | None], T],
) -> T:
    """`run(on_result, lookups)` under a progress bar of the citations checked, and then of
    those looked up (on a terminal, for runs long enough to need one; both are None
    otherwise)."""
    from citecheck.pipeline import selected

    total = len(selected(citation_set, only))
    if not (show_progress and console.is_terminal and total >= PROGRESS_THRESHOLD):
        return run(None, None)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}"),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("checking", total=total, last="")

        def advance(result: CitationResult) -> None:
            bar.update(task, advance=1, last=f"{result.id}: {result.status.value}")

        return run(advance, _LookupBar(bar))


class _LookupBar:
    """The lookups after the checks, as a second line of the progress bar."""

    def __init__(self, bar: Progress) -> None:
        self._bar = bar
        self._task: TaskID | None = None

    def lookups_started(self, total: int) -> None:
        self._task = self._bar.add_task("looking up", total=total, last="")

    def looked_up(self, result: CitationResult) -> None:
        if self._task is not None:
            found = result.lookup.url if result.lookup is not None else None
            self._bar.update(self._task, advance=1, last=f"{result.id}: {found or 'not found'}")


def _announce(report: Report, network_trouble: str | None, console: Console) -> None:
    count = sum(1 for r in report.results if r.status is Status.UNVERIFIABLE)
    if network_trouble and count:  # trouble only on second looks left no citation unchecked
        console.print(
            f"[bold]{escape(network_trouble)}:[/] {count} citation(s) could not be checked; "
            "they are marked unverifiable, not dead.",
            soft_wrap=True,  # one line, however long the proxy's words
        )
    if report.interrupted:
        console.print(
            f"[bold]interrupted:[/] {len(report.results)} citation(s) checked; "
            "what was fetched stays in the cache for the next run."
        )


def _report_on_stdout(fmt: str, outputs: tuple[Path, ...]) -> bool:
    """Whether stdout carries a report (so that everything else goes to stderr)."""
    return fmt == "github" or (fmt != "table" and not outputs)


def _emit(
    report: Report,
    fmt: str,
    file_formats: list[tuple[Path, str]],
    console: Console,
    verbose: bool,
) -> None:
    if _report_on_stdout(fmt, tuple(path for path, _ in file_formats)):
        text = render(report, fmt)
        click.echo(text, nl=not text.endswith("\n"))
        if fmt == "github":
            _append_step_summary(report, console)
        else:
            console.print(summary_line(report))
    elif console.is_terminal or verbose:
        print_table(report, console, verbose=verbose)
    else:  # CI logs and pipes: a plain line per citation that needs attention
        print_problem_lines(report, console)
    for output, file_format in file_formats:
        try:
            write_text_atomically(output, render(report, file_format))
        except OSError as exc:
            raise InputError(f"{output}: cannot write the report: {exc.strerror or exc}") from None
        console.print(f"report written to {output} ({file_format})")


def _append_step_summary(report: Report, console: Console) -> None:
    """Add the Markdown summary to $GITHUB_STEP_SUMMARY when GitHub Actions set it."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(step_summary(report))
    except OSError as exc:
        console.print(f"[bold]warning:[/] cannot write the step summary to {target}: {exc}")


_FORMAT_BY_SUFFIX = {
    "json": "json",
    "md": "markdown",
    "markdown": "markdown",
    "html": "html",
    "htm": "html",
    "xml": "junit",
    "sarif": "sarif",
}


def _file_format(fmt: str, output: Path, count: int) -> str:
    """The format of a report file: told by its suffix; else --format (a file format).
    A sole -o with --format keeps the format asked for, whatever the suffix."""
    if count == 1 and fmt not in ("table", "github"):
        return fmt
    suffix = output.suffix.lower().lstrip(".")
    if suffix in _FORMAT_BY_SUFFIX:
        return _FORMAT_BY_SUFFIX[suffix]
    if fmt not in ("table", "github"):
        return fmt
    raise InputError(
        f"{output}: cannot tell the report format from the name "
        "(.json, .md, .html, .xml or .sarif); add --format"
    )


def _exit_code(report: Report, fail_on: frozenset[Status]) -> int:
    if report.interrupted:
        return EXIT_INTERRUPTED
    if any(result.status in fail_on for result in report.results):
        return EXIT_FAILED
    return EXIT_OK
