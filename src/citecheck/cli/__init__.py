"""The `citecheck` command: a thin Click layer over the pipeline. One module per subcommand.

Subcommands are imported only when run: `verify` should not pay for the note parser's start-up,
nor `extract` for the fetch pipeline's.
"""

from __future__ import annotations

import importlib

import click

from citecheck import __version__

SUBCOMMANDS = {
    "verify": "citecheck.cli.verify",
    "inspect": "citecheck.cli.inspect",
    "extract": "citecheck.cli.extract",
}


class LazyGroup(click.Group):
    """A group whose subcommands live in modules imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = SUBCOMMANDS.get(cmd_name)
        if module_name is None:
            return None
        command = importlib.import_module(module_name).command
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citecheck")
def main() -> None:
    """Verify and archive the sources an article cites."""


if __name__ == "__main__":
    main()
