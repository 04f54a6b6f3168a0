"""Option parsing and error handling shared by the subcommands."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from citecheck.config_file import parse_duration
from citecheck.errors import InputError
from citecheck.settings import Settings, fail_on_statuses

F = TypeVar("F", bound=Callable[..., Any])


def exit_on_input_error(function: F) -> F:
    """Print an InputError's lines on stderr and exit 2: bad input never shows a traceback.

    Ctrl-C exits 130 with one line, whatever it interrupted."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except InputError as exc:
            for message in exc.messages:
                click.echo(f"error: {message}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:  # a second Ctrl-C while the first one winds down
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def parse_duration_option(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> float | None:
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param=param) from None


def allow_host_option(function: F) -> F:
    """`--allow-host HOST` (repeatable): open one intranet host's private addresses."""
    return click.option(
        "--allow-host",
        "allow_hosts",
        multiple=True,
        metavar="HOST",
        help="Allow this host on a private address, and no other (repeatable; adds to "
        "allow_hosts in citecheck.toml). Cloud metadata addresses stay refused.",
    )(function)


def with_allowed_hosts(settings: Settings, hosts: tuple[str, ...]) -> None:
    """Add the hosts of `--allow-host` to those `settings` already allow."""
    if hosts:
        settings.fetch.allow_hosts = (*settings.fetch.allow_hosts, *hosts)


def parse_fail_on(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--fail-on's list, checked (see `fail_on_statuses`) and kept as given."""
    if value is None:
        return None
    try:
        fail_on_statuses(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param=param) from None
    return value
