"""Read the labelled corpus (`../shared/corpus`): one entry per page, labels merged across sets.

Where htmldate and trafilatura label the same page, htmldate's date is kept (the corpus README
says it is the better date label); titles come from the sets that have them, authors only from
human-labelled sets.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SPLITS = ("even", "odd")
_Item = TypeVar("_Item")
LABELLED_KINDS = {"human_annotated_date", "human_annotated_metadata", "tool_expected_output"}


@dataclass
class CorpusPage:
    html_path: Path
    url: str | None
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD
    date_from: str | None = None  # the set the date label came from
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    sets: list[str] = field(default_factory=list)

    def read_bytes(self) -> bytes:
        return gzip.decompress(self.html_path.read_bytes())


def load_corpus(corpus_dir: Path) -> list[CorpusPage]:
    index = corpus_dir / "index.jsonl"
    if not index.is_file():
        raise SystemExit(f"{index}: not found (pass the corpus folder, e.g. ../shared/corpus)")
    pages: dict[str, CorpusPage] = {}
    with index.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("gt_kind") not in LABELLED_KINDS:
                continue
            page = pages.setdefault(
                row["html_path"],
                CorpusPage(html_path=corpus_dir / row["html_path"], url=row.get("url")),
            )
            _merge(page, row)
    return list(pages.values())


def _merge(page: CorpusPage, row: dict[str, object]) -> None:
    dataset = str(row["source_dataset"])
    page.sets.append(dataset)
    page.url = page.url or _text(row.get("url"))
    page.title = page.title or _text(row.get("title"))
    page.site_name = page.site_name or _text(row.get("site_name"))
    date = _text(row.get("date"))
    if date and (page.date is None or dataset == "htmldate"):
        page.date, page.date_from = date, dataset
    authors = row.get("authors")
    # Readability's author labels are what that tool's tests expect ("By X WebMD Health News"),
    # not names (corpus README), so citations built from them would test the labels, not us.
    trusted = row.get("gt_kind") != "tool_expected_output"
    if trusted and isinstance(authors, list) and authors and not page.authors:
        page.authors = [str(a) for a in authors if str(a).strip()]


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def in_split(html_path: str | Path, split: str | None) -> bool:
    """Whether a page belongs to half `split` ("even" or "odd"; None: every page). The half is
    fixed by a checksum of the page's file name, so adding pages never moves another one: a rule
    written while looking at one half is checked on the other."""
    if split is None:
        return True
    parity = zlib.crc32(Path(html_path).name.encode("utf-8")) % 2
    return parity == SPLITS.index(split)


def split_pages(
    pages: Sequence[_Item], split: str | None, path_of: Callable[[_Item], str | Path]
) -> list[_Item]:
    return [page for page in pages if in_split(path_of(page), split)]
