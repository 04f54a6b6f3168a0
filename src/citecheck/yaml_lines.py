"""YAML read into plain values that remember the line they stand on.

Validation needs a line for every value, and nothing else a round-trip document keeps: composing
the node graph (with ruamel's C parser where installed) is several times faster than building a
round-trip document, which matters for citation files of thousands of entries. Scalars stay text,
so a mistyped date such as 2016-02-30 is our error with a line, not a YAML library crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver

_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"


class _NullAndBoolResolver(BaseResolver):
    """Tags a plain scalar only as null or boolean (YAML 1.2 core schema), all that validation
    asks; everything else stays text. The stock resolver looks up the document's YAML version
    twice per scalar, which took half the time of reading a large citations file."""

    def __init__(self, version: object = None, loadumper: object = None) -> None:
        # ruamel passes the document's version, which a schema of two tags does not need.
        super().__init__(loadumper=loadumper)


_NullAndBoolResolver.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_NullAndBoolResolver.add_implicit_resolver(
    _NULL_TAG, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


@dataclass
class Scalar:
    text: str | None  # None for YAML null (`~`, `null`, nothing)
    line: int
    is_bool: bool = False


@dataclass
class Sequence:
    items: list[Value]
    line: int


@dataclass
class Entry:
    key: str
    key_line: int
    value: Value


@dataclass
class Mapping:
    line: int
    entries: dict[str, Entry] = field(default_factory=dict)
    duplicates: list[Entry] = field(default_factory=list)  # keys given twice, second and later

    def get(self, key: str) -> Value | None:
        entry = self.entries.get(key)
        return entry.value if entry is not None else None

    def line_of(self, key: str) -> int:
        entry = self.entries.get(key)
        return entry.value.line if entry is not None else self.line


Value = Scalar | Sequence | Mapping


def read_yaml(text: str) -> Value | None:
    """The document's values with their 1-based lines; None for an empty document."""
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _NullAndBoolResolver
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlSyntaxError(
            mark.line + 1 if mark is not None else None, str(exc.problem or exc.context)
        ) from None
    except YAMLError as exc:
        raise YamlSyntaxError(None, str(exc)) from None
    return _value(node, set()) if node is not None else None


def _value(node: Node, seen: set[int]) -> Value:
    line = node.start_mark.line + 1
    if id(node) in seen:  # an alias pointing into itself
        return Scalar(text=None, line=line)
    if isinstance(node, ScalarNode):
        if node.tag == _NULL_TAG:
            return Scalar(text=None, line=line)
        return Scalar(text=str(node.value), line=line, is_bool=node.tag == _BOOL_TAG)
    seen = seen | {id(node)}
    if isinstance(node, SequenceNode):
        return Sequence(items=[_value(item, seen) for item in node.value], line=line)
    assert isinstance(node, MappingNode)
    mapping = Mapping(line=line)
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
        entry = Entry(
            key=key, key_line=key_node.start_mark.line + 1, value=_value(value_node, seen)
        )
        if key in mapping.entries:
            mapping.duplicates.append(entry)
        else:
            mapping.entries[key] = entry
    return mapping
