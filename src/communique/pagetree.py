"""A large HTML page as a compact tree: memory for the text kept, not for the page.

Needs: a decoded HTML page (``str``), already depth-capped (:func:`communique.html.cap_depth`).
Adds: a read-only tree offering the part of selectolax's ``LexborNode`` API that
:mod:`communique.html` reads (``tag``, ``attributes``, ``parent``, ``child``, ``next``,
``text``, ``text_content``, ``css``, ``css_first``, ``mem_id``, ``decompose``), so one
extraction cascade runs on either tree.

Why: lexbor holds the whole page as a tree of C objects, about 180 bytes a node; a
20 MiB page of short paragraphs (4 million nodes) peaked at 735 MB. Here the page is
streamed through libxml2's HTML parser (lxml, SAX events, no lxml tree is built) in
:data:`FEED_CHARS` pieces and kept as:

* one string of all the text kept, in document order, so the text of any element is a
  slice of it (``text(deep=True)`` costs a slice, not a walk);
* four flat arrays, one entry a node (tag id, parent, subtree end, text start):
  13 bytes a node instead of lexbor's 180;
* the attributes the extraction reads, as the caller's policy reduces them
  (:func:`communique.html.streamed_attributes`), each distinct set stored once.

What is never kept is dropped as it streams by: comments, processing instructions, the
content of scripts (but JSON-LD), styles, forms' controls, embedded media and SVG
(:data:`DROPPED_TAGS`), and every other attribute.

libxml2 builds the tree by its own rules, close to but not the HTML standard's that
lexbor follows: every HTML fixture and page of the test suite reads the same from both,
but on broken markup they part (a stray ``</p>`` is a paragraph break in the standard
and nothing in libxml2; an ``<h1>`` opened inside an ``<h1>`` closes it in the standard
and nests in libxml2; an ``<li>`` closes an open ``<h1>`` in libxml2 only). So
:mod:`communique.html` uses this tree only for pages over
:data:`communique.html.STREAM_ABOVE_CHARS`, where memory matters more.
"""

from __future__ import annotations

import heapq
import io
import re
from array import array
from bisect import bisect_right, insort
from collections.abc import Callable, Iterator, Mapping


def _words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string (easier to read)."""
    return frozenset(text.split())


#: characters handed to the parser at a time (its input buffer stays this size, not
#: the page's; 1 MiB pieces parse as fast as the whole page at once)
FEED_CHARS = 1 << 20

#: elements dropped with everything inside them as the page streams (never read:
#: :data:`communique.html.JUNK_TAGS` less the ones whose content is still read before
#: they are removed: ``head`` and its ``meta``/``link``, ``nav``/``aside``/``footer``
#: whose links and dates are looked at, and ``script`` kept for JSON-LD only)
DROPPED_TAGS = _words(
    """
    style noscript template svg math iframe frame frameset object embed canvas button
    select input textarea option datalist map audio video source track picture dialog
    """
)

#: tag ids are one byte; past this many distinct tag names the rest share one name
#: (the extraction tells apart only standard tags, all met long before)
MAX_TAG_NAMES = 250
_OTHER_TAG = "x-other"
_TEXT = 0  # the tag id of text nodes
_NO_ATTRIBUTES: dict[str, str] = {}
#: what an element's attributes become in the tree: ``(tag, attributes) -> the ones
#: kept``, in a canonical form so that few distinct sets are stored
AttributePolicy = Callable[[str, Mapping[str, str]], dict[str, str]]


class PageTree:
    """The compact tree of one page (see the module doc)."""

    def __init__(self, html: str, keep: AttributePolicy) -> None:
        self.names: list[str] = ["-text", _OTHER_TAG]
        self._ids: dict[str, int] = {"-text": _TEXT, _OTHER_TAG: 1}
        # a node's subtree is the nodes from it to ``end`` (one past its last), so its
        # next sibling is ``end`` when that is still inside the parent, and its text is
        # ``self.text[tstart[i] : tstart[end[i]]]`` (the text is written in document order)
        self.tag = bytearray()  # tag id a node
        self.parent = array("i")
        self.end = array("i")
        self.tstart = array("i")
        self.attrsets: list[dict[str, str]] = []
        self._attrset_ids: dict[tuple, int] = {}
        self.with_attrs = array("i")  # the nodes with attributes, in document order
        self.attr = array("i")  # and theirs, an index in ``self.attrsets``
        self.removed: list[int] = []  # roots of removed subtrees, sorted
        self.quirks = True  # no doctype: ids and classes match in any case
        # lxml only for the rare page this large (start-up time of every other page)
        from lxml import etree

        builder = _Builder(self, keep)
        parser = etree.HTMLParser(target=builder, huge_tree=True, no_network=True)
        for start in range(0, len(html), FEED_CHARS):
            parser.feed(html[start : start + FEED_CHARS])
        parser.close()
        self.text = builder.buffer.getvalue()
        builder.buffer.close()
        self.tstart.append(len(self.text))  # where a node after the last would start
        self._tagbytes = bytes(self.tag)

    # -- the tree API used by communique.html

    @property
    def body(self) -> Node | None:
        return self.css_first("body")

    def css(self, selector: str) -> Hits:
        return self._select(selector, 0, len(self.tag))

    def css_first(self, selector: str) -> Node | None:
        found = self._select(selector, 0, len(self.tag), first=True)
        return found[0] if found else None

    # -- internals

    def tag_id(self, name: str) -> int:
        tid = self._ids.get(name)
        if tid is None:
            if len(self.names) >= MAX_TAG_NAMES:
                return 1  # _OTHER_TAG
            tid = len(self.names)
            self.names.append(name)
            self._ids[name] = tid
        return tid

    def attrset(self, attrs: dict[str, str]) -> int:
        key = tuple(sorted(attrs.items()))
        index = self._attrset_ids.get(key)
        if index is None:
            index = len(self.attrsets)
            self.attrsets.append(attrs)
            self._attrset_ids[key] = index
        return index

    def next_sibling(self, i: int) -> int:
        after = self.end[i]
        p = self.parent[i]
        if after >= len(self.tag) or (p >= 0 and after >= self.end[p]) or p < 0:
            return -1
        return after

    def attributes(self, i: int) -> dict[str, str]:
        k = bisect_right(self.with_attrs, i) - 1
        if k >= 0 and self.with_attrs[k] == i:
            return self.attrsets[self.attr[k]]
        return _NO_ATTRIBUTES

    def removed_root(self, i: int) -> int:
        """The removed subtree ``i`` is in (its root), or -1."""
        k = bisect_right(self.removed, i) - 1
        if k >= 0 and i < self.end[self.removed[k]]:
            return self.removed[k]
        return -1

    def remove(self, i: int) -> None:
        """Remove ``i`` and its subtree (its removed descendants are folded into it, so
        the removed roots never nest)."""
        if self.removed_root(i) >= 0:
            return
        insort(self.removed, i)
        k = bisect_right(self.removed, i)
        while k < len(self.removed) and self.removed[k] < self.end[i]:
            del self.removed[k]

    def deep_text(self, i: int) -> str:
        start, end = self.tstart[i], self.tstart[self.end[i]]
        if not self.removed:
            return self.text[start:end]
        pieces = []
        k = bisect_right(self.removed, i)
        stop = self.end[i]
        while k < len(self.removed) and self.removed[k] < stop:
            r = self.removed[k]
            pieces.append(self.text[start : self.tstart[r]])
            start = self.tstart[self.end[r]]
            k = bisect_right(self.removed, self.end[r] - 1)
        pieces.append(self.text[start:end])
        return "".join(pieces)

    def _select(self, selector: str, lo: int, hi: int, *, first: bool = False) -> Hits:
        """Nodes in ``[lo, hi)`` (a node and its subtree) matching ``selector`` (a list
        of ``tag#id.class[attr]`` compounds), in document order, removed ones left out;
        4 bytes a hit (a page's two million paragraphs are not two million objects)."""
        runs = []
        for compound in _parse(selector):
            run = array("i")
            for i in self._candidates(compound, lo, hi):
                if self._matches(i, compound) and self.removed_root(i) < 0:
                    run.append(i)
                    if first:
                        break
            runs.append(run)
        if len(runs) == 1:
            hits = runs[0]
        else:
            hits = array("i")
            for i in heapq.merge(*runs):
                if not hits or hits[-1] != i:
                    hits.append(i)
        if first:
            hits = hits[:1]
        return Hits(self, hits)

    def _candidates(self, compound: _Compound, lo: int, hi: int):  # noqa: ANN202
        if compound.tag is not None:
            tid = self._ids.get(compound.tag)
            if tid is None:
                return
            needle = bytes((tid,))
            tags = self._tagbytes
            i = tags.find(needle, lo, hi)
            while i >= 0:
                yield i
                i = tags.find(needle, i + 1, hi)
            return
        nodes = self.with_attrs
        k = bisect_right(nodes, lo - 1)
        while k < len(nodes) and nodes[k] < hi:
            yield nodes[k]
            k += 1

    def _matches(self, i: int, compound: _Compound) -> bool:
        if compound.tag is not None and self.names[self.tag[i]] != compound.tag:
            return False
        if not compound.needs_attrs:
            return True
        attrs = self.attributes(i)
        if not attrs:
            return False
        fold = self.quirks
        if compound.id is not None:
            value = attrs.get("id")
            if value is None or (
                value.lower() != compound.id.lower() if fold else value != compound.id
            ):
                return False
        if compound.cls is not None:
            value = attrs.get("class")
            if value is None:
                return False
            words = value.lower().split() if fold else value.split()
            if (compound.cls.lower() if fold else compound.cls) not in words:
                return False
        for name, op, want, nocase in compound.conditions:
            value = attrs.get(name)
            if value is None:
                return False
            if op is None:
                continue
            if nocase:
                value, want = value.lower(), want.lower()
            if (op == "=" and value != want) or (op == "*=" and want not in value):
                return False
        return True


class Hits:
    """The nodes a selector found, in document order (a list of :class:`Node` made one
    at a time)."""

    __slots__ = ("t", "indices")

    def __init__(self, tree: PageTree, indices: array) -> None:
        self.t = tree
        self.indices = indices

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, k: int) -> Node:
        return Node(self.t, self.indices[k])

    def __iter__(self) -> Iterator[Node]:
        for i in self.indices:
            yield Node(self.t, i)


class Node:
    """One node of a :class:`PageTree` (made on demand: the tree holds no objects)."""

    __slots__ = ("t", "i")

    def __init__(self, tree: PageTree, i: int) -> None:
        self.t = tree
        self.i = i

    @property
    def mem_id(self) -> int:
        return self.i

    @property
    def tag(self) -> str:
        return self.t.names[self.t.tag[self.i]]

    @property
    def attributes(self) -> dict[str, str]:
        return self.t.attributes(self.i)

    @property
    def parent(self) -> Node | None:
        p = self.t.parent[self.i]
        return Node(self.t, p) if p >= 0 else None

    @property
    def child(self) -> Node | None:
        t, i = self.t, self.i
        c = i + 1
        if c >= t.end[i] or t.tag[i] == _TEXT:
            return None
        return _live(t, c)

    @property
    def next(self) -> Node | None:
        t = self.t
        n = t.end[self.i]
        p = t.parent[self.i]
        if p < 0 or n >= t.end[p]:
            return None
        return _live(t, n) if t.removed else Node(t, n)

    @property
    def text_content(self) -> str | None:
        return self.t.deep_text(self.i) if self.t.tag[self.i] == _TEXT else None

    def text(self, deep: bool = True) -> str:
        if deep or self.t.tag[self.i] == _TEXT:
            return self.t.deep_text(self.i)
        t, pieces = self.t, []
        c = self.child
        while c is not None:
            if t.tag[c.i] == _TEXT:
                pieces.append(t.deep_text(c.i))
            c = c.next
        return "".join(pieces)

    def css(self, selector: str) -> Hits:
        return self.t._select(selector, self.i, self.t.end[self.i])

    def css_first(self, selector: str) -> Node | None:
        found = self.t._select(selector, self.i, self.t.end[self.i], first=True)
        return found[0] if found else None

    def decompose(self) -> None:
        self.t.remove(self.i)


def _live(t: PageTree, i: int) -> Node | None:
    """``i`` or its first following sibling that is not removed."""
    while i >= 0 and t.removed and t.removed_root(i) == i:
        i = t.next_sibling(i)
    return Node(t, i) if i >= 0 else None


class _Builder:
    """lxml parser target: appends nodes to the tree's arrays as events arrive."""

    def __init__(self, tree: PageTree, keep: AttributePolicy) -> None:
        self.t = tree
        self.keep = keep
        self.buffer = io.StringIO()
        self.length = 0  # characters written to ``buffer``
        self.stack: list[int] = []  # open elements
        self.dropping = 0  # depth inside a dropped element
        self.count = 0  # nodes so far
        self.add_tag = tree.tag.append
        self.add_parent = tree.parent.append
        self.add_end = tree.end.append
        self.add_tstart = tree.tstart.append
        self.tag_ids = tree._ids
        self.text_node = -1  # the text node being extended by consecutive data

    def _append(self, tag: int) -> int:
        i = self.count
        self.count = i + 1
        self.add_tag(tag)
        self.add_parent(self.stack[-1] if self.stack else -1)
        self.add_end(i + 1)
        self.add_tstart(self.length)
        return i

    def doctype(self, *_args) -> None:  # noqa: ANN002
        self.t.quirks = False

    def start(self, tag: str, attrib) -> None:  # noqa: ANN001
        if self.dropping:
            self.dropping += 1
            return
        tag = tag.lower()
        if tag in DROPPED_TAGS or (
            tag == "script" and (attrib.get("type") or "").strip() != "application/ld+json"
        ):
            self.dropping = 1
            return
        self.text_node = -1
        tid = self.tag_ids.get(tag)
        i = self._append(self.t.tag_id(tag) if tid is None else tid)
        if attrib:
            kept = self.keep(tag, attrib)
            if kept:
                self.t.with_attrs.append(i)
                self.t.attr.append(self.t.attrset(kept))
        self.stack.append(i)

    def end(self, _tag: str) -> None:
        if self.dropping:
            self.dropping -= 1
            return
        self.text_node = -1
        if not self.stack:
            return
        i = self.stack.pop()
        self.t.end[i] = len(self.t.tag)

    def data(self, data: str) -> None:
        if self.dropping or not data:
            return
        if self.text_node < 0:
            self.text_node = self._append(_TEXT)
        self.buffer.write(data)
        self.length += len(data)

    def comment(self, _text: str) -> None:
        return

    def pi(self, *_args) -> None:  # noqa: ANN002
        return

    def close(self) -> None:
        while self.stack:  # libxml2 closes what is open; this is only a safeguard
            self.end("")


class _Compound:
    __slots__ = ("tag", "id", "cls", "conditions", "needs_attrs")

    def __init__(self, tag, id_, cls, conditions) -> None:  # noqa: ANN001
        self.tag = tag
        self.id = id_
        self.cls = cls
        self.conditions = conditions
        self.needs_attrs = id_ is not None or cls is not None or bool(conditions)


_COMPOUND_RE = re.compile(r"^([a-z][a-z0-9-]*)?(?:#([\w-]+))?(?:\.([\w-]+))?((?:\[[^\]]+\])*)$")
_CONDITION_RE = re.compile(r"\[([\w:-]+)(?:(\*?=)\"?([^\"\]\s]*)\"?(\s+i)?)?\]")
_parsed: dict[str, list[_Compound]] = {}


def _parse(selector: str) -> list[_Compound]:
    """``tag#id.class[attr][attr=value][attr*=value i]``, comma-separated: the selectors
    :mod:`communique.html` uses (a ``ValueError`` for anything else)."""
    compounds = _parsed.get(selector)
    if compounds is not None:
        return compounds
    compounds = []
    for part in selector.split(","):
        m = _COMPOUND_RE.match(part.strip())
        if m is None:
            raise ValueError(f"unsupported selector {part.strip()!r}")
        conditions = [
            (c.group(1).lower(), c.group(2), c.group(3), bool(c.group(4)))
            for c in _CONDITION_RE.finditer(m.group(4) or "")
        ]
        compounds.append(_Compound(m.group(1), m.group(2), m.group(3), conditions))
    _parsed[selector] = compounds
    return compounds
