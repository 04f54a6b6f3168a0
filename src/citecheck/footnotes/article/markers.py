"""Note markers as written in an article: `[iv]`, `[4]`, `4.`, `¹²`, `<sup>4</sup>`, `[a]`.

A marker's id is the token as written (`iv`, `4`, `a`); its style and numeric value tell a run of
notes (`i, ii, iii`) from stray bracketed words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class MarkerStyle(StrEnum):
    ARABIC = "arabic"
    ROMAN = "roman"
    LETTER = "letter"


@dataclass(frozen=True)
class MarkerValue:
    style: MarkerStyle
    number: int  # 1-based position in its style's sequence: iv -> 4, d -> 4


SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ARABIC = re.compile(r"^[1-9][0-9]{0,3}$")
_BRACKETS = "[]()"
# "4-6" and "4–6" in a marker group stand for every note in between; a cap keeps "1-9999" sane.
_RANGE = re.compile(r"^\s*(\d{1,4})\s*[-–—]\s*(\d{1,4})\s*$")
_LONGEST_RANGE = 20


def from_superscript(text: str) -> str:
    return text.translate(_FROM_SUPERSCRIPT)


def roman_value(token: str) -> int | None:
    lowered = token.lower()
    if not lowered or not _ROMAN.match(lowered):
        return None
    total = 0
    for index, char in enumerate(lowered):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[lowered[index + 1]] if index + 1 < len(lowered) else 0
        total += -value if value < following else value
    return total


_NUMERALS = (
    (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"),
    (1, "i"),
)  # fmt: skip


def roman_numeral(number: int, upper: bool = False) -> str:
    """4 -> "iv": how a list numbered with `type="i"` shows its items."""
    numeral = ""
    for value, letters in _NUMERALS:
        count, number = divmod(number, value)
        numeral += letters * count
    return numeral.upper() if upper else numeral


def marker_values(token: str) -> list[MarkerValue]:
    """Every reading of a marker token: `i` is roman one and the letter i, `4` is arabic four."""
    token = from_superscript(token.strip())
    if _ARABIC.match(token):
        return [MarkerValue(MarkerStyle.ARABIC, int(token))]
    readings: list[MarkerValue] = []
    if not (token.isascii() and token.isalpha() and (token.islower() or token.isupper())):
        return readings
    roman = roman_value(token)
    if roman is not None:
        readings.append(MarkerValue(MarkerStyle.ROMAN, roman))
    if len(token) == 1:
        readings.append(MarkerValue(MarkerStyle.LETTER, ord(token.lower()) - ord("a") + 1))
    return readings


def is_marker_token(token: str) -> bool:
    return bool(marker_values(token))


def strip_brackets(text: str) -> str:
    """`[4]` -> `4`, `(iv)` -> `iv`: the bracketed forms of a marker name the same note."""
    text = text.strip()
    while len(text) >= 2 and text[0] in _BRACKETS and text[-1] in _BRACKETS:
        text = text[1:-1].strip()
    return text


def marker_group(text: str) -> list[str]:
    """The note ids in a marker group: `4`, `[4, 5]`, `4–6`, `¹²`; empty when it is not one."""
    inner = strip_brackets(from_superscript(text))
    if not inner:
        return []
    ids: list[str] = []
    for part in re.split(r"\s*[,;]\s*", inner):
        span = _RANGE.match(part)
        if span:
            first, last = int(span.group(1)), int(span.group(2))
            if first < 1 or not first < last <= first + _LONGEST_RANGE:
                return []
            ids.extend(str(number) for number in range(first, last + 1))
        elif is_marker_token(part):
            ids.append(part)
        else:
            return []
    return ids


_UNIT_OR_NUMBER = re.compile(r"(?:\d|(?<![^\W\d])[a-z]{1,2})$")


def is_exponent(text_before: str) -> bool:
    """True when a superscript number right after `text_before` is a power, not a marker:
    "cm³", "m²", "10⁶", "x²"."""
    return bool(_UNIT_OR_NUMBER.search(text_before))


def follows(previous: list[MarkerValue], current: list[MarkerValue]) -> list[MarkerValue]:
    """The readings of `current` that continue a sequence that `previous` could be in."""
    return [
        now
        for now in current
        for before in previous
        if now.style is before.style and now.number > before.number
    ]


def sequence_style(tokens: list[str]) -> MarkerStyle | None:
    """The one style in which `tokens` ascend (`i, ii` roman; `a, b` letters), else None."""
    if not tokens:
        return None
    readings = marker_values(tokens[0])
    for token in tokens[1:]:
        readings = follows(readings, marker_values(token))
        if not readings:
            return None
    styles = {reading.style for reading in readings}
    # "i" alone, or "i, v, x", reads as roman or letters; roman is the usual note style.
    for style in (MarkerStyle.ARABIC, MarkerStyle.ROMAN, MarkerStyle.LETTER):
        if style in styles:
            return style
    return None


def has_style(token: str, style: MarkerStyle) -> bool:
    return any(value.style is style for value in marker_values(token))
