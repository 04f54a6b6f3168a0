"""What the note-list finders return: the notes as written and where the article cites them."""

from __future__ import annotations

from dataclasses import dataclass, field

from citecheck.models import Article


@dataclass
class RawNote:
    """One entry of the note list: its marker, its text, and the addresses it links to."""

    id: str  # the marker as written: "iv", "4", "a"
    text: str  # one line, marker and back-links removed
    links: list[str] = field(default_factory=list)  # http(s) hrefs inside the note, in order


@dataclass(frozen=True)
class Citing:
    """One marker in the article's text and the sentence around it, marker removed."""

    note_id: str
    sentence: str


@dataclass
class ArticleNotes:
    article: Article
    notes: list[RawNote]
    citings: list[Citing]  # every marker of the text, in reading order

    def context_of(self, note_id: str) -> str | None:
        """The first sentence that cites the note."""
        for citing in self.citings:
            if citing.note_id == note_id and citing.sentence:
                return citing.sentence
        return None

    def markers_without_notes(self) -> list[str]:
        note_ids = {note.id for note in self.notes}
        missing = (citing.note_id for citing in self.citings if citing.note_id not in note_ids)
        return list(dict.fromkeys(missing))

    def notes_without_markers(self) -> list[str]:
        cited = {citing.note_id for citing in self.citings}
        return [note.id for note in self.notes if note.id not in cited]
