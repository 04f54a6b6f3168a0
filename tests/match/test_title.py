from __future__ import annotations

import pytest

from citecheck.match.title import check_title
from citecheck.models import CheckStatus, Found
from citecheck.settings import MatchSettings

REUTERS_TITLE = "Islamic State faces uphill ‘branding war’ in Afghanistan, Pakistan"
DEFAULTS = MatchSettings()


def title_check(
    cited: str | None,
    *page_titles: str,
    site_names: tuple[str, ...] = (),
    settings: MatchSettings = DEFAULTS,
) -> tuple[CheckStatus, float | None]:
    candidates = [Found(value, f"source-{index}") for index, value in enumerate(page_titles)]
    check = check_title(cited, candidates, site_names, settings)
    return check.status, check.score


@pytest.mark.parametrize(
    "page_title",
    [
        "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan",
        "ISLAMIC STATE FACES UPHILL “BRANDING WAR” IN AFGHANISTAN, PAKISTAN",
        "Islamic State faces uphill &#8216;branding war&#8217; in Afghanistan, Pakistan",
        "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan.",
        "Islamic  State faces uphill\n'branding war' in Afghanistan,\u00a0Pakistan",
    ],
)
def test_typographic_variants_pass_with_full_score(page_title: str) -> None:
    assert title_check(REUTERS_TITLE, page_title) == (CheckStatus.PASS, 100.0)


def test_ellipsis_dash_and_ampersand_variants_pass() -> None:
    cited = "Tribes & militants — waiting for the army…"
    page = "Tribes &amp; militants - waiting for the army..."
    assert title_check(cited, page) == (CheckStatus.PASS, 100.0)


@pytest.mark.parametrize(
    "page_title",
    [
        f"{REUTERS_TITLE} | Reuters",
        f"{REUTERS_TITLE} - Reuters.com",
        f"Reuters | {REUTERS_TITLE}",
        f"{REUTERS_TITLE} | World News | Reuters",
    ],
)
def test_site_name_around_the_title_passes(page_title: str) -> None:
    status, _ = title_check(REUTERS_TITLE, page_title, site_names=("Reuters", "reuters.com"))
    assert status is CheckStatus.PASS


def test_unknown_site_segment_is_forgiven() -> None:
    page = "Afghan-Pakistan ISIL's Hafiz Saeed Khan killed | Pakistan News | Some Network"
    status, _ = title_check("Afghan-Pakistan ISIL’s Hafiz Saeed Khan killed", page)
    assert status is CheckStatus.PASS


def test_cited_title_without_the_page_subtitle_passes() -> None:
    page = (
        "Counter Terrorism Policy Measures: A Critical Analysis of Pakistan's National Action Plan"
    )
    assert title_check("Counter Terrorism Policy Measures", page)[0] is CheckStatus.PASS


def test_cited_title_with_a_subtitle_the_page_lacks_passes() -> None:
    cited = (
        "Counter Terrorism Policy Measures: A Critical Analysis of Pakistan’s National Action Plan"
    )
    assert title_check(cited, "Counter Terrorism Policy Measures")[0] is CheckStatus.PASS


def test_trailing_parenthetical_is_a_subtitle() -> None:
    assert title_check("Tehrik-e Taliban Pakistan (TTP)", "Tehrik-e Taliban Pakistan")[0] is (
        CheckStatus.PASS
    )


def test_words_added_inside_a_long_title_are_forgiven() -> None:
    cited = "Islamic State faces uphill branding war in Afghanistan, Pakistan"
    page = "Islamic State faces an uphill branding war in Afghanistan and Pakistan, officials say"
    assert title_check(cited, page)[0] is CheckStatus.PASS


def test_a_replaced_word_costs_points() -> None:
    cited = "Islamic State faces uphill branding war in Afghanistan, Pakistan"
    page = "Islamic State faces uphill battle in Afghanistan, Pakistan"
    assert title_check(cited, page)[0] is CheckStatus.WARN


def test_different_subtitles_on_both_sides_are_not_forgiven() -> None:
    status, _ = title_check(
        "Pakistan floods: the death toll climbs", "Pakistan floods: the government response"
    )
    assert status is CheckStatus.FAIL


def test_another_page_of_the_same_site_fails() -> None:
    status, _ = title_check(
        REUTERS_TITLE,
        "Pakistan arrests suspected Islamic State militants in Karachi | Reuters",
        "Pakistan arrests suspected Islamic State militants in Karachi",
        site_names=("Reuters",),
    )
    assert status is CheckStatus.FAIL


def test_another_page_of_the_same_site_sharing_the_suffix_fails() -> None:
    status, _ = title_check(
        "25 ‘IS-inspired militants’ operating in Karachi: CTD police - Dawn",
        "Karachi police arrest 25 suspects in operation - Dawn",
        site_names=("Dawn",),
    )
    assert status is CheckStatus.FAIL


def test_another_sites_title_fails() -> None:
    status, score = title_check(
        REUTERS_TITLE,
        "Suicide Bomber Kills Dozens at Pakistani Hospital in Quetta - The New York Times",
    )
    assert status is CheckStatus.FAIL
    assert score is not None and score < DEFAULTS.title_warn


def test_a_one_word_title_does_not_match_every_title_containing_it() -> None:
    status, _ = title_check("Pakistan", "Pakistan floods: death toll rises to 200 after monsoon")
    assert status is CheckStatus.FAIL


def test_best_candidate_wins_and_is_reported() -> None:
    candidates = [
        Found("Home", "title"),
        Found(
            "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan", "json-ld:headline"
        ),
    ]
    check = check_title(REUTERS_TITLE, candidates, (), DEFAULTS)
    assert check.status is CheckStatus.PASS
    assert check.source == "json-ld:headline"
    assert check.found == candidates[1].value
    assert check.expected == REUTERS_TITLE
    assert check.reason is not None
    assert "score 100" in check.reason and "json-ld:headline" in check.reason


def test_thresholds_are_inclusive_at_the_defaults() -> None:
    # Indel similarity 1 - 2/(9 + 11) = 90%; 1 - 6/(7 + 13) = 70%.
    assert title_check("abcd efgh", "abcd efgh x") == (CheckStatus.PASS, 90.0)
    assert title_check("abc def", "abc def ghijk") == (CheckStatus.WARN, 70.0)
    assert title_check("abc def", "abc def ghijkl")[0] is CheckStatus.FAIL  # 1 - 7/21


def test_thresholds_come_from_settings() -> None:
    # 1 - 3/(11 + 14) = 88%.
    cited, page = "ab cd ef gh", "ab cd ef gh ij"
    assert title_check(cited, page)[0] is CheckStatus.WARN
    lenient = MatchSettings(title_pass=88.0, title_warn=50.0)
    assert title_check(cited, page, settings=lenient)[0] is CheckStatus.PASS
    strict = MatchSettings(title_pass=99.0, title_warn=88.5)
    assert title_check(cited, page, settings=strict)[0] is CheckStatus.FAIL


def test_warn_reason_names_the_score() -> None:
    check = check_title("abc def", [Found("abc def ghijk", "og:title")], (), DEFAULTS)
    assert check.reason == "title only partly matches (score 70) “abc def ghijk” from og:title"


def test_no_cited_title_is_skipped() -> None:
    for cited in (None, "", "  ", "—"):
        check = check_title(cited, [Found("Anything", "title")], (), DEFAULTS)
        assert check.status is CheckStatus.SKIP
        assert check.reason == "the citation has no title"


def test_page_without_title_is_skipped() -> None:
    check = check_title(REUTERS_TITLE, [], (), DEFAULTS)
    assert (check.status, check.reason) == (CheckStatus.SKIP, "no title found on the page")
    check = check_title(REUTERS_TITLE, [Found(" | ", "title")], (), DEFAULTS)
    assert check.status is CheckStatus.SKIP


def test_hostile_titles_do_not_break_scoring() -> None:
    breadcrumbs = " | ".join(f"section {index}" for index in range(2000))
    check = check_title(REUTERS_TITLE, [Found(breadcrumbs, "title")] * 100, (), DEFAULTS)
    assert check.status is CheckStatus.FAIL
    assert check.found is not None and len(check.found) <= 500
    assert check.reason is not None and len(check.reason) < 300


# --------------------------------------------------------------------------- partial support


def title_reason(cited: str, *page_titles: str) -> tuple[CheckStatus, str]:
    candidates = [Found(value, f"source-{index}") for index, value in enumerate(page_titles)]
    check = check_title(cited, candidates, (), DEFAULTS)
    return check.status, check.reason or ""


def test_most_words_shared_below_the_warn_threshold_is_a_warning_naming_both_titles() -> None:
    cited = "Dockers accept revised offer and end the harbour strike"
    status, reason = title_reason(
        cited, "Talks resume at the port", "Harbour strike ends as dockers accept revised pay offer"
    )
    assert status is CheckStatus.WARN
    assert reason.startswith(f"title only partly matches: the cited “{cited}” shares most")
    assert "“Harbour strike ends as dockers accept revised pay offer” from source-1" in reason
    assert "main title is (score " in reason
    assert reason.endswith("“Talks resume at the port” from source-0")


def test_the_main_title_is_not_repeated_when_it_is_the_one_that_partly_matches() -> None:
    status, reason = title_reason(
        "Dockers accept revised offer and end the harbour strike",
        "Harbour strike ends as dockers accept revised pay offer",
    )
    assert status is CheckStatus.WARN
    assert "main title" not in reason


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        # Two of five distinctive words: a story on the same topic, not this one.
        ("Harbour strike ends after talks", "Harbour strike: dockers vote on new pay offer"),
        # Every distinctive word of the cited title, but under half of the page's.
        (
            "Dockers vote on the pay offer",
            "Harbour strike: dockers to vote on new pay offer from port owners",
        ),
        # One distinctive word shared, with a weak score (67) all the same.
        ("Strike at the port of Dover", "Strike in the city of Leeds"),
    ],
)
def test_titles_sharing_less_than_most_words_still_fail(cited: str, page_title: str) -> None:
    assert title_reason(cited, page_title)[0] is CheckStatus.FAIL


def test_a_partial_match_from_another_candidate_names_the_main_title_too() -> None:
    status, reason = title_reason(
        REUTERS_TITLE,
        "Pakistan arrests suspected militants in Karachi",
        "Islamic State faces uphill battle in Afghanistan, Pakistan",
    )
    assert status is CheckStatus.WARN
    assert reason.startswith("title only partly matches (score")
    assert reason.endswith("“Pakistan arrests suspected militants in Karachi” from source-0")
