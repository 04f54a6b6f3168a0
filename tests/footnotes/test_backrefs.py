"""Short forms resolved to the earlier full note, or reported as unresolved with a reason."""

from __future__ import annotations

from citecheck.footnotes.backrefs import BackRefResolution, resolve_backrefs
from citecheck.footnotes.note.parser import parse_note

HARBOUR = "Ruth Adeyemi, “Storm Warning Systems for Small Ports,” Harbour Gazette, May 1, 2020,"
RIVERS = "Ruth Adeyemi, “Rivers Without Banks,” Delta Review, June 3, 2021,"
QUAYS = "Samir Haddad, “The Quays at Night,” Coastal Monthly, July 4, 2019,"


def _resolve(*texts: str) -> list[BackRefResolution]:
    return resolve_backrefs([parse_note(text) for text in texts])


def test_ibid_points_at_the_note_before() -> None:
    assert _resolve(HARBOUR, QUAYS, "Ibid., 7.") == [BackRefResolution(2, 1, "7", None)]


def test_ibid_after_a_short_form_follows_it_to_the_full_note() -> None:
    resolutions = _resolve(HARBOUR, QUAYS, "Adeyemi.", "Ibid.")
    assert [r.refers_to for r in resolutions] == [0, 0]


def test_ibid_first_is_unresolved() -> None:
    [resolution] = _resolve("Ibid.")
    assert resolution.refers_to is None
    assert resolution.problem is not None


def test_surname_alone_resolves_to_the_one_work_by_that_author() -> None:
    [resolution] = _resolve(HARBOUR, QUAYS, "Adeyemi, 12.")
    assert (resolution.refers_to, resolution.locator, resolution.problem) == (0, "12", None)


def test_surname_alone_with_two_works_is_reported_not_guessed() -> None:
    [resolution] = _resolve(HARBOUR, RIVERS, "Adeyemi.")
    assert resolution.refers_to is None
    assert resolution.problem is not None
    assert "2 earlier works" in resolution.problem


def test_short_title_tells_two_works_apart() -> None:
    resolutions = _resolve(HARBOUR, RIVERS, "Adeyemi, “Storm Warning,” 3.", "Adeyemi, “Rivers.”")
    assert [r.refers_to for r in resolutions] == [0, 1]


def test_short_title_matches_fuzzily() -> None:
    [resolution] = _resolve(QUAYS, "Haddad, “Quays at Night,” 2.")
    assert resolution.refers_to == 0


def test_same_work_cited_twice_resolves_to_the_latest_full_note() -> None:
    [resolution] = _resolve(HARBOUR, QUAYS, HARBOUR, "Adeyemi.")
    assert resolution.refers_to == 2


def test_unknown_author_is_reported() -> None:
    [resolution] = _resolve(HARBOUR, "Lindqvist.")
    assert resolution.refers_to is None
    assert resolution.problem is not None


def test_title_only_short_form() -> None:
    [resolution] = _resolve(QUAYS, HARBOUR, "“Storm Warning Systems,” 5.")
    assert resolution.refers_to == 1


def test_only_back_references_get_a_resolution() -> None:
    assert _resolve(HARBOUR, QUAYS) == []
