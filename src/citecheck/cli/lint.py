"""`citecheck lint`: the offline check of citations files, fit for a pre-commit hook."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from citecheck.citations import load_citations
from citecheck.cli import short_help
from citecheck.cli.stopping import Interrupted, InterruptOnSignals
from citecheck.errors import InputError
from citecheck.lint import LintWarning, lint_citations
from citecheck.settings import Settings

EXIT_OK, EXIT_WARNINGS, EXIT_INPUT = 0, 1, 2


@click.command("lint", short_help=short_help("lint"))
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help="Settings file, for publisher aliases [default: citecheck.toml beside each file].",
)
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "github"]),
    default="text",
    show_default=True,
    help="text: one line per problem; github: workflow commands that annotate the file.",
)
def command(files: tuple[Path, ...], config: Path | None, strict: bool, fmt: str) -> None:
    """Check FILES (default: ./citations.yaml) without the network.

    Errors: anything `verify` would refuse (schema, ids, dates, same_as), one line each.
    Warnings: likely mistakes (one URL under two titles, a duplicate under two ids, a date in
    the future, accessed before the date, a publisher that contradicts the URL's domain).
    Exit code: 0 when every file is valid, 1 with --strict when there are warnings,
    2 when a file has errors; 130 (Ctrl-C) or 143 (SIGTERM) when stopped, after the files
    checked so far were reported.
    """
    paths = files or (Path("citations.yaml"),)
    done: list[Path] = []
    try:
        with InterruptOnSignals():
            worst = _lint_files(paths, config, strict, fmt, done)
    except Interrupted as stop:
        click.echo(f"interrupted: {len(done)} of {len(paths)} file(s) checked", err=True)
        sys.exit(stop.exit_code)
    sys.exit(worst)


def _lint_files(
    paths: tuple[Path, ...], config: Path | None, strict: bool, fmt: str, done: list[Path]
) -> int:
    """Lint each file, reporting it (and adding it to `done`) as it is done; the worst exit
    code."""
    worst = EXIT_OK
    for path in paths:
        try:
            settings = Settings.load(config, project_dir=path.parent)
            citation_set = load_citations(path)
        except InputError as exc:
            for message in exc.messages:
                _emit(fmt, "error", path, _line_named(message, path), message)
            worst = EXIT_INPUT
            done.append(path)
            continue
        warnings = lint_citations(citation_set, publisher_aliases=settings.match.publisher_aliases)
        for warning in warnings:
            _emit(fmt, "warning", path, warning.line, _describe(warning))
        count = len(citation_set.citations)
        click.echo(f"{path}: {count} citation(s), {len(warnings)} warning(s)", err=True)
        if warnings and strict:
            worst = max(worst, EXIT_WARNINGS)
        done.append(path)
    return worst


def _line_named(message: str, path: Path) -> int | None:
    """The line an error message names right after the file ("citations.yaml:12: ...")."""
    match = re.match(rf"{re.escape(str(path))}:(\d+): ", message)
    return int(match.group(1)) if match else None


def _describe(warning: LintWarning) -> str:
    return f"citation '{warning.citation_id}': {warning.message} [{warning.code}]"


def _emit(fmt: str, level: str, path: Path, line: int | None, message: str) -> None:
    if fmt == "github":
        # Imported here: the report package is not worth its start-up to a plain lint.
        from citecheck.report.github_format import escape_data, escape_property
        from citecheck.report.locations import repository_relative

        properties = f"file={escape_property(repository_relative(path))}"
        if line is not None:
            properties += f",line={line}"
        click.echo(f"::{level} {properties}::{escape_data(message)}")
    elif level == "error":
        click.echo(f"error: {message}")  # the loader's messages name the file and line
    else:
        where = f"{path}:{line}" if line is not None else str(path)
        click.echo(f"{where}: warning: {message}")
