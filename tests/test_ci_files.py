"""The files shipped for CI: the pre-commit hooks (checked with pre-commit's own manifest
loader), the composite GitHub Action (its structure, and its verify script run for real in a
git repository as a pull request's check would), the example workflow."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pre_commit.clientlib import load_manifest
from ruamel.yaml import YAML

from citecheck.cli import SUBCOMMANDS

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def yaml_file(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_pre_commit_hooks_are_a_valid_manifest() -> None:
    hooks = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}

    assert set(hooks) == {"citecheck-lint", "citecheck-verify"}
    assert hooks["citecheck-lint"]["stages"] == ["pre-commit", "manual"]
    assert hooks["citecheck-verify"]["stages"] == ["pre-push", "manual"]
    for hook in hooks.values():
        assert hook["language"] == "python"
        program, command = hook["entry"].split()[:2]
        assert program == "citecheck" and command in SUBCOMMANDS
        assert re.search(hook["files"], "citations.yaml")
        assert re.search(hook["files"], "articles/one/citations.yml")
        assert not re.search(hook["files"], "notes.yaml")


def test_the_lint_hook_entry_runs_on_the_files_pre_commit_passes(tmp_path: Path) -> None:
    hook = next(
        h
        for h in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
        if h["id"] == "citecheck-lint"
    )
    good, bad = tmp_path / "citations.yaml", tmp_path / "b" / "citations.yaml"
    bad.parent.mkdir()
    good.write_text("citations:\n  - id: a\n    title: T\n", encoding="utf-8")
    bad.write_text("citations:\n  - id: a\n    titel: T\n", encoding="utf-8")
    entry = [str(BIN / "citecheck"), *hook["entry"].split()[1:], *hook["args"]]

    assert subprocess.run([*entry, str(good)], capture_output=True).returncode == 0
    done = subprocess.run([*entry, str(good), str(bad)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "titel: unknown field" in done.stdout


def test_the_example_pre_commit_config_uses_the_shipped_hooks() -> None:
    config = yaml_file(ROOT / "examples" / "pre-commit-config.yaml")
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    shipped = {hook["id"] for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert ids <= shipped


def test_the_action_is_composite_and_safe_from_input_injection() -> None:
    action = yaml_file(ROOT / "action.yml")

    assert action["runs"]["using"] == "composite"
    declared = set(action["inputs"])
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert set(re.findall(r"inputs\.([\w-]+)", text)) <= declared
    uses = [step["uses"].split("@")[0] for step in action["runs"]["steps"] if "uses" in step]
    assert uses == ["actions/setup-python", "actions/cache", "github/codeql-action/upload-sarif"]
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs reach scripts through env only: an expression in `run` could inject shell.
            assert "${{" not in step["run"]
    scripts = re.findall(r"\$GITHUB_ACTION_PATH/([\w/.-]+)", text)
    assert scripts and all((ROOT / script).is_file() for script in scripts)


def test_the_example_workflow_uses_the_action_with_its_inputs() -> None:
    workflow = yaml_file(ROOT / "examples" / "github-workflow.yml")
    declared = set(yaml_file(ROOT / "action.yml")["inputs"])
    steps = workflow["jobs"]["citecheck"]["steps"]
    ours = [step for step in steps if step.get("uses", "").startswith("citecheck/citecheck@")]
    assert len(ours) == 1
    assert set(ours[0]["with"]) <= declared
    assert workflow["permissions"]["security-events"] == "write"


# --------------------------------------------------------------------------- the verify script


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def pull_request(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose head adds one citation and changes another since its base."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    citations = repo / "citations.yaml"
    base = "citations:\n  - id: a\n    title: A\n    url: https://example.org/a\n  - id: b\n    title: B\n    url: https://example.org/b\n"
    citations.write_text(base, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    citations.write_text(
        base.replace("title: B", "title: B, retitled")
        + "  - id: c\n    title: C\n    url: https://example.org/c\n",
        encoding="utf-8",
    )
    git(repo, "commit", "-q", "-am", "head")
    return repo, sha


def run_script(repo: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    outputs = repo.parent / "github_output"
    outputs.write_text("")
    environment = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(repo.parent / "summary.md"),
        "CITATIONS": "citations.yaml",
        "SARIF_FILE": "citecheck.sarif",
        "EXTRA_ARGS": "--offline --no-cache",  # nothing fetched: checked citations are unverifiable
        **env,
    }
    done = subprocess.run(
        ["bash", str(ROOT / "action" / "verify.sh")],
        cwd=repo,
        env=environment,
        capture_output=True,
        text=True,
    )
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    return done, written


def sarif_ids(repo: Path) -> list[str]:
    document = json.loads((repo / "citecheck.sarif").read_text(encoding="utf-8"))
    return sorted(r["properties"]["citationId"] for r in document["runs"][0]["results"])


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's script is bash")
def test_on_a_pull_request_only_what_changed_is_checked(pull_request: tuple[Path, str]) -> None:
    repo, base = pull_request

    done, outputs = run_script(
        repo, GITHUB_EVENT_NAME="pull_request", BASE_SHA=base, CHANGED_ONLY="true"
    )

    assert done.returncode == 0, done.stderr
    assert outputs == {"exit-code": "0", "sarif-file": "citecheck.sarif"}
    assert sarif_ids(repo) == ["b", "c"]
    assert done.stdout.count("::notice file=citations.yaml,line=") == 2
    assert "## citecheck: citations.yaml" in (repo.parent / "summary.md").read_text(
        encoding="utf-8"
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's script is bash")
def test_on_a_push_every_citation_is_checked_and_the_exit_code_is_kept(
    pull_request: tuple[Path, str],
) -> None:
    repo, _ = pull_request

    done, outputs = run_script(repo, GITHUB_EVENT_NAME="push", BASE_SHA="", FAIL_ON="warning")

    assert done.returncode == 0
    assert outputs["exit-code"] == "0"  # unverifiable is not a warning
    assert sarif_ids(repo) == ["a", "b", "c"]
    done, outputs = run_script(repo, GITHUB_EVENT_NAME="push", CITATIONS="missing.yaml")
    assert outputs["exit-code"] == "2" and "sarif-file" not in outputs


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's script is bash")
def test_changed_only_false_checks_everything_on_a_pull_request(
    pull_request: tuple[Path, str],
) -> None:
    repo, base = pull_request

    run_script(repo, GITHUB_EVENT_NAME="pull_request", BASE_SHA=base, CHANGED_ONLY="false")

    assert sarif_ids(repo) == ["a", "b", "c"]
