"""A template parsed once, and for each deck a fresh presentation that shares what no deck changes.

Opening a template (unzipping it, parsing every master, layout and theme, reading
its design) costs as much as a tenth of a short deck, and a batch did it for
every deck. A ``PristineTemplate`` keeps the opened template, emptied of its own
slides, and hands each deck a new package in which only the parts a deck
writes to are copies: the presentation part (its slide list and relationships)
and the core properties. The masters, layouts, themes, pictures and every other
part are the template's own objects, shared by every deck, and their stored
bytes (deflated, with their relationships) are worked out once
(``package.unchanging``).

That is sound only while no deck changes a shared part: a deck adds slides and
notes slides (new parts, whose relationships to the layouts and the notes
master are their own), sets the core properties and creates a notes master
when the template has none (a new part, related from the copied presentation
part). ``tests/deck/test_pristine_template.py`` checks that decks exported one
after another in one process are byte-identical to each exported alone, and
that the shared parts still serialise as the template's file holds them.

Where python-pptx's internals this relies on are missing, ``fresh`` parses the
template's bytes for each deck instead (the earlier way, same output).
"""

from __future__ import annotations

import copy
import io

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.presentation import Presentation as PresentationType

from briefing.deck.ooxml.package import unchanging


class PristineTemplate:
    """``prs`` (an opened template, its own slides already removed), kept unchanged; ``fresh()`` per deck."""

    def __init__(self, prs: PresentationType, data: bytes):
        self._prs = prs
        self._data = data  # the template's bytes: the way back when the shared copy cannot be made
        self._shared: _SharedCopy | None
        try:
            self._shared = _SharedCopy(prs)
        except (ImportError, AttributeError, KeyError, TypeError):  # python-pptx changed: parse per deck
            self._shared = None

    def fresh(self) -> PresentationType:
        """A presentation of the template with no slides, for one deck to change as it likes."""
        if self._shared is not None:
            return self._shared.copy()
        from briefing.deck.ooxml.presentation import remove_slides

        prs = Presentation(io.BytesIO(self._data))
        remove_slides(prs)
        return prs


class _SharedCopy:
    """Builds packages that share ``prs``'s parts except the presentation and core properties parts."""

    def __init__(self, prs: PresentationType):
        from pptx.opc.package import _Relationship  # noqa: F401 - checked here, used by _copy_rels
        from pptx.package import Package

        self._package_class = Package
        self._pristine = prs.part.package
        self._presentation = prs.part
        self._core: Part | None
        try:
            self._core = self._pristine.part_related_by(RT.CORE_PROPERTIES)
        except KeyError:
            self._core = None  # python-pptx creates one per deck when a deck sets its properties
        written = {self._presentation, self._core}
        unchanging(part for part in self._pristine.iter_parts() if part not in written)
        self.copy()  # fail now, not in the middle of a deck, if an internal is missing

    def copy(self) -> PresentationType:
        package = self._package_class(None)  # type: ignore[arg-type]  # no file: its parts are copied in
        presentation = _copy_part(self._presentation, package)
        replaced: dict[Part, Part] = {self._presentation: presentation}
        if self._core is not None:
            replaced[self._core] = _copy_part(self._core, package)
        _copy_rels(self._pristine._rels, package._rels, replaced)
        _copy_rels(self._presentation.rels, presentation.rels, replaced)
        return presentation.presentation


def _copy_part(part, package):
    """A new part of ``package`` with a deep copy of ``part``'s XML (its relationships are copied apart)."""
    return type(part)(part.partname, part.content_type, package, copy.deepcopy(part._element))


def _copy_rels(source, target, replaced: dict) -> None:
    """The relationships ``source`` holds into the empty ``target`` (both python-pptx ``_Relationships``):
    the same ids, each to the same part unless ``replaced``."""
    from pptx.opc.package import _Relationship

    rels, base = target._rels, target._base_uri
    for rid, rel in source.items():
        if rel.is_external:
            rels[rid] = _Relationship(base, rid, rel.reltype, RTM.EXTERNAL, rel.target_ref)
        else:
            part = replaced.get(rel.target_part, rel.target_part)
            rels[rid] = _Relationship(base, rid, rel.reltype, RTM.INTERNAL, part)
