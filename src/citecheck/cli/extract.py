"""`citecheck extract`: read an article's notes into a citations.yaml for `verify`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from citecheck.atomic_file import check_destination, write_bytes_atomically, write_text_atomically
from citecheck.cli import short_help
from citecheck.cli.options import exit_on_input_error
from citecheck.errors import InputError
from citecheck.footnotes.article.reader import ArticleFormat
from citecheck.footnotes.citation_mapping import Extraction
from citecheck.footnotes.citations_writer import merge_citations, render_citations
from citecheck.session import Session
from citecheck.settings import CACHE_NAME, CONFIG_NAME, Settings
from citecheck.text_input import read_text_file


@click.command("extract", short_help=short_help("extract"))
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
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"Settings file [default: {CONFIG_NAME} beside the output, if present].",
)
@click.option(
    "--allow-private",
    is_flag=True,
    default=None,
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
    config: Path | None,
    allow_private: bool | None,
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
    if output is not None:  # before any work, not after it
        check_destination(output, "citations file")
    overrides: dict[str, Any] = {}
    if no_cache:
        overrides["fetch.cache_dir"] = None
    elif cache_dir is not None:
        overrides["fetch.cache_dir"] = cache_dir
    if allow_private is not None:
        overrides["fetch.allow_private"] = allow_private
    if timeout is not None:
        overrides["fetch.read_timeout"] = timeout
    project_dir = output.parent if output is not None else Path()
    settings = Settings.load(config, overrides, project_dir=project_dir)
    with Session(settings) as session:
        found = session.extract(article, article_format=article_format)
    for warning in found.extraction.warnings:
        click.echo(f"warning: {warning}", err=True)
    _write(found.extraction, found.shown, output, merge)


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
    # Read as `verify` reads it (UTF-8, or UTF-16/32 by its byte-order mark or its NUL bytes),
    # and written back in the same encoding, mark included.
    existing = read_text_file(output)
    result = merge_citations(existing.text, extraction, str(output))
    for message in result.changed:
        click.echo(f"warning: {message}", err=True)
    for citation_id in result.missing:
        click.echo(
            f"warning: {output}: {citation_id} is not among the article's notes (kept)", err=True
        )
    if result.added:
        _save(output, existing.bom + result.text.encode(existing.encoding))
    added = ", ".join(result.added) if result.added else "nothing new"
    click.echo(f"merged into {output}: added {added}", err=True)


def _save(output: Path, content: str | bytes) -> None:
    try:
        if isinstance(content, bytes):
            write_bytes_atomically(output, content)
        else:
            write_text_atomically(output, content)
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from None
