"""The `citecheck` command: a thin Click layer over the pipeline. One module per subcommand."""

from __future__ import annotations

import click

from citecheck import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citecheck")
def main() -> None:
    """Verify and archive the sources an article cites."""


def _register() -> None:
    # Imported here so that each subcommand module can import `main`'s helpers without cycles.
    from citecheck.cli import extract, inspect, verify

    for module in (verify, inspect, extract):
        command = getattr(module, "command", None)
        if command is not None:
            main.add_command(command)


_register()
