"""The publisher-site source against a fake news site: robots.txt, sitemap index, monthly
sitemaps, news titles; only the sitemaps covering the cited date are read."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from citecheck.fetch.http import HttpFetcher
from citecheck.lookup.http_port import FetcherPort
from citecheck.lookup.publisher_site import PublisherSite
from citecheck.match.aliases import alias_table
from citecheck.models import Citation
from citecheck.partial_date import PartialDate
from citecheck.settings import Settings

from .conftest import NEAR_MISS, RIGHT, news_site


def cited(
    url: str, date: str | None = "2016-08-14", publisher: str | None = "Example News"
) -> Citation:
    return Citation(
        id="i",
        title="Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan",
        authors=["Kay Johnson"],
        publisher=publisher,
        date=PartialDate.parse(date) if date else None,
        url=url,
    )


def source(fetcher: HttpFetcher, settings: Settings, **kwargs: int) -> PublisherSite:
    return PublisherSite(
        FetcherPort(fetcher),
        alias_table(settings.match.publisher_aliases),
        user_agent=settings.fetch.user_agent,
        **kwargs,
    )


def test_the_cited_article_ranks_first_from_the_sitemap_of_its_month(
    httpserver: HTTPServer, fetcher: HttpFetcher, settings: Settings
) -> None:
    site = news_site(httpserver)
    site.serve()
    answer = source(fetcher, settings).find(cited(site.base + "/old/story-123.html"))
    assert answer.trouble is None
    urls = [c.url for c in answer.candidates]
    assert urls[0] == site.base + RIGHT.path
    assert answer.candidates[0].source == "publisher-site"
    assert answer.candidates[0].title == RIGHT.title  # the news:title
    assert site.base + NEAR_MISS.path in urls[1:]
    assert answer.candidates[0].score > answer.candidates[1].score
    requested = site.requested()
    assert requested == [
        "/robots.txt",
        "/sitemap_index.xml",
        "/sitemaps/article-archive/2016/08.xml",
    ]
    assert answer.requests == 3


def test_pages_robots_txt_disallows_are_never_proposed(
    httpserver: HTTPServer, fetcher: HttpFetcher, settings: Settings
) -> None:
    site = news_site(httpserver)
    site.serve()
    answer = source(fetcher, settings).find(cited(site.base + "/gone"))
    assert all("/private/" not in c.url for c in answer.candidates)


def test_without_date_names_the_first_sitemap_changed_after_the_date_is_read(
    httpserver: HTTPServer, fetcher: HttpFetcher, settings: Settings
) -> None:
    site = news_site(httpserver)
    site.serve(date_named=False, gzip_months=True)
    answer = source(fetcher, settings).find(cited(site.base + "/gone"))
    assert answer.candidates[0].url == site.base + RIGHT.path
    requested = site.requested()
    # part-1 (July) changed before the cited date; part-2 (August) is the first after it.
    assert "/sitemaps/part-1.xml.gz" not in requested
    assert "/sitemaps/part-2.xml.gz" in requested


def test_requests_per_citation_are_bounded(
    httpserver: HTTPServer, fetcher: HttpFetcher, settings: Settings
) -> None:
    site = news_site(httpserver)
    site.serve()
    answer = source(fetcher, settings, max_requests=2).find(cited(site.base + "/gone", date=None))
    assert answer.requests == 2
    assert len(httpserver.log) == 2


def test_missing_robots_txt_falls_back_to_the_usual_sitemap(
    httpserver: HTTPServer, fetcher: HttpFetcher, settings: Settings
) -> None:
    site = news_site(httpserver)
    site.serve()
    httpserver.clear_all_handlers()
    httpserver.expect_request("/robots.txt").respond_with_data("no", status=404)
    httpserver.expect_request("/sitemap.xml").respond_with_data(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{site.base}{RIGHT.path}</loc></url></urlset>',
        content_type="application/xml",
    )
    answer = source(fetcher, settings).find(cited(site.base + "/gone"))
    assert [c.url for c in answer.candidates] == [site.base + RIGHT.path]


def test_a_robots_txt_that_fails_with_5xx_stops_the_walk(
    httpserver: HTTPServer, fetcher: HttpFetcher, settings: Settings
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("down", status=500)
    answer = source(fetcher, settings).find(cited(httpserver.url_for("/gone")))
    assert answer.candidates == []
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt"]


def test_the_site_comes_from_the_publisher_alias_table(
    settings: Settings, fetcher: HttpFetcher
) -> None:
    settings.match.publisher_aliases = {"Example News": ["example-news.org", "Example"]}
    site = source(fetcher, settings)
    assert site.origins_for(cited(None, publisher="Example")) == ["https://example-news.org"]  # type: ignore[arg-type]
    assert site.origins_for(cited(None, publisher="Reuters")) == ["https://reuters.com"]  # type: ignore[arg-type]
    assert site.origins_for(cited(None, publisher="Nobody Knows")) == []  # type: ignore[arg-type]
    assert site.find(cited(None, publisher="Nobody Knows")).trouble is not None  # type: ignore[arg-type]
