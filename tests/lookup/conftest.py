"""Local fakes that speak the lookup services' real protocols (../shared/protocols.md):
a publisher site (robots.txt, a sitemap index, date-named monthly sitemaps with news:title,
article pages), Crossref's /works, OpenAlex's /works, SearXNG's /search and Brave's web search.
Each fake answers the way the service does when asked wrongly (403 without the json format,
401 without a key), so a client that asks wrongly fails its test."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from citecheck.fetch.http import HttpFetcher
from citecheck.settings import Settings

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
ARTICLE = """<!doctype html><html><head><title>{title} | Example News</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{date}T09:00:00Z">
<meta name="author" content="{author}">
<meta property="og:site_name" content="Example News">
</head><body><article><h1>{title}</h1><p class="byline">By {author}</p>
<p>{body}</p></article></body></html>"""


def lookup_settings(tmp_path: Path) -> Settings:
    settings = Settings()
    fetch = settings.fetch
    fetch.allow_private = True
    fetch.host_interval = 0.0
    fetch.retries = 0
    fetch.connect_timeout = fetch.read_timeout = 2.0
    fetch.deadline = 5.0
    fetch.connectivity_probes = ()
    fetch.cache_dir = tmp_path / "cache"
    settings.lookup.crossref = False  # each test turns on what it exercises
    settings.lookup.wayback_cdx = False
    return settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return lookup_settings(tmp_path)


@pytest.fixture
def fetcher(settings: Settings) -> Iterator[HttpFetcher]:
    with HttpFetcher(settings.fetch) as live:
        yield live


@dataclass
class Article:
    path: str
    title: str
    date: str  # YYYY-MM-DD
    author: str = "Dana Reporter"
    news_title: bool = True


def urlset(base: str, articles: list[Article], *, news: bool = True) -> str:
    entries = []
    for article in articles:
        news_part = ""
        if news and article.news_title:
            news_part = (
                "<news:news><news:publication><news:name>Example News</news:name>"
                "<news:language>en</news:language></news:publication>"
                f"<news:publication_date>{article.date}</news:publication_date>"
                f"<news:title>{article.title}</news:title></news:news>"
            )
        entries.append(
            f"<url><loc>{base}{article.path}</loc><lastmod>{article.date}</lastmod>{news_part}</url>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" '
        f'xmlns:news="{NEWS_NS}">{"".join(entries)}</urlset>'
    )


def sitemap_index(children: list[tuple[str, str | None]]) -> str:
    entries = "".join(
        f"<sitemap><loc>{loc}</loc>{f'<lastmod>{lastmod}</lastmod>' if lastmod else ''}</sitemap>"
        for loc, lastmod in children
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">'
        f"{entries}</sitemapindex>"
    )


@dataclass
class PublisherSite:
    """A news site on the fake server: robots.txt, an index of monthly sitemaps, articles."""

    server: HTTPServer
    months: dict[str, list[Article]] = field(default_factory=dict)  # "2016/08" -> articles
    robots_extra: str = ""

    @property
    def base(self) -> str:
        return self.server.url_for("").rstrip("/")

    def serve(self, *, date_named: bool = True, gzip_months: bool = False) -> None:
        base = self.base
        robots = (
            "User-agent: *\nDisallow: /private/\nAllow: /private/public-note\n"
            f"{self.robots_extra}\nSitemap: {base}/sitemap_index.xml\n"
        )
        self.server.expect_request("/robots.txt").respond_with_data(
            robots, content_type="text/plain"
        )
        children: list[tuple[str, str | None]] = []
        for month, articles in sorted(self.months.items()):
            suffix = ".xml.gz" if gzip_months else ".xml"
            if date_named:
                path = f"/sitemaps/article-archive/{month}{suffix}"
                lastmod = None
            else:
                path = f"/sitemaps/part-{len(children) + 1}{suffix}"
                lastmod = max(a.date for a in articles)
            children.append((base + path, lastmod))
            body = urlset(base, articles).encode()
            if gzip_months:
                self.server.expect_request(path).respond_with_data(
                    gzip.compress(body), content_type="application/x-gzip"
                )
            else:
                self.server.expect_request(path).respond_with_data(
                    body, content_type="application/xml"
                )
            for article in articles:
                page = ARTICLE.format(
                    title=article.title,
                    date=article.date,
                    author=article.author,
                    body="Reporting from the region. " * 40,
                )
                self.server.expect_request(article.path).respond_with_data(
                    page, content_type="text/html; charset=utf-8"
                )
        self.server.expect_request("/sitemap_index.xml").respond_with_data(
            sitemap_index(children), content_type="application/xml"
        )

    def requested(self) -> list[str]:
        return [request.path for request, _ in self.server.log]


RIGHT = Article(
    "/world/islamic-state-faces-uphill-branding-war-idUSKCN10P0QO",
    "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan",
    "2016-08-14",
    "Kay Johnson",
)
NEAR_MISS = Article(
    "/world/islamic-state-faces-uphill-battle-in-iraq-idUSKCN10P0AA",
    "Islamic State faces uphill battle in Iraq",
    "2016-08-14",
)


def news_site(server: HTTPServer) -> PublisherSite:
    """Three months of a news site; the cited article is in August 2016, beside a near miss."""
    site = PublisherSite(server)
    site.months = {
        "2016/07": [
            Article(
                "/world/islamic-state-branding-in-july",
                "Islamic State branding in July",
                "2016-07-20",
            ),
        ],
        "2016/08": [
            NEAR_MISS,
            Article("/sport/cricket-test-ends-in-draw", "Cricket test ends in draw", "2016-08-14"),
            RIGHT,
            Article(
                "/private/islamic-state-faces-uphill-branding-war-draft",
                "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan",
                "2016-08-14",
            ),
        ],
        "2016/09": [
            Article(
                "/world/islamic-state-faces-uphill-branding-war-2",
                "Islamic State faces uphill branding war, again",
                "2016-09-02",
            ),
        ],
    }
    return site


def json_response(
    document: object, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    return Response(
        json.dumps(document), status=status, headers=headers or {}, content_type="application/json"
    )


def crossref_handler(items: list[dict[str, object]], works: dict[str, dict[str, object]]):  # type: ignore[no-untyped-def]
    """Crossref's /works (query.bibliographic, rows cap with a validation-failure body) and
    /works/{doi} (text 404 for an unknown DOI), with its rate-limit headers."""
    rate = {"x-rate-limit-limit": "3", "x-rate-limit-interval": "1s"}

    def handle(request: Request) -> Response:
        path = request.path
        if path == "/works":
            rows = request.args.get("rows", "20")
            if not rows.isdigit() or int(rows) > 1000:
                return json_response(
                    {
                        "status": "failed",
                        "message-type": "validation-failure",
                        "message": [
                            {"type": "integer-not-valid", "value": rows, "message": "rows"}
                        ],
                    },
                    status=400,
                )
            if "query.bibliographic" not in request.args:
                return json_response(
                    {"status": "ok", "message-type": "work-list", "message": {"items": []}}
                )
            message = {
                "facets": {},
                "total-results": len(items),
                "items-per-page": int(rows),
                "query": {"start-index": 0, "search-terms": request.args["query.bibliographic"]},
                "items": items[: int(rows)],
            }
            return json_response(
                {
                    "status": "ok",
                    "message-type": "work-list",
                    "message-version": "1.0.0",
                    "message": message,
                },
                headers=rate,
            )
        doi = path.removeprefix("/works/")
        if doi in works:
            return json_response(
                {"status": "ok", "message-type": "work", "message": works[doi]}, headers=rate
            )
        return Response("Resource not found.", status=404, content_type="text/plain")

    return handle
