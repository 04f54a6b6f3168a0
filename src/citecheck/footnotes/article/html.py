"""HTML articles: footnote markup of blogs, newsletters and document converters.

Three ways a page ties a marker to its note, tried in turn:
1. linked markers: `<sup><a href="#fn1">1</a></sup>` pointing at the note's element (Pandoc and
   markdown-it `section.footnotes`, Ghost `fn:1`, Substack `footnote-anchor`, WordPress footnote
   blocks and plugins, Word's `_ftn1`/`_edn1`, Wikipedia's `cite_note-1`);
2. inline notes: the note's text next to its marker (Modern Footnotes' tooltip spans,
   `data-footnote-content` attributes);
3. no links at all: the page read as plain text (html_page_text.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from citecheck.footnotes.article.citing_sentences import (
    MarkerRef,
    Segment,
    citing_sentences,
    clean_text,
)
from citecheck.footnotes.article.html_page_text import notes_from_page_text
from citecheck.footnotes.article.html_text import (
    BLOCK_TAGS,
    MARKER_END,
    MARKER_START,
    all_tags,
    attribute,
    block_text,
    is_decomposed,
    list_ordinals,
    nearest_block,
    parse_html,
)
from citecheck.footnotes.article.markers import marker_values, strip_brackets
from citecheck.footnotes.article.notes import ArticleNotes, Citing, RawNote
from citecheck.footnotes.web_addresses import split_url, web_address
from citecheck.models import Article

# Words in ids and classes that name footnotes: "fn1", "fnref:2", "_ftn3", "cite_note-4",
# "footnote-anchor-5", "sup.fn" ("footer" and "comments" are not among them).
_NOTE_WORDS = frozenset(
    {
        "fn", "fnref", "ftn", "ftnref", "edn", "ednref", "note", "notes", "noteref", "ref",
        "refs", "reference", "references", "cite", "citation", "footnote", "footnotes",
        "footnoteref", "endnote", "endnotes", "endnoteref", "sidenote", "mfn",
    }
)  # fmt: skip
# Link targets that are page furniture or author affiliations, whatever their markup.
_NOT_NOTE_WORDS = frozenset(
    {
        "comment", "comments", "respond", "reply", "replies", "top", "content", "main", "nav",
        "menu", "search", "header", "footer", "share", "disqus", "aff", "affil", "affiliation",
        "affiliations", "corresp", "author", "authors", "page", "slide", "tab",
    }
)  # fmt: skip
_WORD_PARTS = re.compile(r"[^a-z]+")
_BACKLINK_CLASS = re.compile(
    r"back|revers|return|to-?top|footnote-number|mw-cite-backlink", re.IGNORECASE
)
# What a link back to the text shows: arrows, carets, "Back", "Return to text", "Jump up".
_BACKLINK_TEXT = re.compile(
    r"^[\s↩↑⇧⤴⬆︎️^↵⏎\[\]()]*$|^(?:back|return(?: to (?:text|article))?|jump up|top)$",
    re.IGNORECASE,
)
_INLINE_NOTE_CLASS = re.compile(r"footnote__note|footnote-content-inline|mfn-content", re.I)
_STAND_IN = re.compile(f"{MARKER_START}(\\d+){MARKER_END}")
_LONGEST_NOTE = 6000  # characters: a "note" longer than this is the article itself
_LEFTOVER_BRACKETS = re.compile(r"\s*(?:\[\s*\]|\(\s*\))")


@dataclass
class _Found:
    """Notes found so far, and the marker elements that cite them, in document order."""

    notes: dict[str, RawNote] = field(default_factory=dict)
    markers: list[tuple[Tag, list[str]]] = field(default_factory=list)  # element, note ids
    blocks: dict[str, Tag] = field(default_factory=dict)  # note id -> the element it was read from
    block_ids: set[int] = field(default_factory=set)  # id() of those elements

    def add(self, note: RawNote, block: Tag) -> None:
        self.notes[note.id] = note
        self.blocks[note.id] = block
        self.block_ids.add(id(block))

    def in_a_note(self, tag: Tag) -> bool:
        return any(id(parent) in self.block_ids for parent in tag.parents)


def find_html_notes(html: str, base_url: str | None = None) -> ArticleNotes | None:
    """The notes of an HTML article, or None when it has no note list.

    `base_url` (the page's address) turns relative links inside notes into full URLs.
    """
    soup = parse_html(html)
    tags = all_tags(soup)
    article = _article(soup, tags)
    found = _Found()
    _linked_notes(tags, found, base_url)
    _inline_notes(tags, found, base_url)
    if not found.notes:
        return notes_from_page_text(soup, article, base_url)
    notes = _in_document_order(tags, found)
    return ArticleNotes(article=article, notes=notes, citings=_citings(found))


def _in_document_order(tags: list[Tag], found: _Found) -> list[RawNote]:
    """Notes in the order the page shows them (their list's order, else their markers')."""
    position = {id(tag): index for index, tag in enumerate(tags)}
    first_marker: dict[str, int] = {}
    for marker, note_ids in found.markers:
        for note_id in note_ids:
            first_marker.setdefault(note_id, position.get(id(marker), 0))

    def place(note: RawNote) -> int:
        block = found.blocks.get(note.id)
        if block is not None and id(block) in position:
            return position[id(block)]
        return first_marker.get(note.id, 0)

    return sorted(found.notes.values(), key=place)


# --------------------------------------------------------------------------- linked markers


def _linked_notes(tags: list[Tag], found: _Found, base_url: str | None) -> None:
    by_id = _elements_by_id(tags)
    block_note: dict[int, str] = {}  # id() of a note's element -> the note's id
    for anchor in tags:
        if anchor.name != "a" or is_decomposed(anchor) or found.in_a_note(anchor):
            continue  # a back-link or a link inside a note
        parts = split_url(attribute(anchor, "href"))
        fragment = parts.fragment if parts is not None else ""
        if not fragment:
            continue
        token = strip_brackets(block_text(anchor))
        if not marker_values(token) or not _looks_like_note_ref(anchor, fragment):
            continue
        target = by_id.get(fragment)
        if target is None:
            found.markers.append((anchor, [token]))  # a marker whose note is missing
            continue
        block = _note_block(target, token)
        if block is None or anchor in block.descendants:
            continue
        if id(block) not in block_note:
            note = _note_from_block(block, token, base_url)
            if note is None or note.id in found.notes:
                continue
            block_note[id(block)] = note.id
            found.add(note, block)
        found.markers.append((anchor, [block_note[id(block)]]))
    _add_uncited_list_items(found, base_url)


def _elements_by_id(tags: list[Tag]) -> dict[str, Tag]:
    """Link targets: ids, and the `<a name>` anchors of older pages (ids win)."""
    by_id: dict[str, Tag] = {}
    for tag in tags:
        if tag.name == "a" and tag.has_attr("name"):
            by_id.setdefault(attribute(tag, "name"), tag)
    for tag in tags:
        if tag.has_attr("id"):
            by_id[attribute(tag, "id")] = tag
    return by_id


def _looks_like_note_ref(anchor: Tag, fragment: str) -> bool:
    """A footnote reference rather than a table-of-contents or "page 2" link."""
    if _words(fragment) & _NOT_NOTE_WORDS:
        return False
    if anchor.find("sup") is not None or anchor.find_parent("sup") is not None:
        return True
    if _names_a_note(fragment) or block_text(anchor).startswith("["):
        return True
    near = [anchor, *list(anchor.parents)[:2]]
    return any(
        _names_a_note(attribute(tag, name)) for tag in near for name in ("class", "rel", "role")
    )


def _names_a_note(text: str) -> bool:
    return bool(_words(text) & _NOTE_WORDS)


def _words(text: str) -> set[str]:
    """The words of an id or class: "fnref:2" -> {"fnref"}, "cite_note-4" -> {"cite", "note"}."""
    return set(_WORD_PARTS.split(text.lower())) - {""}


def _note_block(target: Tag, token: str) -> Tag | None:
    """The element holding the note's text: the target itself, or the block around it."""
    block: Tag | None = target
    while block is not None and (block.name not in BLOCK_TAGS or not block_text(block)):
        block = block.parent
    if block is None or block.name in {"body", "html", "article", "main"}:
        return None
    names_notes = _names_a_note(f"{attribute(block, 'id')} {attribute(block, 'class')}")
    items = block.find_all("li") if names_notes and block.name in {"ol", "ul", "section"} else []
    if len(items) >= 2:
        # The link points at the whole note list: the note is the item with the marker's number.
        numbers = [value.number for value in marker_values(token)]
        return items[numbers[0] - 1] if numbers and numbers[0] <= len(items) else None
    return block


def _note_from_block(block: Tag, note_id: str, base_url: str | None) -> RawNote | None:
    for tag in all_tags(block):
        if not is_decomposed(tag) and _is_backlink(tag):
            tag.decompose()
    links = _links(block, base_url)
    text = _without_leading_marker(block_text(block), note_id)
    if not text or len(text) > _LONGEST_NOTE:
        return None
    return RawNote(note_id, text, links)


def _is_backlink(tag: Tag) -> bool:
    if _BACKLINK_CLASS.search(attribute(tag, "class")):
        return True
    parts = split_url(attribute(tag, "href")) if tag.name == "a" else None
    if parts is None or not parts.fragment:
        return False
    if parts.path.strip("/") and not attribute(tag, "href").startswith("#"):
        return False  # a link to another page that happens to carry a fragment
    text = block_text(tag)
    return bool(_BACKLINK_TEXT.match(text) or marker_values(strip_brackets(text)))


def _links(block: Tag, base_url: str | None) -> list[str]:
    addresses = (web_address(attribute(a, "href"), base_url) for a in block.find_all("a"))
    return list(dict.fromkeys(address for address in addresses if address))


def _without_leading_marker(text: str, note_id: str) -> str:
    """ "[1] Text", "1. Text", "1 Text": the note's own number is not part of its text."""
    pattern = rf"^[\[(]?{re.escape(note_id)}[\])]?(?:[.:)]\s*|\s+)"
    text = re.sub(pattern, "", text, count=1)
    return _LEFTOVER_BRACKETS.sub("", text).strip()


def _add_uncited_list_items(found: _Found, base_url: str | None) -> None:
    """Items of a numbered note list that no marker links to: notes without markers.

    Only when every cited item's id is its number in the list, so the others can be named so.
    """
    lists = {id(b.parent): b.parent for b in found.blocks.values() if b.name == "li" and b.parent}
    for note_list in lists.values():
        items = note_list.find_all("li", recursive=False)
        numbered = dict(zip(list_ordinals(note_list, len(items)), items, strict=True))
        cited = {id(block): note_id for note_id, block in found.blocks.items()}
        if any(cited.get(id(item), ordinal) != ordinal for ordinal, item in numbered.items()):
            continue
        for ordinal, item in numbered.items():
            if id(item) in cited or ordinal in found.notes:
                continue
            note = _note_from_block(item, ordinal, base_url)
            if note is not None:
                found.add(note, item)


# --------------------------------------------------------------------------- inline notes


def _inline_notes(tags: list[Tag], found: _Found, base_url: str | None) -> None:
    for span in tags:
        if not _INLINE_NOTE_CLASS.search(attribute(span, "class")) or found.in_a_note(span):
            continue
        marker = _inline_marker(span)
        token = strip_brackets(block_text(marker)) if marker is not None else ""
        note_id = token if marker_values(token) else attribute(span, "data-mfn").strip()
        if not note_id or note_id in found.notes:
            continue
        note = _note_from_block(span, note_id, base_url)
        if note is None:
            continue
        found.add(note, span)
        found.markers.append((marker or span, [note_id]))
    for anchor in tags:
        if is_decomposed(anchor) or not anchor.has_attr("data-footnote-content"):
            continue
        token = strip_brackets(block_text(anchor))
        if not marker_values(token) or token in found.notes:
            continue
        content = BeautifulSoup(attribute(anchor, "data-footnote-content"), "lxml")
        note = _note_from_block(content, token, base_url)
        if note is not None:
            found.notes[token] = note
            found.markers.append((anchor, [token]))


def _inline_marker(span: Tag) -> Tag | None:
    """The superscript just before an inline note, which shows its number."""
    previous = span.find_previous_sibling()
    if previous is not None and previous.name == "sup":
        return previous
    return None


# --------------------------------------------------------------------------- the citing sentences


def _citings(found: _Found) -> list[Citing]:
    """Each marker's sentence: its block's text, markers written as numbered stand-ins.

    The tree is left as it is (bs4 edits cost a scan of the siblings each); notes are skipped
    so that a note's text is never part of the sentence that cites it.
    """
    stand_ins: dict[int, str] = {}  # id() of a marker element -> its stand-in
    ids_by_marker: list[list[str]] = []
    owners: list[int] = []  # id() of each marker's block
    blocks: dict[int, Tag] = {}
    for marker, note_ids in _merged_markers(found.markers):
        block = nearest_block(marker) if not is_decomposed(marker) else None
        if block is None or found.in_a_note(marker):
            continue
        stand_ins[id(marker)] = f"{MARKER_START}{len(ids_by_marker)}{MARKER_END}"
        ids_by_marker.append(note_ids)
        owners.append(id(block))
        blocks.setdefault(id(block), block)
    by_marker: dict[int, list[Citing]] = {}
    for block_key, block in blocks.items():
        text = block_text(block, skip=found.block_ids, stand_ins=stand_ins)
        segments = _segments(text, ids_by_marker, owners, block_key)
        sentences = citing_sentences(segments.parts)
        for (index, note_id), (_, sentence) in zip(segments.refs, sentences, strict=True):
            by_marker.setdefault(index, []).append(Citing(note_id, sentence))
    return [citing for index in sorted(by_marker) for citing in by_marker[index]]


def _merged_markers(markers: list[tuple[Tag, list[str]]]) -> list[tuple[Tag, list[str]]]:
    """One entry per marker element, even when two ways of reading it both found it."""
    merged: dict[int, tuple[Tag, list[str]]] = {}
    for marker, note_ids in markers:
        _, known = merged.setdefault(id(marker), (marker, []))
        known.extend(note_id for note_id in note_ids if note_id not in known)
    return list(merged.values())


@dataclass
class _Segments:
    parts: list[Segment]
    refs: list[tuple[int, str]]  # (stand-in number, note id) of each MarkerRef in `parts`


def _segments(text: str, ids: list[list[str]], owners: list[int], block_key: int) -> _Segments:
    """The block's text cut at its own markers; those of blocks inside it are just dropped."""
    parts: list[Segment] = []
    refs: list[tuple[int, str]] = []
    position = 0
    for match in _STAND_IN.finditer(text):
        parts.append(text[position : match.start()])
        index = int(match.group(1))
        if owners[index] == block_key:
            parts.extend(MarkerRef(note_id) for note_id in ids[index])
            refs.extend((index, note_id) for note_id in ids[index])
        position = match.end()
    parts.append(text[position:])
    return _Segments(parts, refs)


# --------------------------------------------------------------------------- the article


def _article(soup: BeautifulSoup, tags: list[Tag]) -> Article:
    heading = next((tag for tag in tags if tag.name == "h1"), None)
    byline = next((tag for tag in tags if "author" in attribute(tag, "rel").split()), None)
    metas = [tag for tag in tags if tag.name == "meta"]
    title = (
        _meta(metas, "property", "og:title")
        or (block_text(heading) if isinstance(heading, Tag) else None)
        or (clean_text(soup.title.get_text()).strip() if soup.title is not None else None)
    )
    author = _meta(metas, "name", "author") or (
        block_text(byline) if isinstance(byline, Tag) else None
    )
    return Article(title=title or None, author=author or None)


def _meta(metas: list[Tag], key: str, value: str) -> str | None:
    tag = next((meta for meta in metas if attribute(meta, key) == value), None)
    if tag is None:
        return None
    content = clean_text(attribute(tag, "content")).strip()
    if not content or content.lower().startswith(("http://", "https://")):
        return None
    return content
