"""Bytes to text: a byte-order mark, the HTTP charset, the page's own meta charset, then detection.

Never raises UnicodeDecodeError: the last resort decodes with replacement characters.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one. UTF-32 is not a web
# encoding, so only UTF-8 and UTF-16 marks count (WHATWG Encoding, "BOM sniff").
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHAOS_TIE = 0.01  # detection scores closer than this are a tie
_TEXT_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "application/xml", "text/xml", "application/rss+xml"}
)


def is_text_type(content_type: str | None) -> bool:
    """True for HTML, XHTML, XML and text/* bodies, and for a missing content type."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    return (
        not media_type
        or media_type in _TEXT_TYPES
        or media_type.startswith("text/")
        or media_type.endswith("+xml")
    )


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _known_codec(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    if not match:
        return None
    codec = _known_codec(match.group(1).decode("ascii", "ignore"))
    # A meta tag readable as ASCII proves the page is not UTF-16/32, whatever it claims
    # (WHATWG: such a label means UTF-8).
    if codec is not None and codec.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec


def _known_codec(name: str) -> str | None:
    try:
        codec = codecs.lookup(name.strip().lower())
    except LookupError:
        return None
    # Browsers read "iso-8859-1" and "ascii" labels as windows-1252 (WHATWG Encoding), and pages
    # that say latin-1 routinely contain 0x80-0x9F curly quotes.
    if codec.name in {"latin-1", "iso8859-1", "ascii"}:
        return "cp1252"
    return codec.name


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode `body`; return the text and a note of the charset used and where it came from."""
    for bom, bom_codec in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(bom_codec, "replace"), f"{bom_codec} (bom)"
    for origin, charset in (
        ("http", charset_from_content_type(content_type)),
        ("meta", charset_from_meta(body)),
    ):
        if charset:
            try:
                return body.decode(charset), f"{charset} ({origin})"
            except (UnicodeDecodeError, LookupError):
                continue
    try:
        return body.decode("utf-8"), "utf-8 (detected)"
    except UnicodeDecodeError:
        pass
    detected = _detect_charset(body[:200_000])
    if detected is not None:
        return body.decode(detected, "replace"), f"{detected} (detected)"
    return body.decode("cp1252", "replace"), "cp1252 (fallback)"


def _detect_charset(sample: bytes) -> str | None:
    # HTML is never UTF-16/32 without a BOM; detection claims so on short Latin texts.
    candidates = [
        match
        for match in charset_normalizer.from_bytes(sample)
        if not match.encoding.startswith(("utf_16", "utf_32"))
    ]
    if not candidates:
        return None
    least_chaos = min(match.chaos for match in candidates)
    cleanest = [match for match in candidates if match.chaos <= least_chaos + _CHAOS_TIE]
    # On short Western pages several single-byte code pages decode equally cleanly (cp1257 and
    # cp775 too); windows-1252 is by far the most common of them on the web, as browsers assume.
    for match in cleanest:
        if "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return str(cleanest[0].encoding)


def decode_text(body: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(text, encoding note) for text-ish content types, (None, None) for anything else."""
    if not is_text_type(content_type):
        return None, None
    return decode_body(body, content_type)
