"""Save Page Now 2 (`POST /save`, `GET /save/status/<job_id>`): ask the Internet Archive to
capture pages, and wait for the captures.

Requests carry `Authorization: LOW <access key>:<secret>` when credentials are given (the
IA_ACCESS_KEY and IA_SECRET_KEY environment variables), else go anonymous, which the service
may refuse with 401. Refusals also come as HTTP 200 bodies with `"status": "error"` and a
`status_ext`, at submission or while polling; each `status_ext` is final or worth another try
later (`RETRY_LATER`). See protocols.md §3.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from citecheck.transport import Transport
from citecheck.webarchive.timestamps import parse_wayback_timestamp
from citecheck.webarchive.wire import ArchiveError, failure, parse_json

SERVICE = "Save Page Now"

# Worth another try later: the archive's side was busy or over a limit, or the target timed out.
RETRY_LATER = frozenset(
    {
        "error:too-many-daily-captures",
        "error:user-session-limit",
        "error:gateway-timeout",
        "error:browsing-timeout",
        "error:capture-location-error",
        "error:celery",
        "error:internal-server-error",
        "error:job-failed",
        "error:no-browsers-available",
        "error:proxy-error",
        "error:soft-time-limit-exceeded",
        "error:service-unavailable",
        "error:read-timeout",
    }
)
# Everything else (invalid-url-syntax, blocked-url, not-found, unknown codes...) is final.


class SaveState(StrEnum):
    SAVED = "saved"
    FAILED = "failed"  # final: asking again will not help
    RETRY_LATER = "retry later"


@dataclass(frozen=True)
class SaveResult:
    url: str  # as asked
    state: SaveState
    message: str
    timestamp: str | None = None  # 14-digit Wayback timestamp of the capture
    capture_url: str | None = None  # https://web.archive.org/web/<timestamp>/<original_url>
    status_ext: str | None = None

    @property
    def captured_at(self) -> dt.datetime | None:
        return parse_wayback_timestamp(self.timestamp) if self.timestamp else None


@dataclass(frozen=True)
class SaveOptions:
    if_not_archived_within: str = "30d"  # reuse a capture younger than this instead
    capture_all: bool = False  # keep a 4xx/5xx answer as a capture too (default: only 200)
    force_get: bool = False  # capture with a plain GET, without the capturing browser
    poll_interval: float = 4.0  # seconds between status requests (the doc says 3-5)
    give_up_after: float = 180.0  # seconds per job (the service caps a capture at 2 min)
    submit_interval: float = 5.0  # seconds between submissions (12 a minute when logged in)
    in_flight: int = 4  # jobs being captured at once


def credentials_from_env(environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    env = os.environ if environ is None else environ
    key, secret = env.get("IA_ACCESS_KEY", "").strip(), env.get("IA_SECRET_KEY", "").strip()
    return (key, secret) if key and secret else None


class SavePageNow:
    """`base` is the Wayback Machine's root (`https://web.archive.org`)."""

    def __init__(
        self,
        transport: Transport,
        base: str,
        credentials: tuple[str, str] | None,
        options: SaveOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._transport = transport
        self.base = base.rstrip("/")
        self._headers = {"Accept": "application/json"}
        if credentials is not None:
            self._headers["Authorization"] = f"LOW {credentials[0]}:{credentials[1]}"
        self.options = options or SaveOptions()
        self._sleep, self._clock = sleep, clock
        self._last_submit: float | None = None

    def submit(self, url: str) -> str | SaveResult:
        """A job id, or the result when the service refused the capture outright."""
        if self._last_submit is not None:
            wait = self._last_submit + self.options.submit_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_submit = self._clock()
        form = {"url": url, "if_not_archived_within": self.options.if_not_archived_within}
        # SPN2 takes a boolean option as on only for `1` (or `on`); it is left out when off.
        if self.options.capture_all:
            form["capture_all"] = "1"
        if self.options.force_get:
            form["force_get"] = "1"
        reply = self._transport.post(self.base + "/save", data=form, headers=self._headers)
        if reply.error is None and reply.status == 401:
            return SaveResult(
                url,
                SaveState.FAILED,
                f"{SERVICE} refused an anonymous request (HTTP 401): "
                "set IA_ACCESS_KEY and IA_SECRET_KEY to your archive.org S3 keys",
                status_ext="http:401",
            )
        if reply.error is None and reply.status in (429, 502, 503, 504):
            return SaveResult(url, SaveState.RETRY_LATER, f"{SERVICE} answered HTTP {reply.status}")
        problem = failure(reply, SERVICE)
        if problem is not None:
            return SaveResult(url, SaveState.FAILED, problem)
        try:
            answer = _object(parse_json(reply.body, SERVICE))
        except ArchiveError as exc:
            return SaveResult(url, SaveState.RETRY_LATER, str(exc))
        job_id = answer.get("job_id")
        if isinstance(job_id, str) and job_id:
            return job_id
        return _refusal(url, answer)

    def status(self, url: str, job_id: str) -> SaveResult | None:
        """The job's result, or None while it is pending."""
        reply = self._transport.get(f"{self.base}/save/status/{job_id}", headers=self._headers)
        if reply.error is None and reply.status in (429, 502, 503, 504):
            return None  # asked again at the next poll
        problem = failure(reply, SERVICE)
        if problem is not None:
            return SaveResult(url, SaveState.RETRY_LATER, problem)
        try:
            answer = _object(parse_json(reply.body, SERVICE))
        except ArchiveError as exc:
            return SaveResult(url, SaveState.RETRY_LATER, str(exc))
        state = answer.get("status")
        if state == "pending":
            return None
        if state == "success":
            timestamp, original = answer.get("timestamp"), answer.get("original_url") or url
            if not isinstance(timestamp, str) or not isinstance(original, str):
                return SaveResult(url, SaveState.RETRY_LATER, f"{SERVICE} gave no timestamp")
            try:
                parse_wayback_timestamp(timestamp)
            except ValueError as exc:
                return SaveResult(url, SaveState.RETRY_LATER, f"{SERVICE}: {exc}")
            return SaveResult(
                url,
                SaveState.SAVED,
                f"captured {timestamp[:4]}-{timestamp[4:6]}-{timestamp[6:8]}",
                timestamp=timestamp,
                capture_url=f"{self.base}/web/{timestamp}/{original}",
            )
        return _refusal(url, answer)

    def free_slots(self) -> int | None:
        """How many captures the account may start now (`/save/status/user`'s `available`);
        None when the service does not say."""
        reply = self._transport.get(
            f"{self.base}/save/status/user",
            headers=self._headers,
            params={"_t": str(int(self._clock() * 1000))},  # past any cache on the way
        )
        if failure(reply, SERVICE) is not None:
            return None
        try:
            answer = _object(parse_json(reply.body, SERVICE))
        except ArchiveError:
            return None
        available = answer.get("available")
        return available if isinstance(available, int) and available >= 0 else None

    def _wait_for_a_slot(self) -> int | None:
        """Free slots, waiting (up to `give_up_after`) while the account has none."""
        since = self._clock()
        while True:
            slots = self.free_slots()
            if slots != 0 or self._clock() - since > self.options.give_up_after:
                return slots
            self._sleep(self.options.poll_interval)

    def save_all(
        self, urls: Iterable[str], on_result: Callable[[SaveResult], None] | None = None
    ) -> list[SaveResult]:
        """Capture each URL, `in_flight` jobs at a time; results in the order of `urls`.
        After a 401 the rest are not sent: they would be refused alike."""
        wanted = list(dict.fromkeys(urls))
        results: dict[str, SaveResult] = {}
        in_flight = max(1, self.options.in_flight)
        if wanted and "Authorization" in self._headers:
            # The account's own limit, when it says: no more jobs at once than it allows.
            slots = self._wait_for_a_slot()
            if slots is not None:
                in_flight = max(1, min(in_flight, slots))
        pending: dict[str, tuple[str, float]] = {}  # url -> (job id, when submitted)
        queue = list(wanted)

        def finish(result: SaveResult) -> None:
            results[result.url] = result
            if on_result is not None:
                on_result(result)

        while queue or pending:
            while queue and len(pending) < in_flight:
                url = queue.pop(0)
                submitted = self.submit(url)
                if isinstance(submitted, SaveResult):
                    finish(submitted)
                    if submitted.status_ext == "http:401":
                        for rest in queue:
                            finish(SaveResult(rest, SaveState.FAILED, submitted.message))
                        queue.clear()
                else:
                    pending[url] = (submitted, self._clock())
            if not pending:
                continue
            self._sleep(self.options.poll_interval)
            for url, (job_id, since) in list(pending.items()):
                result = self.status(url, job_id)
                if result is None and self._clock() - since > self.options.give_up_after:
                    result = SaveResult(
                        url,
                        SaveState.RETRY_LATER,
                        f"{SERVICE} had not finished after {self.options.give_up_after:.0f} s",
                    )
                if result is not None:
                    del pending[url]
                    finish(result)
        return [results[url] for url in wanted]


def _object(data: object) -> dict[str, object]:
    if not isinstance(data, dict):
        raise ArchiveError(f"{SERVICE} answered JSON that is not an object")
    return data


def _refusal(url: str, answer: dict[str, object]) -> SaveResult:
    status_ext = answer.get("status_ext")
    code = status_ext if isinstance(status_ext, str) and status_ext else "error:unknown"
    message = answer.get("message")
    said = f": {message}" if isinstance(message, str) and message else ""
    state = SaveState.RETRY_LATER if code in RETRY_LATER else SaveState.FAILED
    return SaveResult(url, state, f"{SERVICE} refused ({code}){said}", status_ext=code)
