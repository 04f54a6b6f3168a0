"""The README documents every command and every option, in the style of sqlite-utils'
tests/test_docs.py: adding a command or an option without a word in the README fails here."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from citecheck.cli import SUBCOMMANDS, main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = {name: main.get_command(click.Context(main), name) for name in SUBCOMMANDS}


def section_of(name: str) -> str:
    """The README's `## ...`citecheck NAME`` section, its subsections included."""
    match = re.search(
        rf"^## [^\n]*`citecheck {name}`.*?(?=^## |\Z)", README, re.MULTILINE | re.DOTALL
    )
    assert match is not None, f"no README section for citecheck {name}"
    return match.group(0)


def named_in(text: str) -> set[str]:
    """Every option named in `code` or in a code block of `text`."""
    code = re.findall(r"```.*?```|`[^`\n]+`", text, re.DOTALL)
    return set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", " ".join(code)))


def options_of(name: str) -> list[tuple[str, tuple[str, ...]]]:
    command = COMMANDS[name]
    assert command is not None
    return [
        (name, tuple(param.opts + param.secondary_opts))
        for param in command.params
        if isinstance(param, click.Option)
    ]


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_every_command_has_a_readme_section(name: str) -> None:
    assert f"citecheck {name}" in section_of(name)


@pytest.mark.parametrize(
    ("command", "spellings"), [pair for name in SUBCOMMANDS for pair in options_of(name)]
)
def test_every_option_is_in_its_commands_readme_section(
    command: str, spellings: tuple[str, ...]
) -> None:
    assert named_in(section_of(command)) & set(spellings), f"{command} {spellings[-1]}"


def test_the_help_table_lists_every_command_with_its_own_short_help() -> None:
    for name, (_, text) in SUBCOMMANDS.items():
        command = COMMANDS[name]
        assert command is not None and command.name == name
        assert command.get_short_help_str(limit=200) == text


def test_a_missing_option_would_be_caught() -> None:
    """The check itself: an option the README never names is not found in it."""
    assert "--no-such-option" not in named_in(README)
    assert "--fail-on" in named_in(section_of("verify"))
