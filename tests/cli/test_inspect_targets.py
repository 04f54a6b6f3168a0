"""`citecheck inspect` on something that is neither a page file nor an http(s) URL: one line
saying what is wrong, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main


def test_a_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["inspect", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == (
        f"error: {tmp_path}: is a directory, not a saved page (.html or .html.gz)\n"
    )


@pytest.mark.parametrize(
    ("target", "scheme"),
    [
        ("ftp://ftp.example.org/pub/report.html", "ftp"),
        ("file:///etc/passwd", "file"),
        ("mailto:editor@news.example", "mailto"),
    ],
)
def test_an_address_citecheck_does_not_fetch(target: str, scheme: str) -> None:
    result = CliRunner().invoke(main, ["inspect", target])
    assert result.exit_code == 2
    assert result.output == (
        f"error: {target}: unsupported scheme {scheme}: only http and https addresses are fetched\n"
    )


def test_a_missing_file_is_still_named_as_such(tmp_path: Path) -> None:
    missing = tmp_path / "saved.html"
    result = CliRunner().invoke(main, ["inspect", str(missing)])
    assert result.exit_code == 2
    assert result.output == f"error: {missing}: no such file\n"
