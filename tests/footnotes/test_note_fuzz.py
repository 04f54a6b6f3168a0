"""Whatever the text, parsing returns a ParsedNote and resolution returns resolutions."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.footnotes.backrefs import BackRefResolution, resolve_backrefs
from citecheck.footnotes.note.parser import BackRef, ParsedNote, parse_note

# Pieces notes are made of, so that the fuzzing reaches deep into the parser.
NOTE_PIECES = st.sampled_from(
    [
        "Ibid.",
        "Id.",
        ", ",
        ". ",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "(",
        ")",
        "[",
        "]",
        "<i>",
        "</i>",
        "*",
        "_",
        "http://",
        "https://x.org/a_(b)",
        "www.",
        "doi:10.1/x",
        " and ",
        " et al.",
        "ed.",
        "2016",
        "August 14, 2016",
        "Sept.",
        "n.d.",
        "accessed ",
        "Retrieved from ",
        "no. 4",
        "pp. 4–6",
        ": ",
        "Kay Johnson",
        "Parvez",
        "Reuters",
        "in ",
        "\u200b",
        "\ue000",
        "\ue001",
    ]
)
NOTE_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(NOTE_PIECES, st.text(max_size=8)), max_size=30).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NOTE_TEXT)
def test_parse_note_never_raises(text: str) -> None:
    note = parse_note(text)
    assert isinstance(note, ParsedNote)
    assert note.text == text
    assert all(isinstance(name, str) and name for name in note.authors)


BACKREFS = st.one_of(
    st.none(),
    st.builds(
        BackRef,
        kind=st.sampled_from(["ibid", "short", "other"]),
        surname=st.one_of(st.none(), st.text(max_size=10)),
        short_title=st.one_of(st.none(), st.text(max_size=20)),
        locator=st.one_of(st.none(), st.text(max_size=5)),
    ),
)
NOTES = st.builds(
    ParsedNote,
    text=st.text(max_size=30),
    authors=st.lists(st.text(max_size=12), max_size=3),
    title=st.one_of(st.none(), st.text(max_size=30)),
    backref=BACKREFS,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(NOTES, max_size=12))
def test_resolve_backrefs_never_raises(notes: list[ParsedNote]) -> None:
    resolutions = resolve_backrefs(notes)
    assert len(resolutions) == sum(1 for note in notes if note.backref is not None)
    for resolution in resolutions:
        assert isinstance(resolution, BackRefResolution)
        assert resolution.refers_to is None or resolution.refers_to < resolution.index
        assert (resolution.refers_to is None) == (resolution.problem is not None)


@settings(max_examples=50, deadline=None)
@given(st.lists(NOTE_TEXT, max_size=8))
def test_parsed_notes_resolve_without_raising(texts: list[str]) -> None:
    resolve_backrefs([parse_note(text) for text in texts])
