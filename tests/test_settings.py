"""Settings.load: defaults <- citecheck.toml <- overrides, in one place; every command reads
the project's citecheck.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from citecheck.cli import main
from citecheck.errors import InputError
from citecheck.settings import CACHE_NAME, Settings

PAGE = "<html><head><title>A harbour page</title></head><body><h1>A harbour page</h1></body></html>"


def test_overrides_beat_the_file_which_beats_the_defaults(tmp_path: Path) -> None:
    config = tmp_path / "citecheck.toml"
    config.write_text("[fetch]\nper_host = 3\nworkers = 5\n[match]\ntitle_pass = 80\n")
    settings = Settings.load(config, {"fetch.per_host": 7})
    assert settings.fetch.per_host == 7  # the override
    assert settings.fetch.workers == 5  # the file
    assert settings.match.title_pass == 80.0
    assert settings.fetch.read_timeout == Settings().fetch.read_timeout  # the default
    assert settings.fetch.cache_dir is None  # no project folder: no cache unless asked


def test_a_project_folder_finds_its_file_and_anchors_the_cache(tmp_path: Path) -> None:
    assert Settings.load(project_dir=tmp_path).fetch.cache_dir == tmp_path / CACHE_NAME
    (tmp_path / "citecheck.toml").write_text("[fetch]\ncache_dir = 'kept'\nper_host = 4\n")
    settings = Settings.load(project_dir=tmp_path)
    assert settings.fetch.per_host == 4
    assert settings.fetch.cache_dir == tmp_path / "kept"
    assert (
        Settings.load(None, {"fetch.cache_dir": None}, project_dir=tmp_path).fetch.cache_dir is None
    )
    elsewhere = tmp_path / "other.toml"
    elsewhere.write_text("[fetch]\nper_host = 9\n")
    assert Settings.load(elsewhere, project_dir=tmp_path).fetch.per_host == 9


def test_an_unknown_override_or_a_bad_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"fetch\.per_hots"):
        Settings.load(None, {"fetch.per_hots": 2})
    with pytest.raises(ValueError, match=r"archive\.save"):
        Settings.load(None, {"archive.save": True})
    (tmp_path / "citecheck.toml").write_text("[fetch]\nper_host = 'two'\n")
    with pytest.raises(InputError):
        Settings.load(project_dir=tmp_path)


def test_inspect_reads_citecheck_toml_in_the_current_folder(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    monkeypatch.chdir(tmp_path)
    refused = CliRunner().invoke(main, ["inspect", httpserver.url_for("/page")])
    assert refused.exit_code == 1 and "private" in refused.stdout
    (tmp_path / "citecheck.toml").write_text("[fetch]\nallow_private = true\n")
    allowed = CliRunner().invoke(main, ["inspect", httpserver.url_for("/page")])
    assert allowed.exit_code == 0, allowed.output
    assert "A harbour page" in allowed.stdout
    assert not (tmp_path / CACHE_NAME).exists()  # inspect shows the page as it is now


def test_extract_reads_the_citecheck_toml_beside_its_output(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    article = (
        "<html><body><p>The harbour reopened.<sup><a href='#n1'>1</a></sup></p>"
        "<h2>Notes</h2><ol><li id='n1'>Port Authority, “Harbour Reopens,” May 2, 2016, "
        "https://example.org/harbour.</li></ol></body></html>"
    )
    httpserver.expect_request("/post").respond_with_data(article, content_type="text/html")
    project = tmp_path / "project"
    project.mkdir()
    output = project / "citations.yaml"
    args = ["extract", httpserver.url_for("/post"), "-o", str(output)]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2 and "loopback" in refused.stderr
    (project / "citecheck.toml").write_text("[fetch]\nallow_private = true\n")
    allowed = CliRunner().invoke(main, args)
    assert allowed.exit_code == 0, allowed.output
    assert "Harbour Reopens" in output.read_text(encoding="utf-8")
    assert (project / CACHE_NAME).is_dir()
