"""The benchmarks' loopback web and workload, on a tiny corpus written here (not the real one).

The page server and proxy run for real on 127.0.0.1; clients are requests (through its
`proxies` argument or HTTP_PROXY), citecheck's own fetcher, and `citecheck verify` in a
subprocess, exactly as the benchmarks run it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import fetch_only  # noqa: E402
import http_workload  # noqa: E402
from citecheck.citations import load_citations  # noqa: E402
from citecheck.config_file import load_settings  # noqa: E402
from serve_corpus import BENCH_DOMAIN, LoopbackWeb, proxy_environment  # noqa: E402

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Flood defences fail in the delta after three days of rain - The Riverside Courier</title>
<meta property="og:title" content="Flood defences fail in the delta after three days of rain">
<meta property="og:site_name" content="The Riverside Courier">
<meta property="article:published_time" content="2021-03-04T08:30:00+00:00">
<meta name="author" content="Amina Qureshi">
</head><body><article><h1>Flood defences fail in the delta after three days of rain</h1>
<p class="byline">By Amina Qureshi</p>
<p>Embankments gave way at four places on Thursday, officials said, flooding farmland and
forcing thousands of families to move to higher ground while the water kept rising.</p>
</article></body></html>
"""

BLOG_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Sauerteig ansetzen: eine Anleitung | Backstube am Markt</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "BlogPosting",
 "headline": "Sauerteig ansetzen: eine Anleitung", "datePublished": "2019-11-20",
 "author": {"@type": "Person", "name": "Jonas Feld"}}
</script>
</head><body><main><h1>Sauerteig ansetzen: eine Anleitung</h1>
<p>Mehl und Wasser zu gleichen Teilen mischen, abdecken und an einem warmen Ort stehen lassen;
am nächsten Tag die Hälfte wegnehmen und frisch füttern.</p></main></body></html>
"""

PAGES = {
    "news": (NEWS_PAGE, "https://courier.example/news/flood-defences", "2021-03-04"),
    "blog": (BLOG_PAGE, "https://backstube.example/sauerteig", "2019-11-20"),
}
TITLES = {
    "news": "Flood defences fail in the delta after three days of rain",
    "blog": "Sauerteig ansetzen: eine Anleitung",
}


def page_key(html: str) -> str:
    return hashlib.sha1(html.encode()).hexdigest()


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """A corpus folder laid out as ../shared/corpus is: gzip pages and an index.jsonl."""
    corpus = tmp_path / "corpus"
    (corpus / "pages").mkdir(parents=True)
    rows = []
    for name, (html, url, date) in PAGES.items():
        relative = f"pages/{page_key(html)}.html.gz"
        (corpus / relative).write_bytes(gzip.compress(html.encode()))
        rows.append(
            {
                "id": f"handmade:{name}",
                "source_dataset": "trafilatura",
                "url": url,
                "html_path": relative,
                "title": TITLES[name],
                "date": date,
                "authors": None,
                "gt_kind": "human_annotated_metadata",
            }
        )
    # A row without labels the benchmarks must skip.
    rows.append({**rows[0], "id": "handmade:unlabelled", "gt_kind": "body_text_only"})
    (corpus / "index.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return corpus


@pytest.fixture
def web(tiny_corpus: Path) -> Iterator[LoopbackWeb]:
    pages = http_workload.load_bench_pages(tiny_corpus)
    with LoopbackWeb(http_workload.served_pages(pages), delay=0.01) as running:
        yield running


def through(web: LoopbackWeb) -> dict[str, str]:
    return {"http": web.proxy_url}


def test_bench_pages_are_the_labelled_pages_of_the_corpus(tiny_corpus: Path) -> None:
    pages = http_workload.load_bench_pages(tiny_corpus)

    assert sorted(p.key for p in pages) == sorted(page_key(html) for html, _, _ in PAGES.values())
    by_key = {p.key: p for p in pages}
    news = by_key[page_key(NEWS_PAGE)]
    assert news.title == TITLES["news"]
    assert news.date == "2021-03-04"
    assert gzip.decompress(news.gzipped).decode() == NEWS_PAGE


def test_proxy_serves_a_page_under_any_bench_host(web: LoopbackWeb) -> None:
    url = web.page_url(host_number=7, page_key=page_key(BLOG_PAGE), serial=3)

    response = requests.get(url, proxies=through(web), timeout=10)

    assert url.startswith(f"http://site07.{BENCH_DOMAIN}/")
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.content.decode() == BLOG_PAGE
    stats = web.stats()
    assert stats.full_pages == 1
    assert list(stats.hosts) == [f"site07.{BENCH_DOMAIN}"]
    assert web.proxied_requests == 1


def test_client_without_gzip_gets_the_plain_page(web: LoopbackWeb) -> None:
    url = web.page_url(host_number=1, page_key=page_key(NEWS_PAGE), serial=0)

    response = requests.get(
        url, proxies=through(web), headers={"Accept-Encoding": "identity"}, timeout=10
    )

    assert "Content-Encoding" not in response.headers
    assert response.content == NEWS_PAGE.encode()
    assert web.stats().body_bytes == len(NEWS_PAGE.encode())


def test_conditional_request_gets_304_and_is_counted_apart(web: LoopbackWeb) -> None:
    url = web.page_url(host_number=2, page_key=page_key(NEWS_PAGE), serial=1)
    first = requests.get(url, proxies=through(web), timeout=10)

    by_etag = requests.get(
        url, proxies=through(web), headers={"If-None-Match": first.headers["ETag"]}, timeout=10
    )
    by_date = requests.get(
        url,
        proxies=through(web),
        headers={"If-Modified-Since": first.headers["Last-Modified"]},
        timeout=10,
    )
    stale_etag = requests.get(
        url, proxies=through(web), headers={"If-None-Match": '"something-else"'}, timeout=10
    )

    assert (by_etag.status_code, by_date.status_code, stale_etag.status_code) == (304, 304, 200)
    assert by_etag.content == b""
    stats = web.stats()
    assert (stats.full_pages, stats.not_modified, stats.requests) == (2, 2, 4)


def test_robots_and_unknown_pages(web: LoopbackWeb) -> None:
    robots = requests.get(f"http://site01.{BENCH_DOMAIN}/robots.txt", proxies=through(web))
    missing_page = requests.get(
        f"http://site01.{BENCH_DOMAIN}/articles/1/{'0' * 40}.html", proxies=through(web)
    )
    odd_path = requests.get(f"http://site01.{BENCH_DOMAIN}/wp-login.php", proxies=through(web))

    assert robots.status_code == 200 and b"User-agent: *" in robots.content
    assert (missing_page.status_code, odd_path.status_code) == (404, 404)
    stats = web.stats()
    assert (stats.robots, stats.not_found, stats.full_pages) == (1, 2, 0)


def test_proxy_refuses_hosts_outside_the_bench_domain(web: LoopbackWeb) -> None:
    refused = requests.get("http://example.org/", proxies=through(web), timeout=10)
    lookalike = requests.get(
        f"http://evil{BENCH_DOMAIN}/articles/1/{page_key(NEWS_PAGE)}.html",
        proxies=through(web),
        timeout=10,
    )

    assert (refused.status_code, lookalike.status_code) == (403, 403)
    assert web.stats().requests == 0
    assert web.refused_requests == 2


def test_origin_form_request_to_the_proxy_is_refused(web: LoopbackWeb) -> None:
    response = requests.get(web.proxy_url + "/articles/1/x.html", timeout=10)

    assert response.status_code == 400
    assert web.stats().requests == 0


def test_server_records_per_host_concurrency_and_spacing(web: LoopbackWeb) -> None:
    key = page_key(NEWS_PAGE)
    for serial in range(3):
        requests.get(web.page_url(4, key, serial), proxies=through(web), timeout=10)
    requests.get(web.page_url(5, key, 9), proxies=through(web), timeout=10)

    stats = web.stats()
    site04 = stats.hosts[f"site04.{BENCH_DOMAIN}"]
    assert (site04.requests, site04.most_in_flight, site04.in_flight) == (3, 1, 0)
    assert site04.shortest_gap is not None and site04.shortest_gap > 0
    assert stats.hosts[f"site05.{BENCH_DOMAIN}"].shortest_gap is None  # one request only
    web.reset_stats()
    assert web.stats().requests == 0 and web.stats().hosts == {}


def test_workload_spreads_citations_over_hosts_and_loads_in_citecheck(
    web: LoopbackWeb, tiny_corpus: Path, tmp_path: Path
) -> None:
    pages = http_workload.load_bench_pages(tiny_corpus)

    workload = http_workload.write_workload(
        tmp_path / "run", web, pages, count=5, hosts=3, host_interval=0.125
    )

    citation_set = load_citations(workload.citations_path)
    assert [c.id for c in citation_set.citations] == ["n1", "n2", "n3", "n4", "n5"]
    assert [c.url for c in citation_set.citations] == workload.urls
    hosts = [url.split("/")[2] for url in workload.urls]
    assert hosts == [f"site0{n}.{BENCH_DOMAIN}" for n in (1, 2, 3, 1, 2)]
    assert len(set(workload.urls)) == 5  # one fetch each, even where a page repeats
    assert {c.title for c in citation_set.citations} == set(TITLES.values())
    settings = load_settings(workload.folder / "citecheck.toml")
    assert settings.fetch.host_interval == 0.125


def test_citecheck_fetcher_goes_through_the_proxy_from_the_environment(
    web: LoopbackWeb,
    tiny_corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pages = http_workload.load_bench_pages(tiny_corpus)
    workload = http_workload.write_workload(tmp_path / "run", web, pages, 4, 2, 0.0)
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text("\n".join(workload.urls) + "\n")
    for name, value in proxy_environment(os.environ, web.proxy_url).items():
        monkeypatch.setenv(name, value)
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)

    exit_code = fetch_only.main([str(urls_file), "--workers", "2", "--host-interval", "0"])

    assert exit_code == 0
    assert json.loads(capsys.readouterr().out)["ok"] == 4
    assert web.stats().full_pages == 4


def test_proxy_environment_sends_plain_http_through_the_proxy() -> None:
    base = {"PATH": "/bin", "no_proxy": "localhost", "HTTPS_PROXY": "http://corp:3128"}

    env = proxy_environment(base, "http://127.0.0.1:9999")

    assert env == {
        "PATH": "/bin",
        "HTTP_PROXY": "http://127.0.0.1:9999",
        "http_proxy": "http://127.0.0.1:9999",
    }


def test_measured_run_reports_exit_code_and_peak_memory(tmp_path: Path) -> None:
    allocate_and_fail = "block = bytearray(80 * 2**20); block[::4096] = b'x' * len(block[::4096]); raise SystemExit(3)"

    run = http_workload.run_measured(
        [sys.executable, "-c", allocate_and_fail], dict(os.environ), tmp_path / "child.log"
    )

    assert run.exit_code == 3
    assert not run.timed_out
    assert run.peak_rss_bytes >= 80 * 2**20


def test_measured_run_adds_up_the_memory_its_child_processes_hold_at_once(
    tmp_path: Path,
) -> None:
    # Two children each hold 60 MiB at the same time, as judging workers do; the parent waits.
    hold = (
        "import time; block = bytearray(60 * 2**20); "
        "block[::4096] = b'x' * len(block[::4096]); time.sleep(1.5)"
    )
    parent = (
        "import subprocess, sys; "
        f"children = [subprocess.Popen([sys.executable, '-c', {hold!r}]) for _ in range(2)]; "
        "[child.wait() for child in children]"
    )

    run = http_workload.run_measured(
        [sys.executable, "-c", parent], dict(os.environ), tmp_path / "parent.log"
    )

    assert run.exit_code == 0
    assert run.peak_tree_rss_bytes >= 2 * 60 * 2**20
    assert run.peak_rss_bytes < 2 * 60 * 2**20  # os.wait4 sees one process at a time


def test_measured_run_feeds_stdin_and_kills_a_run_past_its_timeout(tmp_path: Path) -> None:
    echo = "import sys; print(sys.stdin.read().upper())"
    echoed = http_workload.run_measured(
        [sys.executable, "-c", echo], dict(os.environ), tmp_path / "echo.log", stdin_text="abc"
    )
    stuck = http_workload.run_measured(
        [sys.executable, "-c", "import time; time.sleep(60)"],
        dict(os.environ),
        tmp_path / "stuck.log",
        timeout=0.5,
    )

    assert echoed.exit_code == 0 and echoed.log_tail().strip() == "ABC"
    assert stuck.timed_out and stuck.exit_code != 0


def test_verify_run_through_the_loopback_web_then_from_the_warm_cache(
    web: LoopbackWeb, tiny_corpus: Path, tmp_path: Path
) -> None:
    pages = http_workload.load_bench_pages(tiny_corpus)
    workload = http_workload.write_workload(tmp_path / "run", web, pages, 4, 2, 0.0)
    env = proxy_environment(os.environ, web.proxy_url)
    cache = tmp_path / "cache"

    reports = []
    counts = []
    for label in ("cold", "warm"):
        web.reset_stats()
        report = tmp_path / f"{label}.json"
        command = http_workload.verify_command(workload, cache, report, workers=2, per_host=2)
        run = http_workload.run_measured(command, env, tmp_path / f"{label}.log")
        assert run.exit_code == 0, run.log_tail()
        reports.append(json.loads(report.read_text(encoding="utf-8")))
        counts.append(web.stats().full_pages)

    cold, warm = reports
    assert counts == [4, 0]
    assert [r["http_status"] for r in cold["results"]] == [200] * 4
    assert [r["from_cache"] for r in warm["results"]] == [True] * 4
    assert {r["status"] for r in cold["results"]} == {"verified"}
