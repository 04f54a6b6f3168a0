"""Transport.cancel: the request under way ends at once (its socket is shut), and every later
request ends at once with a `cancelled` error, retries and all."""

from __future__ import annotations

import socket
import threading
import time

from citecheck.models import FetchErrorKind
from citecheck.settings import FetchSettings
from citecheck.transport import Response, Transport


def test_cancel_cuts_a_stalled_request_and_refuses_the_next() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/slow"
    transport = Transport(FetchSettings(allow_private=True, read_timeout=60, retries=3))
    answers: list[Response] = []
    request = threading.Thread(target=lambda: answers.append(transport.get(url)))
    try:
        request.start()
        deadline = time.monotonic() + 10
        while not accepted and time.monotonic() < deadline:
            time.sleep(0.02)
        assert accepted, "the request never connected"
        cancelled_at = time.monotonic()
        transport.cancel()
        request.join(timeout=10)
        assert time.monotonic() - cancelled_at < 2
        assert answers[0].error is not None
        assert answers[0].error.kind is FetchErrorKind.CANCELLED
        started = time.monotonic()
        later = transport.get(url)
        assert later.error is not None and later.error.kind is FetchErrorKind.CANCELLED
        assert time.monotonic() - started < 0.5
        assert len(accepted) == 1  # nothing more went out
    finally:
        transport.close()
        listener.close()
        for connection in accepted:
            connection.close()
