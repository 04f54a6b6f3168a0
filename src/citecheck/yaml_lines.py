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
    column: int = 1  # 1-based column where the mapping starts
    end_line: int = (
        0  # 1-based line of its last character (comments and blank lines after it excluded)
    )
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
    return _value(node, set(), text.splitlines()) if node is not None else None


def _value(node: Node, seen: set[int], lines: list[str]) -> Value:
    line = node.start_mark.line + 1
    if id(node) in seen:  # an alias pointing into itself
        return Scalar(text=None, line=line)
    if isinstance(node, ScalarNode):
        if node.tag == _NULL_TAG:
            return Scalar(text=None, line=line)
        return Scalar(text=str(node.value), line=line, is_bool=node.tag == _BOOL_TAG)
    seen = seen | {id(node)}
    if isinstance(node, SequenceNode):
        return Sequence(items=[_value(item, seen, lines) for item in node.value], line=line)
    assert isinstance(node, MappingNode)
    mapping = Mapping(line=line, column=node.start_mark.column + 1, end_line=_end_line(node, lines))
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, ScalarNode) else "?"
        entry = Entry(
            key=key, key_line=key_node.start_mark.line + 1, value=_value(value_node, seen, lines)
        )
        if key in mapping.entries:
            mapping.duplicates.append(entry)
        else:
            mapping.entries[key] = entry
    return mapping


def _end_line(node: Node, lines: list[str]) -> int:
    """The 1-based line of a node's last character. A block collection's end mark sits at the
    next token, past trailing blank and comment lines, so it ends where its last child ends."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    end = node.end_mark
    # A block scalar (`|`, `>`) ends at column 0 of a later line, past the blank lines after it.
    if end.column == 0 and end.line > node.start_mark.line:
        last = int(end.line)
        while last > node.start_mark.line + 1 and not lines[last - 1].strip():
            last -= 1
        return last
    return int(end.line) + 1
