"""Verification accuracy on real pages, offline.

Builds a WARC from the labelled corpus and a citations file that cites each page correctly, with
typographic variants, and wrongly (another site's title, another page of the same site's title, the
date moved by a year, the date moved by 6 days); replays it through the real pipeline and reports,
per kind, the share of citations that end as they should; a last line sums up how the correct
citations end (verified, warning, failed: failing a correct citation is the worst mistake) and
how many wrong ones are caught.

Which labels a "correct" citation is built from (the corpus README, "How far to trust the
labels"): titles from any labelled set, authors only from human-labelled sets (see
`corpus_index.py`), and the date from htmldate's human annotation whenever htmldate labelled the
same URL, even in a capture of its own: the README says to prefer htmldate's date where it and
trafilatura disagree. Before this rule one trafilatura date with day and month swapped
(2023-05-06 for 2023-06-05) was cited as "correct" against a page that says 2023-06-05.

    python bench/verification.py ../shared/corpus [--out bench/out] [--limit N] [--misses KIND]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import tldextract
from ruamel.yaml import YAML
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citecheck.citations import load_citations
from citecheck.fetch.replay import WarcReplayFetcher
from citecheck.models import Status
from citecheck.pipeline import verify_citations
from citecheck.settings import Settings

from corpus_index import DEFAULT_CORPUS, SPLITS, CorpusPage, load_corpus, split_pages

_DOMAINS = tldextract.TLDExtract(suffix_list_urls=())

# kind -> the statuses that count as the right outcome
EXPECTED: dict[str, set[Status]] = {
    "correct": {Status.VERIFIED},
    "typographic": {Status.VERIFIED},
    "other_site_title": {Status.FAILED},
    "same_site_title": {Status.FAILED},
    "date_plus_year": {Status.FAILED},
    "date_plus_6_days": {Status.FAILED},
}


@dataclass
class Case:
    id: str
    kind: str
    page: CorpusPage
    title: str
    date: str | None


def domain(url: str) -> str:
    return str(_DOMAINS(url).top_domain_under_public_suffix or url)


_QUOTES_AND_DASHES = str.maketrans(
    {"'": "’", '"': "“", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}
)


def is_web_url(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def typographic_variant(title: str) -> str:
    """The same title as another typist writes it: quotes and dashes swapped, case changed."""
    swapped = title.translate(_QUOTES_AND_DASHES).replace(" - ", " – ")
    return swapped.lower().replace(" ", "  ", 1)


def shifted(date: str, days: int = 0, years: int = 0) -> str:
    day = dt.date.fromisoformat(date)
    try:
        day = day.replace(year=day.year + years)
    except ValueError:  # 29 February
        day = day.replace(year=day.year + years, day=28)
    return (day + dt.timedelta(days=days)).isoformat()


def prefer_htmldate_dates(pages: list[CorpusPage], every_page: list[CorpusPage]) -> int:
    """Give each page htmldate's date for its URL where htmldate has one; return how many changed.

    The corpus keeps each set's capture of a URL apart, so a trafilatura page does not see the
    htmldate label of the same URL unless both sets stored identical bytes.
    """
    htmldate = {p.url: p.date for p in every_page if p.url and p.date and p.date_from == "htmldate"}
    changed = 0
    for page in pages:
        better = htmldate.get(page.url)
        if better and page.date_from != "htmldate":
            changed += better != page.date
            page.date, page.date_from = better, "htmldate"
    return changed


def build_cases(pages: list[CorpusPage]) -> list[Case]:
    cases: list[Case] = []
    by_domain: dict[str, list[CorpusPage]] = defaultdict(list)
    for page in pages:
        assert page.url is not None
        by_domain[domain(page.url)].append(page)
    for n, page in enumerate(pages):
        assert page.title is not None and page.url is not None
        cases.append(Case(f"correct-{n}", "correct", page, page.title, page.date))
        cases.append(
            Case(f"typo-{n}", "typographic", page, typographic_variant(page.title), page.date)
        )
        other = pages[(n + len(pages) // 2) % len(pages)]
        if domain(other.url or "") != domain(page.url) and other.title:
            cases.append(Case(f"othersite-{n}", "other_site_title", page, other.title, None))
        siblings = [
            p for p in by_domain[domain(page.url)] if p is not page and p.title != page.title
        ]
        if siblings and siblings[0].title:
            cases.append(Case(f"samesite-{n}", "same_site_title", page, siblings[0].title, None))
        if page.date:
            cases.append(
                Case(f"year-{n}", "date_plus_year", page, page.title, shifted(page.date, years=1))
            )
            cases.append(
                Case(f"days-{n}", "date_plus_6_days", page, page.title, shifted(page.date, days=6))
            )
    return cases


def write_warc(pages: list[CorpusPage], path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        for page in pages:
            body = page.read_bytes()
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def write_citations(cases: list[Case], path: Path) -> None:
    entries = []
    for case in cases:
        entry: dict[str, object] = {"id": case.id, "title": case.title, "url": case.page.url}
        if case.date:
            entry["date"] = case.date
        if case.page.authors:
            entry["authors"] = case.page.authors
        entries.append(entry)
    yaml = YAML()
    yaml.width = 4096
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump({"citations": entries}, handle)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    parser.add_argument("--misses", default="", help="print the misses of this kind")
    parser.add_argument(
        "--split", choices=SPLITS, help="only one half of the corpus (fixed by file name)"
    )
    args = parser.parse_args()

    every_page = load_corpus(args.corpus)
    pages = [p for p in every_page if p.title and is_web_url(p.url)]
    pages = split_pages(pages, args.split, lambda page: page.html_path)
    dates_replaced = prefer_htmldate_dates(pages, every_page)
    if args.limit:
        pages = pages[: args.limit]
    args.out.mkdir(parents=True, exist_ok=True)
    warc, citations_path = args.out / "corpus.warc.gz", args.out / "citations.yaml"
    cases = build_cases(pages)
    write_warc(pages, warc)
    write_citations(cases, citations_path)

    started = time.perf_counter()
    fetcher = WarcReplayFetcher(warc)
    settings = Settings()
    settings.fetch.workers = 2
    report = verify_citations(load_citations(citations_path), fetcher, settings)
    elapsed = time.perf_counter() - started

    kinds = {case.id: case.kind for case in cases}
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    for result in report.results:
        kind = kinds[result.id]
        totals[kind] += 1
        outcomes[kind][result.status.value] += 1
        if result.status in EXPECTED[kind]:
            right[kind] += 1
        elif kind == args.misses:
            print(
                f"MISS {result.id} {result.status.value} {result.url}\n   "
                + "\n   ".join(result.reasons)
            )

    print(f"command: python {' '.join(sys.argv)}")
    print(f"pages: {len(pages)}  citations: {len(cases)}  replay+verify: {elapsed:.1f}s")
    print(f"date labels replaced by htmldate's for the same URL: {dates_replaced}")
    print(f"{'kind':<18} {'expected':<9} {'right':>7} {'share':>7}  outcomes")
    for kind, expected in EXPECTED.items():
        total = totals[kind]
        share = right[kind] / total if total else 0.0
        wanted = "/".join(sorted(s.value for s in expected))
        spread = ", ".join(f"{k} {v}" for k, v in outcomes[kind].most_common())
        print(f"{kind:<18} {wanted:<9} {right[kind]:>3}/{total:<3} {share:>7.1%}  {spread}")
    print(summary(totals, right, outcomes))
    return 0


def summary(totals: Counter[str], right: Counter[str], outcomes: dict[str, Counter[str]]) -> str:
    """The two figures to keep apart: how correct citations end (a `failed` one is the worst
    outcome: it sends the reader after a source that is fine) and how many wrong ones are caught."""
    good = [kind for kind, expected in EXPECTED.items() if Status.VERIFIED in expected]
    wrong = [kind for kind in EXPECTED if kind not in good]
    ended = {
        status: sum(outcomes[kind][status.value] for kind in good)
        for status in (Status.VERIFIED, Status.WARNING, Status.FAILED)
    }
    spread = ", ".join(f"{status.value} {count}" for status, count in ended.items())
    caught, total = sum(right[k] for k in wrong), sum(totals[k] for k in wrong)
    return (
        f"correct citations ({' + '.join(good)}): {spread} of {sum(totals[k] for k in good)}; "
        f"wrong citations caught ({', '.join(wrong)}): {caught}/{total}"
    )


if __name__ == "__main__":
    sys.exit(main())
