"""`citecheck verify --fix-moved [--write]`: a page that moved (301) and still matches gets its
new address written into citations.yaml, and nothing else in the file changes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from ruamel.yaml import YAML

from citecheck.cli import main

TITLE = "Floods displace thousands across Sindh province"
ARTICLE = (
    f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
    f"<p>{'Monsoon rains flooded dozens of villages along the Indus on Tuesday. ' * 8}</p>"
    "</body></html>"
)
STAYING = "Budget vote delayed again in the provincial assembly"


def citations_file(tmp_path: Path, httpserver: HTTPServer) -> Path:
    text = (
        "# Notes of the article, checked by citecheck.\n"
        "article:\n"
        "  title: 'Water, again'\n"
        "citations:\n"
        "  - id: i   # the flood story\n"
        f'    title: "{TITLE}"\n'
        f"    url: {httpserver.url_for('/story.php')}\n"
        "    accessed: 2016-08-20\n"
        "\n"
        "  - id: ii\n"
        f"    title: {STAYING}\n"
        f"    url: '{httpserver.url_for('/budget')}'   # quoted on purpose\n"
    )
    path = tmp_path / "citations.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def serve(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story.php").respond_with_data(
        "", status=301, headers={"Location": "/2016/08/floods-sindh"}
    )
    httpserver.expect_request("/2016/08/floods-sindh").respond_with_data(
        ARTICLE, content_type="text/html"
    )
    page = f"<html><head><title>{STAYING}</title></head><body><p>{'Text. ' * 40}</p></body></html>"
    httpserver.expect_request("/budget").respond_with_data(page, content_type="text/html")


def verify(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["verify", str(path), "--allow-private", "--no-progress", "--no-cache", *args]
    )
    return result.exit_code, result.output


def test_fix_moved_write_changes_only_the_url(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve(httpserver)
    path = citations_file(tmp_path, httpserver)
    before = path.read_bytes()
    old, new = httpserver.url_for("/story.php"), httpserver.url_for("/2016/08/floods-sindh")

    code, output = verify(path, "--fix-moved", "--write")

    assert code == 0, output
    assert f"moved: i: {old} -> {new}" in output
    after = path.read_bytes()
    assert after == before.replace(old.encode(), new.encode())
    document = YAML(typ="rt").load(after.decode("utf-8"))
    assert document["citations"][0]["url"] == new
    assert str(document["citations"][0]["accessed"]) == "2016-08-20"
    assert document["citations"][1]["url"] == httpserver.url_for("/budget")


def test_fix_moved_without_write_only_lists(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve(httpserver)
    path = citations_file(tmp_path, httpserver)
    before = path.read_bytes()
    code, output = verify(path, "--fix-moved")
    assert code == 0, output
    assert "moved: i: " in output
    assert "add --write to update" in output
    assert path.read_bytes() == before


def test_write_alone_is_a_usage_error(tmp_path: Path, httpserver: HTTPServer) -> None:
    path = citations_file(tmp_path, httpserver)
    before = path.read_bytes()
    code, output = verify(path, "--write")
    assert code == 2
    assert "--write goes with --fix-moved" in output
    assert path.read_bytes() == before
    assert httpserver.log == []
