"""What a PDF says about itself, read with pypdf: title, authors and dates from the document
Info dictionary and the XMP metadata, and from the first page's text (its largest line is a
title candidate; a byline and a date printed near its top are author and date candidates).

A PDF that pypdf cannot open, or that ends before its end-of-file marker (a download cut short,
a file damaged on the server), is *unreadable*: that is different from a readable PDF that
carries no metadata, and the verdict says which it was.

Hostile input is expected: every call into pypdf is guarded, and a PDF that makes pypdf fail in
any way is reported as unreadable, with pypdf's words, rather than stopping the run.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from citecheck.extract.date_parsing import find_dates, is_plausible
from citecheck.extract.text_cleaning import clean_text
from citecheck.models import Found, FoundDate

_EARLIEST_PDF_YEAR = 1993  # PDF 1.0
# Readers look for %%EOF within the file's last kilobyte; some writers leave junk after it.
_EOF_WINDOW = 4096
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# Titles that authoring tools write on their own: the file name, "Microsoft Word - x.docx".
_TOOL_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint|excel) - |untitled\b|document\d*$|title$|"
    r"slide \d+$|\d+$)|\.(?:docx?|pdf|indd|pptx?|qxd|tex|rtf|odt|xlsx?)$",
    re.IGNORECASE,
)
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\band\b|&|\n)\s*")
_MIN_TITLE_CHARS = 6
_MAX_TITLE_CHARS = 300
_MAX_TITLE_PIECES = 40  # text pieces of the largest size taken into one title
# The largest text is a title only when it stands out from the page's running text.
_TITLE_SIZE_FACTOR = 1.15
_SAME_SIZE = 0.05  # sizes within 5 % of each other are one size (rounding, kerning)
_DATE_TEXT_CHARS = 1500  # a date or byline printed on a title page sits near its top
# A line of its own near the top of page one: "By Tariq Parvez and Moeed Yusuf".
_BYLINE = re.compile(r"^[ \t]*(?:by|von|par|por|di)[ \t]+([^\n\d]{3,150}?)[ \t]*$", re.I | re.M)
_BYLINE_AND = re.compile(r",\s*(?:and\s+)?|\s+(?:and|und|et|y|e)\s+", re.IGNORECASE)

logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns about every oddity it mends


@dataclass
class PdfInfo:
    """What a PDF says about itself, each list best candidate first."""

    titles: list[Found] = field(default_factory=list)
    authors: list[Found] = field(default_factory=list)
    published: list[FoundDate] = field(default_factory=list)
    modified: list[FoundDate] = field(default_factory=list)
    unreadable: str | None = None  # why the document could not be read; None when it could

    @property
    def title(self) -> str | None:
        return self.titles[0].value if self.titles else None


def pdf_metadata(body: bytes) -> PdfInfo:
    """Read `body` as a PDF; `unreadable` says why when it cannot be read."""
    if body.rfind(b"%%EOF", max(0, len(body) - _EOF_WINDOW)) == -1:
        return PdfInfo(unreadable="the file is truncated (it has no end-of-file marker)")
    try:
        from pypdf import PdfReader  # imported once a PDF needs it

        reader = PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted and not _opens_without_password(reader):
            return PdfInfo(unreadable="the document is encrypted")
        first_page = reader.pages[0] if len(reader.pages) else None
    except Exception as exc:  # pypdf raises many kinds on damaged files
        return PdfInfo(unreadable=f"the file is damaged ({_said(exc)})")
    if first_page is None:
        return PdfInfo(unreadable="the document has no pages")
    info = PdfInfo()
    _read_info_dictionary(reader, info)
    _read_xmp(reader, info)
    _read_first_page(first_page, info)
    return info


def _opens_without_password(reader: Any) -> bool:
    """Many PDFs are encrypted only to restrict printing, with an empty user password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # an unsupported cipher, or cryptography not installed
        return False


def _read_info_dictionary(reader: Any, info: PdfInfo) -> None:
    try:
        metadata = reader.metadata
        if metadata is None:
            return
        title = _text(metadata.get("/Title"))
        author = _text(metadata.get("/Author"))
        created = _text(metadata.get("/CreationDate"))
        modified = _text(metadata.get("/ModDate"))
    except Exception:  # a damaged Info dictionary: the rest of the document may still read
        return
    _add_title(info, title, "pdf:Title")
    _add_authors(info, [author] if author else [], "pdf:Author")
    _add_date(info.published, _pdf_date(created), "pdf:CreationDate")
    _add_date(info.modified, _pdf_date(modified), "pdf:ModDate")


def _read_xmp(reader: Any, info: PdfInfo) -> None:
    try:
        xmp = reader.xmp_metadata
        if xmp is None:
            return
        titles = list((xmp.dc_title or {}).values())
        creators = list(xmp.dc_creator or [])
        created = xmp.xmp_create_date
        dc_dates = list(xmp.dc_date or [])
        modified = xmp.xmp_modify_date
    except Exception:  # malformed XML or dates in the packet
        return
    for title in titles:
        _add_title(info, _text(title), "xmp:dc:title")
    _add_authors(info, [_text(creator) for creator in creators], "xmp:dc:creator")
    for value in [*dc_dates, created]:
        _add_date(info.published, _as_date(value), "xmp:CreateDate")
    _add_date(info.modified, _as_date(modified), "xmp:ModifyDate")


def _read_first_page(page: Any, info: PdfInfo) -> None:
    pieces: list[tuple[float, str]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: Any, size: Any) -> None:
        if text and isinstance(size, int | float):
            pieces.append((_rendered_size(float(size), cm, tm), text))

    try:
        text = page.extract_text(visitor_text=visit)
    except Exception:  # a damaged content stream: the metadata read so far stands
        return
    _add_title(info, largest_line(pieces), "pdf:first-page")
    byline = _BYLINE.search(text[:_DATE_TEXT_CHARS])
    if byline is not None:
        _add_authors(info, [_BYLINE_AND.sub(";", byline.group(1))], "pdf:first-page-byline")
    for found in find_dates(clean_text(text[:_DATE_TEXT_CHARS])):
        if _add_date(info.published, found.value, "pdf:first-page-text"):
            break


def largest_line(pieces: Sequence[tuple[float, str]]) -> str | None:
    """The text set in the page's largest type, when that type stands out from the running
    text: the consecutive pieces of that size from the first one (a title set on two lines)."""
    sizes = Counter[float]()
    for size, text in pieces:
        sizes[round(size, 1)] += len(text.strip())
    if not sizes:
        return None
    body_size = sizes.most_common(1)[0][0]
    largest = max(size for size, text in pieces if text.strip())
    if largest < body_size * _TITLE_SIZE_FACTOR:
        return None  # one size throughout: no line is set apart as a title
    taken: list[str] = []
    for size, text in pieces:
        if abs(size - largest) <= largest * _SAME_SIZE:
            taken.append(text)
        elif taken and text.strip():
            break
        if len(taken) >= _MAX_TITLE_PIECES:
            break
    title = clean_text(" ".join(taken))
    return title[:_MAX_TITLE_CHARS] if len(title) >= _MIN_TITLE_CHARS else None


def _rendered_size(size: float, cm: Sequence[float], tm: Sequence[float]) -> float:
    """The font size as drawn: the Tf size scaled by the text and the graphics matrix."""
    scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
    return size * scale if scale > 0 else size


def _add_title(info: PdfInfo, title: str | None, source: str) -> None:
    if not title or len(title) < _MIN_TITLE_CHARS or _TOOL_TITLE.search(title):
        return
    if all(found.value.casefold() != title.casefold() for found in info.titles):
        info.titles.append(Found(title[:_MAX_TITLE_CHARS], source))


def _add_authors(info: PdfInfo, values: Iterable[str | None], source: str) -> None:
    if info.authors:
        return  # the Info dictionary's authors stand; XMP usually repeats them
    for value in values:
        for name in _AUTHOR_SEPARATORS.split(value or ""):
            name = name.strip(" ,")
            if name and not any(found.value == name for found in info.authors):
                info.authors.append(Found(name, source))


def _add_date(dates: list[FoundDate], value: dt.date | None, source: str) -> bool:
    if value is None or not is_plausible(value, _EARLIEST_PDF_YEAR):
        return False
    if all(found.value != value for found in dates):
        dates.append(FoundDate(value, source))
    return True


def _pdf_date(text: str | None) -> dt.date | None:
    """A PDF date string ('D:20160901120000+05'00'), read to the day it gives."""
    match = _PDF_DATE.match(text or "")
    if not match or match.group(2) is None or match.group(3) is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return _pdf_date(value) if isinstance(value, str) else None


def _text(value: object) -> str | None:
    """A metadata value as clean text (pypdf gives str subclasses; bytes are left alone)."""
    if not isinstance(value, str):
        return None
    return clean_text(str(value)) or None


def _said(exc: Exception) -> str:
    words = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else ""
    return f"pypdf: {type(exc).__name__}: {words}" if words else f"pypdf: {type(exc).__name__}"
