"""One bounded pass over a page's body, collecting what the extraction steps look for in it.

Every iteration over a parsed tree costs about the same whatever it keeps (lxml visits each node
either way): one pass that files the body's elements by tag, class, id and microdata property
replaces a dozen walks of the steps' own (the <h1>s, the <time>s, the bylines, the links...).
The pass stops after `MAX_ELEMENTS` elements: a page longer than that is hostile or broken, and
its metadata, if any, sits in its head or near its top.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, islice

from citecheck.extract.html_tree import HtmlElement

# No page of the labelled corpus has more than about 10,000 elements; the median has 650.
MAX_ELEMENTS = 30_000
# The tags whose elements some step looks at, in document order; those a step asks for together
# are filed together.
TAG_GROUPS = (
    ("h1",),
    ("h2", "h3", "h4"),
    ("article",),
    ("time", "abbr"),
    ("dt",),
    ("p",),
    ("link",),
)


@dataclass
class BodyIndex:
    """The body's elements, filed in one pass:

    - `labelled`: those that carry a class, id or component name, with those names (lower
      case, one line per element, NUL between lines) in `hint_lines`, to search for hint words;
    - `itemprops`: those with a microdata property, with its value;
    - `by_tag`: those of each group of TAG_GROUPS, by each tag of the group;
    - `rel_links`: the <a> elements with a rel attribute;
    - `with_text`: those with text of their own before their first child, with that text.
    """

    labelled: list[HtmlElement] = field(default_factory=list)
    hint_lines: str = ""
    line_starts: list[int] = field(default_factory=list)
    itemprops: list[tuple[HtmlElement, str]] = field(default_factory=list)
    by_tag: dict[str, list[HtmlElement]] = field(default_factory=dict)
    rel_links: list[HtmlElement] = field(default_factory=list)
    with_text: list[tuple[HtmlElement, str]] = field(default_factory=list)

    def tagged(self, *tags: str) -> list[HtmlElement]:
        """The elements of `tags` (a group of TAG_GROUPS, or some tags of one), in document
        order."""
        group = self.by_tag[tags[0]]
        if tags in TAG_GROUPS:
            return group
        return [element for element in group if element.tag in tags]

    def hinting(self, words: tuple[str, ...]) -> Iterator[HtmlElement]:
        """Elements whose class or id contains one of `words` (lower case), in document order,
        found as they are asked for: the steps mostly stop at one of the first."""
        text, starts = self.hint_lines, self.line_starts
        # The next hit of each word, nearest first; str.find per word beats one regex
        # alternation, which is tried at every position.
        hits = [(position, word) for word in words if (position := text.find(word)) != -1]
        heapq.heapify(hits)
        last_line = -1
        while hits:
            position, word = hits[0]
            line = bisect_right(starts, position) - 1
            # On to the word's next line: one hit is enough to name the element.
            following = text.find(word, starts[line + 1]) if line + 1 < len(starts) else -1
            if following == -1:
                heapq.heappop(hits)
            else:
                heapq.heapreplace(hits, (following, word))
            if line != last_line:
                last_line = line
                yield self.labelled[line]


def index_body(body: HtmlElement, limit: int = MAX_ELEMENTS) -> BodyIndex:
    """File the elements of `body` (itself included), up to `limit` of them."""
    by_tag: dict[str, list[HtmlElement]] = {}
    for group in TAG_GROUPS:
        filed: list[HtmlElement] = []
        by_tag.update((tag, filed) for tag in group)
    index = BodyIndex(by_tag=by_tag)
    labelled = index.labelled
    itemprops = index.itemprops
    rel_links = index.rel_links
    with_text = index.with_text
    lines: list[str] = []
    for element in islice(body.iter(), limit):
        tag = element.tag
        tag_list = by_tag.get(tag)
        if tag_list is not None:
            tag_list.append(element)
        text = element.text
        if text:
            with_text.append((element, text))
        names = element.keys()
        if not names:
            continue
        # Only the attributes an element has are read: most have one or two of them.
        get = element.get
        classes = identifier = component = testid = None
        for name in names:
            if name == "class":
                classes = get(name)
            elif name == "id":
                identifier = get(name)
            elif name == "itemprop":
                prop = get(name)
                if prop:
                    itemprops.append((element, prop))
            # Component frameworks name parts in data attributes: data-component="Byline".
            elif name == "data-component":
                component = get(name)
            elif name == "data-testid":
                testid = get(name)
            elif name == "rel" and tag == "a":
                rel_links.append(element)
        component = component or testid
        if classes or identifier or component:
            labelled.append(element)
            lines.append(f"{classes or ''} {identifier or ''} {component or ''}")
    # Lower-cased once as a whole, and each line's start found by adding up lengths; the rare
    # letter whose lower case is longer ("İ") makes us lower each line instead. Lines are
    # separated by NUL, which no attribute value holds and no hint word matches.
    joined = "\0".join(lines)
    lowered = joined.lower()
    if len(lowered) != len(joined):
        lines = [line.lower() for line in lines]
        lowered = "\0".join(lines)
    index.hint_lines = lowered
    index.line_starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
    return index
