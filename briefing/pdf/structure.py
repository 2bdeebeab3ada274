"""The brief's logical structure, as PDF structure elements bound to the flowables that draw them.

The story builder makes a tree of ``Node``s in reading order (``Document`` →
``H1`` title, ``H2`` sections, ``P``, ``L``/``LI`` judgments, ``Table`` rows and
cells, ``Figure``, ``Note``, …) and binds each flowable that draws content to
the node it belongs to with ``bind``. Nothing here draws or measures: when the
page is drawn, the recorder (``briefing.pdf.marking``) wraps a bound
flowable's drawing in marked content and notes its MCID on the node; the
writer (``briefing.pdf.accessible``) puts the tree into the file as it is saved.

A bound flowable keeps its node when ReportLab splits it across pages: both
parts draw content of the same element.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Most elements have no attributes: they share this empty mapping (a long brief has 200,000 elements).
_NO_ATTRIBUTES: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Content:
    """Marked content drawn on page ``page`` (0-based) with marked-content id ``mcid``."""

    page: int
    mcid: int


@dataclass(frozen=True, slots=True)
class Annotation:
    """The ``index``-th annotation on page ``page`` (0-based), a link to ``target`` (``#anchor`` or an address)."""

    page: int
    index: int
    target: str


@dataclass(eq=False, slots=True)
class Node:
    """A structure element: a standard role (``P``, ``H2``, ``TD``…), its attributes, its items in reading order.

    Items are child nodes, ``Content`` (marked content, added as it is drawn) and
    ``Annotation`` (a link's annotation, under a ``Link`` node).
    """

    role: str
    attributes: Mapping[str, object] = field(default_factory=lambda: _NO_ATTRIBUTES)
    items: list[Node | Content | Annotation] = field(default_factory=list)
    parent: Node | None = None
    place: int = -1  # its place among the elements written into the file, in reading order (-1: not written)
    size: int = 0  # how many elements its subtree writes into the file (0: none, nothing in it was drawn)

    def add(self, role: str, **attributes: object) -> Node:
        """A new child element, after the items already there."""
        if attributes:
            child = Node(role, {k: v for k, v in attributes.items() if v is not None} or _NO_ATTRIBUTES, parent=self)
        else:
            child = Node(role, parent=self)
        self.items.append(child)
        return child

    def adopt(self, child: Node) -> Node:
        """Put an element made on its own (``Node(role)``) after the items already here."""
        child.parent = self
        self.items.append(child)
        return child

    @property
    def kids(self) -> list[Node]:
        return [item for item in self.items if isinstance(item, Node)]

    def walk(self) -> Iterator[Node]:
        """This element and every element below it, in reading order."""
        yield self
        for kid in self.kids:
            yield from kid.walk()


def bind(flowable, node: Node):
    """Mark ``flowable`` as drawing the content of ``node``; returns the flowable.

    Its class becomes a subclass that keeps the node on the parts ReportLab
    splits it into, and that asks the canvas's recorder (if any) to wrap its
    drawing in marked content.
    """
    flowable.__class__ = _bound_class(type(flowable))
    flowable.structure_node = node
    return flowable


def node_of(flowable) -> Node | None:
    return flowable.__dict__.get("structure_node")


_BOUND: dict[type, type] = {}


def _bound_class(cls: type) -> type:
    if getattr(cls, "_binds_structure", False):
        return cls
    bound = _BOUND.get(cls)
    if bound is None:
        bound = _BOUND[cls] = type(cls.__name__, (cls,), {
            "_binds_structure": True,
            "__module__": cls.__module__,
            "__doc__": cls.__doc__,
            "drawOn": _draw_on,
            "split": _split,
        })
    return bound


def _draw_on(self, canvas, x, y, _sW=0):
    recorder = getattr(canvas, "structure_recorder", None)
    draw = super(type(self), self).drawOn
    if recorder is None:
        return draw(canvas, x, y, _sW)
    opened = recorder.begin(canvas, self, self.structure_node)
    try:
        return draw(canvas, x, y, _sW)
    finally:
        recorder.end(canvas, opened)


def _split(self, availWidth, availHeight):
    parts = super(type(self), self).split(availWidth, availHeight)
    node = self.structure_node
    base = type(self).__mro__[1]
    for part in parts:  # the pieces of the same kind of flowable carry on its content
        if part is not self and isinstance(part, base) and node_of(part) is None:
            bind(part, node)
    return parts
