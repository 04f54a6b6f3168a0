"""Stopping a run when asked: the first SIGINT (Ctrl-C) or SIGTERM stops new fetches at once,
cuts those under way and lets the command write what it finished; a second one quits now,
still writing what is done.

    with StopOnSignals(session) as stop:
        report = session.verify(...)
        stop.run_done()
        ...write the report...
        stop.exit_if_quitting()   # after a second signal: exit without closing the session
    stop.exit_if_stopped()        # after a signal: exit 128 + signal, not waiting for threads

A command with nothing in flight to cut (`lint`) is interrupted where it is instead:

    try:
        with InterruptOnSignals():
            ...one file after another, each reported as it is done...
    except Interrupted as stop:
        ...say how far it got...
        sys.exit(stop.exit_code)

Exit code 128 + the signal: 130 for SIGINT, 143 for SIGTERM.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType, TracebackType

from citecheck.session import Session

_SIGNALS = (signal.SIGINT, signal.SIGTERM)
Handler = Callable[[int, FrameType | None], None]


class _Handlers:
    """SIGINT and SIGTERM handled by one handler while installed (only the main thread may set
    handlers: elsewhere nothing is installed), and the previous handlers put back after."""

    def __init__(self) -> None:
        self._previous: dict[int, signal.Handlers | int | object] = {}

    def install(self, handler: Handler) -> None:
        if threading.current_thread() is threading.main_thread():
            for number in _SIGNALS:
                self._previous[number] = signal.signal(number, handler)

    def restore(self) -> None:
        for number, previous in self._previous.items():
            signal.signal(number, previous)  # type: ignore[arg-type]


class StopOnSignals:
    def __init__(self, session: Session) -> None:
        self._session = session
        self.signal: int | None = None  # the first signal received
        self.quitting = False  # a second one came: do not wait for anything
        self._running = True
        self._handlers = _Handlers()

    @property
    def exit_code(self) -> int | None:
        """128 + the signal that stopped the run, or None when none did."""
        return 128 + self.signal if self.signal is not None else None

    def __enter__(self) -> StopOnSignals:
        self._handlers.install(self._handle)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.signal is not None:
            return  # the process exits 128 + signal: a further signal must not cut that short
        self._handlers.restore()

    def run_done(self) -> None:
        """The run has returned: a signal from now on no longer interrupts anything (the report
        is being written); a second one still makes the command skip waiting at the end."""
        self._running = False

    def _handle(self, number: int, _frame: FrameType | None) -> None:
        if self.signal is None:
            self.signal = number
            in_flight = self._session.stop()
            checks = "check" if in_flight == 1 else "checks"
            # Any second signal quits now; Ctrl-C is the one at hand after a SIGTERM too.
            _say(f"stopping: {in_flight} {checks} in flight (Ctrl-C again to quit now)")
            return
        if not self.quitting:
            self.quitting = True
            _say("quitting now: writing what is done")
            if self._running:
                raise KeyboardInterrupt  # ends the run's wait at once; what finished is kept

    def exit_if_quitting(self) -> None:
        """After a second signal, end the process now, not waiting for the threads and worker
        processes still winding down (the workers end with it)."""
        if self.quitting:
            self.exit_if_stopped()

    def exit_if_stopped(self) -> None:
        """After a signal, end the process with 128 + the signal, now: a check the stopped run
        left behind (a connection still being made) must not hold up the exit, nor a further
        signal cut it short."""
        if self.exit_code is not None:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(self.exit_code)


class Interrupted(Exception):
    """The command was interrupted by `signal_number` (InterruptOnSignals)."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(f"interrupted by signal {signal_number}")
        self.signal_number = signal_number

    @property
    def exit_code(self) -> int:
        return 128 + self.signal_number


class InterruptOnSignals:
    """The first SIGINT or SIGTERM raises Interrupted where the command is (a blocking read
    included); the handlers are put back on leaving."""

    def __init__(self) -> None:
        self._handlers = _Handlers()

    def __enter__(self) -> InterruptOnSignals:
        self._handlers.install(self._handle)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._handlers.restore()

    @staticmethod
    def _handle(number: int, _frame: FrameType | None) -> None:
        raise Interrupted(number)


def _say(line: str) -> None:
    try:
        os.write(sys.stderr.fileno(), (line + "\n").encode())
    except (OSError, ValueError):  # no usable stderr (a test's captured stream)
        sys.stderr.write(line + "\n")
