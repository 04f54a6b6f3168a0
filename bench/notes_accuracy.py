"""Measure the note parser against labelled footnote strings.

    python bench/notes_accuracy.py [LABELLED_JSONL] [--json OUT] [--misses FIELD] [--limit N]
                                   [--split even|odd] [--source PREFIX]

Every row of LABELLED_JSONL (default ../shared/notes/labelled.jsonl, next to the repository) is
parsed with `parse_note`. Scoring is lenient: values are compared after case-folding and removing
everything but letters and digits (punctuation, spaces, the italics tags some labels keep) and a
bracketed medium ("[Online]", "[Internet]", "[en ligne]": how the work was read, not its name).
Per field:
a predicted value equal to the label is a true positive; a prediction where the label is null a
false positive; no prediction where a label exists a false negative; a wrong value counts as both.

- title, container, publisher, url, doi: as above. A DOI label is read as the bare DOI it names
  ("doi:10.1000/xyz" is "10.1000/xyz"), and where a row labels no DOI but its URL label is a
  resolver address ("http://dx.doi.org/10.1000/xyz", as AnyStyle tags DOIs), the DOI in that
  address is the expected DOI: the parser gives both the address and its DOI. About a quarter
  of the AnyStyle URL labels are not addresses ("URL:", "http://www", a URL cut at a line
  break), so `url*` also scores URL only on the rows whose label is a whole address.
- date: the date as written (`date_text`) against the label's date string, leniently.
  `year` reports, besides, whether the parsed year equals the label's `year`.
- authors: the set of normalised names, scored name by name (precision/recall/F1), and the share
  of notes whose whole list is right. AnyStyle rows label one string per tagged span rather than
  per person, so there the whole list is compared as one joined string (and "and", "&", "et al."
  are dropped on both sides).
- whole note right: title, container, date, url, doi and authors all right in one note.
- back references: rows sharing `doc_id` run in `note_number` order through `resolve_backrefs`;
  a labelled back reference is right when it resolves to the labelled note. References whose
  target row is absent from the file are left out of that share (and counted).

`--split even|odd` keeps only the rows whose id hashes (CRC-32) to an even or odd number, so rules
can be tuned on one half and checked on the other. Rows of one document hash their `doc_id`
instead, so a document stays whole and its back references keep their targets.

`--source PREFIX` keeps only the rows whose `source` starts with PREFIX (`anystyle` for the
academic reference lists, `zotero-chicago-synth` for the Chicago notes), so one collection's
figures and misses can be read apart; without it, a table per collection follows the overall one.

`--long-notes BYTES[,BYTES...]` also times the parser on long notes: every row's text is repeated
up to each size (a whole reference list pasted as one note, say) and parsed once; the median and
the slowest time per size show whether parsing stays linear as notes grow.

Prints the command line with the figures; --json writes them; --misses FIELD lists the misses of
one field (title, container, publisher, date, url, doi, authors, backref).
Exits 1 if parsing raises.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import sys
import time
import traceback
import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from citecheck.doi import normalise_doi
from citecheck.footnotes.backrefs import resolve_backrefs
from citecheck.footnotes.note.parser import ParsedNote, parse_note

DEFAULT_LABELLED = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "notes" / "labelled.jsonl"
)
SCALAR_FIELDS = ("title", "container", "publisher", "date", "url", "doi")
WHOLE_NOTE_FIELDS = ("title", "container", "date", "url", "doi", "authors")
_MARKUP = re.compile(r"</?(?:i|em|italic|b|sup|sub)>", re.IGNORECASE)  # labels keep some tags
# The medium after a title or journal ("Chreods [Online]", "Title [Internet]") says how it was
# read, not what it is called; 2 of the 33 AnyStyle labels with one keep it, so neither side's
# copy of it counts.
_MEDIUM = re.compile(r"\[\s*(?:online|internet|en\s+ligne|electronic\s+resource)\s*\]", re.I)
_ADDRESS = re.compile(r"^(?:https?://|www\.)[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$", re.IGNORECASE)
_CONNECTIVES = re.compile(r"\b(?:and|et al|et)\b|&", re.IGNORECASE)


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def add(self, predicted: str | None, expected: str | None) -> bool:
        """Count one comparison; True when it is right (including both empty)."""
        if predicted and expected:
            if predicted == expected:
                self.true_positive += 1
                return True
            self.false_positive += 1
            self.false_negative += 1
            return False
        if predicted:
            self.false_positive += 1
            return False
        if expected:
            self.false_negative += 1
            return False
        return True

    def figures(self) -> dict[str, float]:
        tp, fp, fn = self.true_positive, self.false_positive, self.false_negative
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


@dataclass
class Scores:
    fields: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    notes: int = 0
    whole_right: int = 0
    author_lists_right: int = 0
    year_labelled: int = 0
    year_right: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "notes": self.notes,
            "fields": {name: tally.figures() for name, tally in sorted(self.fields.items())},
            "author_list_exact": self.author_lists_right / self.notes if self.notes else 0.0,
            "whole_note_right": self.whole_right / self.notes if self.notes else 0.0,
            "year_right": self.year_right / self.year_labelled if self.year_labelled else 0.0,
        }


@dataclass
class BackrefScore:
    labelled: int = 0
    right: int = 0
    target_missing: int = 0
    predicted_on_full_notes: int = 0  # back references claimed for notes labelled as full
    misses: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "labelled": self.labelled,
            "right": self.right,
            "share_right": self.right / self.labelled if self.labelled else 0.0,
            "target_missing_from_file": self.target_missing,
            "claimed_on_full_notes": self.predicted_on_full_notes,
        }


def lenient(value: str | None) -> str | None:
    if value is None:
        return None
    folded = unicodedata.normalize("NFKC", _MEDIUM.sub("", _MARKUP.sub("", value))).casefold()
    kept = "".join(char for char in folded if char.isalnum())
    return kept or None


def author_items(names: list[str] | None, *, as_spans: bool) -> set[str]:
    names = [name for name in names or [] if name]
    if as_spans:
        joined = lenient(_CONNECTIVES.sub(" ", " ".join(names)))
        return {joined} if joined else set()
    return {key for key in (lenient(_CONNECTIVES.sub(" ", name)) for name in names) if key}


def _is_address(label: object) -> bool:
    """A URL label that is a whole address: a scheme or www, a dotted host, no trailing cut."""
    if not isinstance(label, str):
        return False
    return bool(_ADDRESS.match(label)) and not label.endswith(("/", ".", "-"))


def expected_value(row: dict[str, Any], name: str) -> str | None:
    """The labelled value of a field; a DOI as the bare DOI its label (or resolver URL) names."""
    value = row.get(name)
    if name != "doi":
        return value if isinstance(value, str) else None
    if isinstance(value, str):
        return normalise_doi(value) or value
    url = row.get("url")
    return normalise_doi(url) if isinstance(url, str) else None


def predicted_value(note: ParsedNote, name: str) -> str | None:
    if name == "date":
        return note.date_text
    value = getattr(note, name)
    return value if isinstance(value, str) else None


def score_row(
    row: dict[str, Any], note: ParsedNote, scores: Scores, misses: dict[str, list[str]]
) -> None:
    scores.notes += 1
    right: dict[str, bool] = {}
    for name in SCALAR_FIELDS:
        predicted = lenient(predicted_value(note, name))
        expected = lenient(expected_value(row, name))
        right[name] = scores.fields[name].add(predicted, expected)
        if not right[name]:
            misses[name].append(
                _miss_line(row, predicted_value(note, name), expected_value(row, name))
            )
    if _is_address(row.get("url")):
        scores.fields["url*"].add(lenient(note.url), lenient(row.get("url")))

    as_spans = str(row.get("source", "")).startswith("anystyle")
    predicted_authors = author_items(note.authors, as_spans=as_spans)
    expected_authors = author_items(row.get("authors"), as_spans=as_spans)
    tally = scores.fields["authors"]
    tally.true_positive += len(predicted_authors & expected_authors)
    tally.false_positive += len(predicted_authors - expected_authors)
    tally.false_negative += len(expected_authors - predicted_authors)
    right["authors"] = predicted_authors == expected_authors
    if right["authors"]:
        scores.author_lists_right += 1
    else:
        misses["authors"].append(_miss_line(row, note.authors, row.get("authors")))

    if row.get("year") is not None:
        scores.year_labelled += 1
        if note.date is not None and note.date.year == row["year"]:
            scores.year_right += 1
    if all(right[name] for name in WHOLE_NOTE_FIELDS):
        scores.whole_right += 1


def score_backrefs(rows: list[dict[str, Any]], notes: dict[str, ParsedNote]) -> BackrefScore:
    score = BackrefScore()
    documents: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.get("doc_id") is not None:
            documents[(str(row.get("source")), str(row["doc_id"]))].append(row)
    known_ids = {row["id"] for row in rows}
    for document_rows in documents.values():
        document_rows.sort(key=lambda row: row.get("note_number") or 0)
        parsed = [notes[row["id"]] for row in document_rows]
        by_index = {resolution.index: resolution for resolution in resolve_backrefs(parsed)}
        for position, row in enumerate(document_rows):
            label = row.get("backref")
            if not label:
                if position in by_index:
                    score.predicted_on_full_notes += 1
                continue
            if label.get("refers_to") not in known_ids:
                score.target_missing += 1
                continue
            score.labelled += 1
            resolution = by_index.get(position)
            target = resolution.refers_to if resolution else None
            if target is not None and document_rows[target]["id"] == label["refers_to"]:
                score.right += 1
            else:
                got = document_rows[target]["id"] if target is not None else None
                problem = resolution.problem if resolution else "not seen as a back reference"
                score.misses.append(
                    f"{row['id']}: {row['text']!r} -> {got} (want {label['refers_to']}; {problem})"
                )
    return score


def in_split(row: dict[str, Any], split: str | None) -> bool:
    """Whether a row belongs to the chosen half: CRC-32 of its document's id (else its own id),
    stable across runs unlike `hash`."""
    if split is None:
        return True
    key = row.get("doc_id") if row.get("doc_id") is not None else row.get("id", "")
    parity = zlib.crc32(f"{row.get('source')}/{key}".encode()) % 2
    return parity == (0 if split == "even" else 1)


def _time_long_notes(rows: list[dict[str, Any]], size: int) -> list[float]:
    times: list[float] = []
    for row in rows:
        text = str(row["text"])
        long_text = (text + " ") * (size // (len(text) + 1) + 1)
        started = time.perf_counter()
        parse_note(long_text[:size])
        times.append(time.perf_counter() - started)
    return times


def _miss_line(row: dict[str, Any], predicted: object, expected: object) -> str:
    return f"{row['id']}: {row['text']!r}\n    got  {predicted!r}\n    want {expected!r}"


def _print_table(title: str, summary: dict[str, Any]) -> None:
    print(f"\n{title} ({summary['notes']} notes)")
    print(f"  {'field':<10} {'precision':>9} {'recall':>7} {'F1':>6}")
    for name, figures in summary["fields"].items():
        precision, recall, f1 = figures["precision"], figures["recall"], figures["f1"]
        print(f"  {name:<10} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f}")
    print(f"  author lists exactly right: {summary['author_list_exact']:.3f}")
    print(f"  parsed year = labelled year: {summary['year_right']:.3f}")
    print(f"  whole note right ({', '.join(WHOLE_NOTE_FIELDS)}): {summary['whole_note_right']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("labelled", nargs="?", type=Path, default=DEFAULT_LABELLED)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--misses", help="list the misses of this field")
    parser.add_argument("--limit", type=int, default=0, help="show at most N misses (0: all)")
    parser.add_argument(
        "--split", choices=("even", "odd"), help="score only rows whose id hash is even or odd"
    )
    parser.add_argument(
        "--source", help="score only rows whose source starts with PREFIX (e.g. anystyle)"
    )
    parser.add_argument(
        "--long-notes",
        help="also time parsing of every row repeated to these sizes in bytes (e.g. 15000,60000)",
    )
    args = parser.parse_args(argv)

    try:
        rows = [
            json.loads(line)
            for line in args.labelled.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    except (OSError, ValueError) as error:
        print(f"cannot read {args.labelled}: {error}", file=sys.stderr)
        return 1
    rows = [
        row
        for row in rows
        if in_split(row, args.split) and str(row.get("source", "")).startswith(args.source or "")
    ]

    notes: dict[str, ParsedNote] = {}
    overall = Scores()
    by_source: dict[str, Scores] = defaultdict(Scores)
    misses: dict[str, list[str]] = defaultdict(list)
    try:
        for row in rows:
            note = parse_note(row["text"])
            notes[row["id"]] = note
            score_row(row, note, overall, misses)
            score_row(
                row, note, by_source[str(row.get("source", "")).split("/")[0]], defaultdict(list)
            )
        backrefs = score_backrefs(rows, notes)
    except Exception:  # the bench must say loudly that the parser broke, then fail
        traceback.print_exc()
        return 1

    command = " ".join(
        shlex.quote(part)
        for part in [
            "python",
            "bench/notes_accuracy.py",
            *(argv if argv is not None else sys.argv[1:]),
        ]
    )
    print(f"$ {command}")
    summary = overall.summary()
    _print_table("all rows", summary)
    for source, scores in sorted(by_source.items()):
        _print_table(f"source {source}", scores.summary())
    backref_summary = backrefs.summary()
    print(
        f"\nback references resolved to the right note: {backref_summary['share_right']:.3f} "
        f"({backrefs.right}/{backrefs.labelled}; "
        f"{backrefs.target_missing} left out, target not in file; "
        f"{backrefs.predicted_on_full_notes} claimed on full notes)"
    )

    if args.long_notes:
        for size in (int(part) for part in args.long_notes.split(",")):
            times = _time_long_notes(rows, size)
            print(
                f"\nnotes repeated to {size} bytes ({len(times)}): median "
                f"{statistics.median(times):.3f} s, slowest {max(times):.3f} s"
            )

    if args.misses:
        lines = backrefs.misses if args.misses == "backref" else misses.get(args.misses, [])
        shown = lines[: args.limit] if args.limit else lines
        print(f"\n{len(lines)} misses on {args.misses}:")
        for line in shown:
            print(line)
    if args.json:
        report = {
            "command": command,
            "all": summary,
            "by_source": {source: scores.summary() for source, scores in by_source.items()},
            "backrefs": backref_summary,
        }
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
