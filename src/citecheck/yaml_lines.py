"""YAML read into plain values that remember the line they stand on.

Validation needs a line for every value, and nothing else a round-trip document keeps: composing
the node graph (with ruamel's C parser where installed) is several times faster than building a
round-trip document, which matters for citation files of thousands of entries. Scalars stay text,
so a mistyped date such as 2016-02-30 is our error with a line, not a YAML library crash.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver
from ruamel.yaml.tag import Tag

_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"


_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL_WORDS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})


class _NullAndBoolResolver(BaseResolver):
    """Tags a plain scalar only as null or boolean (YAML 1.2 core schema), all that validation
    asks; everything else stays text. The stock resolver looks up the document's YAML version
    twice per scalar and tries regular expressions; two set lookups answer the same, and every
    node gets one shared tag object instead of a new one."""

    def __init__(self, version: object = None, loadumper: object = None) -> None:
        # ruamel passes the document's version, which a schema of two tags does not need.
        super().__init__(loadumper=loadumper)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode:
            if implicit[0]:
                if value in _NULL_WORDS:
                    return _NULL
                if value in _BOOL_WORDS:
                    return _BOOL
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers: nothing to track

    def ascend_resolver(self) -> None:
        pass


_NULL, _BOOL = Tag(suffix=_NULL_TAG), Tag(suffix=_BOOL_TAG)
_STR = Tag(suffix="tag:yaml.org,2002:str")
_SEQ, _MAP = Tag(suffix="tag:yaml.org,2002:seq"), Tag(suffix="tag:yaml.org,2002:map")


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


@dataclass(slots=True)
class Scalar:
    text: str | None  # None for YAML null (`~`, `null`, nothing)
    line: int
    is_bool: bool = False


@dataclass(slots=True)
class Sequence:
    items: list[Value]
    line: int


@dataclass(slots=True)
class Entry:
    key: str
    key_line: int
    value: Value


@dataclass(slots=True)
class Mapping:
    line: int
    entries: dict[str, Entry] = field(default_factory=dict)
    column: int = 1  # 1-based column where the mapping starts
    end_line: int = 0  # 1-based line of its last character (not the blank lines after it)
    duplicates: list[Entry] = field(default_factory=list)  # keys given twice, second and later

    def get(self, key: str) -> Value | None:
        entry = self.entries.get(key)
        return entry.value if entry is not None else None

    def line_of(self, key: str) -> int:
        entry = self.entries.get(key)
        return entry.value.line if entry is not None else self.line


Value = Scalar | Sequence | Mapping


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large tree of objects is built.

    Each generation-2 pass walks every object alive; reading thousands of citations creates
    hundreds of thousands, and with the collector running they took most of the load time.
    Nothing built here forms a cycle that needs collecting before the reading is over."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_yaml(text: str) -> Value | None:
    """The document's values with their 1-based lines; None for an empty document."""
    with collector_paused():
        return _read_yaml(text)


def _read_yaml(text: str) -> Value | None:
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
    kind = type(node)
    if kind is ScalarNode:
        line = node.start_mark.line + 1
        tag = node.ctag
        if tag is _STR:  # the common case, told without making the tag a string
            return Scalar(str(node.value), line)
        if tag is _NULL or str(tag) == _NULL_TAG:
            return Scalar(None, line)
        return Scalar(str(node.value), line, tag is _BOOL or str(tag) == _BOOL_TAG)
    node_id = id(node)
    if node_id in seen:  # an alias pointing into itself
        return Scalar(None, node.start_mark.line + 1)
    seen.add(node_id)
    try:
        if kind is SequenceNode:
            items = [_value(item, seen, lines) for item in node.value]
            return Sequence(items, node.start_mark.line + 1)
        return _mapping(node, seen, lines)
    finally:
        seen.discard(node_id)


def _mapping(node: Node, seen: set[int], lines: list[str]) -> Mapping:
    mark = node.start_mark
    mapping = Mapping(mark.line + 1, column=mark.column + 1, end_line=_end_line(node, lines))
    entries = mapping.entries
    for key_node, value_node in node.value:
        key = str(key_node.value) if type(key_node) is ScalarNode else "?"
        entry = Entry(key, key_node.start_mark.line + 1, _value(value_node, seen, lines))
        if key in entries:
            mapping.duplicates.append(entry)
        else:
            entries[key] = entry
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
