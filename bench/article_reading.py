"""Speed of reading an article's notes from HTML: the corpus pages read as articles.

    python bench/article_reading.py CORPUS [--limit 200] [--passes 3]

Each page of the labelled corpus (CORPUS/index.jsonl, pages decoded the way citecheck decodes
them, sorted by file name, the first --limit) is handed to the footnote reader as an HTML article
(`find_article_notes(text, ArticleFormat.HTML, url)`, what `citecheck extract` does with an HTML
file). Printed, with the command: ms/page of the whole reader (the best of --passes timed
passes), the same for parsing the page into a tree alone, how many pages gave a note list and
how many notes, and a digest of everything read (article, notes, links, citing sentences), so
that two runs of the same command, before and after a change, show whether the reader's answers
changed as well as its speed. Exits 1 when the reader raises on a page.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citecheck.extract.html_tree import parse_html
from citecheck.fetch.decode import decode_body
from citecheck.footnotes.article.notes import ArticleNotes
from citecheck.footnotes.article.reader import ArticleFormat, find_article_notes

from corpus_index import load_corpus

Page = tuple[str, str | None]  # decoded text, URL


def load_pages(corpus_dir: Path, limit: int | None) -> list[Page]:
    pages = sorted(load_corpus(corpus_dir), key=lambda page: page.html_path.name)
    if limit is not None:
        pages = pages[:limit]
    return [(decode_body(page.read_bytes())[0], page.url) for page in pages]


def best_seconds(
    pages: list[Page], passes: int, read: Callable[[str, str | None], object]
) -> float:
    best = float("inf")
    for _ in range(passes):
        started = time.perf_counter()
        for text, url in pages:
            read(text, url)
        best = min(best, time.perf_counter() - started)
    return best


def read_notes(text: str, url: str | None) -> ArticleNotes | None:
    return find_article_notes(text, ArticleFormat.HTML, url)


def answers(pages: list[Page]) -> tuple[int, int, str]:
    """Pages with a note list, notes in all, and a digest of everything the reader found."""
    digest = hashlib.sha256()
    with_notes = notes = 0
    for text, url in pages:
        found = read_notes(text, url)
        digest.update(json.dumps(asdict(found) if found else None, sort_keys=True).encode())
        if found is not None and found.notes:
            with_notes += 1
            notes += len(found.notes)
    return with_notes, notes, digest.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the corpus folder (with index.jsonl)")
    parser.add_argument("--limit", type=int, default=200, help="the first N pages (default 200)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes; the best counts")
    args = parser.parse_args(argv)
    if args.passes < 1 or args.limit < 1:
        parser.error("--passes and --limit must be at least 1")
    pages = load_pages(args.corpus, args.limit)
    size = sum(len(text.encode("utf-8")) for text, _ in pages) / len(pages) / 1000
    try:
        with_notes, notes, digest = answers(pages)  # also warms up imports and caches
    except Exception:
        traceback.print_exc()
        return 1
    reader = best_seconds(pages, args.passes, read_notes)
    tree = best_seconds(pages, args.passes, lambda text, url: parse_html(text))
    command = shlex.join(["python", "bench/article_reading.py", *(argv or sys.argv[1:])])
    print(f"$ {command}")
    print(f"{len(pages)} pages, {size:.0f} kB of UTF-8 each on average; best of {args.passes}")
    per_page = 1000 / len(pages)
    print(f"  footnote reader (find_article_notes, HTML): {reader * per_page:6.1f} ms/page")
    print(f"  lxml tree alone (html_tree.parse_html):     {tree * per_page:6.1f} ms/page")
    print(f"  pages with a note list: {with_notes}; notes: {notes}; answers digest: {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
