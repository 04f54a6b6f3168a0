"""Which URLs are fetched at all: each refusal says why in one line."""

from __future__ import annotations

import pytest

from citecheck.transport.url_validation import MAX_URL_LENGTH, url_problem


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://news.example/story?id=4#top", None),
        ("http://news.example:8080/a%20b", None),
        ("  ", "empty URL"),
        ("https://news.example/" + "a" * MAX_URL_LENGTH, "URL longer than 8192 characters"),
        ("https://news.example/a\tb", "URL contains control characters"),
        ("https://news.example/a\x00b", "URL contains control characters"),
        ("https://news.example/a\x7fb", "URL contains control characters"),
        ("https://news.example:99999/", "malformed URL: Port out of range 0-65535"),
        ("news.example/story", "URL has no scheme (expected http:// or https://)"),
        (
            "ftp://files.example/report.pdf",
            "unsupported scheme ftp: only http and https addresses are fetched",
        ),
        ("https:///story", "URL has no host"),
        ("https://news.example:0/", "URL has port 0"),
    ],
)
def test_url_problems(url: str, problem: str | None) -> None:
    assert url_problem(url) == problem


def test_non_ascii_letters_are_no_control_characters() -> None:
    assert url_problem("https://zeitung.example/über-uns/café\u00a0x") is None
