"""`citecheck extract`: read an article's notes into a citations.yaml for `verify`."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import click

from citecheck.atomic_file import write_text_atomically
from citecheck.cli.options import exit_on_input_error
from citecheck.errors import InputError
from citecheck.fetch.decode import decode_body, decode_text
from citecheck.fetch.http import HttpFetcher
from citecheck.footnotes.article.reader import ArticleFormat, detect_format, find_article_notes
from citecheck.footnotes.citation_mapping import Extraction, citations_from_notes
from citecheck.footnotes.citations_writer import merge_citations, render_citations
from citecheck.settings import FetchSettings

CACHE_NAME = ".citecheck-cache"  # the cache `verify` uses, beside citations.yaml
_URL_SCHEMES = ("http://", "https://")


@dataclass
class _Article:
    text: str
    shown: str  # how messages name it: the path or URL as given
    name: str | None = None  # file name or URL path, for guessing the format
    content_type: str | None = None
    url: str | None = None  # the address it was fetched from (after redirects)


@click.command("extract")
@click.argument("article")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write citations.yaml here (atomically) instead of to stdout.",
)
@click.option(
    "--merge",
    is_flag=True,
    help="Add new notes to the -o file, keeping its entries, edits and comments.",
)
@click.option(
    "--format",
    "article_format",
    type=click.Choice(["auto", *[kind.value for kind in ArticleFormat]]),
    default="auto",
    show_default=True,
    help="How to read ARTICLE [auto: from its name, content type or content].",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Cache folder for a fetched ARTICLE [default: {CACHE_NAME} beside the output].",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow an ARTICLE URL on a private, loopback or link-local address.",
)
@click.option(
    "--timeout", type=click.FloatRange(0.1, 600), help="Read timeout in seconds [default: 20]."
)
@exit_on_input_error
def command(
    article: str,
    output: Path | None,
    merge: bool,
    article_format: str,
    cache_dir: Path | None,
    no_cache: bool,
    allow_private: bool,
    timeout: float | None,
) -> None:
    """Find the note list of ARTICLE and write its notes as citations.

    ARTICLE is a plain-text, Markdown or HTML file, `-` for stdin, or the URL of an HTML
    article. Markers ([iv], [4], ¹, <sup>4</sup>, [^4], [a]) become citation ids; each
    citation keeps the sentence that cites it as `context`. Exit code: 0 when citations were
    written (warnings go to stderr), 2 on bad input or when the article has no note list.
    """
    if merge and output is None:
        raise InputError("--merge needs -o FILE: the citations.yaml to merge into")
    if article.lower().startswith(_URL_SCHEMES):
        settings = _fetch_settings(output, cache_dir, no_cache, allow_private, timeout)
        source = _fetch(article, settings)
    else:
        source = _read(article)
    kind = (
        ArticleFormat(article_format)
        if article_format != "auto"
        else detect_format(source.text, source.name, source.content_type)
    )
    found = find_article_notes(source.text, kind, source.url)
    if found is None or not found.notes:
        raise InputError(
            f"{source.shown}: no note list found (looked for a {kind.value} note list: "
            "numbered notes under a Notes/References heading or at the end, or linked footnotes)"
        )
    extraction = citations_from_notes(found)
    for warning in extraction.warnings:
        click.echo(f"warning: {warning}", err=True)
    _write(extraction, source.shown, output, merge)


def _read(article: str) -> _Article:
    if article == "-":
        body = sys.stdin.buffer.read()
        return _Article(text=decode_body(body)[0], shown="stdin")
    path = Path(article)
    try:
        body = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{article}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{article}: is a directory, not an article") from None
    except OSError as exc:
        raise InputError(f"{article}: cannot read: {exc.strerror or exc}") from None
    return _Article(text=decode_body(body)[0], shown=article, name=path.name)


def _fetch_settings(
    output: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
    allow_private: bool,
    timeout: float | None,
) -> FetchSettings:
    settings = FetchSettings(allow_private=allow_private)
    if no_cache:
        settings.cache_dir = None
    else:
        beside = output.parent if output is not None else Path()
        settings.cache_dir = cache_dir if cache_dir is not None else beside / CACHE_NAME
    if timeout is not None:
        settings.read_timeout = timeout
    return settings


def _fetch(url: str, settings: FetchSettings) -> _Article:
    with HttpFetcher(settings) as fetcher:
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
    return _Article(
        text=text,
        shown=url,
        name=final.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or None,
        content_type=result.content_type or None,
        url=final,
    )


def _write(extraction: Extraction, shown: str, output: Path | None, merge: bool) -> None:
    count = len(extraction.citations)
    if output is None:
        click.echo(render_citations(extraction, shown), nl=False)
        return
    if merge and output.exists():
        _merge_into(output, extraction)
        return
    _save(output, render_citations(extraction, shown))
    click.echo(f"wrote {count} citation{'s' if count != 1 else ''} to {output}", err=True)


def _merge_into(output: Path, extraction: Extraction) -> None:
    try:
        existing = output.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{output}: cannot read: {exc}") from None
    result = merge_citations(existing, extraction, str(output))
    for message in result.changed:
        click.echo(f"warning: {message}", err=True)
    for citation_id in result.missing:
        click.echo(
            f"warning: {output}: {citation_id} is not among the article's notes (kept)", err=True
        )
    if result.added:
        _save(output, result.text)
    added = ", ".join(result.added) if result.added else "nothing new"
    click.echo(f"merged into {output}: added {added}", err=True)


def _save(output: Path, text: str) -> None:
    try:
        write_text_atomically(output, text)
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from None
