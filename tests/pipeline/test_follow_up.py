"""Second looks, end to end over real HTTP on 127.0.0.1: soft 404s of several kinds, a host
whose made-up URL gets a real 404, canonical and AMP pages, a moved article, a landing page
that leads to its PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from citecheck.citations import parse_citations
from citecheck.fetch.http import HttpFetcher
from citecheck.models import CitationResult, Status
from citecheck.pipeline import verify_citations
from citecheck.settings import Settings

from ..conftest import PdfMaker

CITED_TITLE = "Floods displace thousands across Sindh province"
ARTICLE_TEXT = (
    "Heavy monsoon rains flooded dozens of villages along the Indus on Tuesday, officials said, "
    "and relief camps opened in three districts as the water kept rising through the night. "
) * 4
NAVIGATION = "Home News Sport Business Opinion Culture Weather Contact About Subscribe"


def page(title: str, body: str, head: str = "", html_attrs: str = "") -> str:
    return (
        f"<!doctype html><html{html_attrs}><head><title>{title}</title>{head}</head>"
        f"<body><nav>{NAVIGATION}</nav><h1>{title}</h1><p>{body}</p></body></html>"
    )


def not_found_page(path: str) -> str:
    """A site's not-found template: the site name as title, the asked path repeated."""
    return page(
        "Daily Chronicle",
        f"Sorry, we could not find {path}. It may have been moved or deleted. "
        "Try the search box or go back to the front page.",
    )


ARTICLE = page(CITED_TITLE, ARTICLE_TEXT)
HOME = page("Daily Chronicle: news from Pakistan and the world", "Top stories of the day. " * 20)


def settings_for(tmp_path: Path) -> Settings:
    settings = Settings()
    settings.fetch.allow_private = True
    settings.fetch.host_interval = 0.0
    settings.fetch.cache_dir = tmp_path / "cache"
    return settings


def check(tmp_path: Path, *urls: str, title: str = CITED_TITLE) -> list[CitationResult]:
    lines = ["citations:"]
    for number, url in enumerate(urls, start=1):
        lines += [f"  - id: c{number}", f"    title: {title}", f"    url: {url}"]
    cited = parse_citations("\n".join(lines) + "\n")
    settings = settings_for(tmp_path)
    with HttpFetcher(settings.fetch) as fetcher:
        return verify_citations(cited, fetcher, settings).results


def html(body: str, status: int = 200) -> Response:
    return Response(body, status=status, content_type="text/html; charset=utf-8")


def made_up_requests(server: HTTPServer, known: set[str]) -> list[str]:
    """Requests for other paths than the cited ones and robots.txt: the made-up URLs."""
    known = known | {"/robots.txt"}
    return [request.path for request, _ in server.log if request.path not in known]


# ---------------------------------------------------------------- soft 404 hosts


def test_a_host_that_answers_200_not_found_is_a_soft_404(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    def anything(request: Request) -> Response:
        return html(not_found_page(request.path))  # every path: the template, with 200

    httpserver.expect_request(re.compile("^/.*$")).respond_with_handler(anything)
    urls = [httpserver.url_for("/news/2016/floods-sindh"), httpserver.url_for("/news/old-story")]
    results = check(tmp_path, *urls)
    assert [r.status for r in results] == [Status.FAILED, Status.FAILED]
    assert results[0].reasons[0] == (
        "soft 404: the page is the one this host serves for a made-up URL"
    )
    # The host's answer to a made-up URL is asked once for both citations.
    made_up = made_up_requests(httpserver, {"/news/2016/floods-sindh", "/news/old-story"})
    assert len(made_up) == 1
    assert re.fullmatch(r"/[0-9a-f]{24}\.html", made_up[0])


def serve_not_found_everywhere(
    server: HTTPServer, robots_txt: str, robots_status: int = 200
) -> None:
    server.expect_request("/robots.txt").respond_with_data(
        robots_txt, status=robots_status, content_type="text/plain"
    )
    server.expect_request(re.compile("^/.*$")).respond_with_handler(
        lambda request: html(not_found_page(request.path))
    )


def test_no_made_up_url_is_asked_where_robots_txt_disallows_it(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """citecheck's group disallows the made-up URL's path (other agents may go anywhere): it is
    never asked, robots.txt is read once for the host, and the pages are judged without the
    comparison (failed on their title, not called soft 404s)."""
    serve_not_found_everywhere(
        httpserver, "User-agent: *\nAllow: /\n\nUser-agent: citecheck\nDisallow: /*.html$\n"
    )
    urls = [httpserver.url_for("/news/2016/floods-sindh"), httpserver.url_for("/news/old-story")]
    results = check(tmp_path, *urls)
    assert [r.status for r in results] == [Status.FAILED, Status.FAILED]
    assert not any(reason.startswith("soft 404") for r in results for reason in r.reasons)
    asked = [request.path for request, _ in httpserver.log]
    assert sorted(asked) == sorted(["/robots.txt", "/news/2016/floods-sindh", "/news/old-story"])

    # A second run reads robots.txt from the fetch cache: nothing is asked of the host but the
    # pages (or not even them, when kept verdicts answer).
    httpserver.clear_log()
    again = check(tmp_path, *urls)
    assert [r.status for r in again] == [Status.FAILED, Status.FAILED]
    assert "/robots.txt" not in [request.path for request, _ in httpserver.log]
    assert made_up_requests(httpserver, {"/news/2016/floods-sindh", "/news/old-story"}) == []


def test_no_made_up_url_is_asked_where_robots_txt_cannot_be_read(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    """A robots.txt answered with 503 means full disallow (RFC 9309)."""
    serve_not_found_everywhere(httpserver, "down for maintenance", robots_status=503)
    [result] = check(tmp_path, httpserver.url_for("/news/2016/floods-sindh"))
    assert result.status is Status.FAILED
    assert not any(reason.startswith("soft 404") for reason in result.reasons)
    assert made_up_requests(httpserver, {"/news/2016/floods-sindh"}) == []


def test_a_made_up_url_robots_txt_allows_is_asked(tmp_path: Path, httpserver: HTTPServer) -> None:
    """A robots.txt that disallows other paths, or whose 404 means no restrictions, lets the
    probe be asked: the soft 404 is found."""
    serve_not_found_everywhere(httpserver, "User-agent: *\nDisallow: /private/\n")
    [result] = check(tmp_path, httpserver.url_for("/news/2016/floods-sindh"))
    assert result.reasons[0] == "soft 404: the page is the one this host serves for a made-up URL"
    assert len(made_up_requests(httpserver, {"/news/2016/floods-sindh"})) == 1


def test_a_page_whose_title_says_not_found_needs_no_made_up_url(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/news/floods").respond_with_data(
        page("Page not found | Daily Chronicle", "The page you asked for is not here."),
        content_type="text/html",
    )
    [result] = check(tmp_path, httpserver.url_for("/news/floods"))
    assert result.status is Status.FAILED
    assert result.reasons[0] == (
        'soft 404: the page\'s title says it was not found ("Page not found | Daily Chronicle")'
    )
    assert [request.path for request, _ in httpserver.log] == ["/news/floods"]


def test_a_redirect_to_the_home_page_is_a_soft_404(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/news/floods").respond_with_data(
        "", status=302, headers={"Location": "/"}
    )
    httpserver.expect_request("/").respond_with_data(HOME, content_type="text/html")
    [result] = check(tmp_path, httpserver.url_for("/news/floods"))
    assert result.status is Status.FAILED
    assert result.reasons[0] == (
        f"soft 404: redirected to the site's home page ({httpserver.url_for('/')})"
    )


def test_a_redirect_to_a_404_path_is_a_soft_404(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/news/floods").respond_with_data(
        "", status=301, headers={"Location": "/404"}
    )
    httpserver.expect_request("/404").respond_with_data(
        not_found_page("/news/floods"), content_type="text/html"
    )
    [result] = check(tmp_path, httpserver.url_for("/news/floods"))
    assert result.status is Status.FAILED
    assert result.reasons[0] == (
        f"soft 404: redirected to an error page ({httpserver.url_for('/404')})"
    )
    assert result.moved_to is None


def test_a_host_with_real_404s_keeps_its_pages(tmp_path: Path, httpserver: HTTPServer) -> None:
    """The made-up URL gets a real 404 there: a page that merely does not match its citation
    is a wrong citation, not a dead link; a matching page is verified without any probe."""
    httpserver.expect_request("/news/floods").respond_with_data(ARTICLE, content_type="text/html")
    httpserver.expect_request(re.compile("^/.*$")).respond_with_handler(
        lambda request: html(not_found_page(request.path), status=404)
    )
    [good] = check(tmp_path, httpserver.url_for("/news/floods"))
    assert good.status is Status.VERIFIED
    assert [request.path for request, _ in httpserver.log] == ["/news/floods"]

    [wrong] = check(tmp_path / "again", httpserver.url_for("/news/floods"), title="Budget vote")
    assert wrong.status is Status.FAILED
    assert not any(reason.startswith("soft 404") for reason in wrong.reasons)
    assert len(made_up_requests(httpserver, {"/news/floods"})) == 1


# ---------------------------------------------------------------- canonical, AMP, moved


def test_a_page_that_does_not_match_leads_to_its_canonical_article(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    canonical = httpserver.url_for("/2016/08/floods-sindh")
    print_page = page(
        "Printer-friendly edition",
        "Printed from the Daily Chronicle. " * 10,
        head=f'<link rel="canonical" href="{canonical}">',
    )
    httpserver.expect_request("/print/4411").respond_with_data(print_page, content_type="text/html")
    httpserver.expect_request("/2016/08/floods-sindh").respond_with_data(
        ARTICLE, content_type="text/html"
    )
    [result] = check(tmp_path, httpserver.url_for("/print/4411"))
    assert result.status is Status.VERIFIED
    assert result.fetched_url == canonical
    assert result.url == httpserver.url_for("/print/4411")
    assert result.reasons[0] == f"the page names {canonical} as its canonical; checked there"


def test_an_amp_page_leads_to_its_canonical_article(tmp_path: Path, httpserver: HTTPServer) -> None:
    canonical = httpserver.url_for("/2016/08/floods-sindh")
    amp = page(
        "Daily Chronicle AMP",
        "Tap to read the full story. " * 10,
        head='<link rel="canonical" href="/2016/08/floods-sindh">',
        html_attrs=" amp",
    )
    httpserver.expect_request("/amp/floods-sindh").respond_with_data(amp, content_type="text/html")
    httpserver.expect_request("/2016/08/floods-sindh").respond_with_data(
        ARTICLE, content_type="text/html"
    )
    [result] = check(tmp_path, httpserver.url_for("/amp/floods-sindh"))
    assert result.status is Status.VERIFIED
    assert result.reasons[0] == f"the AMP page names {canonical} as its canonical; checked there"


def test_a_moved_article_is_verified_with_its_new_address(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/story.php").respond_with_data(
        "", status=301, headers={"Location": "/2016/08/floods-sindh"}
    )
    httpserver.expect_request("/2016/08/floods-sindh").respond_with_data(
        ARTICLE, content_type="text/html"
    )
    [result] = check(tmp_path, httpserver.url_for("/story.php"))
    new = httpserver.url_for("/2016/08/floods-sindh")
    assert result.status is Status.VERIFIED
    assert result.moved_to == new
    assert result.reasons[0] == (
        f"the page moved permanently to {new}; "
        "`citecheck verify --fix-moved --write` updates citations.yaml"
    )


def test_a_temporary_redirect_is_not_a_move(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story.php").respond_with_data(
        "", status=302, headers={"Location": "/2016/08/floods-sindh"}
    )
    httpserver.expect_request("/2016/08/floods-sindh").respond_with_data(
        ARTICLE, content_type="text/html"
    )
    [result] = check(tmp_path, httpserver.url_for("/story.php"))
    assert result.status is Status.VERIFIED
    assert result.moved_to is None


# ---------------------------------------------------------------- PDFs


@pytest.mark.parametrize("how", ["meta", "link"])
def test_a_landing_page_leads_to_its_pdf(
    tmp_path: Path, httpserver: HTTPServer, make_pdf: PdfMaker, how: str
) -> None:
    pdf_url = httpserver.url_for("/files/PB213.pdf")
    head = (
        f'<meta name="citation_pdf_url" content="{pdf_url}">'
        if how == "meta"
        else '<link rel="alternate" type="application/pdf" href="/files/PB213.pdf">'
    )
    landing = page("Publications | Institute of Peace", "Download the brief. " * 10, head=head)
    httpserver.expect_request("/publications/2016/09/brief").respond_with_data(
        landing, content_type="text/html"
    )
    brief = make_pdf([(24, CITED_TITLE), (11, "Running text of the brief. " * 10)])
    httpserver.expect_request("/files/PB213.pdf").respond_with_data(
        brief, content_type="application/pdf"
    )
    [result] = check(tmp_path, httpserver.url_for("/publications/2016/09/brief"))
    assert result.status is Status.VERIFIED, result.reasons
    assert result.fetched_url == pdf_url
    assert result.checks["title"].source == "pdf:first-page"
    assert result.reasons[0] == (
        f"the page links its document as a PDF at {pdf_url}; checked there"
    )


def test_a_truncated_pdf_is_reported_unreadable(
    tmp_path: Path, httpserver: HTTPServer, make_pdf: PdfMaker
) -> None:
    brief = make_pdf([(24, CITED_TITLE)], info={"Title": CITED_TITLE})
    httpserver.expect_request("/files/PB213.pdf").respond_with_data(
        brief[: len(brief) - 40], content_type="application/pdf"
    )
    [result] = check(tmp_path, httpserver.url_for("/files/PB213.pdf"))
    assert result.status is Status.UNVERIFIABLE
    assert result.reasons == [
        "unreadable PDF: the file is truncated (it has no end-of-file marker)"
    ]
