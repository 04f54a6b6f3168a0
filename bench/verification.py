"""Verification accuracy on real pages, offline.

Builds a WARC from the labelled corpus and a citations file that cites each page correctly, with
typographic variants, and wrongly (another site's title, another page of the same site's title, the
date moved by a year, the date moved by 6 days); replays it through the real pipeline and reports,
per kind, the share of citations that end as they should; a last line sums up how the correct
citations end (verified, warning, failed: failing a correct citation is the worst mistake) and
how many wrong ones are caught.

Which labels a "correct" citation is built from (the corpus README, "How far to trust the
labels"): titles from any labelled set, authors only from human-labelled sets (see
`corpus_index.py`), and the date from htmldate's human annotation whenever htmldate labelled the
same URL, even in a capture of its own: the README says to prefer htmldate's date where it and
trafilatura disagree. Before this rule one trafilatura date with day and month swapped
(2023-05-06 for 2023-06-05) was cited as "correct" against a page that says 2023-06-05.

Honest variants (issue 14): the correct citation with ONE field written the way people cite what
they see, each drawn from a general citing habit and applied mechanically to every page where it
applies (see `VARIANTS`): the title with the site's name appended or prefixed as a browser tab shows
it, the subtitle dropped, sentence or title case, the title cut with "…" or typed without accents
("ü" as "ue"); authors as "Surname, Given", with initials, as "Surname et al.", with a leading "By";
the publisher as the bare domain, the site's name with "The" added or dropped, or the organisation
the page names as its parent or publisher; the date to the month or the year only, or the page's own
update date; since session 7 also a short kicker dropped ("Review: ..."), authors as reference lists
write them ("Johnson, K. M.") or without their middle names, and the publisher as the host the
address bar shows ("www.example.com"). They should verify; a `warning` is acceptable, a `failed` is
the mistake to avoid. One slip is counted with them: the date with day and month swapped (a page's
"03/04/2020" read in the other convention), which should warn. Four more wrong kinds check that the
precision and truncation they bring are not a loophole: a month-precision date moved by a year,
another site's title cut with "…", and another page of the same site's title cut with "…" or with
the site's name before it; since session 7 the date moved 6 days and then swapped (the swapped
reading's loophole), and another site's page's authors, which should warn (authors never fail).

    python bench/verification.py ../shared/corpus [--out bench/out] [--limit N] [--misses KIND]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import tldextract
from ruamel.yaml import YAML
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from citecheck.citations import load_citations
from citecheck.fetch.replay import WarcReplayFetcher
from citecheck.match.author_names import looks_like_organisation
from citecheck.models import Status
from citecheck.pipeline import verify_citations
from citecheck.settings import Settings

from corpus_index import DEFAULT_CORPUS, SPLITS, CorpusPage, load_corpus, split_pages

_DOMAINS = tldextract.TLDExtract(suffix_list_urls=())

# kind -> the statuses that count as the right outcome
EXPECTED: dict[str, set[Status]] = {
    "correct": {Status.VERIFIED},
    "typographic": {Status.VERIFIED},
    "other_site_title": {Status.FAILED},
    "same_site_title": {Status.FAILED},
    "date_plus_year": {Status.FAILED},
    "date_plus_6_days": {Status.FAILED},
}
# Honest variants of the correct citation (issue 14): each should verify.
VARIANTS: dict[str, str] = {
    "title_site_suffix": 'the title as a browser tab shows it: "Title | Site"',
    "title_site_prefix": 'the site first: "Site - Title"',
    "title_no_subtitle": 'the subtitle after ": " or " - " dropped',
    "title_no_kicker": 'a short kicker before ": " dropped ("Review: Title" as "Title")',
    "title_case_changed": "title case to sentence case, or the other way",
    "title_cut": 'a title over 60 characters cut at a word with "…"',
    "title_typed_plain": 'typed without accents: "ü" as "ue", "ß" as "ss", "é" as "e"',
    "authors_inverted": '"Surname, Given"',
    "authors_initials": '"J. Smith"',
    "authors_et_al": '"Surname et al." for two or more',
    "authors_by": 'a leading "By"',
    "authors_apa": '"Surname, G." as reference lists write it (APA, Harvard): "Johnson, K. M."',
    "authors_no_middle": 'the middle names dropped: "Kay M. Johnson" as "Kay Johnson"',
    "publisher_domain": 'the bare domain ("example.com")',
    "publisher_host": 'the host as the address bar shows it ("www.example.com")',
    "publisher_the": 'the site\'s name with a leading "The" added or dropped',
    "publisher_parent": "the organisation the page names as its publisher or parent, where it "
    "differs from the site's name",
    "date_month": "the date given to the month only",
    "date_year": "the date given to the year only",
    "date_modified": "the page's own update date (dateModified, article:modified_time)",
    "date_day_month_swapped": "day and month swapped (03/04 read the other way), where both "
    "are 12 or less and differ: a slip, no evidence against the source (warning expected)",
}
# Wrong citations the variants' looser forms must not let through.
WRONG_VARIANTS: dict[str, str] = {
    "month_plus_year": "the date to the month, moved by a year",
    "other_site_title_cut": 'another site\'s title cut with "…"',
    "same_site_title_cut": 'another page of the same site\'s title cut with "…"',
    "same_site_title_tab": "another page of the same site's title as a tab shows it",
    "date_swapped_moved": "the date moved by 6 days, then day and month swapped",
    "authors_other_page": "another site's page's authors, where the page names a person (authors "
    "never fail: warning expected)",
}
for _kind in VARIANTS:
    EXPECTED[_kind] = {Status.VERIFIED}
EXPECTED["date_day_month_swapped"] = {Status.VERIFIED, Status.WARNING}
for _kind in WRONG_VARIANTS:
    EXPECTED[_kind] = {Status.FAILED}
EXPECTED["authors_other_page"] = {Status.WARNING, Status.FAILED}
ORIGINAL_KINDS = (
    "correct",
    "typographic",
    "other_site_title",
    "same_site_title",
    "date_plus_year",
    "date_plus_6_days",
)


@dataclass
class Case:
    id: str
    kind: str
    page: CorpusPage
    title: str
    date: str | None
    authors: list[str] | None = None  # None: the page's labelled authors
    publisher: str | None = None


_ARCHIVE_PREFIX = re.compile(r"^https?://web\.archive\.org/web/[^/]+/", re.IGNORECASE)


def domain(url: str) -> str:
    """The site a page belongs to; a Wayback copy belongs to the site it archived, not to
    web.archive.org (else every archived page would be "the same site" as every other)."""
    original = _ARCHIVE_PREFIX.sub("", url)
    if original != url and not original.lower().startswith(("http://", "https://")):
        original = f"http://{original}"
    return str(_DOMAINS(original).top_domain_under_public_suffix or original)


_QUOTES_AND_DASHES = str.maketrans(
    {"'": "’", '"': "“", "’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}
)


def is_web_url(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def typographic_variant(title: str) -> str:
    """The same title as another typist writes it: quotes and dashes swapped, case changed."""
    swapped = title.translate(_QUOTES_AND_DASHES).replace(" - ", " – ")
    return swapped.lower().replace(" ", "  ", 1)


def shifted(date: str, days: int = 0, years: int = 0) -> str:
    day = dt.date.fromisoformat(date)
    try:
        day = day.replace(year=day.year + years)
    except ValueError:  # 29 February
        day = day.replace(year=day.year + years, day=28)
    return (day + dt.timedelta(days=days)).isoformat()


def prefer_htmldate_dates(pages: list[CorpusPage], every_page: list[CorpusPage]) -> int:
    """Give each page htmldate's date for its URL where htmldate has one; return how many changed.

    The corpus keeps each set's capture of a URL apart, so a trafilatura page does not see the
    htmldate label of the same URL unless both sets stored identical bytes.
    """
    htmldate = {p.url: p.date for p in every_page if p.url and p.date and p.date_from == "htmldate"}
    changed = 0
    for page in pages:
        better = htmldate.get(page.url)
        if better and page.date_from != "htmldate":
            changed += better != page.date
            page.date, page.date_from = better, "htmldate"
    return changed


_CUT_AT = 60  # search results and tabs cut titles at about this many characters
_SUBTITLE = re.compile(r":\s+|\s+[-–—]\s+")
_MIN_HEAD_WORDS = 3  # "Review: ...", "Im Test: ...": a kicker, not a title people cite alone
_PERSON = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,3}$")
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_MODIFIED_NAMES = {
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
}
_JSON_MODIFIED = re.compile(r'"dateModified"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_JSON_PARENT = re.compile(r'"parentOrganization"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,80})"')
_JSON_PUBLISHER = re.compile(r'"publisher"\s*:\s*\{[^{}]*?"name"\s*:\s*"([^"]{2,80})"')


def meta_values(html: str) -> dict[str, str]:
    """The page's <meta> tags, name/property/itemprop (lower-cased) -> content, first wins."""
    values: dict[str, str] = {}
    for tag in _META_TAG.findall(html[:200_000]):
        attributes = {k.lower(): a or b for k, a, b in _ATTRIBUTE.findall(tag)}
        content = attributes.get("content", "").strip()
        for key in ("property", "name", "itemprop"):
            if attributes.get(key) and content:
                values.setdefault(attributes[key].strip().lower(), content)
    return values


def modified_date(html: str, meta: dict[str, str]) -> str | None:
    """The update date the page states in its markup (read here, not by citecheck)."""
    for name in _MODIFIED_NAMES:
        value = meta.get(name, "")
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            return value[:10]
    found = _JSON_MODIFIED.search(html)
    return found.group(1) if found else None


def site_name(page: CorpusPage, html: str, meta: dict[str, str]) -> str:
    """The site's name as the page presents it: the label, og:site_name, the JSON-LD publisher,
    else the domain's label capitalised ("dawn.com" -> "Dawn")."""
    named = [page.site_name, meta.get("og:site_name")]
    if found := _JSON_PUBLISHER.search(html):
        named.append(found.group(1))
    for name in named:
        # Some pages put their address ("https://www.fr.de") or a template's placeholder
        # ("{$plugin.site_name}") where the name goes: not a name.
        if name and not re.search(r"[\\/{}$]", name) and not re.fullmatch(r"\S+\.\w+", name):
            return name
    return domain(page.url or "").split(".")[0].capitalize()


def parent_organisation(html: str, meta: dict[str, str]) -> str | None:
    """The organisation the page names as its parent, or as its publisher where that differs
    from its site name (og:site_name): "Condé Nast" for "Vogue"."""
    site = meta.get("og:site_name", "")
    for pattern in (_JSON_PARENT, _JSON_PUBLISHER):
        found = pattern.search(html)
        name = found.group(1).strip() if found else ""
        usable = name and not re.search(r"[\\/{}$]", name) and _folded(name) != _folded(site)
        if usable and (pattern is _JSON_PARENT or site):
            return name
    return None


def _folded(name: str) -> str:
    return re.sub(r"\W+|^the\s+", "", name.lower())


def without_subtitle(title: str) -> str | None:
    parts = _SUBTITLE.split(title, maxsplit=1)
    if len(parts) == 2 and len(parts[0].split()) >= _MIN_HEAD_WORDS:
        return parts[0].strip()
    return None


_UMLAUTS_TYPED = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def typed_plain(title: str) -> str:
    """The title as typed on a keyboard without accents (German umlauts as DIN 5007-2 spells
    them, every other mark dropped)."""
    spelled = unicodedata.normalize("NFKD", title.translate(_UMLAUTS_TYPED))
    return unicodedata.normalize("NFC", "".join(c for c in spelled if not unicodedata.combining(c)))


def case_changed(title: str) -> str:
    """Title Case -> Sentence case; anything else -> Title Case."""
    words = title.split()
    capitalised = sum(1 for word in words if word[:1].isupper())
    if len(words) > 1 and capitalised * 2 > len(words):
        return words[0] + " " + " ".join(w if w.isupper() else w.lower() for w in words[1:])
    return " ".join(w[:1].upper() + w[1:] for w in words)


def cut_title(title: str) -> str | None:
    if len(title) <= _CUT_AT:
        return None
    head = title[:_CUT_AT].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return f"{head} …" if head else None


def _name_words(author: str) -> list[str] | None:
    """A single person's name ("Kay Johnson", "J. I. da Silva"), as words; None for anything
    else: one word, several people, an organisation or desk (citecheck's own vocabulary)."""
    if not _PERSON.match(author.strip()) or looks_like_organisation(author):
        return None
    return author.split()


_NAME_SUFFIX = re.compile(r"^(?:jr|sr|ii|iii|iv)\.?$", re.IGNORECASE)


def _given_and_surname(author: str) -> tuple[list[str], str] | None:
    """ "Perry Bacon Jr." -> (["Perry"], "Bacon Jr.")"""
    words = _name_words(author)
    if not words:
        return None
    cut = -2 if len(words) > 2 and _NAME_SUFFIX.match(words[-1]) else -1
    return words[:cut], " ".join(words[cut:])


def inverted(author: str) -> str:
    parts = _given_and_surname(author)
    return f"{parts[1]}, {' '.join(parts[0])}" if parts else author


def initials(author: str) -> str:
    parts = _given_and_surname(author)
    if not parts:
        return author
    # Particles ("da", "van") stay written out, as people write them: "J. I. da Silva".
    given = " ".join(word if word.islower() else f"{word[0]}." for word in parts[0])
    return f"{given} {parts[1]}".strip()


def reference_list_form(author: str) -> str:
    """ "Kay M. Johnson" -> "Johnson, K. M."; particles stay written out ("da Silva, J.")."""
    parts = _given_and_surname(author)
    if not parts or not parts[0]:
        return author
    given = " ".join(f"{word[0]}." for word in parts[0] if not word.islower())
    particles = " ".join(word for word in parts[0] if word.islower())
    surname = f"{particles} {parts[1]}".strip()
    return f"{surname}, {given}" if given else author


def without_middle_names(author: str) -> str | None:
    """ "Kay M. Johnson" -> "Kay Johnson"; None when there is no middle name to drop (a
    particle, "da Silva", is part of the surname)."""
    parts = _given_and_surname(author)
    if not parts or len(parts[0]) < 2 or any(word.islower() for word in parts[0]):
        return None
    return f"{parts[0][0]} {parts[1]}"


_KICKER = re.compile(r"^([^:]{2,40}):\s+(.+)$")
_MAX_KICKER_WORDS = 3


def without_kicker(title: str) -> str | None:
    """ "Review: The new harbour" -> "The new harbour": a short lead-in of at most three words
    before ": ", where at least three words follow."""
    found = _KICKER.match(title)
    if not found or len(found.group(1).split()) > _MAX_KICKER_WORDS:
        return None
    rest = found.group(2).strip()
    return rest if len(rest.split()) >= _MIN_HEAD_WORDS else None


def host_of(url: str) -> str:
    """The host as the address bar shows it; a Wayback copy's original host."""
    original = _ARCHIVE_PREFIX.sub("", url)
    if "://" not in original:
        original = f"http://{original}"
    return urlsplit(original).hostname or original


def the_toggled(name: str) -> str:
    """ "The Guardian" <-> "Guardian"; a name made from a domain label ("The-pain" for
    the-pain.net) loses its "The" too, rather than gaining a second one."""
    if re.match(r"the[\s-]\w", name, re.IGNORECASE):
        return name[4:].capitalize() if name[3] == "-" else name[4:]
    return f"The {name}"


def variant_cases(n: int, page: CorpusPage, other: CorpusPage | None) -> list[Case]:
    """The honest variants of page `page`'s correct citation, and the wrong variants."""
    assert page.title is not None and page.url is not None
    html = page.read_bytes().decode("utf-8", "replace")
    meta = meta_values(html)
    site = site_name(page, html, meta)
    title, date = page.title, page.date
    cases = [
        Case(f"tsuffix-{n}", "title_site_suffix", page, f"{title} | {site}", date),
        Case(f"tprefix-{n}", "title_site_prefix", page, f"{site} - {title}", date),
        Case(f"tcase-{n}", "title_case_changed", page, case_changed(title), date),
        Case(f"pdomain-{n}", "publisher_domain", page, title, date, publisher=domain(page.url)),
        Case(f"pthe-{n}", "publisher_the", page, title, date, publisher=the_toggled(site)),
    ]
    if parent := parent_organisation(html, meta):
        cases.append(Case(f"pparent-{n}", "publisher_parent", page, title, date, publisher=parent))
    if head := without_subtitle(title):
        cases.append(Case(f"tnosub-{n}", "title_no_subtitle", page, head, date))
    if rest := without_kicker(title):
        cases.append(Case(f"tnokick-{n}", "title_no_kicker", page, rest, date))
    cases.append(
        Case(f"phost-{n}", "publisher_host", page, title, date, publisher=host_of(page.url))
    )
    if cut := cut_title(title):
        cases.append(Case(f"tcut-{n}", "title_cut", page, cut, date))
    if (plain := typed_plain(title)) != title:
        cases.append(Case(f"tplain-{n}", "title_typed_plain", page, plain, date))
    if other is not None and other.title and (cut := cut_title(other.title)):
        cases.append(Case(f"othercut-{n}", "other_site_title_cut", page, cut, None))
    people = [a for a in page.authors if _name_words(a)]
    if people:
        for kind, form in (("authors_inverted", inverted), ("authors_initials", initials)):
            written = [form(a) if a in people else a for a in page.authors]
            cases.append(Case(f"{kind}-{n}", kind, page, title, date, authors=written))
        cases.append(
            Case(f"authors_by-{n}", "authors_by", page, title, date, authors=[f"By {people[0]}"])
        )
        written = [reference_list_form(a) if a in people else a for a in page.authors]
        if written != page.authors:
            cases.append(Case(f"apa-{n}", "authors_apa", page, title, date, authors=written))
        shorter = [(without_middle_names(a) if a in people else None) or a for a in page.authors]
        if shorter != page.authors:
            cases.append(
                Case(f"nomid-{n}", "authors_no_middle", page, title, date, authors=shorter)
            )
    # Only where the page names a person: a page without a byline has no author to contradict.
    others = [a for a in other.authors if _name_words(a)] if other is not None and people else []
    if others and not {a.lower() for a in others} & {a.lower() for a in page.authors}:
        cases.append(
            Case(f"otherauth-{n}", "authors_other_page", page, title, date, authors=others)
        )
    if len(page.authors) >= 2 and (first := _given_and_surname(page.authors[0])):
        written = [f"{first[1]} et al."]  # the first author's surname: "Johnson et al."
        cases.append(Case(f"etal-{n}", "authors_et_al", page, title, date, authors=written))
    if date:
        cases.append(Case(f"dmonth-{n}", "date_month", page, title, date[:7]))
        cases.append(Case(f"dyear-{n}", "date_year", page, title, date[:4]))
        day = dt.date.fromisoformat(date)
        if day.day <= 12 and day.day != day.month:
            swapped = dt.date(day.year, day.day, day.month).isoformat()
            cases.append(Case(f"dswap-{n}", "date_day_month_swapped", page, title, swapped))
        later = dt.date.fromisoformat(shifted(date, days=6))
        if later.day <= 12 and later.day != later.month:
            swapped = dt.date(later.year, later.day, later.month).isoformat()
            cases.append(Case(f"dswapmove-{n}", "date_swapped_moved", page, title, swapped))
        moved = shifted(date, years=1)[:7]
        cases.append(Case(f"mplusyear-{n}", "month_plus_year", page, title, moved))
        update = modified_date(html, meta)
        # An update is later than the publication; an earlier "modified" stamp is a template's.
        if update and (dt.date.fromisoformat(update) - dt.date.fromisoformat(date)).days > 1:
            cases.append(Case(f"dmod-{n}", "date_modified", page, title, update))
    return cases


def build_cases(pages: list[CorpusPage]) -> list[Case]:
    cases: list[Case] = []
    by_domain: dict[str, list[CorpusPage]] = defaultdict(list)
    for page in pages:
        assert page.url is not None
        by_domain[domain(page.url)].append(page)
    for n, page in enumerate(pages):
        assert page.title is not None and page.url is not None
        cases.append(Case(f"correct-{n}", "correct", page, page.title, page.date))
        cases.append(
            Case(f"typo-{n}", "typographic", page, typographic_variant(page.title), page.date)
        )
        other = pages[(n + len(pages) // 2) % len(pages)]
        if domain(other.url or "") != domain(page.url) and other.title:
            cases.append(Case(f"othersite-{n}", "other_site_title", page, other.title, None))
        siblings = [
            p for p in by_domain[domain(page.url)] if p is not page and p.title != page.title
        ]
        if siblings and siblings[0].title:
            cases.append(Case(f"samesite-{n}", "same_site_title", page, siblings[0].title, None))
            if cut := cut_title(siblings[0].title):
                cases.append(Case(f"samecut-{n}", "same_site_title_cut", page, cut, None))
            html = page.read_bytes().decode("utf-8", "replace")
            tab = f"{site_name(page, html, meta_values(html))} - {siblings[0].title}"
            cases.append(Case(f"sametab-{n}", "same_site_title_tab", page, tab, None))
        if page.date:
            cases.append(
                Case(f"year-{n}", "date_plus_year", page, page.title, shifted(page.date, years=1))
            )
            cases.append(
                Case(f"days-{n}", "date_plus_6_days", page, page.title, shifted(page.date, days=6))
            )
        other_site = other if domain(other.url or "") != domain(page.url) else None
        cases.extend(variant_cases(n, page, other_site))
    return cases


def write_warc(pages: list[CorpusPage], path: Path) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        for page in pages:
            body = page.read_bytes()
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def write_citations(cases: list[Case], path: Path) -> None:
    entries = []
    for case in cases:
        entry: dict[str, object] = {"id": case.id, "title": case.title, "url": case.page.url}
        if case.date:
            entry["date"] = case.date
        authors = case.page.authors if case.authors is None else case.authors
        if authors:
            entry["authors"] = authors
        if case.publisher:
            entry["publisher"] = case.publisher
        entries.append(entry)
    yaml = YAML()
    yaml.width = 4096
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump({"citations": entries}, handle)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages")
    parser.add_argument("--misses", default="", help="print the misses of these kinds (a,b)")
    parser.add_argument("--json", type=Path, help="also write each kind's outcomes here")
    parser.add_argument(
        "--split", choices=SPLITS, help="only one half of the corpus (fixed by file name)"
    )
    args = parser.parse_args()

    every_page = load_corpus(args.corpus)
    pages = [p for p in every_page if p.title and is_web_url(p.url)]
    pages = split_pages(pages, args.split, lambda page: page.html_path)
    dates_replaced = prefer_htmldate_dates(pages, every_page)
    if args.limit:
        pages = pages[: args.limit]
    args.out.mkdir(parents=True, exist_ok=True)
    warc, citations_path = args.out / "corpus.warc.gz", args.out / "citations.yaml"
    cases = build_cases(pages)
    write_warc(pages, warc)
    write_citations(cases, citations_path)

    started = time.perf_counter()
    fetcher = WarcReplayFetcher(warc)
    settings = Settings()
    settings.fetch.workers = 2
    report = verify_citations(load_citations(citations_path), fetcher, settings)
    elapsed = time.perf_counter() - started

    kinds = {case.id: case.kind for case in cases}
    # How the page's own correct citation ended, to tell a variant's own trouble from the page's.
    correct_status = {
        result.id.split("-")[-1]: result.status
        for result in report.results
        if kinds[result.id] == "correct"
    }
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    worse: Counter[str] = Counter()
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    for result in report.results:
        kind = kinds[result.id]
        totals[kind] += 1
        outcomes[kind][result.status.value] += 1
        page_status = correct_status.get(result.id.split("-")[-1])
        if kind in VARIANTS and page_status and _rank(result.status) < _rank(page_status):
            worse[kind] += 1
        if result.status in EXPECTED[kind]:
            right[kind] += 1
        elif kind in args.misses.split(","):
            shown = page_status.value if page_status else "-"
            print(
                f"MISS {result.id} {result.status.value} (correct: {shown}) {result.url}\n   "
                + "\n   ".join(result.reasons)
            )

    print(f"command: python {' '.join(sys.argv)}")
    print(f"pages: {len(pages)}  citations: {len(cases)}  replay+verify: {elapsed:.1f}s")
    print(f"date labels replaced by htmldate's for the same URL: {dates_replaced}")
    print(f"{'kind':<20} {'expected':<9} {'right':>7} {'share':>7}  outcomes")
    for kind, expected in EXPECTED.items():
        total = totals[kind]
        share = right[kind] / total if total else 0.0
        wanted = "/".join(sorted(s.value for s in expected))
        spread = ", ".join(f"{k} {v}" for k, v in outcomes[kind].most_common())
        below = f"  [{worse[kind]} below the page's correct citation]" if kind in VARIANTS else ""
        print(f"{kind:<20} {wanted:<9} {right[kind]:>4}/{total:<4} {share:>7.1%}  {spread}{below}")
    print(summary(totals, right, outcomes, ORIGINAL_KINDS))
    print("honest variants and their wrong counterparts (issue 14):")
    print(summary(totals, right, outcomes, (*VARIANTS, *WRONG_VARIANTS)))
    if args.json:
        figures = {kind: dict(outcomes[kind]) for kind in EXPECTED}
        args.json.write_text(json.dumps(figures, indent=1, sort_keys=True), encoding="utf-8")
    return 0


def _rank(status: Status) -> int:
    return {Status.VERIFIED: 2, Status.WARNING: 1}.get(status, 0)


def summary(
    totals: Counter[str],
    right: Counter[str],
    outcomes: dict[str, Counter[str]],
    kinds: tuple[str, ...],
) -> str:
    """The two figures to keep apart: how correct citations end (a `failed` one is the worst
    outcome: it sends the reader after a source that is fine) and how many wrong ones are caught."""
    good = [kind for kind in kinds if Status.VERIFIED in EXPECTED[kind]]
    wrong = [kind for kind in kinds if kind not in good]
    ended = {
        status: sum(outcomes[kind][status.value] for kind in good)
        for status in (Status.VERIFIED, Status.WARNING, Status.FAILED)
    }
    spread = ", ".join(f"{status.value} {count}" for status, count in ended.items())
    caught, total = sum(right[k] for k in wrong), sum(totals[k] for k in wrong)
    return (
        f"correct citations ({' + '.join(good)}): {spread} of {sum(totals[k] for k in good)}; "
        f"wrong citations caught ({', '.join(wrong)}): {caught}/{total}"
    )


if __name__ == "__main__":
    sys.exit(main())
