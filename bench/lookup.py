"""Lookup accuracy on real pages: dead links on a site, found again through its sitemaps.

The labelled corpus pages that have a title and an address are spread over a few made-up news
sites (`siteNN.citecheck-bench.test`, a few dozen pages each, every page at its original path),
served through the loopback web of serve_corpus.py. Each site gets a robots.txt naming its
sitemap index, one sitemap per month of publication (`/sitemaps/article-archive/2016/08.xml`,
from the page's date label) and one for undated pages. Each page is then cited with its labelled
title, date and authors, but with its URL replaced by a dead one on the same site, and looked up
with the publisher-site source; every candidate checked is fetched and verified by the real
pipeline. Two sitemap flavours are measured side by side: with `news:title` on every entry, and
URLs only (slugs and dates are all lookup has to go on).

Figures: the share of citations whose right URL is the top candidate (aim >= 0.90), and the
share for which a wrong URL is proposed as passing (aim <= 0.01).

    python bench/lookup.py ../shared/corpus [--sites 8] [--limit N] [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citecheck.fetch.http import HttpFetcher
from citecheck.lookup.runner import make_finder
from citecheck.models import Citation
from citecheck.partial_date import PartialDate
from citecheck.settings import Settings
from serve_corpus import File, LoopbackWeb, host_name, proxy_environment

from corpus_index import DEFAULT_CORPUS, CorpusPage, load_corpus

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass
class Case:
    page: CorpusPage
    host: str
    path: str  # with query

    @property
    def url(self) -> str:
        return f"http://{self.host}{self.path}"

    def citation(self) -> Citation:
        dead = hashlib.sha1(self.path.encode()).hexdigest()[:12]
        return Citation(
            id=dead,
            title=self.page.title,
            authors=list(self.page.authors),
            publisher=self.page.site_name,
            date=PartialDate.parse(self.page.date) if self.page.date else None,
            url=f"http://{self.host}/archive/{dead}.html",  # never served: 404
        )


def cases_from(pages: list[CorpusPage], sites: int) -> list[Case]:
    cases: list[Case] = []
    taken: set[tuple[str, str]] = set()
    for page in pages:
        if not page.title or not page.url:
            continue
        parts = urlsplit(page.url)
        original_host = (parts.hostname or "").lower()
        if original_host == "web.archive.org":
            continue  # an archive's address, not a publisher's
        number = int(hashlib.sha1(original_host.encode()).hexdigest(), 16) % sites + 1
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        host = host_name(number)
        if (host, path) in taken or path == "/":
            continue  # a site's home page is no article to cite
        taken.add((host, path))
        cases.append(Case(page, host, path))
    return cases


def site_files(cases: list[Case], news_titles: bool) -> dict[tuple[str, str], File]:
    files: dict[tuple[str, str], File] = {}
    by_host: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_host[case.host].append(case)
        files[(case.host, case.path)] = File("text/html", case.page.read_bytes())
    for host, hosted in by_host.items():
        base = f"http://{host}"
        files[(host, "/robots.txt")] = File(
            "text/plain",
            f"User-agent: *\nDisallow: /admin/\nSitemap: {base}/sitemap_index.xml\n".encode(),
        )
        by_month: dict[str, list[Case]] = defaultdict(list)
        for case in hosted:
            by_month[case.page.date[:7].replace("-", "/") if case.page.date else "undated"].append(
                case
            )
        children = []
        for month, listed in sorted(by_month.items()):
            path = f"/sitemaps/article-archive/{month}.xml"
            if month == "undated":
                path = "/sitemaps/pages.xml"
            children.append(f"<sitemap><loc>{escape(base + path)}</loc></sitemap>")
            files[(host, path)] = File("application/xml", urlset(listed, news_titles).encode())
        files[(host, "/sitemap_index.xml")] = File(
            "application/xml",
            (
                f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="{SITEMAP_NS}">'
                + "".join(children)
                + "</sitemapindex>"
            ).encode(),
        )
    return files


def urlset(cases: list[Case], news_titles: bool) -> str:
    entries = []
    for case in cases:
        lastmod = f"<lastmod>{case.page.date}</lastmod>" if case.page.date else ""
        news = ""
        if news_titles:
            published = (
                f"<news:publication_date>{case.page.date}</news:publication_date>"
                if case.page.date
                else ""
            )
            news = (
                "<news:news><news:publication><news:name>Bench</news:name>"
                "<news:language>en</news:language></news:publication>"
                f"{published}<news:title>{escape(case.page.title or '')}</news:title></news:news>"
            )
        entries.append(f"<url><loc>{escape(case.url)}</loc>{lastmod}{news}</url>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}" '
        f'xmlns:news="{NEWS_NS}">{"".join(entries)}</urlset>'
    )


@dataclass
class Figures:
    cases: int = 0
    right_on_top: int = 0
    wrong_passing: int = 0
    nothing_passing: int = 0
    requests: int = 0
    most_requests: int = 0
    seconds: float = 0.0

    def line(self, name: str) -> str:
        n = max(1, self.cases)
        return (
            f"{name:<22} {self.cases:>5}  right URL on top {self.right_on_top / n:6.3f}  "
            f"wrong URL passing {self.wrong_passing / n:6.3f}  none passing "
            f"{self.nothing_passing / n:6.3f}  requests/citation {self.requests / n:4.1f} "
            f"(max {self.most_requests})  {self.seconds:6.1f} s"
        )


def measure(cases: list[Case], news_titles: bool, misses: bool, cache_dir: Path) -> Figures:
    figures = Figures()
    settings = Settings()
    settings.fetch.allow_private = True  # the proxy is on 127.0.0.1
    settings.fetch.host_interval = 0.0
    settings.fetch.connectivity_probes = ()
    settings.fetch.cache_dir = cache_dir
    settings.lookup.crossref = False  # the loopback web has no Crossref, no Wayback Machine
    settings.lookup.wayback_cdx = False
    started = time.monotonic()
    with LoopbackWeb({}, delay=0.0, files=site_files(cases, news_titles)) as web:
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update(proxy_environment(saved, web.proxy_url))
        try:
            with HttpFetcher(settings.fetch) as fetcher:
                finder = make_finder(settings, fetcher)
                for case in cases:
                    found = finder.find(case.citation())
                    figures.cases += 1
                    figures.requests += found.requests
                    figures.most_requests = max(figures.most_requests, found.requests)
                    top = found.candidates[0].url if found.candidates else None
                    best = found.best
                    figures.right_on_top += top == case.url
                    figures.wrong_passing += best is not None and best.candidate.url != case.url
                    figures.nothing_passing += best is None
                    if misses and top != case.url:
                        dated = "dated" if case.page.date else "undated"
                        print(f"  miss ({dated}): {case.page.title!r} {case.url} -> top {top}")
        finally:
            os.environ.clear()
            os.environ.update(saved)
    figures.seconds = time.monotonic() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--sites", type=int, default=8, help="made-up sites to spread pages over")
    parser.add_argument("--limit", type=int, help="look up only the first N citations")
    parser.add_argument("--out", type=Path, default=Path("bench/out"), help="scratch folder")
    parser.add_argument("--misses", action="store_true", help="print every citation missed")
    args = parser.parse_args()
    cases = cases_from(load_corpus(args.corpus), args.sites)
    if args.limit:
        cases = cases[: args.limit]
    hosts = len({c.host for c in cases})
    print(f"{len(cases)} citations with dead URLs on {hosts} sites")
    print(f"command: python {' '.join(sys.argv)}")
    for news_titles in (True, False):
        name = "with news:title" if news_titles else "URLs only"
        stamp = hashlib.sha1(f"{time.time()}{name}".encode()).hexdigest()[:8]
        figures = measure(cases, news_titles, args.misses, args.out / f"lookup-cache-{stamp}")
        print(figures.line(name))


if __name__ == "__main__":
    main()
