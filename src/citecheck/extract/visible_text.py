"""The visible text of a page's body, read from the top only as far as a step needs it.

Most steps look at the top of a page (its length up to a threshold, the dates by the headline),
and collapsing all the text of a long page is one of the larger costs of reading it.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from citecheck.extract.html_tree import HtmlElement
from citecheck.extract.text_cleaning import collapse_text

_TEXT_NODES = lxml.etree.XPath("descendant::text()", smart_strings=False)
_FIRST_READ = 1024  # characters of raw text read at least, whatever is asked


class VisibleText:
    """An element's text nodes joined with spaces, whitespace collapsed.

    Text nodes are joined with a space, so collapsing the first ones gives the start of what
    collapsing all of them gives, ending at a word's end: the text is built a batch at a time.
    """

    def __init__(self, element: HtmlElement, nodes_may_split_words: bool = True) -> None:
        # XPath lists the text nodes for a third of what itertext() costs; itertext() also joins
        # the two nodes of a word split in two, which is only needed when a word may be split.
        self._nodes: list[str] = (
            list(element.itertext()) if nodes_may_split_words else _TEXT_NODES(element)
        )
        self._ends = list(accumulate(map(len, self._nodes)))  # raw characters up to each node
        self._read = 0  # nodes collapsed into _text so far
        self._text = ""

    def start(self, length: int) -> str:
        """At least the first `length` characters of the text, or all of it when shorter."""
        while self._read < len(self._nodes) and len(self._text) < length:
            read_so_far = self._ends[self._read - 1] if self._read else 0
            # Collapsing shrinks the text by an unknown amount: read twice what is missing, and
            # at least as much again as so far, so that a few reads reach any length.
            more = max(2 * (length - len(self._text)), read_so_far, _FIRST_READ)
            end = bisect_left(self._ends, read_so_far + more, lo=self._read) + 1
            self._append(self._nodes[self._read : end])
            self._read = end
        return self._text

    def whole(self) -> str:
        if self._read < len(self._nodes):
            self._append(self._nodes[self._read :])
            self._read = len(self._nodes)
        return self._text

    def _append(self, nodes: list[str]) -> None:
        more = collapse_text(" ".join(nodes))
        if more:
            self._text = f"{self._text} {more}" if self._text else more
