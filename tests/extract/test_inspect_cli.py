"""`citecheck inspect`: saved pages (.html, .html.gz) and URLs served on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from citecheck.cli import main


def run(*args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, ["inspect", *args])
    return outcome.exit_code, outcome.stdout, outcome.stderr


def test_html_file_as_text(fixtures_dir: Path) -> None:
    code, out, _ = run(str(fixtures_dir / "nyt_article.html"))
    assert code == 0
    assert "kind:       article" in out
    title_line = next(line for line in out.splitlines() if "[meta:og:title]" in line)
    assert "Suicide Bomber Kills Dozens at Pakistani Hospital in Quetta" in title_line
    assert "2016-08-08" in out
    assert "Salman Masood" in out


def test_gzipped_file_as_json_with_its_url(fixtures_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress((fixtures_dir / "dawn_article.html").read_bytes()))
    code, out, _ = run(str(page), "--format", "json", "--url", "https://www.dawn.com/news/1250497")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "article"
    assert data["titles"][0]["value"] == (
        "25 ‘IS-inspired militants’ operating in Karachi: CTD police"
    )
    assert {"value": "Imtiaz Ali", "source": "meta:author", "kind": "person"} in data["authors"]
    assert data["published"][0]["value"] == "2016-04-07"
    # The domain from --url, dawn.com, is the og:site_name DAWN.COM again: listed once.
    assert data["publishers"] == [{"value": "DAWN.COM", "source": "meta:og:site_name"}]


def test_url_option_lends_the_file_its_address(fixtures_dir: Path) -> None:
    url = "https://www.nytimes.com/2016/08/09/world/asia/quetta.html"
    code, out, _ = run(str(fixtures_dir / "nyt_article.html"), "--format", "json", "--url", url)
    assert code == 0
    data = json.loads(out)
    assert {"value": "2016-08-09", "source": "url"} in data["published"]
    assert {"value": "nytimes.com", "source": "domain"} in data["publishers"]


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "absent.html"))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "absent.html" in err


def test_bad_gzip_is_one_line_and_exit_2(tmp_path: Path) -> None:
    page = tmp_path / "broken.html.gz"
    page.write_bytes(b"this is not gzip")
    code, _, err = run(str(page))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "gzip" in err


def test_directory_is_not_a_page(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text("<title>Evil \x1b]0;pwned\x07 title</title><p>text</p>", encoding="utf-8")
    code, out, _ = run(str(page))
    assert code == 0
    assert "\x1b" not in out
    assert "\x07" not in out


def test_url_with_final_url_and_status(httpserver: HTTPServer, fixtures_dir: Path) -> None:
    html = (fixtures_dir / "reuters_article.html").read_text(encoding="utf-8")
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/article")}
    )
    httpserver.expect_request("/article").respond_with_data(
        html, content_type="text/html; charset=utf-8"
    )
    code, out, _ = run(httpserver.url_for("/old"), "--allow-private", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["final_url"] == httpserver.url_for("/article")
    assert data["status"] == 200
    assert data["redirects"] == [{"url": httpserver.url_for("/old"), "status": 301}]
    assert data["titles"][0]["value"] == (
        "Islamic State faces uphill 'branding war' in Afghanistan, Pakistan"
    )


def test_url_text_output(httpserver: HTTPServer, fixtures_dir: Path) -> None:
    html = (fixtures_dir / "cloudflare_challenge.html").read_bytes()
    httpserver.expect_request("/").respond_with_data(html, content_type="text/html")
    code, out, _ = run(httpserver.url_for("/"), "--allow-private")
    assert code == 0
    assert "status:     200" in out
    assert "kind:       bot_challenge" in out


def test_private_address_refused_without_the_flag(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("<title>x</title>", content_type="text/html")
    code, out, _ = run(httpserver.url_for("/"), "--format", "json")
    assert code == 1
    assert json.loads(out)["error"]["kind"] == "private_address"
