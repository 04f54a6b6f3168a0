"""Markdown articles: `[^1]` references with `[^1]: ...` definitions, or a numbered list
under a "Notes" (Endnotes, References, Sources, Footnotes, Bibliography) heading.

Markdown syntax is taken out of notes and sentences: `[text](url)` keeps its text, and the URL
becomes one of the note's links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from citecheck.footnotes.article.byline import author_from_byline
from citecheck.footnotes.article.citing_sentences import (
    MarkerRef,
    Segment,
    citing_sentences,
    clean_text,
)
from citecheck.footnotes.article.notes import ArticleNotes, Citing, RawNote
from citecheck.footnotes.article.sections import is_notes_heading
from citecheck.footnotes.article.text import find_text_notes
from citecheck.models import Article

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DEFINITION = re.compile(r"^ {0,3}\[\^(?P<id>[^\]\s]{1,40})\]:[ \t]?(?P<text>.*)$")
_REFERENCE = re.compile(r"\[\^(?P<id>[^\]\s]{1,40})\](?!:)")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]^][^\]]*)\]:\s*<?(?P<url>\S+?)>?(?:\s.*)?$")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(?P<text>.*))?$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_BLOCK_START = re.compile(r"^ {0,3}(?:#{1,6}(?:\s|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|>|\|)")
_ORDERED_ITEM = re.compile(
    r"^(?P<indent> {0,3})(?P<number>\d{1,4})(?P<delimiter>[.)])(?P<rest>[ \t].*)$"
)
# Every span below has a length limit: an unclosed "[" or "_" must not send the search to the
# end of a long line from every starting point.
_IMAGE = re.compile(r"!\[[^\]]{0,500}\]\([^)]{0,2000}\)")
_INLINE_LINK = re.compile(
    r"\[(?P<text>[^\]]{0,500})\]\(\s*<?(?P<url>[^\s)>]{0,2000})>?(?:\s+[\"'(][^)]{0,500})?\)"
)
_REFERENCE_LINK = re.compile(r"\[(?P<text>[^\]]{1,500})\]\[(?P<label>[^\]]{0,200})\]")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]{1,2000})>")
_NOTE_LINK = re.compile(r"\[(?P<id>[^\]\s]{1,8})\]\(#[^)\s]{0,200}\)")
_SUPERSCRIPT_TAG = re.compile(
    r"<sup>\s*(?:\[(?P<bracketed>[^\]<]{1,24})\]|(?P<bare>[^<\[\]]{1,24}))\s*</sup>", re.I
)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]{0,500}>")
# Emphasis marks at the edge of a word: "*word*", "**two words**", "_it_", "~~gone~~"; marks
# inside a word ("snake_case") or standing alone ("2 * 3") are text.
_EMPHASIS = re.compile(r"(?<![\w\\])[*_~]{1,3}(?=[^\s*_~])|(?<=[^\s*_~\\])[*_~]{1,3}(?!\w)")
_CODE_SPAN = re.compile(r"`+([^`]{1,2000})`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~^])")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


@dataclass
class _Definition:
    note_id: str
    lines: list[str] = field(default_factory=list)


def find_markdown_notes(text: str) -> ArticleNotes | None:
    """The notes of a Markdown article, or None when it has no note list."""
    front, body = _split_front_matter(text)
    link_definitions, lines = _link_definitions(_without_code_blocks(body.splitlines()))
    found = _footnote_notes(lines, link_definitions) or _listed_notes(lines, link_definitions)
    if found is None:
        return None
    found.article = _article(front, lines, found.article)
    return found


# --------------------------------------------------------------------------- `[^1]` footnotes


def _footnote_notes(lines: list[str], links: dict[str, str]) -> ArticleNotes | None:
    definitions, body = _definitions(lines)
    if not definitions:
        return None
    citings: list[Citing] = []
    for paragraph in _paragraphs(body):
        segments = list(_footnote_segments(paragraph, links))
        citings.extend(
            Citing(note_id, sentence) for note_id, sentence in citing_sentences(segments)
        )
    defined = {definition.note_id: definition for definition in definitions}
    # Notes are numbered in the order they are first cited, as Markdown renderers show them.
    cited_order = [c.note_id for c in citings if c.note_id in defined]
    ordered = list(dict.fromkeys([*cited_order, *defined]))
    notes = [_raw_note(note_id, " ".join(defined[note_id].lines), links) for note_id in ordered]
    return ArticleNotes(article=Article(), notes=notes, citings=citings)


def _definitions(lines: list[str]) -> tuple[list[_Definition], list[str]]:
    """The `[^id]: text` definitions with their continuation lines, and the remaining lines."""
    definitions: list[_Definition] = []
    body: list[str] = []
    current: _Definition | None = None
    blank_before = False
    for line in lines:
        match = _DEFINITION.match(line)
        if match:
            current = _Definition(match.group("id"), [match.group("text").strip()])
            definitions.append(current)
            body.append("")
        elif current is not None and line.strip() and _continues_definition(line, blank_before):
            current.lines.append(line.strip())
            body.append("")
        else:
            if line.strip():
                current = None
            body.append(line)
        blank_before = not line.strip()
    return definitions, body


def _continues_definition(line: str, blank_before: bool) -> bool:
    indented = line.startswith(("  ", "\t"))
    return indented or (not blank_before and not _BLOCK_START.match(line))


def _footnote_segments(paragraph: str, links: dict[str, str]) -> Iterator[Segment]:
    position = 0
    for match in _REFERENCE.finditer(paragraph):
        yield _without_syntax(paragraph[position : match.start()], links, [])
        yield MarkerRef(match.group("id"))
        position = match.end()
    yield _without_syntax(paragraph[position:], links, [])


def _paragraphs(lines: list[str]) -> Iterator[str]:
    """Blocks of text: blank lines, headings and list items each start a new one."""
    paragraph: list[str] = []
    for line in lines:
        starts_block = bool(_BLOCK_START.match(line)) or _SETEXT_UNDERLINE.match(line)
        if (not line.strip() or starts_block) and paragraph:
            yield " ".join(paragraph)
            paragraph = []
        if line.strip() and not _SETEXT_UNDERLINE.match(line):
            paragraph.append(_block_content(line))
    if paragraph:
        yield " ".join(paragraph)


def _block_content(line: str) -> str:
    """A line without its block syntax: "> ", "- ", "## "."""
    heading = _ATX_HEADING.match(line)
    if heading:
        return _heading_text(heading)
    return re.sub(r"^ {0,3}(?:>[ \t]?)*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?", "", line).strip()


# --------------------------------------------------------------------------- numbered lists


def _listed_notes(lines: list[str], links: dict[str, str]) -> ArticleNotes | None:
    """A numbered note list, read as plain text once Markdown's own syntax is out of the way."""
    found = find_text_notes("\n".join(_as_plain_lines(lines)))
    if found is None:
        return None
    notes = [_raw_note(note.id, note.text, links) for note in found.notes]
    citings = [Citing(c.note_id, plain_markdown(c.sentence, links)[0]) for c in found.citings]
    return ArticleNotes(article=found.article, notes=notes, citings=citings)


def _as_plain_lines(lines: list[str]) -> list[str]:
    """Markers and headings in the forms the plain-text finder reads; note lists numbered."""
    plain: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() and _SETEXT_UNDERLINE.match(following) and not _BLOCK_START.match(line):
            line = "# " + line.strip()  # "Notes\n-----" is a heading like "## Notes"
        elif _SETEXT_UNDERLINE.match(line) and plain and plain[-1].startswith("# "):
            line = ""
        line = _NOTE_LINK.sub(r"[\g<id>]", _REFERENCE.sub(r"[\g<id>]", line))
        line = _SUPERSCRIPT_TAG.sub(lambda m: f"[{m.group('bracketed') or m.group('bare')}]", line)
        plain.append(line.replace("\\[", "[").replace("\\]", "]").replace("\\.", "."))
    return _numbered_as_rendered(plain)


def _numbered_as_rendered(lines: list[str]) -> list[str]:
    """ "1. 1. 1." under a notes heading renders as 1, 2, 3: number the items so."""
    numbered = list(lines)
    under_heading = False
    expected: int | None = None
    for index, line in enumerate(lines):
        if is_notes_heading(line):
            under_heading, expected = True, None
            continue
        if _ATX_HEADING.match(line):
            under_heading = False
        item = _ORDERED_ITEM.match(line) if under_heading else None
        if item is None:
            continue
        number = int(item.group("number")) if expected is None else expected
        numbered[index] = (
            f"{item.group('indent')}{number}{item.group('delimiter')}{item.group('rest')}"
        )
        expected = number + 1
    return numbered


# --------------------------------------------------------------------------- inline Markdown


def plain_markdown(text: str, links: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """Text without Markdown syntax, and the http(s) URLs its links pointed at, in order."""
    found: list[str] = []
    plain = _without_syntax(text, links or {}, found)
    urls = [url for url in found if url.lower().startswith(("http://", "https://"))]
    return plain.strip(), urls


def _without_syntax(text: str, known: dict[str, str], found: list[str]) -> str:
    """`text` with links, emphasis, code and tags reduced to words; link URLs go to `found`."""

    def inline_link(match: re.Match[str]) -> str:
        found.append(match.group("url"))
        return match.group("text")

    def reference_link(match: re.Match[str]) -> str:
        label = (match.group("label") or match.group("text")).strip().lower()
        if label in known:
            found.append(known[label])
        return match.group("text")

    def autolink(match: re.Match[str]) -> str:
        found.append(match.group("url"))
        return match.group("url")

    text = _IMAGE.sub("", text)
    text = _INLINE_LINK.sub(inline_link, text)
    text = _REFERENCE_LINK.sub(reference_link, text)
    text = _AUTOLINK.sub(autolink, text)
    text = _HTML_TAG.sub("", text)
    text = _EMPHASIS.sub("", _CODE_SPAN.sub(r"\1", text))
    return clean_text(_ESCAPE.sub(r"\1", text))


def _raw_note(note_id: str, markdown: str, links: dict[str, str]) -> RawNote:
    text, urls = plain_markdown(markdown, links)
    return RawNote(note_id, text, list(dict.fromkeys(urls)))


def _link_definitions(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """`[label]: https://...` definitions, and the lines with those definitions blanked."""
    definitions: dict[str, str] = {}
    remaining: list[str] = []
    for line in lines:
        match = _LINK_DEFINITION.match(line)
        if match and _URL.match(match.group("url")):
            definitions.setdefault(match.group("label").strip().lower(), match.group("url"))
            line = ""
        remaining.append(line)
    return definitions, remaining


# --------------------------------------------------------------------------- document


def _split_front_matter(text: str) -> tuple[dict[str, object], str]:
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        loaded = YAML(typ="safe", pure=True).load(match.group(1))
    except (YAMLError, ValueError, TypeError, RecursionError):
        loaded = None
    front = loaded if isinstance(loaded, dict) else {}
    # Blank lines keep the line count, so the body reads as it stood.
    return front, "\n" * match.group(0).count("\n") + text[match.end() :]


def _without_code_blocks(lines: list[str]) -> list[str]:
    kept: list[str] = []
    fence: str | None = None
    for line in lines:
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0] * 3
            kept.append("")
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            kept.append("")
        else:
            kept.append(line)
    return kept


def _article(front: dict[str, object], lines: list[str], fallback: Article) -> Article:
    title = _front_text(front.get("title"))
    author = _front_text(front.get("author") or front.get("authors"))
    if title is None:
        title = next((_heading_title(line) for line in lines if _heading_title(line)), None)
    if author is None:
        content = [line.strip() for line in lines if line.strip()][:12]
        bylines = (author_from_byline(plain_markdown(line)[0]) for line in content)
        author = next((name for name in bylines if name), None)
    return Article(title=title or fallback.title, author=author or fallback.author)


def _heading_title(line: str) -> str | None:
    heading = _ATX_HEADING.match(line)
    if heading is None or len(heading.group(1)) != 1 or not _heading_text(heading):
        return None
    return plain_markdown(_heading_text(heading))[0] or None


def _heading_text(heading: re.Match[str]) -> str:
    """An ATX heading's words, without a closing run of #s ("## Notes ##" -> "Notes")."""
    text = (heading.group("text") or "").rstrip(" \t")
    words = text.rstrip("#")
    return words.rstrip(" \t") if not words or words.endswith((" ", "\t")) else text


def _front_text(value: object) -> str | None:
    if isinstance(value, list):
        names = [str(item).strip() for item in value if isinstance(item, (str, int, float))]
        return ", ".join(name for name in names if name) or None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None
