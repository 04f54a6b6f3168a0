"""URLs and DOIs in a note: found, cleaned of the punctuation around them, cut out of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.doi import DOI_URL

_URL = re.compile(
    r"""(?:https?|ftp)://[^\s<>"“”«»\ue000\ue001]+|(?<![\w@/.-])www\.[^\s<>"“”«»\ue000\ue001]+"""
    # A bare host and path, as MLA writes them: "blake.lib.example.edu/article/view/501".
    r"""|(?<![\w@/.:-])(?:[a-z0-9-]+\.)+[a-z]{2,6}/[\w~%.-][^\s<>"“”«»\ue000\ue001]*""",
    re.IGNORECASE,
)
_BARE_DOI = re.compile(r"\bdoi\s*:?\s*(10\.\d{4,9}/[^\s<>\"“”«»]+)", re.IGNORECASE)
_TRAILING = ".,;:!?'\"’”»*>"
_CLOSERS = {")": "(", "]": "[", "}": "{"}
# Words that only announce the address that follows them.
_URL_LEAD_IN = re.compile(
    r"(?:\b(?:URL|Available(?:\s+(?:at|from|online|via\s+WWW\s+from))?|Online|"
    r"Retrieved\s+from|Recuperado\s+de|Retirado\s+de|Dispon[ií]vel\s+em|"
    r"Disponible\s+(?:sur|en)|Abrufbar\s+unter|Repéré\s+à|Link|See|from|Web|at)\s*:?\s*)$",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = re.compile(r"<\s*>|\(\s*\)|\[\s*\]")
# Reference lists copied from PDFs break addresses at line ends: "http:// www.", "www. site.com".
_SPLIT_SCHEME = re.compile(r"\b(https?):\s*/\s*/\s*", re.IGNORECASE)
_SPLIT_HOST = re.compile(
    r"(https?://(?:[\w-]+\.)*)\s+(?=[\w-]+(?:\.[\w-]+)*(?:/|\.[a-z]{2,}\b))", re.I
)
_PATH_FRAGMENT = re.compile(
    r"\s+(?=\S*(?:/|%[0-9A-Fa-f]{2}|\.(?:pdf|html?|php|aspx?|cfm|shtml?|jsp)\b))\S+"
)
_STRAY_PATH = re.compile(
    r"\s(?=[^\s/]*/[^\s/]*/|\S*\.(?:pdf|html?|php|aspx?|cfm|shtml?|jsp)(?![\w.]))[^\s/.,;:]\S*"
)
# A DOI with a colon of its own (ASCE's "...(2002)128:5(534)", EDP's "nss:2005018") broken at a
# line end after the colon: the piece after the space is digits and parentheses.
_DOI_AFTER_COLON = re.compile(r":\s+((?=[\w()]*\d)[\w()]*[\w)])(?=[\s.,;]|$)")
_OPEN_ENDED = ("/", "-", "_", "=", "%20", "?", "&")
# RFC 3986, appendix C: an address delimited by angle brackets may be broken across lines, and
# the whitespace inside the brackets is to be ignored: "< http:// www.site.org/ path/ page >".
_DELIMITED = re.compile(r"<\s*((?:(?:https?|ftp):|www\.)[^<>]{0,600}?)\s*>", re.IGNORECASE)


@dataclass
class Links:
    text: str  # the note with its URLs and DOIs taken out
    urls: list[str]
    doi: str | None


def trim_url(url: str) -> str:
    """Drop sentence punctuation after a URL, keeping parentheses that the URL itself opened."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _CLOSERS and url.count(_CLOSERS[last]) < url.count(last)):
            url = url[:-1]
        else:
            break
    return url


# Reference managers sometimes write the resolver twice: "https://doi.org/https://doi.org/10.x".
_DOUBLED_RESOLVER = re.compile(
    r"^(?:https?://)?(?:dx\.)?doi\.org/(?=(?:https?://)?(?:dx\.)?doi\.org/)", re.IGNORECASE
)


def doi_of(url: str) -> str | None:
    match = DOI_URL.match(_DOUBLED_RESOLVER.sub("", url))
    return match.group(1) if match else None


def take_links(text: str) -> Links:
    text = _DELIMITED.sub(lambda match: "<" + re.sub(r"\s+", "", match.group(1)) + ">", text)
    text = _SPLIT_HOST.sub(r"\1", _SPLIT_SCHEME.sub(r"\1://", text))
    urls: list[str] = []
    pieces: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        if match.start() < position:
            continue
        url = trim_url(match.group(0))
        end = match.start() + len(url)
        while url.endswith(_OPEN_ENDED):
            # The address goes on after a line break: "https://site.org/ library/page.html".
            fragment = _PATH_FRAGMENT.match(text, end)
            if fragment is None:
                break
            piece = trim_url(fragment.group(0).strip())
            url += piece
            end = fragment.end() - (len(fragment.group(0).strip()) - len(piece))
        broken = _DOI_AFTER_COLON.match(text, end) if doi_of(url) else None
        if broken is not None:
            # "10.1061/(ASCE)0733-9429(2002)128: 5(534)": a DOI broken after its colon.
            url += ":" + broken.group(1)
            end = broken.end()
        stray = _STRAY_PATH.match(text, end) if "/" in url.split("//")[-1] else None
        if stray is not None:
            # "www.site.org/community development/assets/report.pdf": a space inside the path
            # (copied from a PDF) leaves the rest of the address behind; it names nothing.
            end = stray.end()
        if not _has_host(url):
            continue
        before = text[position : match.start()]
        pieces.append(_URL_LEAD_IN.sub("", before))
        urls.append(url)
        position = end
    pieces.append(text[position:])
    remaining = "".join(pieces)

    doi = next((found for found in map(doi_of, urls) if found), None)
    bare = _BARE_DOI.search(remaining)
    if bare:
        bare_doi = trim_url(bare.group(1))
        doi = doi or bare_doi
        end = bare.start(1) + len(bare_doi)
        remaining = remaining[: bare.start()] + remaining[end:]
    remaining = _EMPTY_BRACKETS.sub("", remaining)
    return Links(text=remaining, urls=urls, doi=doi)


def _has_host(url: str) -> bool:
    host = re.sub(r"^[a-z]+://", "", url, flags=re.IGNORECASE).split("/")[0]
    return "." in host.strip(".") and len(host) > 3
