"""Reading a text file citecheck takes as input (citations.yaml), strictly.

UTF-8 is expected. A byte-order mark says UTF-8 or UTF-16 instead (as Windows editors and
PowerShell write them), and so does the YAML rule for a file without one: its first character
is ASCII, so a NUL byte before or after it means UTF-16 (YAML 1.2, 5.2). Anything else that
does not decode is refused in one line naming the file, the line and the byte offset, never
guessed at: a citations file read wrong would check the wrong titles.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from citecheck.errors import InputError

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32",
}


@dataclass(frozen=True)
class DecodedText:
    text: str  # without the byte-order mark
    encoding: str  # the codec the bytes were read with, e.g. "utf-8", "utf-16-le"
    bom: bytes  # the byte-order mark the file began with (b"" when none), to write back


def read_text_file(path: Path) -> DecodedText:
    """The text of the file at `path`; InputError (one line) when it cannot be read as text."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    return decode_text_file(data, shown)


def decode_text_file(data: bytes, shown_path: str) -> DecodedText:
    """`data` decoded by its byte-order mark, else as UTF-16 when NUL bytes say so, else as
    UTF-8; InputError naming the line and byte offset of the first byte that does not decode."""
    bom, encoding = next(
        ((mark, codec) for mark, codec in _BOMS if data.startswith(mark)), (b"", "")
    )
    if not encoding:
        encoding = _unmarked_encoding(data)
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        offset = len(bom) + exc.start
        line = (
            data[:offset].count(b"\n")
            if encoding == "utf-8"
            else _line_of(body, exc.start, encoding)
        )
        raise InputError(
            f"{shown_path}:{line + 1}: not {_NAMES[encoding]} text (byte {offset}: "
            f"0x{data[offset]:02X}); save the file as UTF-8"
        ) from None
    return DecodedText(text=text, encoding=encoding, bom=bom)


def _unmarked_encoding(data: bytes) -> str:
    if len(data) >= 2 and data[0] == 0 and data[1] != 0:
        return "utf-16-be"
    if len(data) >= 2 and data[0] != 0 and data[1] == 0:
        return "utf-16-le"
    return "utf-8"


def _line_of(body: bytes, position: int, encoding: str) -> int:
    """Line breaks before `position` in wide-character text (what decodes of it)."""
    return body[:position].decode(encoding, "replace").count("\n")
