"""Benchmark citecheck's extractor against htmldate and trafilatura on the labelled corpus.

    python bench/extraction.py [CORPUS_DIR] [--split even|odd] [--limit N] [--json OUT] [--misses N]

For every labelled page of CORPUS_DIR/index.jsonl, the three tools run in the same process on
the same decoded text and URL. Reported per tool: the share of dated pages whose date is right
to the day; date precision, recall and F1 as htmldate's evaluation counts them (a wrong date is
a false positive, no date a false negative); the share of titled pages whose title scores >= 90
(rapidfuzz ratio on case-folded, NFKC-normalised text); the share of labelled authors whose
surname is found; and pages per second. Exits non-zero when citecheck's extractor raises.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import shlex
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citecheck.extract import extract_metadata
from citecheck.fetch.decode import decode_body

from corpus_index import SPLITS, split_pages

TITLE_PASS = 90.0
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
# Which set's label wins when several sets label one page (the corpus README: htmldate's date).
DATE_LABEL_ORDER = ("htmldate", "trafilatura", "readability")
TEXT_LABEL_ORDER = ("trafilatura", "readability")


@dataclass
class LabelledPage:
    html_path: str
    url: str | None = None
    date: str | None = None
    date_set: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass
class Extracted:
    date: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    detail: str = ""  # where ours found its values, for --misses


@dataclass
class ToolScore:
    tool: str
    pages: int = 0
    seconds: float = 0.0
    errors: int = 0
    dated: int = 0
    date_tp: int = 0
    date_fp: int = 0
    date_fn: int = 0
    titled: int = 0
    title_ok: int = 0
    surnames: int = 0
    surnames_found: int = 0
    date_by_set: dict[str, list[int]] = field(default_factory=dict)  # set -> [tp, n]

    def row(self) -> dict[str, float | int | str]:
        precision = _ratio(self.date_tp, self.date_tp + self.date_fp)
        recall = _ratio(self.date_tp, self.date_tp + self.date_fn)
        f1 = _ratio(2 * precision * recall, precision + recall)
        return {
            "tool": self.tool,
            "date_exact": _ratio(self.date_tp, self.dated),
            "date_precision": precision,
            "date_recall": recall,
            "date_f1": f1,
            "title_ok": _ratio(self.title_ok, self.titled),
            "author_surname_recall": _ratio(self.surnames_found, self.surnames),
            "pages_per_second": _ratio(self.pages, self.seconds),
            "errors": self.errors,
        }


Extractor = Callable[[str, str | None], Extracted]


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    logging.disable(logging.CRITICAL)  # htmldate and trafilatura log every miss
    corpus = Path(args.corpus_dir)
    index = corpus / "index.jsonl"
    if not index.is_file():
        print(f"error: {index} not found", file=sys.stderr)
        return 2
    pages = split_pages(load_labelled_pages(index), args.split, lambda page: page.html_path)
    if args.limit:
        pages = pages[: args.limit]
    tools = _tools(args.tools.split(","))
    scores = {name: ToolScore(name) for name in tools}
    misses: list[str] = []
    broken: list[str] = []
    results: list[dict[str, Any]] = []
    for page in pages:
        html = _read_page(corpus / page.html_path)
        row: dict[str, Any] = {"page": page.html_path, "label": asdict(page)}
        for name, extractor in tools.items():
            started = time.perf_counter()
            try:
                found = extractor(html, page.url)
            except Exception as error:  # a bench must survive any tool's failure on a page
                scores[name].errors += 1
                if name == "citecheck":
                    broken.append(f"{page.html_path}: {type(error).__name__}: {error}")
                found = Extracted()
            scores[name].seconds += time.perf_counter() - started
            _score(scores[name], page, found)
            row[name] = asdict(found)
            if name == "citecheck":
                misses.extend(_describe_misses(page, found))
        results.append(row)
    _print_table(list(scores.values()), len(pages))
    print(f"command: {shlex.join([sys.executable, *sys.argv])}")
    if args.misses:
        print(f"\nsample of citecheck's misses ({min(args.misses, len(misses))} of {len(misses)}):")
        for line in misses[: args.misses]:
            print(line)
    if args.json:
        summary = {
            "command": shlex.join(sys.argv),
            "pages": len(pages),
            "scores": [score.row() for score in scores.values()],
            "results": results,
        }
        Path(args.json).write_text(json.dumps(summary, ensure_ascii=False, indent=1), "utf-8")
    for line in broken:
        print(f"citecheck broke on {line}", file=sys.stderr)
    return 1 if broken else 0


def load_labelled_pages(index: Path) -> list[LabelledPage]:
    """One entry per page with at least one label, labels merged across sets."""
    rows_by_page: dict[str, list[dict[str, Any]]] = {}
    with index.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                rows_by_page.setdefault(row["html_path"], []).append(row)
    pages: list[LabelledPage] = []
    for html_path, rows in sorted(rows_by_page.items()):
        by_set = {row["source_dataset"]: row for row in rows}
        page = LabelledPage(html_path, url=next((r["url"] for r in rows if r.get("url")), None))
        for name in DATE_LABEL_ORDER:
            if name in by_set and by_set[name].get("date"):
                page.date, page.date_set = by_set[name]["date"], name
                break
        for name in TEXT_LABEL_ORDER:
            if name in by_set and by_set[name].get("title") and page.title is None:
                page.title = by_set[name]["title"]
            if name in by_set and by_set[name].get("authors") and not page.authors:
                page.authors = [a for a in by_set[name]["authors"] if a and a.strip()]
        if page.date or page.title or page.authors:
            pages.append(page)
    return pages


def run_citecheck(html: str, url: str | None) -> Extracted:
    metadata = extract_metadata(html, url)
    date = metadata.date
    title = metadata.title
    return Extracted(
        date=date.value.isoformat() if date else None,
        title=title.value if title else None,
        authors=[author.value for author in metadata.authors],
        detail=(
            f"date<-{date.source if date else '-'} title<-{title.source if title else '-'} "
            f"kind={metadata.kind.value}"
        ),
    )


def run_htmldate(html: str, url: str | None) -> Extracted:
    from htmldate import find_date

    return Extracted(date=find_date(html, original_date=True, url=url))


def run_trafilatura(html: str, url: str | None) -> Extracted:
    from trafilatura import extract_metadata as trafilatura_metadata

    document = trafilatura_metadata(html, default_url=url)
    authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
    return Extracted(date=document.date, title=document.title, authors=authors)


def normalise_title(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def surname(name: str) -> str:
    words = [word.strip(".,;:()") for word in normalise_title(name).split()]
    words = [word for word in words if word]
    return words[-1] if words else ""


def _tools(names: list[str]) -> dict[str, Extractor]:
    available: dict[str, Extractor] = {
        "citecheck": run_citecheck,
        "htmldate": run_htmldate,
        "trafilatura": run_trafilatura,
    }
    unknown = [name for name in names if name not in available]
    if unknown:
        raise SystemExit(f"error: unknown tool(s): {', '.join(unknown)}")
    return {name: available[name] for name in names}


def _score(score: ToolScore, page: LabelledPage, found: Extracted) -> None:
    score.pages += 1
    if page.date:
        score.dated += 1
        per_set = score.date_by_set.setdefault(page.date_set or "?", [0, 0])
        per_set[1] += 1
        if found.date == page.date:
            score.date_tp += 1
            per_set[0] += 1
        elif found.date:
            score.date_fp += 1
        else:
            score.date_fn += 1
    if page.title:
        score.titled += 1
        if found.title and _title_score(page.title, found.title) >= TITLE_PASS:
            score.title_ok += 1
    if page.authors:
        found_words = set(normalise_title(" ".join(found.authors)).replace(",", " ").split())
        for author in page.authors:
            name = surname(author)
            if name:
                score.surnames += 1
                score.surnames_found += name in found_words


def _title_score(label: str, found: str) -> float:
    return float(fuzz.ratio(normalise_title(label), normalise_title(found)))


def _describe_misses(page: LabelledPage, found: Extracted) -> list[str]:
    where = f"{page.url + ' ' if page.url else ''}[{page.html_path}] {found.detail}"
    misses: list[str] = []
    if page.date and found.date != page.date:
        misses.append(f"DATE   want {page.date} ({page.date_set}) got {found.date}  {where}")
    if page.title and (not found.title or _title_score(page.title, found.title) < TITLE_PASS):
        misses.append(f"TITLE  want {page.title!r} got {found.title!r}  {where}")
    if page.authors:
        found_words = set(normalise_title(" ".join(found.authors)).split())
        if any(surname(author) not in found_words for author in page.authors):
            misses.append(f"AUTHOR want {page.authors} got {found.authors}  {where}")
    return misses


def _print_table(scores: list[ToolScore], pages: int) -> None:
    if not scores:
        return
    first = scores[0]
    print(
        f"{pages} labelled pages: {first.dated} with a date, {first.titled} with a title, "
        f"{first.surnames} author surnames"
    )
    headers = ("tool", "date exact", "date P", "date R", "date F1", "title>=90", "author R")
    print(f"{headers[0]:<12}" + "".join(f"{h:>11}" for h in headers[1:]) + f"{'pages/s':>10}")
    for score in scores:
        row = score.row()
        cells: list[float | int | str | None] = [
            row["date_exact"],
            row["date_precision"],
            row["date_recall"],
            row["date_f1"],
            row["title_ok"],
            row["author_surname_recall"],
        ]
        if score.tool == "htmldate":  # it finds dates only: no title or author figure
            cells[4:] = [None, None]
        print(
            f"{score.tool:<12}"
            + "".join(f"{'-':>11}" if cell is None else f"{float(cell):>11.3f}" for cell in cells)
            + f"{float(row['pages_per_second']):>10.1f}"
            + (f"  ({score.errors} errors)" if score.errors else "")
        )
    print("date exact by label set:")
    for score in scores:
        parts = [
            f"{name} {tp}/{n} = {_ratio(tp, n):.3f}"
            for name, (tp, n) in sorted(score.date_by_set.items())
        ]
        print(f"  {score.tool:<12}" + "   ".join(parts))


def _read_page(path: Path) -> str:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    text, _ = decode_body(raw)
    return text


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus_dir", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, default=0, help="only the first N labelled pages")
    parser.add_argument(
        "--split", choices=SPLITS, help="only one half of the corpus (fixed by file name)"
    )
    parser.add_argument("--json", metavar="OUT", help="write scores and every result here")
    parser.add_argument("--misses", type=int, default=0, help="print N of citecheck's misses")
    parser.add_argument(
        "--tools",
        default="citecheck,htmldate,trafilatura",
        help="comma-separated: citecheck, htmldate, trafilatura",
    )
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
