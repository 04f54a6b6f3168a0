"""The publisher alias table: which names and domains stand for the same publisher.

Built-in entries live in `citecheck/data/publishers.yaml`; `MatchSettings.publisher_aliases`
adds to them (same shape: canonical name -> other names and domains).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from ruamel.yaml import YAML

from citecheck.match.normalize import squash

_DATA_FILE = "publishers.yaml"
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")


@dataclass
class AliasTable:
    """Look-ups from a folded name or a host to the canonical publishers it stands for."""

    by_name: dict[str, set[str]] = field(default_factory=dict)
    by_domain: dict[str, set[str]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)  # canonical -> names, as written

    def add(self, canonical: str, others: Iterable[str]) -> None:
        self._add_name(canonical, canonical)
        for other in others:
            domain = as_domain(other)
            if domain:
                self.by_domain.setdefault(domain, set()).add(canonical)
            self._add_name(canonical, other)

    def for_name(self, name: str) -> set[str]:
        return set(self.by_name.get(squash(name), ()))

    def for_host(self, host: str) -> set[str]:
        """Publishers whose domain is `host` or a parent of it ("www.bbc.co.uk" -> BBC)."""
        found: set[str] = set()
        labels = host.lower().rstrip(".").split(".")
        for start in range(len(labels) - 1):
            found |= self.by_domain.get(".".join(labels[start:]), set())
        return found

    def names_of(self, canonicals: Iterable[str]) -> list[str]:
        return [name for canonical in canonicals for name in self.names.get(canonical, [])]

    def _add_name(self, canonical: str, name: str) -> None:
        key = squash(name)
        if not key:
            return
        self.by_name.setdefault(key, set()).add(canonical)
        self.names.setdefault(canonical, [])
        if name not in self.names[canonical]:
            self.names[canonical].append(name)


def as_domain(text: str) -> str | None:
    """The text as a bare domain ("www.Dawn.com" -> "dawn.com"), or None if it is a name."""
    candidate = text.strip().lower().removeprefix("www.")
    return candidate if _DOMAIN.match(candidate) else None


def alias_table(extra: Mapping[str, object] | None = None) -> AliasTable:
    """The built-in table plus `extra` (user aliases; malformed entries are skipped).

    Tables are cached by content: the match stage asks for one per citation.
    """
    user_entries = tuple(
        (canonical, tuple(_strings(others)))
        for canonical, others in (extra or {}).items()
        if isinstance(canonical, str)
    )
    return _build_table(user_entries)


@lru_cache(maxsize=8)
def _build_table(user_entries: tuple[tuple[str, tuple[str, ...]], ...]) -> AliasTable:
    table = AliasTable()
    for canonical, others in (*builtin_aliases().items(), *user_entries):
        table.add(canonical, others)
    return table


@cache
def builtin_aliases() -> dict[str, tuple[str, ...]]:
    text = (resources.files("citecheck") / "data" / _DATA_FILE).read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{_DATA_FILE} must map publisher names to lists of aliases")
    return {str(canonical): tuple(_strings(others)) for canonical, others in data.items()}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []
