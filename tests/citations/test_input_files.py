"""citations.yaml as editors save it: UTF-16 or with a byte-order mark is read; bytes that are
not text are refused in one line with their offset; doubtful dates are warned about on load
and the citation is still checked."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.citations import load_citations, parse_citations
from citecheck.cli import main
from citecheck.errors import InputError
from citecheck.partial_date import PartialDate

CITATIONS = """\
article:
  title: Ferry Lines
citations:
  - id: one
    authors: [Per Dahl, Åsa Öberg]
    title: "The Last Ferry: “Harbour” news"
    date: 1969-06-02
  - id: two
    same_as: one
"""


def check_loaded(path: Path) -> None:
    loaded = load_citations(path)
    assert loaded.article.title == "Ferry Lines"
    first, second = loaded.citations
    assert first.id == "one" and first.line == 4
    assert first.authors == ["Per Dahl", "Åsa Öberg"]
    assert first.title == "The Last Ferry: “Harbour” news"
    assert first.date == PartialDate(1969, 6, 2)
    assert second.same_as == "one"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),  # what Notepad calls "Unicode"
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),  # Notepad's "UTF-8 with BOM"
        ("utf-16-le", b""),  # no mark: the NUL bytes of the first character say UTF-16
        ("utf-16-be", b""),
    ],
)
def test_utf16_and_byte_order_marked_files_are_read(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "citations.yaml"
    path.write_bytes(bom + CITATIONS.encode(encoding))
    check_loaded(path)


def test_windows_line_ends_in_utf16_are_read(tmp_path: Path) -> None:
    path = tmp_path / "citations.yaml"
    path.write_bytes(CITATIONS.replace("\n", "\r\n").encode("utf-16"))  # BOM + native order
    check_loaded(path)


def test_latin1_bytes_are_refused_with_their_line_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "citations.yaml"
    data = CITATIONS.replace("Åsa Öberg", "Asa Berg").replace("“Harbour”", "Café").encode("latin-1")
    path.write_bytes(data)
    offset = data.index(b"\xe9")  # the é of Café, one byte in Latin-1
    line = data[:offset].count(b"\n") + 1
    with pytest.raises(InputError) as caught:
        load_citations(path)
    assert caught.value.messages == [
        f"{path}:{line}: not UTF-8 text (byte {offset}: 0xE9); save the file as UTF-8"
    ]


def test_a_cut_utf16_file_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "citations.yaml"
    data = codecs.BOM_UTF16_LE + CITATIONS.encode("utf-16-le")[:-1]  # half a character at the end
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_citations(path)
    (message,) = caught.value.messages
    # The broken character is the file's last line break.
    line = CITATIONS.count("\n")
    assert message.startswith(f"{path}:{line}: not UTF-16 text (byte {len(data) - 1}: 0x0A)")


def test_verify_says_not_utf8_in_one_line_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "citations.yaml"
    data = b"citations:\n  - id: a\n    title: Caf\xe9 culture\n"
    path.write_bytes(data)
    # A real process: what a user sees, exit code and all.
    offset = data.index(b"\xe9")
    command = str(Path(sys.executable).parent / "citecheck")
    done = subprocess.run(
        [command, "verify", str(path), "--offline", "--no-progress"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {path}:3: not UTF-8 text (byte {offset}: 0xE9); save the file as UTF-8"
    ]
    assert "Traceback" not in done.stderr and "codec" not in done.stderr


def test_a_directory_or_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_citations(tmp_path)
    assert caught.value.messages == [f"{tmp_path}: is a directory, not a file"]
    with pytest.raises(InputError) as caught:
        load_citations(tmp_path / "absent.yaml")
    assert caught.value.messages == [f"{tmp_path / 'absent.yaml'}: no such file"]


# --------------------------------------------------------------------------- doubtful dates

TODAY = dt.date(2026, 12, 3)


def test_future_dates_and_access_before_the_date_are_warnings() -> None:
    loaded = parse_citations(
        "citations:\n"
        "  - id: future\n    title: T\n    date: 2061-08-14\n"
        "  - id: early\n    title: T\n    date: 2016-08-14\n    accessed: 2016-07-31\n"
        "  - id: same-month\n    title: T\n    date: 2016-08-14\n    accessed: 2016-08\n"
        "  - id: fine\n    title: T\n    date: 2016-08\n    accessed: 2026-12-03\n"
        "  - id: accessed-later\n    title: T\n    accessed: 2027-01\n",
        "cites.yaml",
        today=TODAY,
    )
    # Every citation is kept, to be checked as written.
    assert [c.id for c in loaded.citations] == [
        "future", "early", "same-month", "fine", "accessed-later"
    ]  # fmt: skip
    assert loaded.warnings == [
        "cites.yaml:2: citation 'future': date: 2061-08-14 is in the future (still checked)",
        "cites.yaml:5: citation 'early': accessed: 2016-07-31 is before the date of the source (2016-08-14) (still checked)",
        "cites.yaml:17: citation 'accessed-later': accessed: 2027-01 is in the future (still checked)",
    ]  # fmt: skip


def test_verify_prints_the_warning_and_still_reports_the_citation(tmp_path: Path) -> None:
    path = tmp_path / "citations.yaml"
    path.write_text("citations:\n  - id: a\n    title: T\n    date: 2999-01-01\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["verify", str(path), "--offline", "--no-cache", "--no-progress", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert f"warning: {path}:2: citation 'a': date: 2999-01-01 is in the future" in result.stderr
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["results"]] == ["a"]
