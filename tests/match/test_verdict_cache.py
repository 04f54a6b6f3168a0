"""Kept verdicts: found again for the same citation, page copy and settings, and only then."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import diskcache

from citecheck.match.verdict_cache import VerdictCache, verdict_key
from citecheck.models import Citation, CitationResult, PageStamp, Status
from citecheck.partial_date import PartialDate
from citecheck.settings import MatchSettings

CITATION = Citation(
    id="n4",
    line=12,
    title="Harbour dredging approved",
    publisher="Dawn",
    date=PartialDate(2021, 3, 4),
    url="https://example.org/harbour",
    context="As reported at the time,",
)
STAMP = PageStamp(
    requested_url="https://example.org/harbour",
    final_url="https://example.org/harbour",
    status=200,
    content_type="text/html; charset=utf-8",
    redirects=(),
    error=None,
    body_sha1="0" * 40,
)
RESULT = CitationResult(
    id="n4", status=Status.VERIFIED, line=12, title=CITATION.title, http_status=200
)


def test_a_kept_verdict_comes_back_under_the_asking_notes_id_and_line(tmp_path: Path) -> None:
    verdicts = VerdictCache(tmp_path, MatchSettings())
    verdicts.put(CITATION, STAMP, RESULT)
    moved = dataclasses.replace(CITATION, id="n9", line=40, context="Another sentence.")

    found = verdicts.get(moved, STAMP)
    verdicts.close()

    assert found is not None
    assert (found.id, found.line, found.status, found.title) == (
        "n9",
        40,
        Status.VERIFIED,
        RESULT.title,
    )


def test_any_change_to_citation_page_or_settings_misses(tmp_path: Path) -> None:
    verdicts = VerdictCache(tmp_path, MatchSettings())
    verdicts.put(CITATION, STAMP, RESULT)
    stricter = VerdictCache(tmp_path, MatchSettings(title_pass=95.0))

    assert (
        verdicts.get(dataclasses.replace(CITATION, title="Harbour dredging halted"), STAMP) is None
    )
    assert verdicts.get(dataclasses.replace(CITATION, date=PartialDate(2021, 3)), STAMP) is None
    assert verdicts.get(CITATION, dataclasses.replace(STAMP, body_sha1="1" * 40)) is None
    assert verdicts.get(CITATION, dataclasses.replace(STAMP, status=404)) is None
    assert verdicts.get(CITATION, dataclasses.replace(STAMP, content_type="text/html")) is None
    assert stricter.get(CITATION, STAMP) is None
    verdicts.close()
    stricter.close()


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    settings = MatchSettings()
    with diskcache.Cache(str(tmp_path)) as store:
        store.set(verdict_key(CITATION, STAMP, settings), {"not": "a result"})
    verdicts = VerdictCache(tmp_path, settings)

    assert verdicts.get(CITATION, STAMP) is None
    verdicts.close()


def test_an_unreadable_pickle_is_a_miss(tmp_path: Path) -> None:
    verdicts = VerdictCache(tmp_path, MatchSettings())
    verdicts.put(CITATION, STAMP, RESULT)
    verdicts.close()
    with sqlite3.connect(tmp_path / "cache.db") as database:
        changed = database.execute(
            "UPDATE Cache SET value = ? WHERE key = ?",
            (b"\x80\x05not a pickle", verdict_key(CITATION, STAMP, MatchSettings())),
        ).rowcount
    reopened = VerdictCache(tmp_path, MatchSettings())

    assert changed == 1
    assert reopened.get(CITATION, STAMP) is None
    reopened.close()
