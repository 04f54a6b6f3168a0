"""What a command is pointed at, read into text: a saved page, an article file, stdin, a URL.

Every problem is an InputError of one line naming the file or address.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

from citecheck.errors import InputError
from citecheck.fetch.base import Fetcher
from citecheck.fetch.decode import decode_body, decode_text
from citecheck.transport.url_validation import url_problem

URL_SCHEMES = ("http://", "https://")
# scheme:// or one of the schemes that go without slashes
_OTHER_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|(?:mailto|data|javascript|urn):)", re.I)
MAX_PAGE_FILE_BYTES = 50_000_000


def is_url(target: str) -> bool:
    return target.lower().startswith(URL_SCHEMES)


@dataclass
class Article:
    """An article's text and what is known of where it came from."""

    text: str
    shown: str  # how messages name it: the path or URL as given
    name: str | None = None  # file name or URL path, for guessing the format
    content_type: str | None = None
    url: str | None = None  # the address it was fetched from (after redirects)


def read_article(article: str) -> Article:
    """An article file, or stdin for `-`."""
    if article == "-":
        body = sys.stdin.buffer.read()
        return Article(text=decode_body(body)[0], shown="stdin")
    path = Path(article)
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{article}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{article}: is a directory, not an article") from None
    except OSError as exc:
        raise InputError(f"{article}: cannot read: {exc.strerror or exc}") from None
    return Article(text=decode_body(body)[0], shown=article, name=path.name)


def fetch_article(url: str, fetcher: Fetcher) -> Article:
    """The article at `url`, which must answer with text or HTML."""
    result = fetcher.fetch(url)
    if result.error is not None:
        raise InputError(f"{url}: cannot fetch the article: {result.error.message}")
    if result.status is not None and result.status >= 400:
        raise InputError(f"{url}: cannot fetch the article: the server answered {result.status}")
    text, _ = decode_text(result.body, result.headers.get("content-type"))
    if text is None:
        shown_type = result.content_type or "no content type"
        raise InputError(f"{url}: not a text or HTML page ({shown_type})")
    final = result.final_url or url
    return Article(
        text=text,
        shown=url,
        name=final.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or None,
        content_type=result.content_type or None,
        url=final,
    )


def refuse_other_urls(target: str) -> None:
    """InputError for an address citecheck does not fetch (ftp:, file:, mailto:...), which
    would otherwise be taken for a file name."""
    if _OTHER_URL.match(target) and not is_url(target):
        raise InputError(f"{target}: {url_problem(target)}")


def read_page_file(path: Path) -> str:
    """The decoded text of a saved page; gzip-compressed when its name ends in .gz."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a saved page (.html or .html.gz)")
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        if path.stat().st_size > MAX_PAGE_FILE_BYTES:
            raise InputError(f"{path}: larger than {MAX_PAGE_FILE_BYTES // 1_000_000} MB")
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if path.suffix.lower() == ".gz":
        try:
            raw = _gunzip(raw)
        except (OSError, EOFError, zlib.error):
            raise InputError(f"{path}: not a valid gzip file") from None
    text, _ = decode_body(raw)
    return text


def _gunzip(raw: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
        data = stream.read(MAX_PAGE_FILE_BYTES + 1)
    if len(data) > MAX_PAGE_FILE_BYTES:
        raise OSError("decompressed page too large")
    return data
