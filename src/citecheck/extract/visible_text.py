"""The visible text of a page's body, read from the top only as far as a step needs it.

Most steps look at the top of a page (its length up to a threshold, the dates by the headline),
and collapsing all the text of a long page is one of the larger costs of reading it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from citecheck.extract.html_tree import HtmlElement
from citecheck.extract.text_cleaning import collapse_text

_NODES_AT_ONCE = 64


class VisibleText:
    """An element's text nodes joined with spaces, whitespace collapsed.

    Text nodes are joined with a space, so collapsing the first ones gives the start of what
    collapsing all of them gives, ending at a word's end: the text is built a batch of nodes at
    a time, and the nodes are only listed (which costs most: lxml makes an object for each
    element it passes) until the text is as long as asked.
    """

    def __init__(self, element: HtmlElement) -> None:
        # itertext() joins the two nodes of a word that a removed script split in two.
        self._nodes: Iterator[str] = element.itertext()
        self._exhausted = False
        self._text = ""

    def start(self, length: int) -> str:
        """At least the first `length` characters of the text, or all of it when shorter."""
        if self._exhausted or len(self._text) >= length:
            return self._text
        parts = [self._text] if self._text else []
        size = len(self._text)  # of the parts joined with spaces
        while size < length and not self._exhausted:
            batch = list(islice(self._nodes, _NODES_AT_ONCE))
            self._exhausted = len(batch) < _NODES_AT_ONCE
            more = collapse_text(" ".join(batch))
            if more:
                size += len(more) + 1 if parts else len(more)
                parts.append(more)
        self._text = " ".join(parts)
        return self._text

    def whole(self) -> str:
        if not self._exhausted:
            more = collapse_text(" ".join(self._nodes))
            if more:
                self._text = f"{self._text} {more}" if self._text else more
            self._exhausted = True
        return self._text
