"""The visible text of a page's body, read from the top only as far as a step needs it.

Most steps look at the top of a page (its length up to a threshold, the dates by the headline),
and collapsing all the text of a long page is one of the larger costs of reading it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from citecheck.extract.html_tree import HtmlElement
from citecheck.extract.text_cleaning import collapse_text

_FIRST_READ = 1024  # characters of raw text read at least, whatever is asked
_NODES_AT_ONCE = 64


class VisibleText:
    """An element's text nodes joined with spaces, whitespace collapsed.

    Text nodes are joined with a space, so collapsing the first ones gives the start of what
    collapsing all of them gives, ending at a word's end: the text is built a batch at a time,
    and the nodes are only listed as far as the text is read.
    """

    def __init__(self, element: HtmlElement) -> None:
        # itertext() joins the two nodes of a word that a removed script split in two.
        self._nodes: Iterator[str] = element.itertext()
        self._read = 0  # raw characters of the nodes collapsed into _text so far
        self._exhausted = False
        self._text = ""

    def start(self, length: int) -> str:
        """At least the first `length` characters of the text, or all of it when shorter."""
        while not self._exhausted and len(self._text) < length:
            # Collapsing shrinks the text by an unknown amount: read twice what is missing, and
            # at least as much again as so far, so that a few reads reach any length.
            wanted = max(2 * (length - len(self._text)), self._read, _FIRST_READ)
            self._append(self._next_nodes(wanted))
        return self._text

    def whole(self) -> str:
        if not self._exhausted:
            self._append(list(self._nodes))
            self._exhausted = True
        return self._text

    def _next_nodes(self, wanted: int) -> list[str]:
        """The next text nodes, at least `wanted` characters of them unless fewer are left;
        taken a slice at a time, which costs less than one at a time."""
        nodes: list[str] = []
        size = 0
        while size < wanted:
            batch = list(islice(self._nodes, _NODES_AT_ONCE))
            nodes += batch
            size += sum(map(len, batch))
            if len(batch) < _NODES_AT_ONCE:
                self._exhausted = True
                break
        self._read += size
        return nodes

    def _append(self, nodes: list[str]) -> None:
        more = collapse_text(" ".join(nodes))
        if more:
            self._text = f"{self._text} {more}" if self._text else more
