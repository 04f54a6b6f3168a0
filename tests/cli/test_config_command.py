"""Settings in `[tool.citecheck]` of a pyproject.toml or in citecheck.toml, the command line over
the file over the defaults, did-you-mean for unknown keys, and `citecheck config` saying where
each setting came from; [verify] fail_on and skip_urls in real verify runs."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from citecheck.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def settings_of(output: str) -> dict[str, dict[str, tuple[object, str]]]:
    """`citecheck config` output read back: TOML values, with each line's source comment."""
    document = tomllib.loads(output)
    sources: dict[str, dict[str, tuple[object, str]]] = {}
    section = ""
    for line in output.splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif " = " in line and "  # " in line:
            key = line.split(" = ", 1)[0].strip()
            source = line.rsplit("  # ", 1)[1]
            sources.setdefault(section, {})[key] = (document[section][key], source)
    return sources


@pytest.fixture
def project(tmp_path: Path) -> Path:
    citations = tmp_path / "citations.yaml"
    citations.write_text("citations:\n  - id: a\n    title: T\n", encoding="utf-8")
    return citations


def test_pyproject_tool_citecheck_is_read_and_each_source_named(project: Path) -> None:
    pyproject = project.parent / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "notes"\n\n'
        '[tool.citecheck.fetch]\nper_host = 3\nhost_interval = "2s"\nuser_agent = "newsroom-bot/1"\n'
        "[tool.citecheck.match]\ntitle_pass = 85\n"
        '[tool.citecheck.verify]\nfail_on = "warning"\nskip_urls = ["https://intranet.example/*"]\n'
        '[tool.citecheck.publishers]\n"Dawn" = ["dawn.com"]\n',
        encoding="utf-8",
    )

    code, stdout, _ = run("config", str(project), "--set", "fetch.retries=5")

    assert code == 0
    assert stdout.startswith(f"# settings for {project}; settings file: {pyproject}")
    found = settings_of(stdout)
    assert found["fetch"]["per_host"] == (3, str(pyproject))
    assert found["fetch"]["host_interval"] == (2.0, str(pyproject))
    assert found["fetch"]["user_agent"] == ("newsroom-bot/1", str(pyproject))
    assert found["fetch"]["retries"] == (5, "command line")
    assert found["fetch"]["connect_timeout"] == (10.0, "default")
    assert found["match"]["title_pass"] == (85.0, str(pyproject))
    assert found["match"]["publisher_aliases"] == ({"Dawn": ["dawn.com"]}, str(pyproject))
    assert found["verify"]["fail_on"] == ("warning", str(pyproject))
    assert found["verify"]["skip_urls"] == (["https://intranet.example/*"], str(pyproject))


def test_citecheck_toml_comes_before_pyproject(project: Path) -> None:
    (project.parent / "pyproject.toml").write_text("[tool.citecheck.fetch]\nper_host = 3\n")
    (project.parent / "citecheck.toml").write_text("[fetch]\nper_host = 4\n")

    found = settings_of(run("config", str(project))[1])

    assert found["fetch"]["per_host"] == (4, str(project.parent / "citecheck.toml"))


def test_a_pyproject_without_the_table_is_not_a_settings_file(project: Path) -> None:
    (project.parent / "pyproject.toml").write_text('[project]\nname = "x"\n')

    code, stdout, _ = run("config", str(project))

    assert code == 0
    assert "settings file: none" in stdout.splitlines()[0]
    assert set(source for _, source in settings_of(stdout)["fetch"].values()) == {"default"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[tool.citecheck.fetch]\nper_hots = 3\n",
            "tool.citecheck.fetch.per_hots: unknown setting (did you mean 'per_host'?)",
        ),
        (
            "[tool.citecheck.fecth]\nper_host = 3\n",
            "[tool.citecheck.fecth]: unknown section (did you mean 'fetch'?)",
        ),
        (
            '[tool.citecheck.verify]\nfail_on = "sometimes"\n',
            "tool.citecheck.verify.fail_on: 'sometimes' is not a status: use failed, warning, blocked, unverifiable (comma-separated) or never",
        ),
        (
            '[tool.citecheck.verify]\nskip_urls = "https://x.example/*"\n',
            "tool.citecheck.verify.skip_urls: must be a list of text",
        ),
    ],
)
def test_bad_keys_are_errors_naming_the_nearest_known(
    project: Path, text: str, message: str
) -> None:
    (project.parent / "pyproject.toml").write_text(text)

    for command in ("config", "verify", "lint"):
        code, stdout, stderr = run(command, str(project))
        assert code == 2, command
        assert message in stdout + stderr, command
        assert "Traceback" not in stdout + stderr


def test_did_you_mean_in_citecheck_toml_and_on_the_command_line(project: Path) -> None:
    (project.parent / "citecheck.toml").write_text("[match]\ntitle_pas = 80\n")
    code, _, stderr = run("config", str(project))
    assert code == 2
    assert "match.title_pas: unknown setting (did you mean 'title_pass'?)" in stderr

    (project.parent / "citecheck.toml").unlink()
    code, _, stderr = run("config", str(project), "--set", "fetch.timeout=3")
    assert code == 2
    assert "--set fetch.timeout: unknown setting (did you mean " in stderr
    code, _, stderr = run("config", str(project), "--set", "fetch")
    assert code == 2 and "expected SECTION.KEY=VALUE" in stderr


def test_an_explicit_pyproject_without_the_table_is_an_error(project: Path) -> None:
    pyproject = project.parent / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\n')

    code, _, stderr = run("config", str(project), "--config", str(pyproject))

    assert code == 2 and "no [tool.citecheck] table" in stderr


# --------------------------------------------------------------------------- in verify runs


@pytest.fixture
def served(tmp_path: Path, httpserver: HTTPServer) -> Path:
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/skipped").respond_with_data("gone", status=404)
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        f"citations:\n  - id: gone\n    title: T\n    url: {httpserver.url_for('/gone')}\n"
        f"  - id: skipped\n    title: T\n    url: {httpserver.url_for('/skipped')}\n",
        encoding="utf-8",
    )
    return citations


def test_fail_on_from_the_file_and_the_command_line_over_it(served: Path) -> None:
    args = ["verify", str(served), "--allow-private", "--no-cache", "--no-progress"]
    assert run(*args)[0] == 1
    (served.parent / "citecheck.toml").write_text('[verify]\nfail_on = "never"\n')
    assert run(*args)[0] == 0
    assert run(*args, "--fail-on", "failed")[0] == 1


def test_skip_urls_reports_matching_citations_skipped_unfetched(
    served: Path, httpserver: HTTPServer
) -> None:
    (served.parent / "pyproject.toml").write_text(
        '[tool.citecheck.verify]\nskip_urls = ["http://*/skipped"]\n'
    )
    out = served.parent / "report.json"

    code, stdout, stderr = run(
        "verify", str(served), "--allow-private", "--no-cache", "--no-progress", "-o", str(out)
    )

    assert code == 1  # for the dead link; the skipped one fails nothing
    report = json.loads(out.read_text())
    statuses = {r["id"]: (r["status"], r["reasons"]) for r in report["results"]}
    assert statuses == {
        "gone": ("failed", statuses["gone"][1]),
        "skipped": (
            "skipped",
            ["not checked: its url matches verify.skip_urls pattern 'http://*/skipped'"],
        ),
    }
    assert report["summary"]["skipped"] == 1 and report["summary"]["total"] == 2
    assert "2 citations: 0 verified, 0 warning, 1 failed, 0 blocked, 0 unverifiable, 1 skipped" in (
        stdout + stderr
    )
    assert [entry[0].path for entry in httpserver.log] == ["/gone"]


def test_paywall_hosts_name_a_401_or_403_a_paywall(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/subscribers").respond_with_data("log in", status=403)
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        f"citations:\n  - id: walled\n    title: T\n    url: {httpserver.url_for('/subscribers')}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.json"
    args = [
        "verify",
        str(citations),
        "--allow-private",
        "--no-cache",
        "--no-progress",
        "-o",
        str(out),
    ]

    def result() -> dict[str, object]:
        assert run(*args)[0] == 0
        found: dict[str, object] = json.loads(out.read_text())["results"][0]
        return found

    plain = result()
    (tmp_path / "citecheck.toml").write_text('[match]\npaywall_hosts = ["www.localhost"]\n')
    walled = result()

    assert plain["status"] == walled["status"] == "blocked"
    assert not any("paywall" in reason for reason in plain["reasons"])  # type: ignore[attr-defined]
    assert walled["reasons"][0].startswith("a paywall (match.paywall_hosts): HTTP 403")  # type: ignore[index]
