"""Shared fixtures of the extract tests: the hand-written pages under fixtures/, and parsing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from citecheck.extract.parsed_page import ParsedPage, parse_page

FIXTURES = Path(__file__).parent / "fixtures"

PageLoader = Callable[[str], str]
PageParser = Callable[..., ParsedPage]


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def fixture_html() -> PageLoader:
    """Read a fixture page (UTF-8) by file name."""

    def load(name: str) -> str:
        return (FIXTURES / name).read_text(encoding="utf-8")

    return load


@pytest.fixture
def parse() -> PageParser:
    """Parse HTML into a ParsedPage, failing the test if there is nothing to parse."""

    def run(html: str, url: str | None = None) -> ParsedPage:
        page = parse_page(html, url)
        assert page is not None
        return page

    return run
