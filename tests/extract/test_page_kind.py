"""Page kinds: challenges, walls, shells and empty pages detected; articles left alone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from citecheck.extract import extract_metadata
from citecheck.extract.page_kind import classify_page
from citecheck.extract.parsed_page import ParsedPage
from citecheck.models import PageKind

PageLoader = Callable[[str], str]
PageParser = Callable[..., ParsedPage]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("cloudflare_challenge.html", PageKind.BOT_CHALLENGE),
        ("paywall_page.html", PageKind.PAYWALL),
        ("js_shell.html", PageKind.JS_SHELL),
        # Talks about captchas and loads Cloudflare's script, but is an article.
        ("article_with_captcha_words.html", PageKind.ARTICLE),
        ("reuters_article.html", PageKind.ARTICLE),
        ("government_page.html", PageKind.ARTICLE),
    ],
)
def test_fixture_kinds(fixture_html: PageLoader, name: str, kind: PageKind) -> None:
    assert extract_metadata(fixture_html(name)).kind is kind


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>"
        "<p>You don't have permission to access this server.</p>"
        "<p>Reference #18.5f3e1</p></body></html>",
        '<html><head><title>example.com</title></head><body><div id="px-captcha"></div>'
        "<p>Press &amp; Hold to confirm you are a human (and not a bot).</p></body></html>",
        "<html><head><title>Attention Required! | Cloudflare</title></head><body>"
        '<div class="cf-browser-verification">Please wait</div></body></html>',
        "<html><body><p>Are you a robot? Please complete the captcha.</p>"
        '<script src="https://geo.captcha-delivery.com/captcha/?initialCid=x"></script>'
        "</body></html>",
    ],
)
def test_other_challenges(parse: PageParser, html: str) -> None:
    assert classify_page(parse(html)) is PageKind.BOT_CHALLENGE


def test_empty_pages(parse: PageParser) -> None:
    assert extract_metadata("").kind is PageKind.EMPTY
    assert extract_metadata("   \n ").kind is PageKind.EMPTY
    assert classify_page(parse("<html><head></head><body> </body></html>")) is PageKind.EMPTY


def test_next_js_shell(parse: PageParser) -> None:
    html = (
        '<html><head><title>App</title></head><body><div id="__next"></div>'
        '<script id="__NEXT_DATA__" type="application/json">{"props":{}}</script>'
        '<script src="/_next/static/chunks/main.js"></script></body></html>'
    )
    assert classify_page(parse(html)) is PageKind.JS_SHELL


def test_long_article_with_subscribe_box_is_an_article(parse: PageParser) -> None:
    paragraph = "<p>" + "The council voted on the new budget after a long debate. " * 4 + "</p>"
    html = f"<html><body><article>{paragraph * 4}</article><aside>Subscribe to continue "
    html += "reading our newsletter. Already a subscriber? Sign in.</aside></body></html>"
    assert classify_page(parse(html)) is PageKind.ARTICLE


@pytest.mark.parametrize(
    "markup",
    [
        '<div class="CF-Browser-Verification">Please wait</div>',
        # Letters a case-blind match takes for "s" and "i", which lower-casing does not turn
        # into them: the markup is still recognised.
        '<div class="cf-brow\u017fer-verification">Please wait</div>',
        '<div class="cf-browser-ver\u0130fication">Please wait</div>',
        '<script src="https://geo.CAPTCHA-DELIVERY.com/c.js"></script><p>One moment.</p>',
    ],
)
def test_challenge_markup_in_any_case(parse: PageParser, markup: str) -> None:
    html = f"<html><head><title>example.com</title></head><body>{markup}</body></html>"
    assert classify_page(parse(html)) is PageKind.BOT_CHALLENGE


@pytest.mark.parametrize(
    ("wall", "kind"),
    [
        ("SUBSCRIBERS ONLY. Log in to read the rest.", PageKind.PAYWALL),
        ("Sub\u017fcribers only: a member's login is needed.", PageKind.PAYWALL),
        ("Réservé aux ABONNÉS. Abonnez-vous.", PageKind.PAYWALL),
        ("Members meet on Sundays; subscriptions to the club cost little.", PageKind.ARTICLE),
    ],
)
def test_paywall_phrases_in_any_case(parse: PageParser, wall: str, kind: PageKind) -> None:
    teaser = "<p>The council voted on the new budget after a long debate.</p>"
    html = f"<html><body><article>{teaser}<div>{wall}</div></article></body></html>"
    assert classify_page(parse(html)) is kind
