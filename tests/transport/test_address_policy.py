"""--allow-private never opens cloud metadata services; --allow-host opens one intranet host
and nothing else. Real requests to loopback servers: a refused one never reaches them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Response as WerkzeugResponse

from citecheck.cli import main
from citecheck.config_file import load_settings
from citecheck.errors import InputError
from citecheck.fetch.http import HttpFetcher
from citecheck.match.fetch_outcome import fetch_outcome
from citecheck.models import FetchErrorKind
from citecheck.settings import FetchSettings
from citecheck.transport.address_guard import AddressPolicy, PrivateAddressRefused

SETTINGS = FetchSettings(
    connect_timeout=2.0,
    read_timeout=2.0,
    deadline=5.0,
    retries=0,
    host_interval=0.0,
    connectivity_probes=(),
)
PAGE = b"<html><head><title>Staff handbook</title></head><body>Intranet</body></html>"
METADATA_URLS = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.GOOGLE.INTERNAL./computeMetadata/v1/",
    "http://metadata/computeMetadata/v1/",
    "http://[::ffff:169.254.169.254]/",
    "http://100.100.100.200/latest/meta-data/",
]


@pytest.mark.parametrize("url", METADATA_URLS)
def test_allow_private_still_refuses_cloud_metadata(url: str) -> None:
    with HttpFetcher(replace(SETTINGS, allow_private=True, allow_hosts=("metadata",))) as fetcher:
        result = fetcher.fetch(url)
    assert result.error is not None and result.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    assert result.error.message.endswith("(never fetched, even with --allow-private)")
    assert fetcher.stats.network_requests == 0


def test_a_redirect_to_cloud_metadata_is_refused_even_with_allow_private(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/moved").respond_with_response(
        WerkzeugResponse(b"", status=302, headers={"Location": "http://169.254.169.254/latest/"})
    )
    with HttpFetcher(replace(SETTINGS, allow_private=True)) as fetcher:
        result = fetcher.fetch(httpserver.url_for("/moved"))
    assert result.error is not None and result.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    assert "169.254.169.254 is a cloud metadata address" in result.error.message
    assert [hop.status for hop in result.redirects] == [302]


def test_a_peer_at_a_metadata_address_is_refused_whatever_is_allowed() -> None:
    # What the connected-socket check says of a name that resolved to the metadata address.
    policy = AddressPolicy.of(True, ["rebinding.example"])
    with pytest.raises(PrivateAddressRefused, match="never fetched"):
        policy.check_peer("rebinding.example", "169.254.169.254")
    policy.check_peer("rebinding.example", "10.1.2.3")  # private, but allowed


def test_allow_host_opens_that_host_only(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/handbook").respond_with_data(PAGE, content_type="text/html")
    settings = replace(SETTINGS, allow_hosts=("LOCALHOST",))
    with HttpFetcher(settings) as fetcher:
        allowed = fetcher.fetch(f"http://localhost:{httpserver.port}/handbook")
        other = fetcher.fetch(f"http://127.0.0.1:{httpserver.port}/handbook")
    assert allowed.error is None and allowed.body == PAGE
    assert other.error is not None and other.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    assert other.error.message == (
        "refused: 127.0.0.1 is a loopback address "
        "(--allow-host 127.0.0.1 or --allow-private would allow it)"
    )
    assert len(httpserver.log) == 1


def test_an_allowed_host_cannot_redirect_to_another_private_one(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_response(
        WerkzeugResponse(
            b"", status=301, headers={"Location": f"http://127.0.0.1:{httpserver.port}/new"}
        )
    )
    httpserver.expect_request("/new").respond_with_data(PAGE, content_type="text/html")
    with HttpFetcher(replace(SETTINGS, allow_hosts=("localhost",))) as fetcher:
        result = fetcher.fetch(f"http://localhost:{httpserver.port}/old")
    assert result.error is not None and result.error.kind is FetchErrorKind.PRIVATE_ADDRESS
    assert [request.path for request, _ in httpserver.log] == ["/old"]


def test_a_refusal_is_said_once_and_names_the_option() -> None:
    with HttpFetcher(SETTINGS) as fetcher:
        result = fetcher.fetch("http://0.0.0.0/admin")
    reason = fetch_outcome(result).reason
    assert reason == (
        "refused: 0.0.0.0 is an unspecified address "
        "(--allow-host 0.0.0.0 or --allow-private would allow it) at http://0.0.0.0/admin"
    )


def test_allow_hosts_in_citecheck_toml(tmp_path: Path) -> None:
    config = tmp_path / "citecheck.toml"
    config.write_text('[fetch]\nallow_hosts = ["wiki.corp.example", "10.0.0.7"]\n')
    assert load_settings(config).fetch.allow_hosts == ("wiki.corp.example", "10.0.0.7")
    config.write_text('[fetch]\nallow_hosts = "wiki.corp.example"\n')
    with pytest.raises(InputError) as caught:
        load_settings(config)
    assert caught.value.messages == [
        f'{config}: fetch.allow_hosts: must be a list of text, e.g. ["intranet.example"]'
    ]


def test_inspect_with_allow_host(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/handbook").respond_with_data(PAGE, content_type="text/html")
    url = f"http://localhost:{httpserver.port}/handbook"
    runner = CliRunner()
    refused = runner.invoke(main, ["inspect", url])
    assert refused.exit_code == 1
    assert "--allow-host localhost or --allow-private would allow it" in refused.output
    allowed = runner.invoke(main, ["inspect", url, "--allow-host", "localhost"])
    assert allowed.exit_code == 0, allowed.output
    assert "Staff handbook" in allowed.output


def test_verify_with_allow_host(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/handbook").respond_with_data(PAGE, content_type="text/html")
    citations = tmp_path / "citations.yaml"
    citations.write_text(
        "citations:\n  - id: '1'\n    title: Staff handbook\n"
        f"    url: http://localhost:{httpserver.port}/handbook\n",
        encoding="utf-8",
    )
    args = ["verify", str(citations), "--no-cache", "--format", "json"]
    refused = CliRunner().invoke(main, args)
    allowed = CliRunner().invoke(main, [*args, "--allow-host", "localhost"])
    assert '"status": "unverifiable"' in refused.output
    assert allowed.exit_code == 0 and '"status": "verified"' in allowed.output
