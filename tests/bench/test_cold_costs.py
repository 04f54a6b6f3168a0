"""bench/cold_costs.py: the split of a metered cold run, on a two-page corpus written here."""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import cold_costs  # noqa: E402

REPORT_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour dredging to start in spring - The Coastal Gazette</title>
<meta property="og:title" content="Harbour dredging to start in spring">
<meta property="article:published_time" content="2022-01-12T07:00:00+00:00">
<meta name="author" content="Tomas Varga">
</head><body><article><h1>Harbour dredging to start in spring</h1>
<p>The port authority said the channel would be deepened by two metres before the summer
season, after a winter in which three freighters ran aground near the outer buoy.</p>
</article></body></html>
"""
RECIPE_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Pain de campagne au levain | Le Fournil</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "BlogPosting",
 "headline": "Pain de campagne au levain", "datePublished": "2020-05-02",
 "author": {"@type": "Person", "name": "Claire Dumas"}}
</script></head><body><main><h1>Pain de campagne au levain</h1>
<p>Rafraîchir le levain la veille, pétrir longuement et laisser pousser toute une nuit.</p>
</main></body></html>
"""


@pytest.fixture
def two_page_corpus(tmp_path: Path) -> Path:
    """A corpus folder laid out as ../shared/corpus is: gzip pages and an index.jsonl."""
    corpus = tmp_path / "corpus"
    (corpus / "pages").mkdir(parents=True)
    rows = []
    for name, html, title, date in (
        ("report", REPORT_PAGE, "Harbour dredging to start in spring", "2022-01-12"),
        ("recipe", RECIPE_PAGE, "Pain de campagne au levain", "2020-05-02"),
    ):
        relative = f"pages/{hashlib.sha1(html.encode()).hexdigest()}.html.gz"
        (corpus / relative).write_bytes(gzip.compress(html.encode()))
        rows.append(
            {
                "id": f"handmade:{name}",
                "source_dataset": "trafilatura",
                "url": f"https://{name}.example/",
                "html_path": relative,
                "title": title,
                "date": date,
                "authors": None,
                "gt_kind": "human_annotated_metadata",
            }
        )
    (corpus / "index.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return corpus


def test_stages_nest_and_each_thread_role_closes_its_account() -> None:
    meter_report = {
        "paths": [
            [["pipeline worker threads", "check one citation"], 6.0, 10],
            [["pipeline worker threads", "check one citation", "fetch cache: write"], 2.5, 10],
            [
                ["pipeline worker threads", "check one citation", "fetch cache: write", "set"],
                2.0,
                20,
            ],
            [["pipeline worker threads", "check one citation", "match (judge)"], 1.0, 10],
            [["main thread", "load citations"], 0.5, 1],
        ],
        "roles": {"pipeline worker threads": 7.0, "main thread": 1.5},
        "main_user": 8.0,
        "main_system": 1.0,
    }
    stages = cold_costs.stages_of(meter_report)
    rows = {tuple(s.path): (s.own_seconds, s.total_seconds, s.calls) for s in stages}

    assert [s.path for s in stages][:5] == [
        ["pipeline worker threads"],
        ["pipeline worker threads", "check one citation"],
        ["pipeline worker threads", "check one citation", "fetch cache: write"],
        ["pipeline worker threads", "check one citation", "fetch cache: write", "set"],
        ["pipeline worker threads", "check one citation", "match (judge)"],
    ]
    assert rows[("pipeline worker threads",)] == (1.0, 7.0, 0)
    assert rows[("pipeline worker threads", "check one citation")] == (2.5, 6.0, 10)
    fetch_write = ("pipeline worker threads", "check one citation", "fetch cache: write")
    assert rows[fetch_write] == (0.5, 2.5, 10)
    assert rows[("main thread",)] == (1.0, 1.5, 0)
    # 9.0 s of process CPU, 8.5 s of it in the threads' own accounts.
    assert rows[(cold_costs.UNATTRIBUTED,)] == (0.5, 0.5, 0)


def test_metered_cold_run_accounts_for_every_citation(
    two_page_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    run = ["--size", "6", "--hosts", "2", "--delay", "0.01", "--workers", "2"]
    exit_code = cold_costs.main(
        [str(two_page_corpus), *run, "--host-interval", "0", "--out", str(out)]
    )

    assert exit_code == 0
    printed = capsys.readouterr().out
    assert "cold run of 6 citations" in printed
    assert printed.splitlines()[0].startswith("command: python bench/cold_costs.py ")
    assert f"--out {out}" in printed.splitlines()[0]
    saved = json.loads((out / "n6.json").read_text(encoding="utf-8"))
    assert saved["exit_code"] == 0
    assert saved["not_metered"] == []
    assert saved["main_user"] + saved["main_system"] > 0
    calls = {tuple(stage["path"]): stage["calls"] for stage in saved["stages"]}
    check = ("pipeline worker threads", "check one citation")
    assert calls[check] == 6
    fetch = (*check, "fetch a page (cache, lock, network)")
    assert calls[fetch] == 6
    assert calls[(*fetch, "transport: one URL, its redirects", "HTTP request and headers")] == 6
    assert calls[(*check, "match (judge)")] == 6
    assert calls[(*fetch, "fetch cache: write")] == 6
    report = json.loads((out / "n6" / "cold.json").read_text(encoding="utf-8"))
    assert len(report["results"]) == 6
