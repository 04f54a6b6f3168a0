"""Run settings: the defaults, overridden by a citecheck.toml and then by the caller.

`Settings.load` is the one place that merges the three; `Settings()` is the defaults alone
(no cache, no settings file), which is what a library caller gets from `Session()`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from citecheck import USER_AGENT

if TYPE_CHECKING:
    from citecheck.models import Status

CONFIG_NAME = "citecheck.toml"
CACHE_NAME = ".citecheck-cache"


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
    # Hosts whose private addresses may be fetched (an intranet site), without opening them all.
    allow_hosts: tuple[str, ...] = ()
    cache_dir: Path | None = None  # None: no cache
    max_age: float = 86400.0  # seconds before a cached page is revalidated
    error_max_age: float = 300.0  # seconds an error stays cached
    offline: bool = False
    refresh: bool = False
    # Hosts whose failure to connect means "our network is down", not "the source is dead".
    connectivity_probes: tuple[str, ...] = ("https://www.example.com/", "https://archive.org/")
    replay: Path | None = None  # a WARC to answer every fetch from, instead of the network


@dataclass
class MatchSettings:
    title_pass: float = 90.0
    title_warn: float = 70.0
    date_tolerance_days: int = 1
    # Extra publisher aliases: canonical name -> other names and domains.
    publisher_aliases: dict[str, list[str]] = field(default_factory=dict)
    # Hosts (and their subdomains) whose 401 and 403 mean a paywall: still blocked, said so.
    paywall_hosts: tuple[str, ...] = ()


@dataclass
class LookupSettings:
    """Finding a source for a citation without a working url (`[lookup]` in citecheck.toml).

    Keys and the search instance also come from the environment when not set here:
    CITECHECK_MAILTO, OPENALEX_API_KEY, CITECHECK_SEARXNG_URL, BRAVE_SEARCH_API_KEY.
    """

    publisher_site: bool = True
    wayback_cdx: bool = True  # at the Wayback Machine of [archive] wayback
    crossref: bool = True
    crossref_url: str = "https://api.crossref.org"
    # Where a cited DOI is resolved: lookup's `doi` candidate, and verify's candidate for a
    # citation whose doi is all it gives (or whose url is dead).
    doi_resolver: str = "https://doi.org"
    mailto: str = ""  # joins Crossref's polite pool
    openalex_url: str = "https://api.openalex.org"
    openalex_key: str = ""  # OpenAlex is off without one
    searxng_url: str = ""  # a SearXNG instance with the json format on; off when empty
    brave_url: str = "https://api.search.brave.com"
    brave_key: str = ""  # Brave Search is off without one
    max_requests: int = 12  # requests one source may send for one citation
    check_top: int = 3  # candidates of each source fetched and verified


@dataclass
class ArchiveSettings:
    """Web archives: where archived copies of dead and changed pages are looked up, and how
    Save Page Now is asked for new captures ([archive] in citecheck.toml)."""

    lookups: bool = True  # look for a capture when a source is dead or no longer matches
    archived: bool = False  # check a capture even when the source is live (--archived)
    wayback: str = "https://web.archive.org"  # CDX, replay and Save Page Now; "" for none
    availability: str = "https://archive.org/wayback/available"  # fallback; "" for none
    # Further archives reached through Memento: TimeGate prefixes the URL is appended to,
    # e.g. "https://archive.ph/timegate/".
    timegates: tuple[str, ...] = ()
    captures_tried: int = 3  # captures looked at per source before giving up
    cdx_interval: float = 2.5  # seconds between two CDX requests (IA allows ~24 a minute)
    save_within: str = "30d"  # Save Page Now reuses a capture younger than this
    capture_all: bool = False  # Save Page Now keeps a 4xx/5xx answer as a capture too
    force_get: bool = False  # Save Page Now captures with a plain GET, without its browser
    save_interval: float = 5.0  # seconds between two capture requests
    save_poll: float = 4.0  # seconds between two status requests
    save_timeout: float = 180.0  # seconds to wait for one capture
    save_retry_after: float = 60.0  # pause before asking again for captures refused for now


FAIL_ON = ("failed", "warning", "blocked", "unverifiable")  # and "never"


def fail_on_statuses(text: str) -> frozenset[Status]:
    """The statuses a `fail_on` text counts: `never` for none, else a comma-separated list
    of FAIL_ON, plus `failed` (a failed citation never passes unless told `never`).
    ValueError naming what is wrong."""
    from citecheck.models import Status

    names = [name.strip().lower() for name in str(text).split(",") if name.strip()]
    if names == ["never"]:
        return frozenset()
    unknown = [name for name in names if name not in FAIL_ON]
    if unknown or not names:
        shown = unknown[0] if unknown else str(text)
        raise ValueError(
            f"{shown!r} is not a status: use {', '.join(FAIL_ON)} (comma-separated) or never"
        )
    return frozenset({Status.FAILED, *(Status(name) for name in names)})


@dataclass
class VerifySettings:
    """What a verify run checks and when it fails ([verify] in citecheck.toml)."""

    fail_on: str = "failed"  # exit 1 when a citation has one of these statuses (fail_on_statuses)
    # Citations whose url matches one of these shell patterns are not checked, e.g.
    # "https://intranet.example/*".
    skip_urls: tuple[str, ...] = ()


@dataclass
class Settings:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    match: MatchSettings = field(default_factory=MatchSettings)
    lookup: LookupSettings = field(default_factory=LookupSettings)
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)
    verify: VerifySettings = field(default_factory=VerifySettings)

    @classmethod
    def load(
        cls,
        config: Path | None = None,
        overrides: Mapping[str, Any] | None = None,
        *,
        project_dir: Path | None = None,
    ) -> Settings:
        """The defaults, then the settings file, then `overrides`.

        `config` is the settings file; without one, `project_dir`'s citecheck.toml is read when
        there is one, else its pyproject.toml's [tool.citecheck]. `project_dir` (the folder of
        the citations file) also anchors the cache: `.citecheck-cache` there by default, and a
        relative `cache_dir` in the file is taken from there. `overrides` maps dotted names
        (`"fetch.workers"`) to values; every key given is set, None included
        (`{"fetch.cache_dir": None}` turns the cache off).
        Raises InputError for a bad file and ValueError for an unknown override.
        """
        from citecheck.config_file import find_settings_file, read_settings_file

        if config is None and project_dir is not None:
            config = find_settings_file(project_dir)
        settings = cls()
        if config is not None:
            read_settings_file(config, settings)
        if project_dir is not None:
            cache_dir = settings.fetch.cache_dir
            if cache_dir is None:
                settings.fetch.cache_dir = project_dir / CACHE_NAME
            elif not cache_dir.is_absolute():
                settings.fetch.cache_dir = project_dir / cache_dir
        for name, value in (overrides or {}).items():
            settings.set(name, value)
        return settings

    def set(self, name: str, value: Any) -> None:
        """Set one setting by its dotted name (`"fetch.per_host"`); ValueError if unknown."""
        section_name, _, key = name.partition(".")
        known = {"fetch", "match", "lookup", "archive", "verify"}
        section = getattr(self, section_name, None) if section_name in known else None
        if section is None or key not in {f.name for f in dataclasses.fields(section)}:
            raise ValueError(f"unknown setting {name!r}")
        setattr(section, key, value)
