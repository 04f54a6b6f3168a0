"""`citecheck verify` end to end: a citations file, real pages on a loopback server, real reports."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from citecheck.cli import main

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan | Reuters</title>
<meta property="og:title" content="Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan">
<meta property="og:site_name" content="Reuters">
<meta property="article:published_time" content="2016-08-14T04:11:00+00:00">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan",
 "datePublished": "2016-08-14T04:11:00+00:00",
 "author": [{"@type": "Person", "name": "Kay Johnson"}, {"@type": "Person", "name": "Mehreen Zahra-Malik"}],
 "publisher": {"@type": "Organization", "name": "Reuters"}}
</script>
</head><body><article><h1>Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan</h1>
<p>By Kay Johnson and Mehreen Zahra-Malik</p>
<p>KABUL/ISLAMABAD - Islamic State is struggling to expand in Afghanistan and Pakistan, where the
Taliban and other groups compete for fighters, money and territory. Officials said the group had
lost ground in the eastern province of Nangarhar this summer after air strikes.</p>
</article></body></html>
"""

OTHER_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Cricket: Pakistan beat England at Lord's - Dawn</title>
<meta property="og:title" content="Cricket: Pakistan beat England at Lord's">
<meta property="og:site_name" content="Dawn">
<meta property="article:published_time" content="2016-07-17T10:00:00+05:00">
</head><body><article><h1>Cricket: Pakistan beat England at Lord's</h1>
<p>Pakistan won the first Test by 75 runs on Sunday, with the leg-spinner taking ten wickets in the
match to bowl England out on the fourth day in front of a full house.</p></article></body></html>
"""

CHALLENGE_PAGE = """<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body><div id="challenge-platform"><h1>Checking your browser before accessing the site.</h1>
<noscript>Please enable JavaScript and cookies to continue.</noscript></div>
<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></body></html>
"""


def serve_pages(httpserver: HTTPServer) -> None:
    html = {"content_type": "text/html; charset=utf-8"}
    httpserver.expect_request("/world/is-branding-war").respond_with_data(NEWS_PAGE, **html)
    httpserver.expect_request("/sport/cricket").respond_with_data(OTHER_PAGE, **html)
    httpserver.expect_request("/challenged").respond_with_data(CHALLENGE_PAGE, **html)
    httpserver.expect_request("/forbidden").respond_with_data("no", status=403)
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)


def write_citations(path: Path, base: str) -> None:
    path.write_text(
        f"""# test citations
citations:
  - id: good
    authors: [Kay Johnson, Mehreen Zahra-Malik]
    title: "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan"
    publisher: Reuters
    date: 2016-08-14
    url: {base}/world/is-branding-war
  - id: short
    same_as: good
  - id: wrong-title
    title: "25 ‘IS-inspired militants’ operating in Karachi: CTD police"
    url: {base}/sport/cricket
  - id: wrong-date
    title: "Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan"
    date: 2016-08-20
    url: {base}/world/is-branding-war
  - id: dead
    title: Anything
    url: {base}/gone
  - id: challenge
    title: Anything at all
    url: {base}/challenged
  - id: forbidden
    title: Something
    url: {base}/forbidden
  - id: no-url
    title: "National Action Plan"
""",
        encoding="utf-8",
    )


EXPECTED = {
    "good": "verified",
    "short": "verified",
    "wrong-title": "failed",
    "wrong-date": "failed",
    "dead": "failed",
    "challenge": "blocked",
    "forbidden": "blocked",
    "no-url": "unverifiable",
}


@pytest.fixture
def project(tmp_path: Path, httpserver: HTTPServer) -> Path:
    serve_pages(httpserver)
    citations = tmp_path / "citations.yaml"
    write_citations(citations, httpserver.url_for("").rstrip("/"))
    return citations


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["verify", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def statuses(report_path: Path) -> dict[str, str]:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return {r["id"]: r["status"] for r in report["results"]}


def test_every_status_end_to_end_with_json_report(project: Path) -> None:
    out = project.parent / "report.json"
    code, _, _ = run(str(project), "--allow-private", "--no-progress", "-o", str(out))
    assert code == 1  # a citation failed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["tool"] == "citecheck"
    assert {r["id"]: r["status"] for r in report["results"]} == EXPECTED
    assert report["summary"]["verified"] == 2
    assert report["summary"]["failed"] == 3
    assert report["summary"]["blocked"] == 2
    assert report["summary"]["unverifiable"] == 1
    good = next(r for r in report["results"] if r["id"] == "good")
    assert good["http_status"] == 200
    assert set(good["checks"]) == {"title", "date", "authors", "publisher"}
    assert good["checks"]["title"]["status"] == "pass"
    assert good["checks"]["date"]["found"].startswith("2016-08-14")
    dead = next(r for r in report["results"] if r["id"] == "dead")
    assert dead["http_status"] == 404


def test_second_run_is_served_from_the_cache(project: Path, httpserver: HTTPServer) -> None:
    out = project.parent / "report.json"
    run(str(project), "--allow-private", "--no-progress", "-o", str(out))
    requests_after_first_run = len(httpserver.log)
    code, _, _ = run(str(project), "--allow-private", "--offline", "--no-progress", "-o", str(out))
    assert code == 1
    assert len(httpserver.log) == requests_after_first_run
    assert statuses(out) == EXPECTED
    assert (project.parent / ".citecheck-cache").is_dir()


def test_a_warm_rerun_gives_the_same_report_from_kept_verdicts(
    project: Path, httpserver: HTTPServer
) -> None:
    cold, warm = project.parent / "cold.json", project.parent / "warm.json"
    run(str(project), "--allow-private", "--no-progress", "-o", str(cold))
    requests_after_first_run = len(httpserver.log)
    code, _, _ = run(str(project), "--allow-private", "--no-progress", "-o", str(warm))

    def comparable(path: Path) -> list[dict[str, object]]:
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
        return [{k: v for k, v in r.items() if k != "from_cache"} for r in results]

    assert code == 1
    assert len(httpserver.log) == requests_after_first_run
    assert comparable(warm) == comparable(cold)
    assert statuses(warm) == EXPECTED
    assert (project.parent / ".citecheck-cache" / "verdicts").is_dir()


def test_fail_on_controls_the_exit_code(project: Path) -> None:
    common = [
        str(project),
        "--allow-private",
        "--no-progress",
        "--only",
        "good",
        "--only",
        "no-url",
    ]
    assert run(*common)[0] == 0
    assert run(*common, "--fail-on", "warning")[0] == 0
    assert run(str(project), "--allow-private", "--no-progress", "--fail-on", "never")[0] == 0
    # `no-url` is unverifiable: CI can demand that every source was actually checked.
    assert run(*common, "--fail-on", "failed,unverifiable")[0] == 1
    assert run(*common, "--fail-on", "warning,blocked")[0] == 0
    # `failed` counts whatever the list says.
    assert run(str(project), "--allow-private", "--no-progress", "--fail-on", "blocked")[0] == 1


@pytest.mark.parametrize("value", ["verified", "failed,oops", ",", "never,failed"])
def test_fail_on_takes_only_statuses_that_can_fail_a_run(project: Path, value: str) -> None:
    code, _, err = run(str(project), "--no-progress", "--fail-on", value)
    assert code == 2
    assert "is not a status: use failed, warning, blocked, unverifiable" in err


def test_junit_report_for_ci(project: Path) -> None:
    out = project.parent / "junit.xml"
    run(str(project), "--allow-private", "--no-progress", "--format", "junit", "-o", str(out))
    suite = ET.parse(out).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")  # type: ignore[assignment]
    assert suite is not None
    assert int(suite.get("tests", "0")) == len(EXPECTED)
    assert int(suite.get("failures", "0")) == 3


def test_private_addresses_are_refused_by_default(project: Path, httpserver: HTTPServer) -> None:
    out = project.parent / "report.json"
    run(str(project), "--no-progress", "--no-cache", "-o", str(out))
    assert len(httpserver.log) == 0
    assert set(statuses(out).values()) == {"unverifiable"}


def test_bad_citations_file_exits_2_with_one_line_per_problem(tmp_path: Path) -> None:
    path = tmp_path / "citations.yaml"
    path.write_text("citations:\n  - id: a\n    date: 2016-02-30\n  - id: a\n", encoding="utf-8")
    code, stdout, stderr = run(str(path))
    assert code == 2
    lines = stderr.strip().splitlines()
    assert lines == [
        f"error: {path}:3: citation 'a': date: 2016-02-30 does not exist",
        f"error: {path}:4: citation 'a': id: duplicate id (first used on line 2)",
    ]
    assert "Traceback" not in stdout + stderr


def test_missing_file_and_unknown_only(tmp_path: Path, project: Path) -> None:
    code, _, stderr = run(str(tmp_path / "nope.yaml"))
    assert code == 2 and "no such file" in stderr
    code, _, stderr = run(str(project), "--only", "zz")
    assert code == 2 and "--only zz: no citation has this id" in stderr


def test_replay_from_a_warc_touches_no_network(tmp_path: Path, httpserver: HTTPServer) -> None:
    base = "https://news.example.org"
    warc = tmp_path / "bundle.warc.gz"
    with warc.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        for path, body, status in [
            ("/world/is-branding-war", NEWS_PAGE, "200 OK"),
            ("/sport/cricket", OTHER_PAGE, "200 OK"),
            ("/gone", "gone", "404 Not Found"),
        ]:
            data = body.encode("utf-8")
            headers = StatusAndHeaders(
                status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    base + path, "response", payload=io.BytesIO(data), http_headers=headers
                )
            )
    citations = tmp_path / "citations.yaml"
    write_citations(citations, base)
    out = tmp_path / "report.json"
    code, _, _ = run(str(citations), "--replay", str(warc), "--no-progress", "-o", str(out))
    assert code == 1
    found = statuses(out)
    for name in ("good", "short", "wrong-title", "wrong-date", "dead", "no-url"):
        assert found[name] == EXPECTED[name]
    report = json.loads(out.read_text(encoding="utf-8"))
    not_archived = next(r for r in report["results"] if r["id"] == "challenge")
    assert not_archived["status"] == "unverifiable"
    assert any("not in archive" in reason for reason in not_archived["reasons"])
    assert len(httpserver.log) == 0


def test_a_dead_url_falls_back_to_its_archive_copy(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_pages(httpserver)
    citations = tmp_path / "citations.yaml"
    base = httpserver.url_for("").rstrip("/")
    citations.write_text(
        f"""citations:
  - id: moved
    title: "Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan"
    url: {base}/gone
    archive_url: {base}/world/is-branding-war
""",
        encoding="utf-8",
    )
    out = tmp_path / "report.json"
    code, _, _ = run(str(citations), "--allow-private", "--no-progress", "-o", str(out))
    assert code == 0
    result = json.loads(out.read_text(encoding="utf-8"))["results"][0]
    assert result["status"] == "warning"  # the source is fine, the link needs fixing
    assert result["checks"]["title"]["status"] == "pass"
    assert any("404" in reason for reason in result["reasons"])


def test_json_on_stdout_when_no_output_file(project: Path) -> None:
    code, stdout, stderr = run(
        str(project), "--allow-private", "--no-progress", "-f", "json", "--only", "good"
    )
    assert code == 0
    report = json.loads(stdout)
    assert [r["id"] for r in report["results"]] == ["good"]
    assert "1 citation" in stderr  # the summary line goes to stderr, keeping stdout pure JSON


def test_report_format_is_told_by_the_file_suffix(project: Path) -> None:
    html_out = project.parent / "report.html"
    run(str(project), "--allow-private", "--no-progress", "-o", str(html_out))
    assert html_out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    code, _, stderr = run(str(project), "--allow-private", "-o", str(project.parent / "report.txt"))
    assert code == 2 and "cannot tell the report format" in stderr


def test_settings_file_beside_citations_is_read(project: Path, httpserver: HTTPServer) -> None:
    (project.parent / "citecheck.toml").write_text(
        "[fetch]\nallow_private = true\n", encoding="utf-8"
    )
    out = project.parent / "report.json"
    run(str(project), "--no-progress", "--only", "good", "-o", str(out))
    assert statuses(out) == {"good": "verified"}
    (project.parent / "citecheck.toml").write_text(
        "[fetch]\nallow_privat = true\n", encoding="utf-8"
    )
    code, _, stderr = run(str(project))
    assert code == 2 and "fetch.allow_privat: unknown setting" in stderr


def test_network_trouble_that_left_no_citation_unchecked_is_not_announced() -> None:
    # Trouble met only on a second look (a canonical link on an unreachable host, say) leaves
    # every citation checked: "0 citation(s) could not be checked" would be noise.
    import datetime as dt
    import io

    from rich.console import Console

    from citecheck.cli.verify import _announce
    from citecheck.models import CitationResult, Report, Status

    def announced(*statuses: Status) -> str:
        now = dt.datetime.now(dt.UTC)
        results = [CitationResult(id=f"n{i}", status=s) for i, s in enumerate(statuses)]
        report = Report("citations.yaml", results, now, now)
        out = io.StringIO()
        _announce(report, "network unavailable", Console(file=out, width=200))
        return out.getvalue()

    assert announced(Status.VERIFIED, Status.FAILED) == ""
    assert announced(Status.VERIFIED, Status.UNVERIFIABLE).startswith(
        "network unavailable: 1 citation(s) could not be checked"
    )
