"""The CDXJ index of a WARC (the form pywb, cdxj-indexer and WACZ use):

    <SURT key> <14-digit timestamp> {"url": ..., "mime": ..., "status": ..., "digest": ...,
                                     "length": ..., "offset": ..., "filename": ...}

one line per response record, sorted bytewise, gzip-compressed as `index.cdx.gz`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterable

import surt

from citecheck.bundle.warc_recorder import RecordedResponse


def surt_key(url: str) -> str:
    """The Sort-friendly URI Reordering Transform of `url` (`org,example)/a`)."""
    try:
        return str(surt.surt(url))
    except Exception:  # surt gives up on some malformed URLs; they still need a key
        return url


def wayback_timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")


def cdxj_line(recorded: RecordedResponse, filename: str) -> str:
    fields = {
        "url": recorded.url,
        "mime": recorded.mime or "unk",
        "status": str(recorded.status),
        "digest": recorded.payload_digest,
        "length": str(recorded.length),
        "offset": str(recorded.offset),
        "filename": filename,
    }
    key = surt_key(recorded.url).replace(" ", "%20")
    stamp = wayback_timestamp(recorded.recorded_at)
    return f"{key} {stamp} {json.dumps(fields, ensure_ascii=False, separators=(',', ':'))}"


def cdxj_bytes(responses: Iterable[RecordedResponse], filename: str) -> bytes:
    """The sorted index as gzip bytes (`mtime` fixed: equal input, equal bytes)."""
    lines = sorted(cdxj_line(recorded, filename).encode("utf-8") for recorded in responses)
    text = b"".join(line + b"\n" for line in lines)
    return gzip.compress(text, mtime=0)
