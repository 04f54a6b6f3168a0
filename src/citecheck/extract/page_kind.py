"""What kind of page this is: an article, or a bot challenge, paywall, JS shell or empty page.

Conservative on purpose: a challenge, wall or shell is a page with almost no text of its own.
A real article that mentions "captcha" or loads Cloudflare's scripts has text, and stays ARTICLE.
"""

from __future__ import annotations

import re

from citecheck.extract.html_tree import attribute, element_text
from citecheck.extract.parsed_page import ParsedPage
from citecheck.models import PageKind

_CHALLENGE_TITLES = re.compile(
    r"^(just a moment|attention required|access denied|please wait|checking your browser|"
    r"pardon our interruption|are you a robot|are you a human|security check|"
    r"human verification|one more step|ddos-guard|bot verification|verify you are human|"
    r"robot check|captcha|request blocked|you have been blocked|access to this page has been "
    r"denied)",
    re.IGNORECASE,
)
# Markup only challenge pages carry (not the scripts Cloudflare adds to ordinary pages).
_CHALLENGE_MARKUP_TEXT = (
    r"cf-browser-verification|cf_chl_opt|cf-challenge-running|/cdn-cgi/challenge-platform/h/|"
    r"challenges\.cloudflare\.com/turnstile|captcha-delivery\.com|px-captcha|_pxcaptcha|"
    r"errors\.edgesuite\.net"
)
_CHALLENGE_MARKUP = re.compile(_CHALLENGE_MARKUP_TEXT, re.IGNORECASE)
_CHALLENGE_MARKUP_LOWER = re.compile(_CHALLENGE_MARKUP_TEXT)
_CHALLENGE_TEXT = re.compile(
    r"are you a robot|verify (?:that )?you are (?:a )?human|checking your browser|"
    r"enable javascript and cookies to continue|press (?:&|and) hold|"
    r"unusual traffic from your (?:computer )?network|complete the security check|"
    r"you don't have permission to access|please complete the captcha",
    re.IGNORECASE,
)
_PAYWALL_PHRASES = (
    r"subscribe (?:now )?to (?:continue|read|keep reading|unlock)|to continue reading|"
    r"subscribers? only|for subscribers|already a subscriber|"
    r"(?:sign|log) ?in to (?:continue|read|view|access)|create (?:a )?free account to|"
    r"you(?:'ve| have) reached (?:your|the) (?:free )?(?:article )?limit|"
    r"become a (?:member|subscriber) to|this (?:article|content|story) is (?:only )?"
    r"(?:available|reserved) (?:to|for) (?:subscribers|members)|premium content|"
    r"jetzt abonnieren|réservé aux abonnés|exclusivo para suscriptores"
)
_PAYWALL_TEXT = re.compile(_PAYWALL_PHRASES, re.IGNORECASE)
_PAYWALL_TEXT_LOWER = re.compile(_PAYWALL_PHRASES)
# Letters that a case-blind pattern takes for "s" and "i" but that lower-casing leaves apart
# ("ſ", "ı") or turns into two letters ("İ"): where none occurs, the lower-case patterns match a
# lower-cased text exactly where the case-blind ones match the text (and several times faster,
# as a pattern whose first letters are known skips most positions).
_CASE_FOLD_ODDITIES = ("ſ", "ı", "İ")
_PAYWALL_WORDS = ("subscri", "sign in", "signin", "log in", "login", "member", "abonn", "suscri")
_APP_ROOT_IDS = frozenset({"root", "app", "__next", "___gatsby", "__nuxt", "svelte", "main-app"})
_JS_NOTICE = re.compile(r"javascript", re.IGNORECASE)
# Below these many characters of visible text a page has no content of its own.
_CHALLENGE_MAX_TEXT = 1500
_CHALLENGE_PHRASE_MAX_TEXT = 500  # a page this short that asks "are you a robot?" is a check
_ARTICLE_TEXT = 600  # paragraph characters beyond a teaser
_SHELL_MAX_TEXT = 200
_SHELL_MIN_SCRIPTS = 5  # this many scripts and no text: the page is built in the browser
_EMPTY_MAX_TEXT = 25
_PARAGRAPH_MIN = 60


def classify_page(page: ParsedPage | None) -> PageKind:
    if page is None:
        return PageKind.EMPTY
    # Only short texts are measured exactly: the start of a long one says it is long.
    text = page.text_start(_CHALLENGE_MAX_TEXT + 1)
    if len(text) <= _CHALLENGE_MAX_TEXT and is_bot_challenge(page):
        return PageKind.BOT_CHALLENGE
    if len(text) <= _SHELL_MAX_TEXT and is_js_shell(page):
        return PageKind.JS_SHELL
    if len(text) <= _EMPTY_MAX_TEXT:
        return PageKind.EMPTY
    if is_paywall(page):
        return PageKind.PAYWALL
    return PageKind.ARTICLE


def is_bot_challenge(page: ParsedPage) -> bool:
    """An interstitial that checks for robots: its title or markup says so, or a page with
    hardly any text asks for it. An article that talks about captchas has paragraphs."""
    if has_article_text(page):
        return False
    if _CHALLENGE_TITLES.match(page.head_title):
        return True
    if _search_case_blind(_CHALLENGE_MARKUP, _CHALLENGE_MARKUP_LOWER, page.html[:200_000]):
        return True
    text = page.body_text
    return len(text) <= _CHALLENGE_PHRASE_MAX_TEXT and bool(_CHALLENGE_TEXT.search(text))


def is_js_shell(page: ParsedPage) -> bool:
    """A near-empty body that scripts fill: a mount point, a 'needs JavaScript' notice, or
    many scripts."""
    if page.script_count == 0:
        return False
    has_mount_point = any(
        attribute(element, "id") in _APP_ROOT_IDS for element in page.body.iter("div")
    )
    return (
        has_mount_point
        or bool(_JS_NOTICE.search(page.noscript_text))
        or page.script_count >= _SHELL_MIN_SCRIPTS
    )


def is_paywall(page: ParsedPage) -> bool:
    """A subscription or login wall, with no more than a teaser of the article."""
    # Cheap tests first: an article's first paragraphs, then the words every wall uses; only
    # a page without article text needs its whole text read.
    if has_article_text(page):
        return False
    lowered = page.body_text.lower()
    if not any(word in lowered for word in _PAYWALL_WORDS):
        return False
    return _search_case_blind(_PAYWALL_TEXT, _PAYWALL_TEXT_LOWER, page.body_text, lowered)


def _search_case_blind(
    pattern: re.Pattern[str], lower_pattern: re.Pattern[str], text: str, lowered: str = ""
) -> bool:
    """Whether the case-blind `pattern` matches `text`, by the same pattern in lower case
    (`lower_pattern`) over `text` lower-cased (`lowered`, if the caller has it), where that is
    the same: a case-blind regex tries every position of a long text slowly."""
    if any(letter in text for letter in _CASE_FOLD_ODDITIES):
        return pattern.search(text) is not None
    return lower_pattern.search(lowered or text.lower()) is not None


def has_article_text(page: ParsedPage) -> bool:
    """Whether the page has more than a teaser's worth of paragraphs."""
    paragraph_text = 0
    for paragraph in page.body_index.tagged("p"):
        text = element_text(paragraph, limit=_ARTICLE_TEXT + 1)
        if len(text) >= _PARAGRAPH_MIN:
            paragraph_text += len(text)
            if paragraph_text > _ARTICLE_TEXT:
                return True
    return False
