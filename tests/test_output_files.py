"""Output files are written safely: atomically, through symlinks, directly onto devices and
FIFOs, with the user's umask; a destination that cannot be written is refused before any work,
in one line, exit 2."""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from citecheck.atomic_file import check_destination, write_text_atomically
from citecheck.cli import main
from citecheck.errors import InputError

READ_ONLY_PLACE = Path("/sys/citecheck-report.json")  # refused even to root
needs_sysfs = pytest.mark.skipif(
    not Path("/sys/kernel").is_dir(), reason="needs a read-only /sys (Linux)"
)


@pytest.fixture
def umask() -> Iterator[int]:
    previous = os.umask(0o027)
    yield 0o027
    os.umask(previous)


def test_a_new_file_gets_the_users_umask(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "new" / "report.json"
    write_text_atomically(path, "{}")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask == 0o640
    assert path.read_text() == "{}"
    assert [p.name for p in path.parent.iterdir()] == ["report.json"]  # no temporary left


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text("old")
    path.chmod(0o604)
    write_text_atomically(path, "new")
    assert (path.read_text(), stat.S_IMODE(path.stat().st_mode)) == ("new", 0o604)


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "latest.json"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    write_text_atomically(link, "new")
    assert link.is_symlink() and link.readlink() == target
    assert target.read_text() == "new"


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "made.json")
    write_text_atomically(link, "new")
    assert link.is_symlink() and (tmp_path / "made.json").read_text() == "new"


def test_a_device_is_written_directly_never_replaced() -> None:
    write_text_atomically(Path("/dev/null"), "gone")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_directly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_text_atomically(fifo, "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_folder_or_a_read_only_place_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as folder:
        check_destination(tmp_path)
    assert folder.value.messages == [f"{tmp_path}: is a folder; the output must be a file"]
    check_destination(tmp_path / "missing" / "deeper" / "report.json")  # folders get made
    check_destination(Path("/dev/null"))


@needs_sysfs
def test_a_read_only_file_system_is_refused() -> None:
    with pytest.raises(InputError) as refused:
        check_destination(READ_ONLY_PLACE, "report")
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith(f"{READ_ONLY_PLACE}: cannot write the report in")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    with pytest.raises(InputError):
        check_destination(folder / "report.json")


# ------------------------------------------------------------------ the commands


def citations_file(tmp_path: Path, httpserver: HTTPServer) -> Path:
    httpserver.expect_request("/page").respond_with_data(
        "<html><head><title>A harbour page</title></head></html>", content_type="text/html"
    )
    path = tmp_path / "citations.yaml"
    path.write_text(
        f"citations:\n  - id: a\n    title: A harbour page\n    url: {httpserver.url_for('/page')}\n",
        encoding="utf-8",
    )
    (tmp_path / "citecheck.toml").write_text("[fetch]\nallow_private = true\nhost_interval = 0\n")
    return path


def verify(citations: Path, output: Path) -> tuple[int, str]:
    ran = CliRunner().invoke(main, ["verify", str(citations), "-o", str(output), "--no-cache"])
    return ran.exit_code, ran.stderr


@pytest.mark.parametrize("where", ["folder", "read-only place"])
def test_verify_refuses_a_bad_destination_before_any_work(
    tmp_path: Path, httpserver: HTTPServer, where: str
) -> None:
    if where == "read-only place" and not Path("/sys/kernel").is_dir():
        pytest.skip("needs a read-only /sys")
    citations = citations_file(tmp_path, httpserver)
    output = tmp_path / "out.json" if where == "folder" else READ_ONLY_PLACE
    if where == "folder":
        output.mkdir()
    code, err = verify(citations, output)
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith(f"error: {output}: ")
    assert "Traceback" not in err
    assert len(httpserver.log) == 0  # refused before any fetch


def test_verify_writes_through_a_symlink_and_into_a_fifo(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    citations = citations_file(tmp_path, httpserver)
    target = tmp_path / "kept.json"
    link = tmp_path / "report.json"
    link.symlink_to(target)
    assert verify(citations, link)[0] == 0
    assert link.is_symlink()
    assert json.loads(target.read_text())["results"][0]["status"] == "verified"

    fifo = tmp_path / "report-pipe.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert verify(citations, fifo)[0] == 0
    reader.join(timeout=10)
    assert json.loads(received[0])["results"][0]["id"] == "a"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_extract_refuses_a_read_only_place_for_its_output(tmp_path: Path) -> None:
    article = tmp_path / "post.md"
    article.write_text("Text.[^1]\n\n[^1]: A. Writer, “A Title,” May 2, 2016.\n")
    ran = CliRunner().invoke(main, ["extract", str(article), "-o", "/sys/citations.yaml"])
    if not Path("/sys/kernel").is_dir():
        pytest.skip("needs a read-only /sys")
    assert ran.exit_code == 2
    assert ran.stderr.startswith("error: /sys/citations.yaml: cannot write the citations file")
