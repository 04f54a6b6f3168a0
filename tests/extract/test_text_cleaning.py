"""Cleaning values found in HTML into plain text."""

from __future__ import annotations

import pytest

from citecheck.extract.text_cleaning import (
    clean_text,
    collapse_text,
    is_template_placeholder,
    squash,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A &amp; B <b>x</b>", "A & B x"),
        # Attribute values reach us unescaped once by the parser; a second escape is undone.
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;Safe", "Safe"),
        ("<script>alert(1)</script> Safe", "Safe"),
        ("Hel<em>lo</em> world", "Hello world"),
        ("Line<br>break", "Line break"),
        ("  spaced \n\t out\u00a0 text ", "spaced out text"),
        ("zero\u200bwidth\u00adsoft", "zerowidthsoft"),
        ("bell\x07 and escape\x1b[31m", "bell and escape[31m"),
        ("1 < 2 > 0", "1 < 2 > 0"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_squash() -> None:
    assert squash("DAWN.COM") == "dawncom"
    assert squash("Al Jazeera") == "aljazeera"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{{ page.title }}", True),
        ("{$plugin.site_name}", True),
        ("${title}", True),
        ("null", True),
        ("Price {in} dollars", False),
        ("Null Island", False),
    ],
)
def test_template_placeholders(value: str, expected: bool) -> None:
    assert is_template_placeholder(value) is expected


def test_collapse_text_keeps_decoded_text_as_it_is() -> None:
    # Text from the parser is already decoded: an ampersand or a bracket is the page's text.
    assert (
        collapse_text("  Fish &amp; chips\n\t<b>  \u200bfresh\x07 ") == "Fish &amp; chips <b> fresh"
    )
    assert collapse_text("Straße\u00a0 und\u2003Weg") == "Straße und Weg"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  plain \n\t text  ", "plain text"),
        ("", ""),
        (" \n ", ""),
        # Control characters are dropped, even those str.split takes for white space: they join
        # their neighbours rather than separate them.
        ("record\x1eseparator", "recordseparator"),
        ("next\x85line", "nextline"),
        ("form\x0cfeed and\x0btab", "formfeed andtab"),
        ("nul\x00 byte", "nul byte"),
        # Invisible characters go; other white space separates.
        ("soft\u00adhyphen zero\u200bwidth\ufeff", "softhyphen zerowidth"),
        ("line\u2028separator\u3000ideographic", "line separator ideographic"),
        ("Ünïcödé\u00a0text", "Ünïcödé text"),
    ],
)
def test_collapse_text(raw: str, expected: str) -> None:
    assert collapse_text(raw) == expected
