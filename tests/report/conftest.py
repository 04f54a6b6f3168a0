"""Reports built by hand, covering every status, plus one whose text is hostile.

The values are modelled on what the pipeline produces for real news and think-tank pages:
a title check with a fuzzy score, dates found in JSON-LD, a redirect to a canonical URL, a
bot challenge, a note with no URL at all.
"""

from __future__ import annotations

import datetime as dt

import pytest

from citecheck.models import (
    Article,
    Check,
    CheckStatus,
    CitationResult,
    Hop,
    Report,
    Status,
)

STARTED = dt.datetime(2024, 5, 2, 9, 30, 0, tzinfo=dt.UTC)
FINISHED = STARTED + dt.timedelta(seconds=42)

SCRIPT_TITLE = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(2)>'
JAVASCRIPT_URL = "javascript:alert(3)"


def _verified() -> CitationResult:
    return CitationResult(
        id="i",
        status=Status.VERIFIED,
        line=10,
        title="Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan",
        url="http://www.example-news.test/article/idUSKCN10P0B0",
        final_url="https://www.example-news.test/article/us-pakistan-idUSKCN10P0B0",
        fetched_url="http://www.example-news.test/article/idUSKCN10P0B0",
        http_status=200,
        redirects=[Hop("http://www.example-news.test/article/idUSKCN10P0B0", 301)],
        checks={
            "title": Check(
                "title",
                CheckStatus.PASS,
                score=97.5,
                expected="Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan",
                found="Islamic State faces uphill 'branding war' in Afghanistan, Pakistan",
                source="json-ld:headline",
            ),
            "date": Check(
                "date",
                CheckStatus.PASS,
                expected="2016-08-14",
                found="2016-08-14",
                source="json-ld:datePublished",
            ),
        },
    )


def _warning() -> CitationResult:
    return CitationResult(
        id="ii",
        status=Status.WARNING,
        line=17,
        title="25 ‘IS-inspired militants’ operating in Karachi: CTD police",
        url="https://www.example-daily.test/news/1250000",
        final_url="https://www.example-daily.test/news/1250000",
        http_status=200,
        from_cache=True,
        checks={
            "date": Check(
                "date",
                CheckStatus.WARN,
                expected="2016-04-07",
                found="2016-04-08",
                source="meta:article:published_time",
                reason="date is one day off (time zones?)",
            ),
            "title": Check(
                "title",
                CheckStatus.PASS,
                score=92.0,
                expected="25 ‘IS-inspired militants’ operating in Karachi: CTD police",
                found="25 'IS-inspired militants' operating in Karachi | Daily",
                source="og:title",
            ),
        },
        reasons=["date is one day off (time zones?)"],
    )


def _failed() -> CitationResult:
    return CitationResult(
        id="iii",
        status=Status.FAILED,
        line=23,
        title="Afghan-Pakistan ISIL’s Hafiz Saeed Khan killed",
        url="https://www.example-tv.test/news/2016/08/khan-killed.html",
        final_url="https://www.example-tv.test/news/2016/08/khan-killed.html",
        http_status=404,
        checks={"title": Check("title", CheckStatus.SKIP, reason="no page to compare")},
        reasons=["page not found (HTTP 404)", "no archived copy"],
    )


def _blocked() -> CitationResult:
    return CitationResult(
        id="iv",
        status=Status.BLOCKED,
        line=29,
        title="Prospects of the Islamic State in Pakistan",
        url="https://www.example-institute.test/research/prospects",
        final_url="https://www.example-institute.test/research/prospects",
        http_status=403,
        reasons=["bot challenge (Cloudflare) instead of the page"],
    )


def _unverifiable() -> CitationResult:
    return CitationResult(
        id="v",
        status=Status.UNVERIFIABLE,
        line=36,
        title="The Islamic State in Pakistan",
        reasons=["no URL in the citation"],
    )


@pytest.fixture
def sample_report() -> Report:
    """One citation of each status, in STATUS_ORDER."""
    return Report(
        citations_path="articles/pakistan/citations.yaml",
        results=[_verified(), _warning(), _failed(), _blocked(), _unverifiable()],
        started_at=STARTED,
        finished_at=FINISHED,
        article=Article(
            title="The Looming Threat of the Islamic State in Pakistan", author="Nicole Magney"
        ),
    )


@pytest.fixture
def hostile_report() -> Report:
    """Text an attacker controls (a page title, a citation's URL) in every status."""
    return Report(
        citations_path="citations.yaml",
        results=[
            CitationResult(
                id="x1",
                status=Status.FAILED,
                title=SCRIPT_TITLE,
                url=JAVASCRIPT_URL,
                checks={
                    "title": Check(
                        "title",
                        CheckStatus.FAIL,
                        score=12.0,
                        expected=SCRIPT_TITLE,
                        found=ATTRIBUTE_BREAKOUT,
                        source="og:title",
                        reason=f"title differs: {ATTRIBUTE_BREAKOUT}",
                    )
                },
                reasons=[f"title differs: {ATTRIBUTE_BREAKOUT}"],
            ),
            CitationResult(
                id="x2",
                status=Status.WARNING,
                title=ATTRIBUTE_BREAKOUT,
                url='https://example.test/a"onmouseover="alert(4)',
                final_url=" JavaScript:alert(5)",
                redirects=[Hop("data:text/html,<script>alert(6)</script>", 302)],
                reasons=[SCRIPT_TITLE],
            ),
            CitationResult(
                id="x3",
                status=Status.BLOCKED,
                title="a | b\nc | d",
                url="https://example.test/search?q=a|b",
                reasons=["blocked | by\nrobots.txt"],
            ),
        ],
        started_at=STARTED,
        finished_at=FINISHED,
    )
