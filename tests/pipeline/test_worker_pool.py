"""Judging in worker processes gives exactly what judging in the calling process gives, and
keeps the metadata it extracted where the next run finds it.

Pages go to the workers as body bytes only; the workers decode them, so these tests cover pages
whose decoding takes each rule of `citecheck.fetch.decode`.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from citecheck.extract import metadata_from_fetch
from citecheck.extract.metadata_cache import CachedExtraction
from citecheck.fetch.decode import decode_text
from citecheck.models import (
    Citation,
    FetchError,
    FetchErrorKind,
    FetchResult,
    Found,
    PageKind,
    PageMetadata,
    Status,
)
from citecheck.partial_date import PartialDate
from citecheck.settings import MatchSettings
from citecheck.worker_pool import (
    WORTH_IT_FROM_PAGES,
    InProcessJudge,
    PoolSetup,
    WorkerDied,
    WorkerPool,
    as_sent_to_a_worker,
    judge_for,
    worth_a_process_pool,
)

from ..conftest import PdfMaker

TITLE = "Caf\u00e9 owners \u201cdelighted\u201d by canal ruling \u2014 The Daily"
PAGE = f"""<!doctype html><html><head>{{meta}}<title>{TITLE}</title>
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2016-04-07T09:00:00+05:00">
<meta name="author" content="Imtiaz Ali"></head>
<body><article><h1>Caf\u00e9 owners \u201cdelighted\u201d by canal ruling</h1>
<p>Words about the canal, at some length, na\u00efvely or not.</p></article></body></html>"""


def fetched(body: bytes, content_type: str) -> FetchResult:
    """A page as the fetcher hands it on: the body and the text it decoded from it."""
    headers = {"content-type": content_type} if content_type else {}
    text, encoding = decode_text(body, headers.get("content-type"))
    return FetchResult(
        requested_url="https://daily.example/canal",
        final_url="https://daily.example/canal",
        status=200,
        headers=headers,
        body=body,
        text=text,
        encoding=encoding,
    )


ENCODED_PAGES = {
    "utf-8 from the header": fetched(PAGE.format(meta="").encode(), "text/html; charset=utf-8"),
    "windows-1252 from the meta tag": fetched(
        PAGE.format(meta='<meta charset="windows-1252">').encode("cp1252"), "text/html"
    ),
    "header charset over a wrong meta": fetched(
        PAGE.format(meta='<meta charset="utf-8">').encode("cp1252"),
        "text/html; charset=windows-1252",
    ),
    "utf-8 byte-order mark": fetched(
        codecs.BOM_UTF8 + PAGE.format(meta="").encode(), "text/html; charset=iso-8859-1"
    ),
    "no content type: sniffed": fetched(PAGE.format(meta='<meta charset="utf-8">').encode(), ""),
    "octet-stream: sniffed": fetched(
        PAGE.format(meta='<meta charset="utf-8">').encode(), "application/octet-stream"
    ),
}


CITED = Citation(
    id="n1",
    title="Caf\u00e9 owners \u201cdelighted\u201d by canal ruling",
    publisher="The Daily",
    date=PartialDate.parse("2016-04-07"),
    authors=["Imtiaz Ali"],
)
LOCALLY = InProcessJudge(PoolSetup(MatchSettings()))


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    judging = WorkerPool(PoolSetup(MatchSettings()), processes=2)
    yield judging
    judging.close()


@pytest.mark.parametrize("case", list(ENCODED_PAGES))
def test_worker_processes_judge_as_the_calling_process_does(pool: WorkerPool, case: str) -> None:
    page = ENCODED_PAGES[case]
    in_worker = pool(CITED, page)
    assert in_worker == LOCALLY(CITED, page)
    # The fixture's page says what the citation says, so every rule of decoding must hold.
    assert in_worker.status is Status.VERIFIED, in_worker.reasons


def test_a_pdf_goes_whole_and_stays_not_html(pool: WorkerPool, make_pdf: PdfMaker) -> None:
    pdf = fetched(
        make_pdf([(11, "Running text.")], info={"Title": "Canal report"}), "application/pdf"
    )
    assert pdf.text is None
    assert pool(CITED, pdf) == LOCALLY(CITED, pdf)
    assert metadata_from_fetch(pdf).kind is PageKind.NOT_HTML


def test_a_text_without_its_body_still_reaches_the_worker(pool: WorkerPool) -> None:
    text_only = FetchResult(
        requested_url="https://daily.example/canal",
        status=200,
        headers={"content-type": "text/html"},
        text=PAGE.format(meta=""),
    )
    result = pool(CITED, text_only)
    assert result.status is Status.VERIFIED, result.reasons


def test_the_workers_keep_metadata_for_the_next_run(tmp_path: Path) -> None:
    setup = PoolSetup(MatchSettings(), metadata_dir=tmp_path / "metadata")
    page = dataclasses.replace(ENCODED_PAGES["utf-8 from the header"], body_sha1=None)
    judging = WorkerPool(setup, processes=1)
    judging(CITED, page)
    judging.close()

    kept_metadata = CachedExtraction(tmp_path / "metadata")
    assert kept_metadata.stored(page) == metadata_from_fetch(page)
    kept_metadata.close()


def test_kept_metadata_is_judged_without_extracting_again(tmp_path: Path) -> None:
    page = ENCODED_PAGES["utf-8 from the header"]
    # Keep metadata that differs from the page's, so that the verdict shows which was read.
    kept = PageMetadata(url=page.final_url or "", titles=[Found("Canal ruling appealed", "kept")])
    CachedExtraction(tmp_path / "metadata", extract=lambda _: kept)(page)
    setup = PoolSetup(MatchSettings(), metadata_dir=tmp_path / "metadata")

    judging = WorkerPool(setup, processes=1)
    from_kept = judging(CITED, page)
    judging.close()
    refreshing = WorkerPool(dataclasses.replace(setup, refresh=True), processes=1)
    from_page = refreshing(CITED, page)
    refreshing.close()

    assert from_kept.status is Status.FAILED  # judged against the kept title
    assert from_page.status is Status.VERIFIED  # a refresh extracts the page again


def test_a_page_crosses_as_its_bytes_without_the_decoded_text() -> None:
    page = ENCODED_PAGES["windows-1252 from the meta tag"]
    assert page.text is not None
    sent = as_sent_to_a_worker(page)
    assert sent.text is None
    assert sent.encoding is None
    assert sent.body == page.body
    assert sent.headers == page.headers
    assert (sent.final_url, sent.status) == (page.final_url, page.status)
    assert page.text is not None  # the caller's copy keeps its text


def test_nothing_to_drop_sends_the_result_as_it_is() -> None:
    pdf = fetched(b"%PDF-1.4\n", "application/pdf")
    assert as_sent_to_a_worker(pdf) is pdf
    text_only = FetchResult(requested_url="https://daily.example/", text="<title>x</title>")
    assert as_sent_to_a_worker(text_only) is text_only


def test_a_pool_only_for_long_runs_on_several_cores() -> None:
    assert not worth_a_process_pool(WORTH_IT_FROM_PAGES - 1, cpus=8)
    assert worth_a_process_pool(WORTH_IT_FROM_PAGES, cpus=2)
    assert not worth_a_process_pool(10_000, cpus=1)


DEADLY_MARK = b"<!-- this page kills its worker -->"


def extract_or_die(result: FetchResult) -> PageMetadata:
    """An extractor that kills its process on a marked page, as a crash in a parser would."""
    if DEADLY_MARK in result.body:
        os._exit(3)
    return metadata_from_fetch(result)


def test_a_page_that_kills_its_worker_is_reported_and_the_pool_recovers() -> None:
    page = ENCODED_PAGES["utf-8 from the header"]
    deadly = dataclasses.replace(page, body=page.body + DEADLY_MARK)
    judging = WorkerPool(PoolSetup(MatchSettings(), extractor=extract_or_die), processes=1)
    try:
        with pytest.raises(WorkerDied):
            judging(CITED, deadly)
        after = judging(CITED, page)
    finally:
        judging.close()
    assert after.status is Status.VERIFIED, after.reasons


class ExtractionBroke(Exception):
    """An exception that does not unpickle (its __init__ takes other arguments than it
    passes on), as many library exceptions do."""

    def __init__(self, page: str, why: str) -> None:
        super().__init__(f"{why} on {page}")


def extract_or_raise(result: FetchResult) -> PageMetadata:
    raise ExtractionBroke(result.requested_url, "the parser gave up")


def test_an_exception_raised_while_judging_reaches_the_caller_named() -> None:
    page = ENCODED_PAGES["utf-8 from the header"]
    judging = WorkerPool(PoolSetup(MatchSettings(), extractor=extract_or_raise), processes=1)
    said: list[str] = []
    try:
        for _ in range(2):  # the worker that raised is still there for the next page
            with pytest.raises(Exception) as raised:
                judging(CITED, page)
            said.append(f"{type(raised.value).__name__}: {raised.value}")
    finally:
        judging.close()
    # What a run reports of a page it failed to judge: the error's name and its words.
    expected = f"the parser gave up on {page.requested_url}"
    assert len(said) == 2
    assert all("ExtractionBroke" in line and expected in line for line in said), said


def test_a_long_run_gets_worker_processes_that_answer() -> None:
    warnings: list[str] = []
    judging = judge_for(
        PoolSetup(MatchSettings()), WORTH_IT_FROM_PAGES, warnings.append, processes=2
    )
    try:
        assert isinstance(judging, WorkerPool)
        page = ENCODED_PAGES["utf-8 from the header"]
        assert judging(CITED, page).status is Status.VERIFIED
    finally:
        judging.close()
    assert warnings == []


def test_a_short_run_is_judged_here() -> None:
    warnings: list[str] = []
    judging = judge_for(
        PoolSetup(MatchSettings()), WORTH_IT_FROM_PAGES - 1, warnings.append, processes=2
    )
    assert isinstance(judging, InProcessJudge)
    assert warnings == []


def test_workers_that_cannot_be_reached_leave_the_run_to_this_process() -> None:
    # A lambda cannot be pickled, so the setup cannot cross to a spawned worker, as happens
    # where a process cannot be started or reached at all.
    setup = PoolSetup(MatchSettings(), extractor=lambda page: metadata_from_fetch(page))
    warnings: list[str] = []

    judging = judge_for(setup, WORTH_IT_FROM_PAGES, warnings.append, processes=2)
    try:
        page = ENCODED_PAGES["utf-8 from the header"]
        first = judging(CITED, page)  # waits for the start, which fails: judged here
        second = judging(CITED, page)
    finally:
        judging.close()

    assert first.status is Status.VERIFIED, first.reasons
    assert second.status is Status.VERIFIED, second.reasons
    assert len(warnings) == 1
    assert warnings[0].startswith("worker processes are unavailable (")
    assert warnings[0].endswith("); judging pages in this process instead")


def test_a_page_with_nothing_to_read_is_judged_without_waiting_for_the_workers() -> None:
    # The setup cannot cross to a worker, so a page sent there would make the start fail and
    # be warned about: a fetch error and an empty body are judged without them.
    setup = PoolSetup(MatchSettings(), extractor=lambda page: metadata_from_fetch(page))
    warnings: list[str] = []
    judging = WorkerPool(setup, processes=1, warn=warnings.append)  # not started
    try:
        failed = FetchResult(
            CITED.url or "",
            error=FetchError(FetchErrorKind.REFUSED, "connection refused"),
        )
        empty = FetchResult(CITED.url or "", final_url=CITED.url, status=200, body=b"")
        refused = judging(CITED, failed)
        nothing = judging(CITED, empty)
        assert refused.status is Status.FAILED
        assert "refused" in " ".join(refused.reasons)
        assert nothing.status is not Status.VERIFIED
    finally:
        judging.close()
    assert warnings == []


@pytest.mark.parametrize("where", ["worker", "here"])
def test_a_page_that_did_not_match_comes_back_with_its_text_for_the_second_looks(
    pool: WorkerPool, where: str
) -> None:
    page = ENCODED_PAGES["utf-8 from the header"]
    judging = pool if where == "worker" else LOCALLY
    elsewhere = dataclasses.replace(
        CITED, url=page.requested_url, title="Harbour board approves the new ferry timetable"
    )
    matched = dataclasses.replace(CITED, url=page.requested_url)

    missed = judging(elsewhere, page)
    found = judging(matched, page)

    assert missed.status in (Status.FAILED, Status.WARNING), missed.reasons
    assert missed.page_text is not None
    assert missed.page_text.title.startswith("Caf\u00e9 owners \u201cdelighted\u201d by canal")
    assert "Words about the canal, at some length" in missed.page_text.text
    assert found.status is Status.VERIFIED, found.reasons
    assert found.page_text is None


def _descendants(pid: int) -> set[int]:
    """The processes below `pid`, as Linux lists them."""
    found: set[int] = set()
    for listed in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in (int(p) for p in listed.read_text().split()):
            found |= {child, *_descendants(child)}
    return found


LINUX_PROC = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc")


@LINUX_PROC
def test_closing_the_pool_ends_its_workers() -> None:
    before = _descendants(os.getpid())
    judging = WorkerPool(PoolSetup(MatchSettings()), processes=2)
    page = ENCODED_PAGES["utf-8 from the header"]
    assert judging(CITED, page).status is Status.VERIFIED
    assert _descendants(os.getpid()) - before  # the workers run
    judging.close()
    assert _descendants(os.getpid()) - before == set()


@LINUX_PROC
def test_a_run_whose_last_pool_closed_has_no_process_left(tmp_path: Path) -> None:
    # In a process of its own, whose only pool this is: the server the workers were forked
    # from is stopped (and waited for) with them.
    script = (
        "import os, pathlib\n"
        "from citecheck.models import Citation, FetchResult\n"
        "from citecheck.settings import MatchSettings\n"
        "from citecheck.worker_pool import PoolSetup, WorkerPool\n"
        "page = FetchResult('https://daily.example/a', final_url='https://daily.example/a',\n"
        "    status=200, headers={'content-type': 'text/html'},\n"
        "    body=b'<html><head><title>Canal ruling</title></head><body>x</body></html>')\n"
        "pool = WorkerPool(PoolSetup(MatchSettings()), processes=2)\n"
        "print(pool(Citation(id='n1', title='Canal ruling'), page).status)\n"
        "pool.close()\n"
        "tasks = pathlib.Path(f'/proc/{os.getpid()}/task')\n"
        "pids = [p for t in tasks.glob('*/children') for p in t.read_text().split()]\n"
        "commands = [pathlib.Path(f'/proc/{p}/cmdline').read_bytes() for p in pids]\n"
        "print(sum(b'resource_tracker' not in c for c in commands))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    status, children = run.stdout.splitlines()  # children: those not the resource tracker
    assert status == "verified"
    # multiprocessing's resource tracker stays until this process ends, whatever the start
    # method: it is no worker and holds no page.
    assert children == "0"


def test_readying_judging_imports_no_extraction_code_until_a_page_is_extracted(
    tmp_path: Path,
) -> None:
    # The process handing pages to the workers only reads kept metadata: setting judging up
    # there (before its first fetch) must not wait for lxml and the extractors to import.
    script = (
        "import sys, pathlib\n"
        "from citecheck.models import Citation, FetchResult\n"
        "from citecheck.settings import MatchSettings\n"
        "from citecheck.worker_pool import InProcessJudge, PoolSetup\n"
        "setup = PoolSetup(MatchSettings(), metadata_dir=pathlib.Path(sys.argv[1]))\n"
        "judging = InProcessJudge(setup)\n"
        "page = FetchResult('https://daily.example/a', final_url='https://daily.example/a',\n"
        "    status=200, headers={'content-type': 'text/html'},\n"
        "    body=b'<html><head><title>Canal ruling</title></head><body>x</body></html>')\n"
        "print(judging.kept_metadata(page), 'lxml' in sys.modules)\n"
        "print(judging(Citation(id='n1', title='Canal ruling'), page).status)\n"
        "print(judging.kept_metadata(page) is not None, 'lxml' in sys.modules)\n"
        "judging.close()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "metadata")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["None False", "verified", "True True"]


def test_extraction_keeps_the_parsed_page_only_when_asked() -> None:
    # A caller collecting results (a bench, a library user) must not hold every parse tree.
    page = ENCODED_PAGES["utf-8 from the header"]
    assert metadata_from_fetch(page).text_of is None
    kept = metadata_from_fetch(page, keep_text=True).text_of
    assert kept is not None
    assert kept(200).text.startswith("Caf\u00e9 owners \u201cdelighted\u201d by canal ruling")
