"""WarcReplayFetcher: recorded responses from WARC files the tests write with warcio."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from citecheck.errors import InputError
from citecheck.fetch.replay import WarcReplayFetcher
from citecheck.models import FetchErrorKind, Hop

STORY = (
    b"<!doctype html><html><head><title>Harbour expansion approved</title></head>"
    b"<body><p>The council voted 7-2 on Tuesday.</p></body></html>"
)
CAPTURED_AT = "2024-04-18T09:15:02Z"


class WarcBuilder:
    """Writes response, revisit and redirect records the way a crawler would."""

    def __init__(self, path: Path, compress: bool = True) -> None:
        self.path = path
        self._file = path.open("wb")
        self._writer = WARCWriter(self._file, gzip=compress, warc_version="1.1")

    def response(
        self,
        uri: str,
        body: bytes,
        status: str = "200 OK",
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        http_headers = StatusAndHeaders(
            status,
            headers if headers is not None else [("Content-Type", "text/html; charset=utf-8")],
            protocol="HTTP/1.1",
        )
        record = self._writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": CAPTURED_AT},
        )
        self._writer.write_record(record)

    def redirect(self, uri: str, location: str, status: str = "301 Moved Permanently") -> None:
        self.response(uri, b"", status=status, headers=[("Location", location)])

    def revisit(self, uri: str, refers_to: str) -> None:
        http_headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = self._writer.create_revisit_record(
            uri, "sha1:UNUSEDDIGEST", refers_to, CAPTURED_AT, http_headers=http_headers
        )
        self._writer.write_record(record)

    def close(self) -> Path:
        self._file.close()
        return self.path


@pytest.fixture
def warc(tmp_path: Path) -> WarcBuilder:
    return WarcBuilder(tmp_path / "capture.warc.gz")


def test_recorded_page_is_replayed(warc: WarcBuilder) -> None:
    warc.response("https://news.example.org/2024/04/harbour", STORY)
    fetcher = WarcReplayFetcher(warc.close())
    result = fetcher.fetch("https://news.example.org/2024/04/harbour")
    assert result.error is None
    assert result.status == 200
    assert result.body == STORY
    assert result.text == STORY.decode()
    assert result.headers["content-type"] == "text/html; charset=utf-8"
    assert result.final_url == "https://news.example.org/2024/04/harbour"
    assert result.redirects == []
    assert result.fetched_at == dt.datetime(2024, 4, 18, 9, 15, 2, tzinfo=dt.UTC)


def test_recorded_redirects_are_followed(warc: WarcBuilder) -> None:
    warc.redirect("http://news.example.org/harbour", "https://news.example.org/harbour")
    warc.redirect("https://news.example.org/harbour", "/2024/04/harbour", "302 Found")
    warc.response("https://news.example.org/2024/04/harbour", STORY)
    result = WarcReplayFetcher(warc.close()).fetch("http://news.example.org/harbour")
    assert result.status == 200
    assert result.body == STORY
    assert result.redirects == [
        Hop("http://news.example.org/harbour", 301),
        Hop("https://news.example.org/harbour", 302),
    ]
    assert result.final_url == "https://news.example.org/2024/04/harbour"


def test_chunked_gzip_record_is_decoded(warc: WarcBuilder) -> None:
    compressed = gzip.compress(STORY)
    middle = len(compressed) // 2
    chunked = b"".join(
        [
            b"%x\r\n" % middle,
            compressed[:middle],
            b"\r\n",
            b"%x\r\n" % (len(compressed) - middle),
            compressed[middle:],
            b"\r\n0\r\n\r\n",
        ]
    )
    warc.response(
        "https://news.example.org/zipped",
        chunked,
        headers=[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
        ],
    )
    result = WarcReplayFetcher(warc.close()).fetch("https://news.example.org/zipped")
    assert result.body == STORY
    assert result.text == STORY.decode()


def test_missing_url_is_not_in_archive_and_no_request_is_made(
    warc: WarcBuilder, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/live").respond_with_data("live page")
    warc.response("https://news.example.org/2024/04/harbour", STORY)
    result = WarcReplayFetcher(warc.close()).fetch(httpserver.url_for("/live"))
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.NOT_IN_ARCHIVE
    assert result.error.message == "not in archive"
    assert len(httpserver.log) == 0


@pytest.mark.parametrize(
    "asked",
    [
        "https://www.example.org/story/",  # exactly as recorded
        "https://www.example.org/story/#comments",  # fragment
        "HTTPS://WWW.EXAMPLE.ORG:443/story/",  # case and default port
        "https://www.example.org/story",  # trailing slash
        "http://www.example.org/story/",  # scheme
        "https://example.org/story/",  # www.
        "http://example.org/story",  # all three
    ],
)
def test_trivial_url_differences_are_tolerated(warc: WarcBuilder, asked: str) -> None:
    warc.response("https://www.example.org/story/", STORY)
    result = WarcReplayFetcher(warc.close()).fetch(asked)
    assert result.error is None
    assert result.body == STORY
    assert result.requested_url == asked


def test_urls_typed_unencoded_find_their_percent_encoded_records(warc: WarcBuilder) -> None:
    warc.response("https://de.example.org/wiki/M%C3%BCller_(Politiker)", STORY)
    warc.response("https://xn--mnchen-3ya.example/news%20archive/7", STORY)
    fetcher = WarcReplayFetcher(warc.close())
    assert fetcher.fetch("https://de.example.org/wiki/M\u00fcller_(Politiker)").body == STORY
    assert fetcher.fetch("https://m\u00fcnchen.example/news archive/7").body == STORY


def test_exact_match_wins_over_a_variant(warc: WarcBuilder) -> None:
    warc.response("https://example.org/a/", b"<p>with slash</p>")
    warc.response("https://example.org/a", b"<p>without slash</p>")
    fetcher = WarcReplayFetcher(warc.close())
    assert fetcher.fetch("https://example.org/a").body == b"<p>without slash</p>"
    assert fetcher.fetch("https://example.org/a/").body == b"<p>with slash</p>"


def test_redirect_to_an_unarchived_page(warc: WarcBuilder) -> None:
    warc.redirect("https://example.org/old", "https://example.org/never-captured")
    result = WarcReplayFetcher(warc.close()).fetch("https://example.org/old")
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.NOT_IN_ARCHIVE
    assert result.redirects == [Hop("https://example.org/old", 301)]
    assert result.final_url == "https://example.org/never-captured"


def test_recorded_redirect_loop(warc: WarcBuilder) -> None:
    warc.redirect("https://example.org/a", "https://example.org/b", "302 Found")
    warc.redirect("https://example.org/b", "https://example.org/a", "302 Found")
    result = WarcReplayFetcher(warc.close()).fetch("https://example.org/a")
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.TOO_MANY_REDIRECTS
    assert len(result.redirects) == 2


def test_revisit_record_replays_the_original_payload(warc: WarcBuilder) -> None:
    warc.response("https://example.org/story?page=1", STORY)
    warc.revisit("https://example.org/story", refers_to="https://example.org/story?page=1")
    result = WarcReplayFetcher(warc.close()).fetch("https://example.org/story")
    assert result.status == 200
    assert result.body == STORY
    assert result.final_url == "https://example.org/story"


def test_uncompressed_warc(tmp_path: Path) -> None:
    builder = WarcBuilder(tmp_path / "capture.warc", compress=False)
    builder.response("https://example.org/plain", STORY)
    result = WarcReplayFetcher(builder.close()).fetch("https://example.org/plain")
    assert result.body == STORY


def test_legacy_page_without_charset_is_decoded(warc: WarcBuilder) -> None:
    page = "<title>\u201cOpen caf\u00e9s\u201d: the mayor\u2019s r\u00e9sum\u00e9</title>"
    warc.response(
        "https://example.org/legacy", page.encode("cp1252"), headers=[("Content-Type", "text/html")]
    )
    result = WarcReplayFetcher(warc.close()).fetch("https://example.org/legacy")
    assert result.text == page


def test_archived_body_over_the_cap(warc: WarcBuilder) -> None:
    warc.response("https://example.org/huge", b"<p>" + b"z" * 50_000 + b"</p>")
    result = WarcReplayFetcher(warc.close(), max_bytes=10_000).fetch("https://example.org/huge")
    assert result.error is not None
    assert result.error.kind is FetchErrorKind.BODY_TOO_LARGE


def test_a_thousand_pages_replay_from_many_threads(warc: WarcBuilder) -> None:
    pages = {
        f"https://site{n % 37}.example/{n}/story": f"<title>Story {n}</title>".encode()
        for n in range(1000)
    }
    for uri, body in pages.items():
        warc.response(uri, body)
    fetcher = WarcReplayFetcher(warc.close())
    assert len(fetcher) == 1000
    sample = list(pages)[::50]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(fetcher.fetch, sample))
    assert [result.body for result in results] == [pages[uri] for uri in sample]


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.warc.gz"
    with pytest.raises(InputError) as caught:
        WarcReplayFetcher(path)
    assert str(path) in str(caught.value)


def test_a_file_that_is_not_a_warc_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("These are my notes, not a web archive.\n")
    with pytest.raises(InputError) as caught:
        WarcReplayFetcher(path)
    message = str(caught.value)
    assert str(path) in message
    assert "not a WARC" in message
    assert "\n" not in message


def test_whole_file_gzip_is_an_input_error_with_a_fix(tmp_path: Path) -> None:
    plain = WarcBuilder(tmp_path / "capture.warc", compress=False)
    for n in range(3):
        plain.response(f"https://example.org/{n}", STORY)
    broken = tmp_path / "capture.warc.gz"
    broken.write_bytes(gzip.compress(plain.close().read_bytes()))
    with pytest.raises(InputError) as caught:
        WarcReplayFetcher(broken)
    message = str(caught.value)
    assert "warcio recompress" in message
    assert "\n" not in message
