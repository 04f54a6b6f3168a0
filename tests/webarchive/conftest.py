"""Fixtures of the web archive tests: the fake archive of `fake_archive.py` on 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_archive import FakeArchive


@pytest.fixture
def archive() -> Iterator[FakeArchive]:
    fake = FakeArchive()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


# --- until the shared transport lands: the same get/post surface over plain requests --------
import dataclasses  # noqa: E402
from collections.abc import Mapping  # noqa: E402

import requests  # noqa: E402


@dataclasses.dataclass
class _Reply:
    url: str
    status: int | None
    headers: dict[str, str]
    body: bytes
    error: object | None = None


class PlainTransport:
    def __init__(self) -> None:
        self.session = requests.Session()
        self.session.trust_env = False

    def _reply(self, response: requests.Response) -> _Reply:
        headers = {k.lower(): v for k, v in response.headers.items()}
        return _Reply(response.url, response.status_code, headers, response.content)

    def get(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        follow_redirects: bool = True,
        max_bytes: int | None = None,
    ) -> _Reply:
        response = self.session.get(
            url, headers=dict(headers or {}), params=params, allow_redirects=follow_redirects
        )
        return self._reply(response)

    def post(
        self,
        url: str,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> _Reply:
        return self._reply(self.session.post(url, data=data, headers=dict(headers or {})))


@pytest.fixture
def transport() -> PlainTransport:
    return PlainTransport()
