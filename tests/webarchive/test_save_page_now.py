"""The Save Page Now 2 client against the fake SPN2 (protocols.md §3)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from fake_archive import BROWSER_USER_AGENT, FakeArchive

from citecheck.transport import Transport
from citecheck.webarchive.save_page_now import (
    SaveOptions,
    SavePageNow,
    SaveResult,
    SaveState,
    credentials_from_env,
)

FAST = SaveOptions(poll_interval=0.01, give_up_after=5.0, submit_interval=0.0, in_flight=2)
KEYS = ("test-access", "test-secret")


class _Page(BaseHTTPRequestHandler):
    user_agents: ClassVar[list[str]] = []  # of every request, as the capturing service sent them

    def do_GET(self) -> None:
        _Page.user_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/gone":
            self.send_response(404)
            self.end_headers()
            return
        body = f"<html><title>Live {self.path}</title></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def live() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    ).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _client(
    archive: FakeArchive,
    transport: Transport,
    keys: tuple[str, str] | None = KEYS,
    **options: object,
) -> SavePageNow:
    settings = SaveOptions(**{**FAST.__dict__, **options})
    return SavePageNow(transport, archive.base, keys, settings)


def test_a_capture_is_submitted_polled_and_learnt_by_the_index(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    (result,) = _client(archive, transport).save_all([f"{live}/story"])
    assert result.state is SaveState.SAVED
    assert (
        result.timestamp is not None
        and result.capture_url == f"{archive.base}/web/{result.timestamp}/{live}/story"
    )
    (submitted,) = [r for r in archive.log if r.path == "/save"][:1]
    assert submitted.method == "POST"
    assert submitted.headers["authorization"] == "LOW test-access:test-secret"
    assert submitted.headers["accept"] == "application/json"
    assert submitted.form == {"url": f"{live}/story", "if_not_archived_within": "30d"}
    polls = archive.requests_to("/save/status/spn2")
    assert len(polls) == archive.pending_polls + 1
    assert [c.timestamp for c in archive.captures if c.original == f"{live}/story"] == [
        result.timestamp
    ]


def test_anonymous_requests_are_refused_once_and_the_rest_not_sent(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    results = _client(archive, transport, keys=None).save_all([f"{live}/1", f"{live}/2"])
    assert [r.state for r in results] == [SaveState.FAILED, SaveState.FAILED]
    assert "IA_ACCESS_KEY" in results[1].message
    assert len([r for r in archive.log if r.path == "/save"]) == 1
    assert "authorization" not in next(r for r in archive.log if r.path == "/save").headers


@pytest.mark.parametrize(
    ("status_ext", "state"),
    [
        ("error:invalid-url-syntax", SaveState.FAILED),
        ("error:blocked-url", SaveState.FAILED),
        ("error:not-found", SaveState.FAILED),
        ("error:some-new-code", SaveState.FAILED),
        ("error:too-many-daily-captures", SaveState.RETRY_LATER),
        ("error:user-session-limit", SaveState.RETRY_LATER),
        ("error:gateway-timeout", SaveState.RETRY_LATER),
    ],
)
def test_refusals_sent_with_http_200_at_submission(
    archive: FakeArchive, transport: Transport, live: str, status_ext: str, state: SaveState
) -> None:
    archive.refuse_at_submit[f"{live}/x"] = status_ext
    (result,) = _client(archive, transport).save_all([f"{live}/x"])
    assert (result.state, result.status_ext) == (state, status_ext)
    assert status_ext in result.message


def test_an_error_found_while_polling(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    archive.fail_at_poll[f"{live}/x"] = "error:blocked-url"
    (result,) = _client(archive, transport).save_all([f"{live}/x"])
    assert (result.state, result.status_ext) == (SaveState.FAILED, "error:blocked-url")


def test_a_dead_target_is_a_final_not_found(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    (result,) = _client(archive, transport).save_all([f"{live}/gone"])
    assert (result.state, result.status_ext) == (SaveState.FAILED, "error:not-found")


def test_a_recent_capture_is_reused(archive: FakeArchive, transport: Transport, live: str) -> None:
    first = _client(archive, transport).save_all([f"{live}/story"])[0]
    second = _client(archive, transport).save_all([f"{live}/story"])[0]
    assert second.state is SaveState.SAVED and second.timestamp == first.timestamp
    assert len([c for c in archive.captures if c.original == f"{live}/story"]) == 1


def test_the_daily_cap_is_worth_a_later_try(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    archive.daily_limit = 0
    (result,) = _client(archive, transport).save_all([f"{live}/story"])
    assert (result.state, result.status_ext) == (
        SaveState.RETRY_LATER,
        "error:too-many-daily-captures",
    )


@pytest.mark.parametrize("status", [429, 502])
def test_an_overloaded_service_is_worth_a_later_try(
    archive: FakeArchive, transport: Transport, live: str, status: int
) -> None:
    # Retry-After longer than the transport waits: it hands the refusal over.
    archive.fail_next["/save"] = [(status, "120")] * 3
    (result,) = _client(archive, transport).save_all([f"{live}/story"])
    assert result.state is SaveState.RETRY_LATER and str(status) in result.message


def test_a_short_retry_after_is_waited_out(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    archive.fail_next["/save"] = [(429, "0")]
    (result,) = _client(archive, transport).save_all([f"{live}/story"])
    assert result.state is SaveState.SAVED
    assert [r.method for r in [r for r in archive.log if r.path == "/save"]][:2] == ["POST", "POST"]


def test_a_job_never_finishing_is_given_up(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    archive.pending_polls = 10_000
    (result,) = _client(archive, transport, give_up_after=0.05).save_all([f"{live}/story"])
    assert result.state is SaveState.RETRY_LATER and "not finished" in result.message


def test_jobs_run_side_by_side_and_results_keep_the_order(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    seen: list[SaveResult] = []
    urls = [f"{live}/{n}" for n in range(5)]
    results = _client(archive, transport).save_all([*urls, urls[0]], on_result=seen.append)
    assert [r.url for r in results] == urls
    assert all(r.state is SaveState.SAVED for r in results) and len(seen) == 5


def test_submissions_keep_their_interval(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    waits: list[float] = []
    clock = iter([0.0, 1.0, 6.0])
    client = SavePageNow(
        transport,
        archive.base,
        KEYS,
        SaveOptions(submit_interval=5.0),
        sleep=waits.append,
        clock=lambda: next(clock),
    )
    assert isinstance(client.submit(f"{live}/a"), str)
    assert isinstance(client.submit(f"{live}/b"), str)
    assert waits == [4.0]


def test_credentials_come_from_the_environment() -> None:
    assert credentials_from_env({"IA_ACCESS_KEY": "k", "IA_SECRET_KEY": "s"}) == ("k", "s")
    assert credentials_from_env({"IA_ACCESS_KEY": "k"}) is None
    assert credentials_from_env({}) is None


def test_the_account_s_free_slots_bound_the_jobs_at_once(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    archive.spn_available = 1
    urls = [f"{live}/{n}" for n in range(3)]
    results = _client(archive, transport, in_flight=4).save_all(urls)
    assert all(r.state is SaveState.SAVED for r in results)
    (asked,) = [r for r in archive.requests_to("/save/status/user")]
    assert asked.headers["authorization"] == "LOW test-access:test-secret"
    # One job at a time: each submission follows the previous job's last poll.
    methods = [
        r.method for r in archive.log if r.path == "/save" or r.path.startswith("/save/status/spn2")
    ]
    assert methods == (["POST"] + ["GET"] * (archive.pending_polls + 1)) * 3


def test_an_account_without_free_slots_waits_for_one(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    archive.spn_available = 0
    archive.pending_polls = 0  # the job is done at its first poll, however slow the machine
    (result,) = _client(archive, transport, give_up_after=0.05).save_all([f"{live}/a"])
    # It waited (asking again) until giving up on waiting, then went ahead with one job.
    assert len(archive.requests_to("/save/status/user")) >= 2
    assert result.state is SaveState.SAVED


def test_options_off_are_not_sent_and_a_dead_page_is_not_kept(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    _Page.user_agents.clear()
    (result,) = _client(archive, transport).save_all([f"{live}/gone"])

    (submitted,) = [r for r in archive.log if r.path == "/save"]
    assert "capture_all" not in submitted.form and "force_get" not in submitted.form
    assert result.state is SaveState.FAILED
    assert _Page.user_agents == [BROWSER_USER_AGENT]  # the capturing browser, not a plain GET


def test_capture_all_sent_as_1_keeps_a_404_and_force_get_is_a_plain_get(
    archive: FakeArchive, transport: Transport, live: str
) -> None:
    _Page.user_agents.clear()
    client = _client(archive, transport, capture_all=True, force_get=True)

    (result,) = client.save_all([f"{live}/gone"])

    (submitted,) = [r for r in archive.log if r.path == "/save"]
    assert submitted.form["capture_all"] == "1" and submitted.form["force_get"] == "1"
    assert result.state is SaveState.SAVED and result.timestamp is not None
    assert [(c.original, c.status) for c in archive.captures] == [(f"{live}/gone", 404)]
    assert len(_Page.user_agents) == 1 and _Page.user_agents[0] != BROWSER_USER_AGENT


def test_the_fake_reads_a_boolean_as_spn2_does() -> None:
    from fake_archive import spn2_flag

    assert [spn2_flag({"o": v}, "o") for v in ("1", "on", "true", "01", "")] == [
        True,
        True,
        False,
        False,
        False,
    ]
    assert spn2_flag({}, "o") is False
