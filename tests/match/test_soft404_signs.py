"""The signs of a soft 404 that need no request: where a redirect chain ends, what a title
says; and the comparison with a host's answer to a made-up URL."""

from __future__ import annotations

import pytest

from citecheck.follow_up.soft404 import (
    PageSample,
    looks_like_not_found,
    made_up_url,
    redirect_sign,
    says_not_found,
)
from citecheck.models import FetchResult, Hop


def chain(requested: str, final: str) -> FetchResult:
    return FetchResult(
        requested_url=requested, final_url=final, status=200, redirects=[Hop(requested, 301)]
    )


@pytest.mark.parametrize(
    ("requested", "final", "sign"),
    [
        ("https://a.example/news/x", "https://a.example/", "home page"),
        ("https://a.example/news/x", "https://www.a.example/index.php", "home page"),
        ("https://a.example/news/x", "https://a.example/404", "error page"),
        ("https://a.example/news/x", "https://a.example/errors/not-found.html", "error page"),
        ("https://a.example/news/x", "https://a.example/search?error=404", "error page"),
        ("https://a.example/news/x", "https://a.example/news/x/", None),
        ("https://a.example/news/x", "https://a.example/2016/08/x-moved", None),
        ("https://a.example/news/x", "https://a.example/?p=123", None),  # a page by its query
        ("https://a.example/", "https://a.example/en/", None),  # the home page cited
        ("https://a.example/errors/404-explained", "https://a.example/errors/404-exp", None),
    ],
)
def test_redirect_signs(requested: str, final: str, sign: str | None) -> None:
    found = redirect_sign(chain(requested, final))
    assert (found is None) if sign is None else (found is not None and sign in found)


def test_no_redirect_no_sign() -> None:
    assert redirect_sign(FetchResult("https://a.example/x", "https://a.example/", 200)) is None


@pytest.mark.parametrize(
    ("title", "says"),
    [
        ("Page not found | Daily Chronicle", True),
        ("404 - Daily Chronicle", True),
        ("Error 404", True),
        ("Seite nicht gefunden - Der Standard", True),
        ("Not Found", True),
        ("Article no longer available", True),
        ("Not Found: the search for the missing climbers", False),
        ("Lost and not found: a museum's forgotten objects", False),
        ("Floods displace thousands across Sindh", False),
        ("", False),
    ],
)
def test_titles_that_say_not_found(title: str, says: bool) -> None:
    assert says_not_found(title) is says


def sample(url: str, title: str, text: str, final: str | None = None) -> PageSample:
    return PageSample(url, final or url, final is not None, title, text)


def test_a_page_like_the_hosts_made_up_answer_is_not_found() -> None:
    page = sample("https://a.example/news/floods", "Daily", "Sorry, /news/floods is gone. Search.")
    made_up = sample("https://a.example/f00d.html", "Daily", "Sorry, /f00d.html is gone. Search.")
    assert looks_like_not_found(page, made_up) is not None


def test_an_article_unlike_the_hosts_404_page_is_not() -> None:
    article = sample("https://a.example/news/floods", "Floods", "Menu. " + "Rain fell. " * 400)
    made_up = sample("https://a.example/f00d.html", "Not found", "Menu. Nothing here.")
    assert looks_like_not_found(article, made_up) is None


def test_both_sent_to_the_same_place_is_not_found() -> None:
    page = sample("https://a.example/n/1", "Hi", "A", final="https://a.example/landing")
    made_up = sample("https://a.example/f00d", "Hi", "B", final="https://a.example/landing/")
    assert looks_like_not_found(page, made_up) is not None


def test_a_made_up_url_stays_on_the_host() -> None:
    assert made_up_url("https://a.example:8443/x/y?z=1", "abc.html") == (
        "https://a.example:8443/abc.html"
    )


def test_the_requested_paths_words_are_left_out_only_as_whole_words() -> None:
    # A not-found page that repeats the words of the address it was asked for is still the
    # host's not-found page...
    page = sample(
        "https://a.example/news/flooding-in-sindh",
        "Daily",
        "Sorry, we could not find Flooding Sindh. Try the search.",
    )
    made_up = sample(
        "https://a.example/f00d.html", "Daily", "Sorry, we could not find. Try the search."
    )
    assert looks_like_not_found(page, made_up) is not None
    # ...but a word that only contains a path word ("sindhis", "floodings") stays: here the
    # page is an article about them, not the error page.
    article = sample(
        "https://a.example/news/flooding-in-sindh",
        "Daily",
        "Sorry, we could not find floodings sindhis ÉSindh sindh_x. Try the search.",
    )
    assert looks_like_not_found(article, made_up) is None
