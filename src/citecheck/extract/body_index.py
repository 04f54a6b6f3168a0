"""One bounded pass over a page's body, collecting what the extraction steps look for in it.

Every iteration over a parsed tree costs about the same whatever it keeps (lxml makes a Python
object for each element it yields): one pass that files the body's elements by class, id and
microdata property replaces a dozen walks of the steps' own (the bylines, the links...), and the
elements of the tags the steps ask for (the <h1>s, the <time>s...) are picked out by lxml in C,
which yields only those. The pass stops after `MAX_ELEMENTS` elements: a page longer than that
is hostile or broken, and its metadata, if any, sits in its head or near its top.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

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
_FILED_TAGS = tuple(tag for group in TAG_GROUPS for tag in group)
# The attributes the pass reads; an element with one other attribute only is passed over.
_READ_ATTRIBUTES = frozenset({"class", "id", "itemprop", "data-component", "data-testid", "rel"})


@dataclass
class BodyIndex:
    """The body's elements, filed in one pass:

    - `labelled`: those that carry a class, id or component name, with those names (lower
      case, one line per element, NUL between lines) in `hint_lines`, to search for hint words
      (none of which holds a space or a NUL);
    - `itemprops`: those with a microdata property, with its value;
    - `by_tag`: those of each group of TAG_GROUPS, by each tag of the group;
    - `rel_links`: the <a> elements with a rel attribute;
    - `with_text`: those with text of their own before their first child, with that text.
    """

    labelled: list[HtmlElement] = field(default_factory=list)
    hint_lines: str = ""
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
        text = self.hint_lines
        # The next hit of each word, nearest first; str.find per word beats one regex
        # alternation, which is tried at every position.
        hits = [(position, word) for word in words if (position := text.find(word)) != -1]
        heapq.heapify(hits)
        # A hit's line is the number of NULs before it, counted on from the last hit's.
        line = counted_to = 0
        last_line = -1
        while hits:
            position, word = hits[0]
            line += text.count("\0", counted_to, position)
            counted_to = position
            # On to the word's next line: one hit is enough to name the element.
            line_end = text.find("\0", position)
            following = text.find(word, line_end + 1) if line_end != -1 else -1
            if following == -1:
                heapq.heappop(hits)
            else:
                heapq.heapreplace(hits, (following, word))
            if line != last_line:
                last_line = line
                yield self.labelled[line]


def index_body(body: HtmlElement, limit: int = MAX_ELEMENTS) -> BodyIndex:
    """File the elements of `body` (itself included), up to `limit` of them."""
    index = BodyIndex()
    labelled = index.labelled
    itemprops = index.itemprops
    rel_links = index.rel_links
    add_text = index.with_text.append
    lines: list[str] = []
    add_line = lines.append
    elements = body.iter()
    for element in islice(elements, limit):
        text = element.text
        if text:
            add_text((element, text))
        names = element.keys()
        if not names:
            continue
        if len(names) == 1:  # most elements with attributes have a class, or some other one
            name = names[0]
            if name == "class" or name == "id":
                value = element.get(name)
                if value:
                    labelled.append(element)
                    add_line(value)
                continue
            if name not in _READ_ATTRIBUTES:
                continue
        # Only the attributes an element has are read.
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
            elif name == "rel" and element.tag == "a":
                rel_links.append(element)
        component = component or testid
        if classes or identifier or component:
            labelled.append(element)
            add_line(f"{classes or ''} {identifier or ''} {component or ''}")
    index.by_tag = _file_by_tag(body, limit, cut_short=next(elements, None) is not None)
    # Lower-cased once as a whole; lines are separated by NUL, which no attribute value holds.
    index.hint_lines = "\0".join(lines).lower()
    return index


def _file_by_tag(body: HtmlElement, limit: int, cut_short: bool) -> dict[str, list[HtmlElement]]:
    """The elements of each group of TAG_GROUPS, by each tag of the group, in document order:
    picked out by lxml, unless the pass was cut short, when only those it visited count."""
    by_tag: dict[str, list[HtmlElement]] = {}
    for group in TAG_GROUPS:
        filed: list[HtmlElement] = []
        by_tag.update((tag, filed) for tag in group)
    if cut_short:
        for element in islice(body.iter(), limit):
            tag_list = by_tag.get(element.tag)
            if tag_list is not None:
                tag_list.append(element)
    else:
        for element in body.iter(*_FILED_TAGS):
            by_tag[element.tag].append(element)
    return by_tag
