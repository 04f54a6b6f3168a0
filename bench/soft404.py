"""Soft 404s on real pages, live over loopback: flagged where they should be, never elsewhere.

Serves the labelled corpus pages at their own URLs (http) from one loopback server that every
request reaches as an HTTP proxy, and verifies, through the real pipeline and transport, four
kinds of citation of each page, in two webs side by side in one run:

- `honest`: a path the server does not know gets a real 404 (a not-found page);
- `soft`: it gets the same not-found page with 200, and `/moved-home/...` redirects to `/`.

Kinds: `correct` (the page's label title: should be verified, never a soft 404), `wrong_title`
(another site's title: failed, but not as a soft 404, since the page exists), `gone` (the page's
URL with `-gone` added: on the honest web a plain 404, on the soft web a soft 404), `to_home`
(soft web only: redirected to the home page, a soft 404).

    python bench/soft404.py ../shared/corpus [--limit N]
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citecheck.fetch.http import HttpFetcher
from citecheck.models import Article, Citation, CitationSet, Status
from citecheck.pipeline import verify_citations
from citecheck.settings import Settings

from corpus_index import DEFAULT_CORPUS, CorpusPage, load_corpus

NOT_FOUND = (
    "<!doctype html><html><head><title>{host}</title></head><body><nav>Home News Sport "
    "Business Opinion Culture</nav><h1>Sorry</h1><p>We could not find {path}. It may have "
    "moved or been deleted; try the search box or the front page.</p></body></html>"
)
HOME = (
    "<!doctype html><html><head><title>{host}: the latest news</title></head><body>"
    "<h1>Front page</h1><p>{stories}</p></body></html>"
)


class _Web(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, pages: dict[str, bytes], soft: bool) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.pages = pages
        self.soft = soft


class _Handler(BaseHTTPRequestHandler):
    server: _Web
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        url = self.path  # a proxy request carries the absolute URL
        parts = urlsplit(url)
        host, path = parts.netloc, parts.path or "/"
        body = self.server.pages.get(_key(url))
        if body is not None:
            self._send(200, body)
        elif path == "/":
            stories = " ".join(["Today's stories from around the country."] * 30)
            self._send(200, HOME.format(host=host, stories=stories).encode())
        elif self.server.soft and path.startswith("/moved-home/"):
            self._send(302, b"", {"Location": f"http://{host}/"})
        else:
            status = 200 if self.server.soft else 404
            self._send(status, NOT_FOUND.format(host=host, path=path).encode())

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def _key(url: str) -> str:
    """A page's URL as the server matches it: the host in ASCII (IDNA), the path and query
    unquoted (clients quote them their own way)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    with suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    return f"{host}{unquote(parts.path)}?{unquote(parts.query)}"


def as_http(url: str) -> str:
    return "http://" + url.split("://", 1)[1]


@contextmanager
def serving(pages: list[CorpusPage], soft: bool) -> Iterator[str]:
    web = _Web({_key(as_http(p.url or "")): p.read_bytes() for p in pages}, soft)
    thread = threading.Thread(target=web.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{web.server_address[1]}"
    finally:
        web.shutdown()
        web.server_close()


def citations(pages: list[CorpusPage], soft: bool) -> tuple[CitationSet, dict[str, str]]:
    cited: list[Citation] = []
    kinds: dict[str, str] = {}

    def add(kind: str, n: int, title: str, url: str) -> None:
        cited.append(Citation(id=f"{kind}-{n}", title=title, url=url))
        kinds[f"{kind}-{n}"] = kind

    for n, page in enumerate(pages):
        assert page.title is not None and page.url is not None
        url = as_http(page.url)
        other = pages[(n + len(pages) // 2) % len(pages)]
        add("correct", n, page.title, url)
        if other.title and urlsplit(other.url or "").netloc != urlsplit(url).netloc:
            add("wrong_title", n, other.title, url)
        parts = urlsplit(url)
        if parts.path.strip("/") and " " not in url:  # a front page cannot be gone from itself
            add("gone", n, page.title, f"http://{parts.netloc}{parts.path.rstrip('/')}-gone")
            if soft:
                add("to_home", n, page.title, f"http://{parts.netloc}/moved-home/{n}")
    return CitationSet(path="bench", article=Article(), citations=cited), kinds


def run(
    pages: list[CorpusPage], soft: bool, show_misses: bool = False
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per kind: citations, those that ended as they should, those called a soft 404."""
    cited, kinds = citations(pages, soft)
    settings = Settings()
    fetch = settings.fetch
    fetch.cache_dir = None
    fetch.allow_private = True
    fetch.host_interval = 0.0
    fetch.workers = 8
    fetch.per_host = 8
    fetch.connectivity_probes = ()
    with serving(pages, soft) as proxy:
        os.environ.update({"HTTP_PROXY": proxy, "http_proxy": proxy})
        os.environ.pop("NO_PROXY", None)
        os.environ.pop("no_proxy", None)
        with HttpFetcher(fetch) as fetcher:
            report = verify_citations(cited, fetcher, settings)
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    soft_404: Counter[str] = Counter()
    for result in report.results:
        kind = kinds[result.id]
        totals[kind] += 1
        said_soft = any(reason.startswith("soft 404:") for reason in result.reasons)
        soft_404[kind] += said_soft
        if kind == "correct":
            right[kind] += result.status is Status.VERIFIED
        elif kind == "wrong_title" or (kind == "gone" and not soft):
            # The page is there (or honestly 404): failed, and never called a soft 404.
            right[kind] += result.status is Status.FAILED and not said_soft
        else:
            right[kind] += result.status is Status.FAILED and said_soft
        if show_misses and said_soft != (kind in ("gone", "to_home") and soft):
            print(f"MISS {'soft' if soft else 'honest'} {result.id} {result.url}")
            print(f"   {result.status.value}: {result.reasons[0] if result.reasons else ''}")
    return totals, right, soft_404


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    parser.add_argument("--misses", action="store_true", help="print each wrong soft-404 call")
    args = parser.parse_args()
    pages = [p for p in load_corpus(args.corpus) if p.title and p.url and "://" in p.url]
    if args.limit:
        pages = pages[: args.limit]
    print(f"command: python {' '.join(sys.argv)}")
    print(f"pages: {len(pages)}")
    print(f"{'web':<7} {'kind':<12} {'right':>9} {'share':>7} {'soft 404':>9}  time")
    for soft in (False, True):
        started = time.perf_counter()
        totals, right, soft_404 = run(pages, soft, args.misses)
        elapsed = time.perf_counter() - started
        web = "soft" if soft else "honest"
        for kind in totals:
            share = right[kind] / totals[kind]
            print(
                f"{web:<7} {kind:<12} {right[kind]:>4}/{totals[kind]:<4} {share:>7.1%} "
                f"{soft_404[kind]:>9}  {elapsed:.1f}s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
