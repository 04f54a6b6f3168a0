"""Read `citecheck.toml`: settings a project keeps beside its citations.yaml.

[fetch]
allow_private = false
per_host = 2
max_age = "12h"

[match]
title_pass = 90

[publishers]
"Dawn" = ["dawn.com", "Dawn News"]

[archive]
timegates = ["https://archive.ph/timegate/"]
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path
from typing import Any

from citecheck.errors import InputError
from citecheck.settings import (
    CONFIG_NAME,
    ArchiveSettings,
    FetchSettings,
    LookupSettings,
    MatchSettings,
    Settings,
)

__all__ = ["CONFIG_NAME", "load_settings", "parse_duration", "read_settings_file"]

# Options that only make sense per run, never in a file.
_RUN_ONLY = {"offline", "refresh", "connectivity_probes", "replay", "archived"}
_SPN_PERIOD = re.compile(r"^\s*\d+\s*[dhms]?(\s+\d+\s*[dhms]?)*\s*$")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str | float) -> float:
    """Seconds from `90`, `90s`, `15m`, `12h`, `1d` or `2w`; ValueError otherwise."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if text < 0:
            raise ValueError("must not be negative")
        return float(text)
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"'{text}' is not a duration such as 90s, 15m, 12h or 1d")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def load_settings(path: Path | None) -> Settings:
    """Settings from `path` (a citecheck.toml), or the defaults when `path` is None.
    `Settings.load` adds the project's defaults and the caller's overrides."""
    settings = Settings()
    if path is not None:
        read_settings_file(path, settings)
    return settings


def read_settings_file(path: Path, settings: Settings) -> None:
    """Apply the citecheck.toml at `path` to `settings`; InputError naming every bad line."""
    shown = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{shown}: cannot read: {exc}") from None
    problems: list[str] = []
    for section in data:
        if section not in {"fetch", "match", "lookup", "archive", "publishers"}:
            problems.append(
                f"{shown}: [{section}]: unknown section "
                "(known: fetch, match, lookup, archive, publishers)"
            )
    _apply(settings.fetch, data.get("fetch", {}), "fetch", shown, problems)
    _apply(settings.match, data.get("match", {}), "match", shown, problems)
    _apply(settings.lookup, data.get("lookup", {}), "lookup", shown, problems)
    _apply(settings.archive, data.get("archive", {}), "archive", shown, problems)
    settings.match.publisher_aliases.update(_aliases(data.get("publishers", {}), shown, problems))
    if problems:
        raise InputError(problems)


def _apply(
    target: FetchSettings | MatchSettings | LookupSettings | ArchiveSettings,
    values: Any,
    section: str,
    shown: str,
    problems: list[str],
) -> None:
    if not isinstance(values, dict):
        problems.append(f"{shown}: [{section}]: must be a table")
        return
    fields = {f.name: f for f in dataclasses.fields(target) if f.name not in _RUN_ONLY}
    for key, value in values.items():
        where = f"{shown}: {section}.{key}"
        if key not in fields or key == "publisher_aliases":
            problems.append(f"{where}: unknown setting (known: {', '.join(sorted(fields))})")
            continue
        try:
            setattr(target, key, _coerce(key, value, getattr(target, key)))
        except ValueError as exc:
            problems.append(f"{where}: {exc}")


def _coerce(key: str, value: Any, default: Any) -> Any:
    if key in {"max_age", "error_max_age", "host_interval", "deadline"}:
        return parse_duration(value)
    if key in {"save_interval", "save_poll", "save_timeout"}:
        return parse_duration(value)
    if key == "save_within":
        if not isinstance(value, str | int) or not _SPN_PERIOD.match(str(value)):
            raise ValueError("must be a period such as 30d, 12h or 3d 5h 20m")
        return str(value).strip()
    if key in {"wayback", "availability"}:
        return _base_url(value, allow_empty=True)
    if key == "timegates":
        if not isinstance(value, list):
            raise ValueError("must be a list of TimeGate addresses")
        return tuple(_base_url(item, allow_empty=False) for item in value)
    if key == "cache_dir":
        return Path(str(value)) if value else None
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValueError('must be a list of text, e.g. ["intranet.example"]')
        return tuple(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError("must be a whole number, 0 or more")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError("must be a number, 0 or more")
        return float(value)
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value


def _base_url(value: Any, *, allow_empty: bool) -> str:
    if not isinstance(value, str):
        raise ValueError("must be an http(s) address in quotes")
    if allow_empty and not value.strip():
        return ""
    if not re.match(r"^https?://[^/\s]+", value.strip()):
        raise ValueError(f"'{value}' is not an http(s) address")
    return value.strip()


def _aliases(values: Any, shown: str, problems: list[str]) -> dict[str, list[str]]:
    if not isinstance(values, dict):
        problems.append(f"{shown}: [publishers]: must be a table of name = [aliases]")
        return {}
    aliases: dict[str, list[str]] = {}
    for name, others in values.items():
        if isinstance(others, str):
            others = [others]
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            problems.append(f"{shown}: publishers.{name}: must be a list of names or domains")
            continue
        aliases[name] = list(others)
    return aliases
