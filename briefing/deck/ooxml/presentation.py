"""A template's presentation XML, changed and read through python-pptx's element tree.

Emptying a template of its own slides (their relationships, the custom shows
and the sections that name them) and writing a layout's title placeholder as a
slide writes it both reach below python-pptx's public API; like every other
use of its internals they live under ``briefing/deck/ooxml``.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from pptx.oxml.ns import qn
from pptx.presentation import Presentation

_P14_SECTIONS = "{http://schemas.microsoft.com/office/powerpoint/2010/main}sectionLst"


def remove_slides(prs: Presentation) -> None:
    """Drop the presentation's slides, and the sections and custom shows that name them."""
    id_list = prs.slides.element
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
    root = prs.element
    for shows in root.findall(qn("p:custShowLst")):
        root.remove(shows)
    for ext_list in root.findall(qn("p:extLst")):
        for ext in list(ext_list):
            if ext.find(_P14_SECTIONS) is not None:
                ext_list.remove(ext)


def placeholder_xml(ph) -> str:
    """A layout placeholder's ``p:ph`` element as a slide's placeholder writes it (layout-only
    attributes such as a custom prompt left out)."""
    attrs = "".join(f" {name}={quoteattr(ph.get(name))}" for name in ("type", "orient", "sz", "idx") if ph.get(name) is not None)
    return f"<p:ph{attrs}/>"
