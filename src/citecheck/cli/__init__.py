"""The `citecheck` command: a thin Click layer over the library (`citecheck.session`).
One module per subcommand: its options, one call of a `Session` method, and presentation.

Subcommands are imported only when run: `verify` should not pay for the note parser's start-up,
nor `extract` for the fetch pipeline's, and `citecheck --help` for none of them (their one-line
help is kept here, beside the module's name; a test checks it against the command's own).
"""

from __future__ import annotations

import importlib

import click

from citecheck import __version__

# name -> (module, its one-line help: `citecheck --help` shows it, the command uses it too)
SUBCOMMANDS = {
    "verify": (
        "citecheck.cli.verify",
        "Check every citation in CITATIONS against its source.",
    ),
    "archive": (
        "citecheck.cli.archive",
        "Verify CITATIONS and keep what each source said: WARC, WACZ, snapshots, index.html.",
    ),
    "inspect": (
        "citecheck.cli.inspect",
        "Show every title, date, author and publisher found on a page.",
    ),
    "extract": (
        "citecheck.cli.extract",
        "Find the note list of ARTICLE and write its notes as citations.",
    ),
    "lint": (
        "citecheck.cli.lint",
        "Check citations files offline: errors, and likely mistakes as warnings.",
    ),
    "config": (
        "citecheck.cli.config",
        "Print the effective settings and where each came from.",
    ),
    "lookup": (
        "citecheck.cli.lookup",
        "Propose URLs for citations that have none, or a dead one.",
    ),
}


def short_help(name: str) -> str:
    """The one-line help of subcommand `name`, for its `click.command(short_help=...)`."""
    return SUBCOMMANDS[name][1]


class LazyGroup(click.Group):
    """A group whose subcommands live in modules imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = SUBCOMMANDS.get(cmd_name)
        if entry is None:
            return None
        command = importlib.import_module(entry[0]).command
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from SUBCOMMANDS, without importing a subcommand."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, text) for name, (_, text) in SUBCOMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="citecheck")
def main() -> None:
    """Verify and archive the sources an article cites."""


if __name__ == "__main__":
    main()
