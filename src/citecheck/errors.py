"""Errors the user can fix. The CLI prints their messages, one per line, and exits with code 2."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: each message is one line naming the file, line and field where known."""

    def __init__(self, messages: list[str] | str) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))
