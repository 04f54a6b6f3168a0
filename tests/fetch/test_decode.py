"""decode_body: BOM, then the HTTP charset, then the meta charset, then detection."""

from __future__ import annotations

import codecs

from citecheck.fetch.decode import decode_body, decode_text, is_text_type

# An old-style news page: windows-1252 curly quotes and accents, no charset declared anywhere.
WINDOWS_1252_PAGE = (
    "<html><head><title>Caf\u00e9 owners \u201cdelighted\u201d by ruling</title></head>"
    "<body><p>The \u00e9lite caf\u00e9s of the Rive Gauche \u2014 na\u00efvely, some said "
    "\u2014 welcomed the d\u00e9cision.</p></body></html>"
).encode("cp1252")


def test_windows_1252_page_without_any_charset_is_detected() -> None:
    text, note = decode_body(WINDOWS_1252_PAGE, "text/html")
    assert "Caf\u00e9 owners \u201cdelighted\u201d" in text
    assert "\ufffd" not in text
    assert note.endswith("(detected)")


def test_http_charset_wins_over_meta() -> None:
    body = '<meta charset="utf-8"><title>\u00a3100 r\u00e9sum\u00e9</title>'.encode("cp1252")
    text, note = decode_body(body, "text/html; charset=windows-1252")
    assert "\u00a3100 r\u00e9sum\u00e9" in text
    assert note == "cp1252 (http)"


def test_meta_charset_is_used_when_http_has_none() -> None:
    body = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        "<title>\u041d\u043e\u0432\u043e\u0441\u0442\u0438</title>"
    ).encode("koi8-r")
    text, note = decode_body(body, "text/html")
    assert "\u041d\u043e\u0432\u043e\u0441\u0442\u0438" in text
    assert note == f"{codecs.lookup('koi8-r').name} (meta)"


def test_latin_1_label_is_read_as_windows_1252() -> None:
    body = b'<meta charset="iso-8859-1"><p>\x93quoted\x94</p>'
    text, _ = decode_body(body)
    assert "\u201cquoted\u201d" in text


def test_utf8_bom_wins_over_a_wrong_header() -> None:
    body = codecs.BOM_UTF8 + "<p>\u00fcber</p>".encode()
    text, note = decode_body(body, "text/html; charset=iso-8859-1")
    assert text == "<p>\u00fcber</p>"
    assert note == "utf-8 (bom)"


def test_utf16_bom_is_honoured() -> None:
    body = codecs.BOM_UTF16_LE + "<p>\u65e5\u672c</p>".encode("utf-16-le")
    text, note = decode_body(body)
    assert text == "<p>\u65e5\u672c</p>"
    assert note == "utf-16-le (bom)"


def test_meta_claiming_utf16_on_an_ascii_page_means_utf8() -> None:
    body = '<meta charset="utf-16"><p>na\u00efve</p>'.encode()
    text, note = decode_body(body)
    assert "na\u00efve" in text
    assert note == "utf-8 (meta)"


def test_unknown_charset_label_falls_through() -> None:
    body = "<p>ol\u00e1</p>".encode()
    text, _ = decode_body(body, "text/html; charset=no-such-charset")
    assert text == "<p>ol\u00e1</p>"


def test_undecodable_bytes_never_raise() -> None:
    text, _ = decode_body(bytes(range(256)) * 4, "text/html; charset=utf-8")
    assert isinstance(text, str)


def test_text_types() -> None:
    for content_type in ("text/html; charset=utf-8", "application/xhtml+xml", "text/plain", ""):
        assert is_text_type(content_type)
    for content_type in ("application/pdf", "image/png", "application/octet-stream"):
        assert not is_text_type(content_type)
    assert decode_text(b"%PDF-1.7", "application/pdf") == (None, None)
