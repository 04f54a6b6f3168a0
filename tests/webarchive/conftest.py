"""Fixtures of the web archive tests: the fake archive of `fake_archive.py` on 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from citecheck.settings import FetchSettings
from citecheck.transport import Transport

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


@pytest.fixture
def transport() -> Iterator[Transport]:
    """The shared transport as a run sets it up, with loopback allowed and short waits."""
    settings = FetchSettings(
        connect_timeout=2.0,
        read_timeout=5.0,
        deadline=10.0,
        retries=2,
        backoff=0.01,
        max_retry_after=5.0,
        host_interval=0.0,
        allow_private=True,
        connectivity_probes=(),
    )
    client = Transport(settings)
    try:
        yield client
    finally:
        client.close()
