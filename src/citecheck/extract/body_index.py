"""One bounded pass over a page's body, collecting what the extraction steps look for in it.

Every iteration over a parsed tree costs about the same whatever it keeps (lxml visits each node
either way): one pass that files the body's elements by tag, class, id and microdata property
replaces a dozen walks of the steps' own (the <h1>s, the <time>s, the bylines, the links...).
The pass stops after `MAX_ELEMENTS` elements: a page longer than that is hostile or broken, and
its metadata, if any, sits in its head or near its top.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from citecheck.extract.html_tree import HtmlElement

# No page of the labelled corpus has more than about 10,000 elements; the median has 650.
MAX_ELEMENTS = 30_000
# The tags whose elements some step looks at, in document order.
INDEXED_TAGS = ("h1", "h2", "h3", "h4", "article", "time", "abbr", "dt", "p", "link")


@dataclass
class BodyIndex:
    """The body's elements, filed in one pass:

    - `labelled`: those that carry a class, id or component name, with those names (lower
      case, one line per element, NUL between lines) in `hint_lines`, to search for hint words;
    - `itemprops`: those with a microdata property, with its value;
    - `by_tag`: those of each of INDEXED_TAGS;
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
        """The indexed elements of `tags` (each one of INDEXED_TAGS), in document order."""
        if len(tags) == 1:
            return self.by_tag[tags[0]]
        wanted = set(tags)
        return [element for element in self._in_order if element.tag in wanted]

    def hinting(self, words: tuple[str, ...]) -> list[HtmlElement]:
        """Elements whose class or id contains one of `words` (lower case), in document order."""
        lines: set[int] = set()
        text, starts = self.hint_lines, self.line_starts
        # str.find per word beats one regex alternation, which is tried at every position.
        for word in words:
            position = text.find(word)
            while position != -1:
                line = bisect_right(starts, position) - 1
                lines.add(line)
                # On to the next line: one hit is enough to name the element.
                if line + 1 >= len(starts):
                    break
                position = text.find(word, starts[line + 1])
        return [self.labelled[line] for line in sorted(lines)]

    @property
    def _in_order(self) -> list[HtmlElement]:
        """Every indexed element of INDEXED_TAGS, in document order."""
        order = self._order
        merged = [element for elements in self.by_tag.values() for element in elements]
        merged.sort(key=order.__getitem__)
        return merged

    _order: dict[HtmlElement, int] = field(default_factory=dict, repr=False)


def index_body(body: HtmlElement) -> BodyIndex:
    """File the elements of `body` (itself included), up to MAX_ELEMENTS of them."""
    index = BodyIndex(by_tag={tag: [] for tag in INDEXED_TAGS})
    by_tag = index.by_tag
    labelled = index.labelled
    itemprops = index.itemprops
    rel_links = index.rel_links
    with_text = index.with_text
    order = index._order
    lines: list[str] = []
    for position, element in enumerate(body.iter()):
        if position >= MAX_ELEMENTS:
            break
        tag = element.tag
        tagged = by_tag.get(tag)
        if tagged is not None:
            tagged.append(element)
            order[element] = position
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
