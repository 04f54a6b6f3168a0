"""How the archive clients read the shared transport's answers.

An answer that is not what the service promises becomes an `ArchiveError` in plain
words, so that a caller can say "the Wayback CDX server answered HTTP 429" and go on.
"""

from __future__ import annotations

import json
from typing import Any

from citecheck.lookup.http_port import Reply


class ArchiveError(Exception):
    """An archive could not be asked, or answered something its protocol does not allow."""


def failure(reply: Reply, service: str) -> str | None:
    """Why `reply` is no answer at all (a network error or a non-2xx status), else None."""
    if reply.error is not None:
        return f"{service} could not be reached ({reply.error.message})"
    if reply.status is None or not 200 <= reply.status < 300:
        retry = reply.headers.get("retry-after")
        later = f"; it asks to retry after {retry}" if retry else ""
        return f"{service} answered HTTP {reply.status}{later}"
    return None


def json_answer(reply: Reply, service: str) -> Any:
    """The JSON body of a 2xx `reply`; ArchiveError naming `service` otherwise."""
    problem = failure(reply, service)
    if problem is not None:
        raise ArchiveError(problem)
    return parse_json(reply.body, service)


def parse_json(body: bytes, service: str) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        start = body[:60].decode("utf-8", "replace").strip()
        raise ArchiveError(f"{service} answered something that is not JSON: {start!r}") from None
