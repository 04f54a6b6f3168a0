"""Read `citecheck.toml`, or `[tool.citecheck]` in a pyproject.toml: settings a project keeps
beside its citations.yaml. An unknown section or key is an error that suggests the nearest
known one.

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
import difflib
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
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
    VerifySettings,
    fail_on_statuses,
)

__all__ = [
    "CONFIG_NAME",
    "PYPROJECT_NAME",
    "SettingSource",
    "apply_assignments",
    "find_settings_file",
    "load_settings",
    "parse_duration",
    "read_settings_file",
    "setting_sources",
]

PYPROJECT_NAME = "pyproject.toml"
_SECTIONS = ("fetch", "match", "lookup", "archive", "verify", "publishers")

# Options that only make sense per run, never in a file.
_RUN_ONLY = {"offline", "refresh", "replay", "archived"}
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


def find_settings_file(folder: Path) -> Path | None:
    """The settings file of a project folder: its citecheck.toml, else its pyproject.toml when
    that has a [tool.citecheck] table; None when there is neither."""
    candidate = folder / CONFIG_NAME
    if candidate.is_file():
        return candidate
    pyproject = folder / PYPROJECT_NAME
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return pyproject  # read again, to report what is wrong with it
        tool = data.get("tool")
        if isinstance(tool, dict) and "citecheck" in tool:
            return pyproject
    return None


def read_settings_file(path: Path, settings: Settings) -> set[str]:
    """Apply the settings file at `path` (a citecheck.toml, or a pyproject.toml's
    [tool.citecheck]) to `settings`; the dotted names it set. InputError naming every bad key."""
    shown = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{shown}: cannot read: {exc}") from None
    prefix = ""
    if path.name == PYPROJECT_NAME:
        tool = data.get("tool")
        table = tool.get("citecheck") if isinstance(tool, dict) else None
        if not isinstance(table, dict):
            raise InputError(f"{shown}: no [tool.citecheck] table")
        data, prefix = table, "tool.citecheck."
    problems: list[str] = []
    for section in data:
        if section not in _SECTIONS:
            problems.append(
                f"{shown}: [{prefix}{section}]: unknown section{_suggestion(section, _SECTIONS)}"
            )
    found: set[str] = set()
    for name, target in _sections(settings):
        where = f"{shown}: {prefix}{name}"
        found |= _apply(target, data.get(name, {}), name, where, problems)
    aliases = _aliases(data.get("publishers", {}), f"{shown}: {prefix}publishers", problems)
    settings.match.publisher_aliases.update(aliases)
    if aliases:
        found.add("match.publisher_aliases")
    if problems:
        raise InputError(problems)
    return found


def _suggestion(name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(known)})"


def _apply(
    target: FetchSettings | MatchSettings | LookupSettings | ArchiveSettings | VerifySettings,
    values: Any,
    section: str,
    where: str,
    problems: list[str],
) -> set[str]:
    if not isinstance(values, dict):
        problems.append(f"{where}: must be a table")
        return set()
    fields = sorted(
        f.name
        for f in dataclasses.fields(target)
        if f.name not in _RUN_ONLY and f.name != "publisher_aliases"
    )
    found = set()
    for key, value in values.items():
        if key not in fields:
            problems.append(f"{where}.{key}: unknown setting{_suggestion(key, fields)}")
            continue
        try:
            setattr(target, key, _coerce(key, value, getattr(target, key)))
        except ValueError as exc:
            problems.append(f"{where}.{key}: {exc}")
            continue
        found.add(f"{section}.{key}")
    return found


def _coerce(key: str, value: Any, default: Any) -> Any:
    if key in {"max_age", "error_max_age", "host_interval", "deadline"}:
        return parse_duration(value)
    if key in {"save_interval", "save_poll", "save_timeout", "save_retry_after", "cdx_interval"}:
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
    if key == "fail_on":
        if not isinstance(value, str):
            raise ValueError('must be text, e.g. "failed,unverifiable"')
        fail_on_statuses(value)
        return value
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


def _aliases(values: Any, where: str, problems: list[str]) -> dict[str, list[str]]:
    if not isinstance(values, dict):
        problems.append(f"{where}: must be a table of name = [aliases]")
        return {}
    aliases: dict[str, list[str]] = {}
    for name, others in values.items():
        if isinstance(others, str):
            others = [others]
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            problems.append(f"{where}.{name}: must be a list of names or domains")
            continue
        aliases[name] = list(others)
    return aliases


@dataclass
class SettingSource:
    """Where one effective setting came from, for `citecheck config`."""

    name: str  # dotted: "fetch.per_host"
    value: Any
    source: str  # "default", the settings file's path, or "command line"


def apply_assignments(settings: Settings, assignments: Sequence[str]) -> set[str]:
    """Apply `section.key=value` assignments (TOML values; bare text is taken as text) as a
    settings file would be, with its checks; the dotted names set. InputError when bad."""
    tables: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for assignment in assignments:
        name, equals, text = assignment.partition("=")
        section, dot, key = name.strip().partition(".")
        if not equals or not dot or not key:
            problems.append(f"--set {assignment}: expected SECTION.KEY=VALUE")
            continue
        try:
            value = tomllib.loads(f"value = {text.strip()}")["value"]
        except tomllib.TOMLDecodeError:
            value = text.strip()
        tables.setdefault(section, {})[key.strip()] = value
    for section in tables:
        if section not in _SECTIONS or section == "publishers":
            known = [name for name in _SECTIONS if name != "publishers"]
            problems.append(f"--set {section}: unknown section{_suggestion(section, known)}")
    found: set[str] = set()
    for name, target in _sections(settings):
        if name in tables:
            found |= _apply(target, tables[name], name, f"--set {name}", problems)
    if problems:
        raise InputError(problems)
    return found


def setting_sources(
    config: Path | None, assignments: Sequence[str], project_dir: Path
) -> tuple[Path | None, list[SettingSource]]:
    """The effective settings for a project folder, each with where it came from: the
    command line over the settings file over the defaults."""
    path = config if config is not None else find_settings_file(project_dir)
    settings = Settings.load(path, project_dir=project_dir)
    from_file = read_settings_file(path, Settings()) if path is not None else set()
    from_command_line = apply_assignments(settings, assignments)
    sources = []
    for section, target in _sections(settings):
        for item in dataclasses.fields(target):
            if item.name in _RUN_ONLY:
                continue
            name = f"{section}.{item.name}"
            if name in from_command_line:
                source = "command line"
            elif name in from_file and path is not None:
                source = str(path)
            else:
                source = "default"
            sources.append(SettingSource(name, getattr(target, item.name), source))
    return path, sources


def _sections(settings: Settings) -> list[tuple[str, Any]]:
    return [
        ("fetch", settings.fetch),
        ("match", settings.match),
        ("lookup", settings.lookup),
        ("archive", settings.archive),
        ("verify", settings.verify),
    ]
