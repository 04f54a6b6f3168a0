"""Reference-list layouts read since session 7 (issue 14): each fixture is written here from the
convention it follows, with invented authors, works and addresses."""

from __future__ import annotations

from citecheck.footnotes.note.links import take_links
from citecheck.footnotes.note.parser import parse_note

# --------------------------------------------------------------------------- addresses


def test_an_address_in_angle_brackets_broken_by_spaces_is_one_address() -> None:
    # RFC 3986, appendix C: whitespace inside "<...>" is ignored when the address is read.
    links = take_links(
        "Okafor, C. (2018) Rainfall and school attendance. "
        "< http:// www.rural-example.org/ reports/ rainfall_2018 >."
    )
    assert links.urls == ["http://www.rural-example.org/reports/rainfall_2018"]
    assert "rainfall" not in links.text


def test_a_reference_with_a_broken_bracketed_address_names_no_container() -> None:
    note = parse_note(
        "Rural Schools Network (2014) Counting the Rain: A Handbook for Teachers. "
        "< http:// www.rural-example.org/ index.php/ handbook >."
    )
    assert note.url == "http://www.rural-example.org/index.php/handbook"
    assert note.title == "Counting the Rain: A Handbook for Teachers"
    assert note.container is None
