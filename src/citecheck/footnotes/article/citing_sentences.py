"""The sentence of the article that cites a note, with the marker taken out.

A paragraph arrives as segments: text, and a `MarkerRef` wherever a marker stood. Markers are
dropped (with the space before them), the text is split into sentences, and each marker gets the
sentence holding the character just before it: `attacks.[i] In` cites "... attacks." and
`efforts,[iv] but` cites the whole sentence around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MarkerRef:
    note_id: str


Segment = str | MarkerRef

# Characters that only get in the way of matching text: soft hyphens, zero-width spaces, BOMs.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Control characters (C0, DEL, C1) and non-characters: never text, and not allowed in YAML.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s)")
_SENTENCE_START = re.compile(r"\s+[\"“‘'«(\[]?[A-Z0-9\u00c0-\u00de]")
_LAST_WORD = re.compile(r"(\S+)$")
# Words that end in a full stop without ending the sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "gov", "sen", "rep", "col", "lt",
    "capt", "sgt", "rev", "hon", "vs", "etc", "e.g", "i.e", "cf", "al", "no", "nos", "vol", "pp",
    "p", "ed", "eds", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "inc", "ltd", "co", "corp", "approx", "ca", "op", "cit", "ibid",
}  # fmt: skip
_LONGEST_WORD = 40  # characters looked back at for the word before a full stop
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Za-z]$")


def clean_text(text: str) -> str:
    """One line of text: invisible characters gone, every run of white space one space."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", text.translate(_INVISIBLE)))


def citing_sentences(paragraph: Iterable[Segment]) -> list[tuple[str, str]]:
    """(note id, citing sentence) for each marker of the paragraph, in reading order."""
    text, offsets = _without_markers(paragraph)
    if not offsets:
        return []
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    found: list[tuple[str, str]] = []
    for note_id, offset in offsets:
        anchor = max(offset - 1, 0)
        start, end = spans[max(bisect.bisect_right(starts, anchor) - 1, 0)]
        found.append((note_id, text[start:end].strip()))
    return found


def _without_markers(paragraph: Iterable[Segment]) -> tuple[str, list[tuple[str, int]]]:
    built: list[str] = []
    length = 0
    offsets: list[tuple[str, int]] = []
    space_removed = False
    for segment in paragraph:
        if isinstance(segment, MarkerRef):
            # The space before a marker goes with it: "attacks [4]." reads "attacks."
            while built and built[-1].endswith(" "):
                trimmed = built[-1].rstrip(" ")
                length -= len(built[-1]) - len(trimmed)
                space_removed = True
                if trimmed:
                    built[-1] = trimmed
                    break
                built.pop()
            offsets.append((segment.note_id, length))
            continue
        piece = clean_text(segment)
        if not piece:
            continue
        if space_removed and not piece[0].isspace() and (piece[0].isalnum() or piece[0] in '“‘"('):
            piece = " " + piece
        space_removed = False
        built.append(piece)
        length += len(piece)
    return "".join(built), offsets


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each sentence of `text`, covering it from end to end."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end_match in _SENTENCE_END.finditer(text):
        end = end_match.end()
        if not _SENTENCE_START.match(text, end) or _is_abbreviation(text, end_match.start()):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return [span for span in spans if text[span[0] : span[1]].strip()] or [(0, len(text))]


def _is_abbreviation(text: str, stop_at: int) -> bool:
    if text[stop_at] != ".":
        return False
    word = _LAST_WORD.search(text, max(0, stop_at - _LONGEST_WORD), stop_at)
    if word is None:
        return False
    bare = word.group(1).lstrip("(“\"‘'[")
    return bare.lower() in _ABBREVIATIONS or bool(_INITIALS.match(bare))


def paragraph_text(paragraph: Sequence[Segment]) -> str:
    """The paragraph's text with its markers dropped (used where no marker is wanted)."""
    return _without_markers(paragraph)[0].strip()
