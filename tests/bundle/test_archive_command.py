"""`citecheck archive` end to end on a loopback site, and `verify --replay` of what it wrote
(the folder, its WARC and its WACZ) giving the same verdicts offline."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from citecheck.cli import main

from .conftest import PAGES, SLOW_REQUESTED


def _citations(site: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "citations.yaml"
    path.write_text(
        f"""article:
  title: "Harbours & rain: sources"
citations:
  - id: "1"
    title: Harbour expansion approved
    url: {site}/moved
  - id: "2"
    title: Rainfall records broken
    url: {site}/zipped
  - id: "3"
    title: Tom & Jerry
    url: {site}/hostile
  - id: "4"
    title: A lost page
    url: {site}/gone
  - id: "5"
    title: Harbour expansion approved
    url: {site}/plain
  - id: "6"
    title: Harbour expansion approved
    url: {site}/flaky?run={folder.parent.name}
""",
        encoding="utf-8",
    )
    return path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _archive(site: str, tmp_path: Path, *extra: str) -> Path:
    citations = _citations(site, tmp_path / "article")
    code, output = _run(
        "archive",
        str(citations),
        "-o",
        str(tmp_path / "out"),
        "--allow-private",
        "--no-cache",
        "--no-progress",
        *extra,
    )
    assert code == 0, output
    folder = tmp_path / "out" / "Harbours-rain-sources"
    assert f"bundle written to {folder}" in output.replace("\n", "")
    return folder


def _replayed_statuses(citations: Path, source: Path) -> dict[str, str]:
    code, output = _run(
        "verify",
        str(citations),
        "--replay",
        str(source),
        "-f",
        "json",
        "--fail-on",
        "never",
        "--no-progress",
    )
    assert code == 0, output
    document = json.loads(output[: output.rindex("}") + 1])
    return {result["id"]: result["status"] for result in document["results"]}


def test_archive_then_replay_gives_the_same_verdicts(site: str, tmp_path: Path) -> None:
    folder = _archive(site, tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    archived = {entry["id"]: entry["verdict"]["status"] for entry in manifest["citations"]}
    assert archived["1"] == "verified" and archived["4"] == "failed"
    by_id = {entry["id"]: entry for entry in manifest["citations"]}
    assert by_id["1"]["final_url"] == f"{site}/plain"
    assert by_id["1"]["redirects"] == [{"url": f"{site}/moved", "status": 301}]
    assert (folder / by_id["2"]["snapshot"]).read_bytes() == PAGES["/zipped"]
    assert by_id["4"]["http_status"] == 404
    # A 503 retried into a 200: both exchanges are in the WARC; replay takes the last one.
    assert by_id["6"]["http_status"] == 200 and archived["6"] == "verified"
    with (folder / "sources.warc.gz").open("rb") as stream:
        flaky = [
            record.http_headers.get_statuscode()
            for record in ArchiveIterator(stream)
            if record.rec_type == "response"
            and record.rec_headers.get_header("WARC-Target-URI") == by_id["6"]["url"]
        ]
    assert flaky == ["503", "200"]

    for source in (folder, folder / "sources.warc.gz", folder / "sources.wacz"):
        replayed = _replayed_statuses(tmp_path / "article" / "citations.yaml", source)
        assert replayed == archived, source


def test_zip_packs_the_bundle(site: str, tmp_path: Path) -> None:
    folder = _archive(site, tmp_path, "--zip")
    packed = folder.with_name(folder.name + ".zip")
    with zipfile.ZipFile(packed) as package:
        assert f"{folder.name}/manifest.json" in package.namelist()


def test_an_output_that_is_a_file_is_one_line_and_exit_2(site: str, tmp_path: Path) -> None:
    citations = _citations(site, tmp_path / "article")
    blocker = tmp_path / "out"
    blocker.write_text("a file")
    code, output = _run("archive", str(citations), "-o", str(blocker), "--allow-private")
    assert code == 2
    assert (
        output.strip() == f"error: {blocker}: not a folder (the archive is written into a folder)"
    )


def test_replay_of_a_folder_without_a_warc_is_a_clear_error(tmp_path: Path, site: str) -> None:
    citations = _citations(site, tmp_path / "article")
    empty = tmp_path / "empty"
    empty.mkdir()
    code, output = _run("verify", str(citations), "--replay", str(empty))
    assert code == 2
    assert output.strip() == (
        f"error: {empty}: no sources.warc.gz, sources.wacz or other WARC in this folder"
    )


@pytest.mark.parametrize("damage", ["deflated", "not a zip"])
def test_a_damaged_wacz_is_a_clear_error(tmp_path: Path, site: str, damage: str) -> None:
    citations = _citations(site, tmp_path / "article")
    wacz = tmp_path / "bad.wacz"
    if damage == "deflated":
        with zipfile.ZipFile(wacz, "w", compression=zipfile.ZIP_DEFLATED) as package:
            package.writestr("archive/data.warc", b"WARC/1.1\r\n")
    else:
        wacz.write_bytes(b"PK\x03\x04 truncated")
    code, output = _run("verify", str(citations), "--replay", str(wacz))
    assert code == 2
    assert output.startswith(f"error: {wacz}")
    assert len(output.strip().splitlines()) == 1


def test_ctrl_c_leaves_the_previous_bundle_whole(site: str, tmp_path: Path) -> None:
    folder = _archive(site, tmp_path)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    citations = tmp_path / "article" / "citations.yaml"
    with citations.open("a", encoding="utf-8") as handle:
        handle.write(f'  - id: "7"\n    title: A slow page\n    url: {site}/slow\n')
    SLOW_REQUESTED.clear()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("citecheck")),
            "archive", str(citations), "-o", str(tmp_path / "out"), "--allow-private",
            "--no-cache", "--timeout", "2",
        ],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert SLOW_REQUESTED.wait(30), "the slow page was never requested"
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, output
    assert "no bundle written (the previous one, if any, is left as it was)" in " ".join(
        output.split()
    )
    after = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [folder.name]
