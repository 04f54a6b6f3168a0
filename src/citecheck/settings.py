"""Run settings: defaults, overridden by a config file and then by command-line options."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from citecheck import USER_AGENT


@dataclass
class FetchSettings:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # total seconds for one request, body included
    retries: int = 3  # further tries after the first, on connection errors, 429 and 500-504
    backoff: float = 0.5  # first backoff in seconds; doubles each try, with jitter
    max_retry_after: float = 60.0  # longest Retry-After we are willing to wait
    max_redirects: int = 10
    max_bytes: int = 15_000_000
    per_host: int = 2  # requests at once to one host
    host_interval: float = 0.25  # minimum seconds between the starts of two requests to one host
    workers: int = 16  # threads for the whole run
    user_agent: str = USER_AGENT
    allow_private: bool = False
    cache_dir: Path | None = None  # None: no cache
    max_age: float = 86400.0  # seconds before a cached page is revalidated
    error_max_age: float = 300.0  # seconds an error stays cached
    offline: bool = False
    refresh: bool = False
    # Hosts whose failure to connect means "our network is down", not "the source is dead".
    connectivity_probes: tuple[str, ...] = ("https://www.example.com/", "https://archive.org/")


@dataclass
class MatchSettings:
    title_pass: float = 90.0
    title_warn: float = 70.0
    date_tolerance_days: int = 1
    # Extra publisher aliases: canonical name -> other names and domains.
    publisher_aliases: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Settings:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    match: MatchSettings = field(default_factory=MatchSettings)
