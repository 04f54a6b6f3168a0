"""docs/library.md's examples run as written, in order, in a project folder whose sources are
served on loopback; what they print is checked against what the server serves."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

DOC = Path(__file__).parent.parent / "docs" / "library.md"
PAGE = "<html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"


def examples() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)


def test_the_library_examples_run(
    tmp_path: Path,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    title = "Harbour dredging resumes after the storm"
    httpserver.expect_request("/harbour").respond_with_data(
        PAGE.format(title=title, text="The port said work would resume. " * 20),
        content_type="text/html",
    )
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    (tmp_path / "citations.yaml").write_text(
        "citations:\n"
        f"  - id: harbour\n    title: {title}\n    url: {httpserver.url_for('/harbour')}\n"
        f"  - id: gone\n    title: A page that went away\n    url: {httpserver.url_for('/gone')}\n",
        encoding="utf-8",
    )
    # The project's settings let Settings.load reach loopback; Settings() alone refuses it.
    (tmp_path / "citecheck.toml").write_text(
        "[fetch]\nallow_private = true\nhost_interval = 0\n", encoding="utf-8"
    )
    (tmp_path / "saved-page.html").write_text(
        PAGE.format(title="A page saved from the web", text="Saved."), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    blocks = examples()
    assert len(blocks) == 4
    namespace: dict[str, object] = {}
    printed = []
    for block in blocks:
        ast.parse(block)  # each example is valid Python by itself
        exec(compile(block, str(DOC), "exec"), namespace)
        printed.append(capsys.readouterr().out.splitlines())

    defaults, loaded, rendered, inspected = printed
    # Settings(): loopback is a private address, refused; one line per citation, file order.
    assert [line.split()[0] for line in defaults] == ["harbour", "gone"]
    assert all(" unverifiable " in line and "private" in line for line in defaults)
    # Settings.load read ./citecheck.toml: the page is checked, the 404 is a dead link.
    assert "'verified': 1" in loaded[0] and "'failed': 1" in loaded[0]
    assert (tmp_path / ".citecheck-cache").is_dir()
    assert rendered == ["{"]
    assert inspected == ["['A page saved from the web']"]
    assert len(httpserver.log) == 2  # the defaults' run never reached the server
