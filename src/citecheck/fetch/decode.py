"""Bytes to text: the HTTP charset, then the page's own meta charset, then detection.

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


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _known_codec(match.group(1)) if match else None


def charset_from_meta(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:4096])
    return _known_codec(match.group(1).decode("ascii", "ignore")) if match else None


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
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8 (bom)"
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
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    # HTML is never UTF-16/32 without a BOM; detection claims so on short Latin texts.
    if best is not None and not best.encoding.startswith(("utf_16", "utf_32")):
        return body.decode(best.encoding, "replace"), f"{best.encoding} (detected)"
    return body.decode("cp1252", "replace"), "cp1252 (fallback)"
