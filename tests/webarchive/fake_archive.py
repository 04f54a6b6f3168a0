"""A fake Internet Archive (and Memento archive) on 127.0.0.1 that speaks the protocols of
/work/shared/protocols.md §1-§4, failure modes included:

- `/cdx/search/cdx`: header row + string cells, text or JSON, `fl`, `limit` (±), `offset`,
  `from`/`to` padding, `filter` (`!`, repeated, whole-value regex), adjacent-only `collapse`,
  `matchType` and wildcards, `sort=closest&closest=`, resume keys, `[]` when empty, revisit rows.
- `/wayback/available`: nearest capture either side, string fields, `http://` snapshot URLs,
  JSONP; on demand "empty although archived".
- `/web/<ts><modifier>/<url>`: an exact capture replays with `Memento-Datetime` and `Link` (a
  captured redirect as its 3xx), an inexact one 302s to the nearest capture.
- `/web/<url>`: a Memento TimeGate (302, `Vary`, `Link`; 400 for a bad `Accept-Datetime`, the
  first/last capture outside the range, 404 without captures); `/web/timemap/link/<url>`: a
  link-format TimeMap, paged when `timemap_page_size` is set.
- `/save`, `/save/status/<job_id>`, `/save/status/user`: Save Page Now 2, with 401 for anonymous
  requests, refusals sent with HTTP 200, a pending -> success/error state machine, the same job
  id on resubmission, `if_not_archived_within`, a per-URL daily cap; a finished capture is
  fetched from the live URL and joins the index.
- `fail_next[path]`: the next N requests to that path (under it, for a path ending in `/`)
  answer (status, Retry-After).

It keeps a log of every request (method, path, query, headers, form) for tests to assert on.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import hashlib
import json
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

_DEFAULT_FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
_REPLAY = re.compile(r"^/web/(\d{1,14})([a-z]{2}_)?/(.+)$", re.S)
_HTTP_DATE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d{2}:\d{2}:\d{2} GMT$"
)
_DURATION_PART = re.compile(r"(\d+)\s*([dhms]?)")


@dataclass
class FakeCapture:
    original: str
    timestamp: str
    status: int = 200
    body: bytes = b""
    mimetype: str = "text/html"
    location: str | None = None  # a captured redirect's target
    revisit: bool = False

    @property
    def digest(self) -> str:
        return base64.b32encode(hashlib.sha1(self.body).digest()).decode()

    def cell(self, name: str) -> str:
        values = {
            "urlkey": urlkey(self.original),
            "timestamp": self.timestamp,
            "original": self.original,
            "mimetype": "warc/revisit" if self.revisit else self.mimetype,
            "statuscode": "-" if self.revisit else str(self.status),
            "digest": self.digest,
            "length": str(len(self.body) // 2 + 300),  # a compressed record's size, not the body's
        }
        return values[name]


@dataclass
class LoggedRequest:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    form: dict[str, str] = field(default_factory=dict)


@dataclass
class _Job:
    job_id: str
    url: str
    created: dt.datetime
    polls: int = 0
    result: dict[str, object] | None = None
    capture_all: bool = False  # keep a 4xx/5xx answer as a capture (default: only 200)
    force_get: bool = False  # a plain GET instead of the capturing browser


# The User-Agent of the fake's capturing browser; a `force_get` capture is a plain GET whose
# User-Agent is urllib's own, so the captured site tells the two apart.
BROWSER_USER_AGENT = "Mozilla/5.0 (fake SPN2 capturing browser)"


def spn2_flag(form: dict[str, str], name: str) -> bool:
    """A boolean SPN2 option: on only for `1` or `on`; anything else (`true`, `01`) is off."""
    return form.get(name) in ("1", "on")


def urlkey(url: str) -> str:
    """The CDX canonical key: no scheme, no `www.`, no default port, host reversed, lower case."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    port = parts.port
    key = ",".join(reversed(host.split(".")))
    if port not in (None, 80, 443):
        key += f":{port}"
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{key}){path}{query}".lower()


def _pad(timestamp: str, high: bool) -> str:
    return timestamp + ("99991231235959"[len(timestamp) :] if high else "0" * (14 - len(timestamp)))


def _moment(timestamp: str) -> dt.datetime:
    padded = timestamp + "0101000000"[len(timestamp) - 4 :] if len(timestamp) < 14 else timestamp
    return dt.datetime.strptime(padded, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)


def _http_date(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(dt.UTC), usegmt=True)


def _seconds(text: str) -> float:
    total = 0.0
    for number, unit in _DURATION_PART.findall(text):
        total += int(number) * {"d": 86400, "h": 3600, "m": 60, "s": 1, "": 1}[unit]
    return total


class FakeArchive:
    def __init__(self) -> None:
        self.captures: list[FakeCapture] = []
        self.log: list[LoggedRequest] = []
        self.fail_next: dict[str, list[tuple[int, str | None]]] = {}
        self.availability_empty = False  # "{}" although the page is archived
        self.timemap_page_size: int | None = None
        self.keys: tuple[str, str] = ("test-access", "test-secret")
        self.anonymous_allowed = False
        self.refuse_at_submit: dict[str, str] = {}  # url -> status_ext, sent with HTTP 200
        self.fail_at_poll: dict[str, str] = {}  # url -> status_ext of the finished job
        self.pending_polls = 2  # polls answered "pending" before a job finishes
        self.daily_limit = 5  # captures of one URL a day
        self.spn_available = 12
        self.index_lag = False  # a finished capture stays out of the index
        self.jobs_started: list[_Job] = []  # each capture job, with the options it was given
        self._jobs: dict[str, _Job] = {}
        self._daily: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server: BaseWSGIServer | None = None
        self.base = ""

    # ------------------------------------------------------------------ set-up and serving

    def add(
        self,
        original: str,
        timestamp: str,
        body: bytes | str = b"",
        status: int = 200,
        *,
        mimetype: str = "text/html",
        location: str | None = None,
        revisit: bool = False,
    ) -> FakeCapture:
        capture = FakeCapture(
            original,
            timestamp,
            status,
            body.encode() if isinstance(body, str) else body,
            mimetype,
            location,
            revisit,
        )
        with self._lock:
            self.captures.append(capture)
        return capture

    def start(self) -> None:
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.base = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def requests_to(self, path_prefix: str) -> list[LoggedRequest]:
        return [r for r in self.log if r.path.startswith(path_prefix)]

    def _app(self, environ: dict[str, object], start_response: object) -> Iterator[bytes]:
        request = Request(environ)
        raw = str(environ.get("REQUEST_URI") or environ.get("RAW_URI") or request.full_path)
        path, _, query = raw.partition("?")
        form = dict(request.form) if request.method == "POST" else {}
        with self._lock:
            self.log.append(
                LoggedRequest(
                    request.method,
                    path,
                    parse_qsl(query, keep_blank_values=True),
                    {k.lower(): v for k, v in request.headers.items()},
                    form,
                )
            )
        response = self._injected(path) or self._route(request, path, query, form)
        return response(environ, start_response)  # type: ignore[arg-type]

    def _injected(self, path: str) -> Response | None:
        with self._lock:
            for prefix, failures in self.fail_next.items():
                matches = path.startswith(prefix) if prefix.endswith("/") else path == prefix
                if matches and failures:
                    status, retry_after = failures.pop(0)
                    headers = {"Retry-After": retry_after} if retry_after else {}
                    return Response(f"<html>HTTP {status}</html>", status, headers)
        return None

    def _route(self, request: Request, path: str, query: str, form: dict[str, str]) -> Response:
        params = parse_qsl(query, keep_blank_values=True)
        if path == "/cdx/search/cdx":
            return self._cdx(params)
        if path == "/wayback/available":
            return self._available(dict(params))
        if path == "/save" and request.method == "POST":
            return self._save(request, form)
        if path.startswith("/save/status"):
            return self._status(request, path, form)
        original_query = f"?{query}" if query else ""
        if path.startswith("/web/timemap/link/"):
            return self._timemap(path[len("/web/timemap/link/") :] + original_query)
        replay = _REPLAY.match(path)
        if replay:
            timestamp, modifier, original = replay.groups()
            return self._replay(timestamp, modifier or "", original + original_query)
        if path.startswith("/web/"):
            return self._timegate(request, path[len("/web/") :] + original_query)
        return Response("not found", 404)

    def _of(self, url: str) -> list[FakeCapture]:
        key = urlkey(url)
        with self._lock:
            found = [c for c in self.captures if urlkey(c.original) == key]
        return sorted(found, key=lambda c: c.timestamp)

    # ------------------------------------------------------------------ CDX

    def _cdx(self, params: list[tuple[str, str]]) -> Response:
        one = dict(params)
        url = one.get("url")
        if not url:
            return Response("url is required", 400)
        match_type = one.get("matchType", "exact")
        if url.endswith("*"):
            match_type, url = "prefix", url[:-1]
        if url.startswith("*."):
            match_type, url = "domain", url[2:]
        key = urlkey(url)
        host_key = key.split(")")[0]
        with self._lock:
            rows = list(self.captures)

        def matches(capture: FakeCapture) -> bool:
            other = urlkey(capture.original)
            if match_type == "exact":
                return other == key
            if match_type == "prefix":
                return other.startswith(key.rstrip("/") if key.endswith(")/") else key)
            if match_type == "host":
                return other.split(")")[0] == host_key
            if match_type == "domain":
                other_host = other.split(")")[0]
                return other_host == host_key or other_host.startswith(host_key + ",")
            return False

        found = sorted(
            (c for c in rows if matches(c)), key=lambda c: (urlkey(c.original), c.timestamp)
        )
        if "from" in one:
            found = [c for c in found if c.timestamp >= _pad(one["from"], high=False)]
        if "to" in one:
            found = [c for c in found if c.timestamp <= _pad(one["to"], high=True)]
        for name, value in params:
            if name != "filter":
                continue
            negate = value.startswith("!")
            field_name, _, pattern = value.lstrip("!").partition(":")
            if field_name not in _DEFAULT_FIELDS:
                return Response(f"bad filter field {field_name}", 400)
            regex = re.compile(pattern)
            found = [c for c in found if bool(regex.fullmatch(c.cell(field_name))) != negate]
        if "collapse" in one:
            field_name, _, width = one["collapse"].partition(":")
            collapsed: list[FakeCapture] = []
            for capture in found:
                value = (
                    capture.cell(field_name)[: int(width)] if width else capture.cell(field_name)
                )
                last = collapsed[-1] if collapsed else None
                previous = None
                if last is not None:
                    previous = (
                        last.cell(field_name)[: int(width)] if width else last.cell(field_name)
                    )
                if previous != value:
                    collapsed.append(capture)
            found = collapsed
        if one.get("sort") == "closest" and "closest" in one:
            target = _moment(_pad(one["closest"], high=False))
            found.sort(key=lambda c: abs((_moment(c.timestamp) - target).total_seconds()))
        offset = int(one.get("resumeKey") or one.get("offset") or 0)
        found = found[offset:]
        resume_key = None
        if "limit" in one:
            limit = int(one["limit"])
            if limit >= 0:
                if len(found) > limit:
                    resume_key = str(offset + limit)
                found = found[:limit]
            else:
                found = found[limit:]
        fields = one["fl"].split(",") if "fl" in one else _DEFAULT_FIELDS
        table = [[c.cell(name) for name in fields] for c in found]
        show_key = one.get("showResumeKey") == "true" and resume_key is not None
        if one.get("output") == "json":
            data: list[list[str]] = [fields, *table] if table else []
            if show_key and resume_key is not None:
                data += [[], [resume_key]]
            return Response(json.dumps(data), 200, content_type="application/json")
        text = "".join(" ".join(row) + "\n" for row in table)
        if show_key:
            text += f"\n{resume_key}\n"
        return Response(text, 200, content_type="text/plain")

    # ------------------------------------------------------------------ availability

    def _available(self, params: dict[str, str]) -> Response:
        url = params.get("url", "")
        answer: dict[str, object] = {"url": url, "archived_snapshots": {}}
        if "timestamp" in params:
            answer["timestamp"] = params["timestamp"]
        captures = [c for c in self._of(url) if not c.revisit]
        if captures and not self.availability_empty:
            if "timestamp" in params:
                target = _moment(_pad(params["timestamp"], high=False))
                best = min(
                    captures, key=lambda c: abs((_moment(c.timestamp) - target).total_seconds())
                )
            else:
                best = captures[-1]
            host = urlsplit(self.base).netloc
            answer["archived_snapshots"] = {
                "closest": {
                    "status": str(best.status),
                    "available": True,
                    "url": f"http://{host}/web/{best.timestamp}/{best.original}",
                    "timestamp": best.timestamp,
                }
            }
        body = json.dumps(answer)
        if "callback" in params:
            return Response(
                f"{params['callback']}({body})", 200, content_type="application/javascript"
            )
        return Response(body, 200, content_type="application/json")

    # ------------------------------------------------------------------ replay and Memento

    def _links(self, original: str) -> str:
        return (
            f'<{original}>; rel="original", '
            f'<{self.base}/web/timemap/link/{original}>; rel="timemap"; '
            'type="application/link-format", '
            f'<{self.base}/web/{original}>; rel="timegate"'
        )

    def _replay(self, timestamp: str, modifier: str, original: str) -> Response:
        captures = [c for c in self._of(original) if not c.revisit]
        if not captures:
            return Response("<html><title>Wayback Machine</title>Not archived.</html>", 404)
        exact = [c for c in captures if c.timestamp == timestamp]
        if not exact:
            target = _moment(_pad(timestamp, high=False))
            nearest = min(
                captures, key=lambda c: abs((_moment(c.timestamp) - target).total_seconds())
            )
            location = f"{self.base}/web/{nearest.timestamp}{modifier}/{nearest.original}"
            return Response("", 302, {"Location": location})
        capture = exact[-1]
        headers = {
            "Memento-Datetime": _http_date(_moment(capture.timestamp)),
            "Link": self._links(capture.original),
            "Content-Type": capture.mimetype,
        }
        if capture.location is not None:
            headers["Location"] = (
                f"{self.base}/web/{capture.timestamp}{modifier}/{capture.location}"
            )
        return Response(capture.body, capture.status, headers)

    def _timegate(self, request: Request, original: str) -> Response:
        wanted = request.headers.get("Accept-Datetime")
        target = None
        if wanted is not None:
            if not _HTTP_DATE.match(wanted):
                return Response("bad Accept-Datetime", 400)
            target = email.utils.parsedate_to_datetime(wanted)
        captures = [c for c in self._of(original) if not c.revisit]
        if not captures:
            return Response("no mementos", 404, {"Vary": "accept-datetime"})
        if target is None:
            best = captures[-1]
        else:
            best = min(captures, key=lambda c: abs((_moment(c.timestamp) - target).total_seconds()))
        return Response(
            "",
            302,
            {
                "Vary": "accept-datetime",
                "Location": f"{self.base}/web/{best.timestamp}/{best.original}",
                "Link": self._links(original),
            },
        )

    def _timemap(self, rest: str) -> Response:
        page = 1
        paged = re.match(r"^page/(\d+)/(.+)$", rest, re.S)
        if paged:
            page, rest = int(paged.group(1)), paged.group(2)
        captures = [c for c in self._of(rest) if not c.revisit]
        if not captures:
            return Response("", 404)
        size = self.timemap_page_size or len(captures)
        chunk = captures[(page - 1) * size : page * size]
        first, last = _moment(chunk[0].timestamp), _moment(chunk[-1].timestamp)
        lines = [
            f'<{rest}>; rel="original"',
            f'<{self.base}/web/timemap/link/{rest}>; rel="self"; '
            f'type="application/link-format"; from="{_http_date(first)}"; '
            f'until="{_http_date(last)}"',
            f'<{self.base}/web/{rest}> ; rel="timegate"',
        ]
        for index, capture in enumerate(chunk):
            rel = "memento"
            if capture is captures[0]:
                rel = "first memento"
            if capture is captures[-1]:
                rel = "last memento" if rel == "memento" else "first last memento"
            lines.append(
                f'<{self.base}/web/{capture.timestamp}/{capture.original}>; rel="{rel}"; '
                f'datetime="{_http_date(_moment(capture.timestamp))}"'
                + ('; collection="web"' if index % 2 else "")
            )
        if page * size < len(captures):
            lines.append(
                f'<{self.base}/web/timemap/link/page/{page + 1}/{rest}>; rel="timemap"; '
                'type="application/link-format"'
            )
        return Response(",\n".join(lines) + ",\n", 200, content_type="application/link-format")

    # ------------------------------------------------------------------ Save Page Now 2

    def _authorised(self, request: Request) -> bool:
        expected = f"LOW {self.keys[0]}:{self.keys[1]}"
        return request.headers.get("Authorization") == expected or (
            self.anonymous_allowed and "Authorization" not in request.headers
        )

    def _save(self, request: Request, form: dict[str, str]) -> Response:
        if not self._authorised(request):
            return Response(
                "<html><body>You need to be logged in to use Save Page Now.</body></html>",
                401,
                content_type="text/html",
            )
        url = form.get("url", "")
        if not re.match(r"^https?://[^/\s]+", url):
            return self._json(
                {
                    "status": "error",
                    "status_ext": "error:invalid-url-syntax",
                    "message": "Invalid URL syntax.",
                }
            )
        if url in self.refuse_at_submit:
            return self._json(
                {
                    "status": "error",
                    "status_ext": self.refuse_at_submit[url],
                    "message": "Refused.",
                }
            )
        now = dt.datetime.now(dt.UTC)
        within = form.get("if_not_archived_within")
        if within:
            recent = [
                c
                for c in self._of(url)
                if c.status < 400
                and (now - _moment(c.timestamp)).total_seconds() <= _seconds(within.split(",")[0])
            ]
            if recent:
                job = _Job(f"spn2-{hashlib.sha1(url.encode()).hexdigest()}", url, now)
                job.polls = self.pending_polls
                job.result = self._success(job, recent[-1].timestamp, recent[-1].original)
                with self._lock:
                    self._jobs[job.job_id] = job
                return self._json(
                    {
                        "url": url,
                        "job_id": job.job_id,
                        "message": "The same snapshot had been made recently.",
                    }
                )
        with self._lock:
            for job in self._jobs.values():
                if job.url == url and (now - job.created).total_seconds() < 3600:
                    return self._json({"url": url, "job_id": job.job_id})
            if self._daily.get(url, 0) >= self.daily_limit:
                return self._json(
                    {
                        "status": "error",
                        "status_ext": "error:too-many-daily-captures",
                        "message": f"This URL has been already captured {self.daily_limit} "
                        "times today. Please try again tomorrow.",
                    }
                )
            self._daily[url] = self._daily.get(url, 0) + 1
            job_id = f"spn2-{hashlib.sha1(f'{url} {now}'.encode()).hexdigest()}"
            job = _Job(
                job_id,
                url,
                now,
                capture_all=spn2_flag(form, "capture_all"),
                force_get=spn2_flag(form, "force_get"),
            )
            self._jobs[job_id] = job
            self.jobs_started.append(job)
        return self._json({"url": url, "job_id": job_id})

    def _status(self, request: Request, path: str, form: dict[str, str]) -> Response:
        if not self._authorised(request):
            return Response("You need to be logged in.", 401)
        if path == "/save/status/user":
            return self._json({"available": self.spn_available, "processing": 0})
        if path == "/save/status/system":
            return self._json({"status": "ok"})
        job_id = form.get("job_id") or path[len("/save/status/") :]
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            return self._json({"status": "error", "message": "job not found"})
        job.polls += 1
        if job.polls <= self.pending_polls:
            return self._json({"status": "pending", "job_id": job_id, "resources": []})
        if job.result is None:
            job.result = self._finish(job)
        return self._json(job.result)

    def _finish(self, job: _Job) -> dict[str, object]:
        if job.url in self.fail_at_poll:
            return {
                "status": "error",
                "status_ext": self.fail_at_poll[job.url],
                "job_id": job.job_id,
                "message": "The capture failed.",
                "resources": [],
            }
        headers = {} if job.force_get else {"User-Agent": BROWSER_USER_AGENT}
        try:
            with urllib.request.urlopen(
                urllib.request.Request(job.url, headers=headers), timeout=5
            ) as live:
                body, status, final = live.read(), live.status, live.url
        except urllib.error.HTTPError as exc:
            body, status, final = exc.read(), exc.code, job.url
        except OSError as exc:
            return {
                "status": "error",
                "status_ext": "error:invalid-host-resolution",
                "job_id": job.job_id,
                "exception": str(exc),
                "message": "Couldn't resolve host.",
                "resources": [],
            }
        if status >= 400 and not job.capture_all:
            return {
                "status": "error",
                "status_ext": "error:not-found" if status == 404 else "error:bad-gateway",
                "job_id": job.job_id,
                "message": f"The server answered {status}.",
                "resources": [],
            }
        timestamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S")
        if not self.index_lag:
            self.add(final, timestamp, body, status)
        return self._success(job, timestamp, final, status)

    def _success(
        self, job: _Job, timestamp: str, original: str, http_status: int = 200
    ) -> dict[str, object]:
        return {
            "status": "success",
            "job_id": job.job_id,
            "original_url": original,
            "timestamp": timestamp,
            "duration_sec": 1.5,
            "resources": [original],
            "outlinks": [],
            "first_archive": False,
            "http_status": http_status,
        }

    @staticmethod
    def _json(data: object) -> Response:
        return Response(json.dumps(data), 200, content_type="application/json")
