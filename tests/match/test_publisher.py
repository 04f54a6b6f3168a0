from __future__ import annotations

import pytest

from citecheck.match.aliases import alias_table, as_domain, builtin_aliases
from citecheck.match.normalize import squash
from citecheck.match.publisher import check_publisher, known_site_names, page_host
from citecheck.models import CheckStatus, Found

ALIASES = alias_table()


def publisher_status(cited: str, url: str | None, *site_names: str) -> CheckStatus:
    found = [Found(name, "og:site_name") for name in site_names]
    return check_publisher(cited, found, page_host(url), ALIASES).status


@pytest.mark.parametrize(
    ("cited", "url"),
    [
        ("Reuters", "https://www.reuters.com/article/us-pakistan-idUSKCN10P0ZZ"),
        ("Dawn", "https://www.dawn.com/news/1250457"),  # by the domain's label
        ("Al Jazeera", "http://www.aljazeera.com/news/2016/08/afghan-pakistan.html"),
        ("Al Jazeera", "https://www.aljazeera.net/news/2016/8/13/x"),
        ("Hudson Institute", "https://www.hudson.org/research/12345-prospects"),
        ("United States Institute of Peace", "https://www.usip.org/publications/2016/09/x"),
        ("USIP", "https://www.usip.org/publications/2016/09/x"),
        ("National Counterterrorism Center", "https://www.dni.gov/nctc/groups/ttp.html"),
        ("NCTC", "https://www.nctc.gov/site/groups/ttp.html"),
        ("New York Times", "https://www.nytimes.com/2016/08/09/world/asia/quetta.html"),
        ("NYT", "https://www.nytimes.com/2016/08/09/world/asia/quetta.html"),
        ("International Business Times", "http://www.ibtimes.co.uk/protesters-wave-flags-1505825"),
        ("IBTimes", "https://www.ibtimes.co.in/x"),
        ("Government of Pakistan", "http://www.pakistan.gov.pk/nap.html"),
        (
            "Government of Pakistan, Ministry of Information, Broadcasting & National Heritage",
            "http://www.infopak.gov.pk/nap.html",
        ),
        ("The Mackenzie Institute", "http://mackenzieinstitute.com/counter-terrorism/"),
        ("BBC", "https://www.bbc.co.uk/news/world-asia-37000000"),
        ("The Guardian", "https://www.theguardian.com/world/2016/aug/08/quetta"),
        ("Washington Post", "https://www.washingtonpost.com/world/x"),
        ("AP", "https://apnews.com/article/x"),
        ("Al-Monitor", "https://www.al-monitor.com/originals/x"),
    ],
)
def test_publisher_matches_by_domain(cited: str, url: str) -> None:
    assert publisher_status(cited, url) is CheckStatus.PASS


@pytest.mark.parametrize(
    ("cited", "site_name"),
    [
        ("New York Times", "The New York Times"),
        ("The Guardian", "the Guardian"),
        ("BBC", "BBC News"),
        ("Brookings", "Brookings Institution"),
        ("RAND", "RAND Corporation"),
        ("CFR", "Council on Foreign Relations"),
        ("CNN", "CNN International"),
        ("Mackenzie Institute", "The Mackenzie Institute"),
    ],
)
def test_publisher_matches_by_site_name(cited: str, site_name: str) -> None:
    assert publisher_status(cited, None, site_name) is CheckStatus.PASS


def test_match_reason_names_the_evidence() -> None:
    check = check_publisher(
        "Reuters", [Found("Reuters", "json-ld:publisher")], page_host(None), ALIASES
    )
    assert check.reason == "publisher matches “Reuters” from json-ld:publisher"
    assert (check.found, check.source) == ("Reuters", "json-ld:publisher")
    check = check_publisher("Dawn", [], page_host("https://www.dawn.com/news/1"), ALIASES)
    assert check.reason == "publisher matches the domain dawn.com"
    assert (check.found, check.source) == ("dawn.com", "domain")


def test_mismatch_is_a_warning_with_the_evidence() -> None:
    check = check_publisher(
        "Dawn",
        [Found("The Express Tribune", "og:site_name")],
        page_host("https://tribune.com.pk/story/1"),
        ALIASES,
    )
    assert check.status is CheckStatus.WARN
    assert check.reason == (
        "publisher “Dawn” not found: the page has “The Express Tribune” (og:site_name), "
        "the domain tribune.com.pk"
    )


def test_archive_copy_counts_as_the_archived_site() -> None:
    url = "https://web.archive.org/web/20160814000000id_/http://www.reuters.com/article/x"
    assert publisher_status("Reuters", url) is CheckStatus.PASS


def test_user_aliases_extend_the_table() -> None:
    url = "https://www.example-gazette.pk/story/1"
    assert publisher_status("Frontier Gazette", url) is CheckStatus.WARN
    extended = alias_table({"Frontier Gazette": ["example-gazette.pk", "The Gazette (Peshawar)"]})
    check = check_publisher("Frontier Gazette", [], page_host(url), extended)
    assert check.status is CheckStatus.PASS
    named = [Found("The Gazette (Peshawar)", "og:site_name")]
    assert check_publisher("Frontier Gazette", named, None, extended).status is CheckStatus.PASS
    assert check_publisher("Reuters", [], page_host("https://reuters.com/"), extended).status is (
        CheckStatus.PASS
    )


def test_malformed_user_aliases_are_ignored() -> None:
    table = alias_table(
        {"Good Paper": ["goodpaper.example"], "Bad": 42, "Mixed": ["ok.example", 7]}
    )
    assert table.for_host("www.goodpaper.example") == {"Good Paper"}
    assert table.for_host("ok.example") == {"Mixed"}


def test_no_publisher_information_is_skipped() -> None:
    check = check_publisher("Reuters", [], None, ALIASES)
    assert (check.status, check.reason) == (
        CheckStatus.SKIP,
        "no publisher information on the page",
    )


def test_no_cited_publisher_is_skipped() -> None:
    check = check_publisher(None, [Found("Reuters", "og:site_name")], None, ALIASES)
    assert (check.status, check.reason) == (CheckStatus.SKIP, "the citation names no publisher")


@pytest.mark.parametrize("url", [None, "", "not a url", "http://[broken", "mailto:x@example.com"])
def test_unusable_urls_give_no_host(url: str | None) -> None:
    assert page_host(url) is None


def test_known_site_names_include_aliases_of_the_host() -> None:
    names = known_site_names(None, [], page_host("https://www.nytimes.com/2016/x.html"), ALIASES)
    assert "The New York Times" in names and "NYT" in names


def test_builtin_table_has_the_required_entries() -> None:
    table = builtin_aliases()
    assert len(table) >= 40
    required = {
        "Reuters": "reuters.com",
        "Dawn": "dawn.com",
        "Al Jazeera": "aljazeera.net",
        "Hudson Institute": "hudson.org",
        "United States Institute of Peace": "usip.org",
        "National Counterterrorism Center": "dni.gov",
        "The New York Times": "nytimes.com",
        "International Business Times": "ibtimes.co.in",
        "Government of Pakistan": "pakistan.gov.pk",
        "Mackenzie Institute": "mackenzieinstitute.com",
        "BBC": "bbc.com",
        "The Guardian": "theguardian.com",
    }
    for canonical, domain in required.items():
        assert domain in table[canonical]


def test_builtin_names_are_unambiguous() -> None:
    owners: dict[str, str] = {}
    for canonical, others in builtin_aliases().items():
        for name in (canonical, *others):
            key = as_domain(name) or squash(name)
            assert owners.setdefault(key, canonical) == canonical, f"{name} is in two entries"


@pytest.mark.parametrize(
    ("cited", "url"),
    [
        ("www.harbourgazette.com", "https://harbourgazette.com/2020/x"),
        ("WWW.HarbourGazette.com", "https://www.harbourgazette.com/2020/x"),
        ("news.harbour-gazette.co.uk", "https://www.harbour-gazette.co.uk/x"),
        ("https://www.harbour-gazette.co.uk/", "http://harbour-gazette.co.uk/x"),
        ("www.harbourgazette.com", "https://web.archive.org/web/2019/harbourgazette.com/x"),
    ],
)
def test_a_publisher_cited_as_the_address_bar_s_host_matches_the_site(cited: str, url: str) -> None:
    check = check_publisher(
        cited, [Found("Harbour Gazette", "og:site_name")], page_host(url), ALIASES
    )
    assert check.status is CheckStatus.PASS
    assert check.reason and check.reason.startswith("publisher matches the domain")


@pytest.mark.parametrize(
    "cited",
    [
        "www.harbourgazette.org",  # another suffix: another site
        "www.harbour-gazette.com",  # another name
        "harbourgazette.com.attacker.net",  # the name inside another site's host
        "www.gazette.com",
    ],
)
def test_a_host_name_of_another_site_does_not_match(cited: str) -> None:
    url = "https://www.harbourgazette.com/2020/x"
    assert publisher_status(cited, url, "Harbour Gazette") is CheckStatus.WARN
