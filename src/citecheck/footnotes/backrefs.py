"""Tie each short form ('Parvez.', 'Parvez, “The Islamic State,” 4.', 'Ibid.') to the earlier full
note it stands for. What cannot be tied is reported with the reason, never guessed.

- "Ibid." / "Id.": the note just before, or, when that is itself a short form, the full note it
  stands for.
- A surname with a short title: the latest earlier full note whose title starts with (or closely
  matches) the short title, preferring one by that author.
- A surname alone: the earlier full note by that author. Chicago allows the bare surname only when
  one work by the author is cited, so several different works by the author leave it unresolved.
- A short title alone: the latest earlier full note with that title.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.footnotes.note.authors import surname_of
from citecheck.footnotes.note.parser import ParsedNote

TITLE_MATCH = 88.0  # rapidfuzz score for a short title against the start of a full title


@dataclass
class BackRefResolution:
    index: int  # position of the short-form note in the list
    refers_to: int | None  # index of the earlier full note it points at, None if unresolved
    locator: str | None
    problem: str | None  # why it could not be resolved (reported, never guessed)


def resolve_backrefs(notes: list[ParsedNote]) -> list[BackRefResolution]:
    """One resolution per note whose `backref` is set, in list order."""
    resolutions: list[BackRefResolution] = []
    resolved_target: dict[int, int | None] = {}
    for index, note in enumerate(notes):
        backref = note.backref
        if backref is None:
            continue
        if backref.kind == "ibid":
            resolution = _resolve_ibid(index, notes, resolved_target)
        else:
            resolution = _resolve_short(index, notes)
        resolution.locator = backref.locator
        resolved_target[index] = resolution.refers_to
        resolutions.append(resolution)
    return resolutions


def _resolve_ibid(
    index: int, notes: list[ParsedNote], resolved_target: dict[int, int | None]
) -> BackRefResolution:
    if index == 0:
        return BackRefResolution(
            index, None, None, "“Ibid.” in the first note has nothing before it"
        )
    previous = index - 1
    if notes[previous].backref is None:
        return BackRefResolution(index, previous, None, None)
    target = resolved_target.get(previous)
    if target is None:
        return BackRefResolution(
            index, None, None, f"“Ibid.” follows note {previous + 1}, which is itself unresolved"
        )
    return BackRefResolution(index, target, None, None)


def _resolve_short(index: int, notes: list[ParsedNote]) -> BackRefResolution:
    note = notes[index]
    backref = note.backref
    assert backref is not None
    surnames = [normalise(surname_of(name)) for name in note.authors if name.strip()]
    if not surnames and backref.surname:
        surnames = [normalise(backref.surname)]
    short_title = normalise(backref.short_title or "")
    earlier = [
        (position, notes[position]) for position in range(index) if notes[position].backref is None
    ]
    label = _describe(note, backref.surname, backref.short_title)
    if not earlier:
        return BackRefResolution(index, None, None, f"{label}: no earlier full note to refer to")

    by_author = [(position, full) for position, full in earlier if _has_authors(full, surnames)]
    if short_title:
        return _resolve_by_title(index, label, short_title, earlier, by_author, bool(surnames))
    if not surnames:
        return BackRefResolution(
            index, None, None, f"{label}: neither an author nor a title to match"
        )
    works = _distinct_works(by_author)
    if not works:
        return BackRefResolution(index, None, None, f"{label}: no earlier note by this author")
    if len(works) > 1:
        numbers = ", ".join(str(position + 1) for position in sorted(works.values()))
        return BackRefResolution(
            index,
            None,
            None,
            f"{label}: the author has {len(works)} earlier works (notes {numbers}); "
            "a short title is needed to tell which",
        )
    return BackRefResolution(index, by_author[-1][0], None, None)


def _resolve_by_title(
    index: int,
    label: str,
    short_title: str,
    earlier: list[tuple[int, ParsedNote]],
    by_author: list[tuple[int, ParsedNote]],
    has_author: bool,
) -> BackRefResolution:
    by_title = [(position, full) for position, full in earlier if _title_matches(short_title, full)]
    if by_title:
        agreeing = [item for item in by_title if item in by_author]
        if agreeing:
            return BackRefResolution(index, agreeing[-1][0], None, None)
        # The author may be written differently in the full note; one work is still unambiguous.
        if not has_author or len(_distinct_works(by_title)) == 1:
            return BackRefResolution(index, by_title[-1][0], None, None)
        return BackRefResolution(
            index,
            None,
            None,
            f"{label}: several earlier notes have this title, none by this author",
        )
    works = _distinct_works(by_author)
    if len(works) == 1:
        # The short title is abbreviated past recognition, but the author has one work only.
        return BackRefResolution(index, by_author[-1][0], None, None)
    if not works:
        return BackRefResolution(index, None, None, f"{label}: no earlier note has this title")
    return BackRefResolution(
        index, None, None, f"{label}: the title matches none of {len(works)} works by this author"
    )


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing folded away, for comparing names and titles."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^\w]+", " ", kept).strip()


def _has_authors(full: ParsedNote, surnames: list[str]) -> bool:
    if not surnames:
        return False
    names = [normalise(name) for name in full.authors]
    return bool(names) and all(_name_matches(surname, names) for surname in surnames)


def _name_matches(surname: str, names: list[str]) -> bool:
    for name in names:
        if (
            name == surname
            or name.endswith(" " + surname)
            or normalise(surname_of(name)) == surname
        ):
            return True
        if " " not in name and name.startswith(surname):  # 史 in 史大臻: family name written first
            return True
        if name.startswith(surname + " "):  # family name first, as in East Asian order
            return True
    return False


def _title_matches(short_title: str, full: ParsedNote) -> bool:
    if not full.title:
        return False
    title = normalise(full.title)
    if not title:
        return False
    if title.startswith(short_title) or short_title.startswith(title):
        return True
    head = title[: len(short_title) + 8]
    return max(fuzz.ratio(short_title, head), fuzz.partial_ratio(short_title, title)) >= TITLE_MATCH


def _distinct_works(candidates: list[tuple[int, ParsedNote]]) -> dict[str, int]:
    """Different titles among the candidates, each with its latest position."""
    works: dict[str, int] = {}
    for position, full in candidates:
        works[normalise(full.title or full.container or full.text)] = position
    return works


def _describe(note: ParsedNote, surname: str | None, short_title: str | None) -> str:
    text = note.text.strip()
    return f"“{text[:60]}”" if text else f"short form {surname or short_title or ''}".strip()
