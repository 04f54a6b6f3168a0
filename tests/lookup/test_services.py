"""Crossref, OpenAlex, SearXNG and Brave clients against fakes of their protocols."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from citecheck.config_file import load_settings
from citecheck.errors import InputError
from citecheck.fetch.http import HttpFetcher
from citecheck.lookup.crossref import Crossref, bibliographic_query, issued_date
from citecheck.lookup.http_port import FetcherPort
from citecheck.lookup.openalex import OpenAlex
from citecheck.lookup.sources import build_sources
from citecheck.lookup.web_search import searxng
from citecheck.models import Citation
from citecheck.partial_date import PartialDate
from citecheck.settings import Settings

from .conftest import crossref_handler, json_response

BRIEF = Citation(
    id="v",
    authors=["Tariq Parvez"],
    title="The Islamic State in Pakistan",
    publisher="United States Institute of Peace",
    date=PartialDate.parse("2016-09"),
)
BRIEF_ITEM = {
    "DOI": "10.5555/usip/pb213",
    "score": 48.2,
    "type": "report",
    "title": ["The Islamic State in Pakistan"],
    "author": [{"given": "Tariq", "family": "Parvez", "sequence": "first", "affiliation": []}],
    "container-title": [],
    "publisher": "United States Institute of Peace",
    "issued": {"date-parts": [[2016, 9]]},
    "URL": "https://doi.org/10.5555/usip/pb213",
}
OTHER_ITEM = {
    "DOI": "10.5555/other",
    "score": 30.1,
    "title": ["Sectarian violence in Pakistan's cities"],
    "issued": {"date-parts": [[None]]},
    "URL": "https://doi.org/10.5555/other",
}


def test_crossref_bibliographic_query_with_mailto(
    httpserver: HTTPServer, fetcher: HttpFetcher
) -> None:
    httpserver.expect_request("/works").respond_with_handler(
        crossref_handler([OTHER_ITEM, BRIEF_ITEM], {})
    )
    client = Crossref(FetcherPort(fetcher), httpserver.url_for("/"), mailto="ops@example.org")
    answer = client.find(BRIEF)
    assert [c.url for c in answer.candidates] == ["https://doi.org/10.5555/usip/pb213"]
    assert answer.candidates[0].title == "The Islamic State in Pakistan"
    request = httpserver.log[0][0]
    assert request.args["mailto"] == "ops@example.org"
    assert request.args["rows"] == "5"
    assert request.args["query.bibliographic"] == bibliographic_query(BRIEF)
    assert "Tariq Parvez" in request.args["query.bibliographic"]


def test_crossref_trouble_is_one_line(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    httpserver.expect_request("/works").respond_with_data("busy", status=503)
    answer = Crossref(FetcherPort(fetcher), httpserver.url_for("/")).find(BRIEF)
    assert answer.candidates == []
    assert answer.trouble == "Crossref answered HTTP 503"


def test_a_cited_doi_is_resolved_directly(httpserver: HTTPServer, fetcher: HttpFetcher) -> None:
    cited = Citation(id="x", title="Anything", doi="doi:10.1000/xyz 123")
    answer = Crossref(FetcherPort(fetcher), httpserver.url_for("/")).find(cited)
    assert [(c.url, c.source) for c in answer.candidates] == [
        ("https://doi.org/10.1000/xyz%20123", "doi")
    ]
    assert httpserver.log == []  # nothing to ask


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([[2016, 9, 3]], "2016-09-03"),
        ([[2016, 9]], "2016-09-01"),
        ([[2016]], None),
        ([[None]], None),
    ],
)
def test_crossref_date_parts(parts: list[list[int | None]], expected: str | None) -> None:
    found = issued_date({"date-parts": parts})
    assert (found.isoformat() if found else None) == expected


def openalex_handler(request: Request) -> Response:
    if request.args.get("api_key") != "k-123":
        return Response(
            '{"error": "API key required"}', status=401, content_type="application/json"
        )
    return json_response(
        {
            "meta": {"count": 1},
            "results": [
                {
                    "id": "https://openalex.org/W1",
                    "doi": "https://doi.org/10.5555/usip/pb213",
                    "title": "The Islamic State in Pakistan",
                    "publication_date": "2016-09-01",
                    "authorships": [{"author": {"display_name": "Tariq Parvez"}}],
                    "primary_location": {
                        "landing_page_url": "https://www.usip.org/publications/2016/09/islamic-state-pakistan",
                        "source": {"display_name": "United States Institute of Peace"},
                    },
                }
            ],
        }
    )


def test_openalex_is_off_without_a_key_and_sends_it_when_given(
    httpserver: HTTPServer,
    fetcher: HttpFetcher,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENALEX_API_KEY", raising=False)
    port = FetcherPort(fetcher)
    assert "openalex" not in [s.name for s in build_sources(settings, port)]
    monkeypatch.setenv("OPENALEX_API_KEY", "k-123")
    assert "openalex" in [s.name for s in build_sources(settings, port)]
    httpserver.expect_request("/works").respond_with_handler(openalex_handler)
    answer = OpenAlex(port, httpserver.url_for("/"), "k-123").find(BRIEF)
    assert [c.url for c in answer.candidates] == [
        "https://www.usip.org/publications/2016/09/islamic-state-pakistan"
    ]
    assert answer.candidates[0].publisher == "United States Institute of Peace"
    assert httpserver.log[0][0].args["search"] == BRIEF.title
    wrong = OpenAlex(port, httpserver.url_for("/"), "wrong").find(BRIEF)
    assert wrong.trouble == "OpenAlex answered HTTP 401"


def searxng_handler(request: Request) -> Response:
    if request.args.get("format") != "json":
        return Response("Forbidden", status=403)
    return json_response(
        {
            "query": request.args["q"],
            "number_of_results": 2,
            "results": [
                {
                    "url": "https://mirror.example/copy",
                    "title": "Unrelated page",
                    "content": "",
                    "engine": "x",
                },
                {
                    "url": "https://www.usip.org/publications/2016/09/islamic-state-pakistan",
                    "title": "The Islamic State in Pakistan | United States Institute of Peace",
                    "content": "…",
                    "engine": "duckduckgo",
                    "publishedDate": "2016-09-01T00:00:00",
                },
            ],
        }
    )


def test_searxng_json_search(
    httpserver: HTTPServer,
    fetcher: HttpFetcher,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CITECHECK_SEARXNG_URL", raising=False)
    assert "searxng" not in [s.name for s in build_sources(settings, FetcherPort(fetcher))]
    httpserver.expect_request("/search").respond_with_handler(searxng_handler)
    settings.lookup.searxng_url = httpserver.url_for("/")
    client = next(s for s in build_sources(settings, FetcherPort(fetcher)) if s.name == "searxng")
    answer = client.find(BRIEF)
    assert [c.url for c in answer.candidates] == [
        "https://www.usip.org/publications/2016/09/islamic-state-pakistan"
    ]
    assert (
        httpserver.log[0][0].args["q"]
        == '"The Islamic State in Pakistan" United States Institute of Peace'
    )


def test_searxng_without_the_json_format_is_one_line_of_trouble(
    httpserver: HTTPServer, fetcher: HttpFetcher
) -> None:
    httpserver.expect_request("/search").respond_with_data("Forbidden", status=403)
    answer = searxng(FetcherPort(fetcher), httpserver.url_for("/")).find(BRIEF)
    assert answer.trouble == "SearXNG answered HTTP 403"


def test_lookup_settings_come_from_citecheck_toml(tmp_path: Path) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text(
        '[lookup]\ncrossref = false\nsearxng_url = "http://127.0.0.1:8888"\nmax_requests = 5\n'
        "check_top = 'three'\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_settings(path)
    assert caught.value.messages == [f"{path}: lookup.check_top: must be a whole number, 0 or more"]
    path.write_text(path.read_text(encoding="utf-8").replace("check_top = 'three'\n", ""))
    settings = load_settings(path)
    assert settings.lookup.crossref is False
    assert settings.lookup.searxng_url == "http://127.0.0.1:8888"
    assert settings.lookup.max_requests == 5


def brave_handler(request: Request) -> Response:
    if request.headers.get("X-Subscription-Token") != "brave-key":
        return json_response(
            {"type": "ErrorResponse", "error": {"code": "SUBSCRIPTION_TOKEN_INVALID"}}, status=401
        )
    return json_response(
        {
            "type": "search",
            "query": {"original": request.args["q"]},
            "web": {
                "type": "search",
                "results": [
                    {
                        "url": "https://syndicated.example/2016/09/islamic-state-in-pakistan",
                        "title": "The Islamic State in Pakistan",
                        "description": "A reprint.",
                        "page_age": "2016-09-12T00:00:00",
                    },
                    {"url": "https://elsewhere.example/a", "title": "Pakistan cricket results"},
                ],
            },
        }
    )


def test_brave_sends_its_key_as_a_header_through_the_shared_transport(
    httpserver: HTTPServer,
    fetcher: HttpFetcher,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BRAVE_SEARCH_API_KEY", "brave-key")
    httpserver.expect_request("/res/v1/web/search").respond_with_handler(brave_handler)
    settings.lookup.brave_url = httpserver.url_for("/")
    port = FetcherPort(fetcher, fetcher.transport)
    client = next(s for s in build_sources(settings, port) if s.name == "brave")
    answer = client.find(BRIEF)
    assert [c.url for c in answer.candidates] == [
        "https://syndicated.example/2016/09/islamic-state-in-pakistan"
    ]
    request = httpserver.log[0][0]
    assert request.args["count"] == "10"
    assert request.headers["Accept"] == "application/json"
    # Offline, or with no transport (a replay), a keyed request is not sent at all.
    offline = next(
        s
        for s in build_sources(settings, FetcherPort(fetcher, fetcher.transport, offline=True))
        if s.name == "brave"
    )
    assert offline.find(BRIEF).trouble is not None
    assert len(httpserver.log) == 1
