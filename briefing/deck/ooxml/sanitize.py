"""A template package made sound and inert before anything reads it as a presentation.

A template comes from outside and its parts are copied into every deck made
with it, so what could act or reach out is removed: macros (``vbaProject.bin``,
however it is wired), ActiveX controls, OLE objects, other binary parts, and
relationships to anything outside the package (``file://``, UNC paths, web
addresses), together with the XML that points at them. Producers also differ in
the relationship types they write (LibreOffice writes the core properties with
the ``officedocument`` flavour of the type), and python-pptx, not finding its
own type, would add a second ``docProps/core.xml``: package relationships are
normalised by the part they target, and duplicates and dangling ones dropped.

``sanitize`` returns the cleaned package and a sentence per kind of thing removed.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections import Counter

from lxml import etree

_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
# Relationship types (their last segment) and content types of parts that can act.
_ACTIVE_RELATIONSHIPS = {
    "vbaproject": "macros", "wordvbadata": "macros", "keymapcustomizations": "macros", "attachedtoolbars": "macros",
    "control": "ActiveX controls", "activexcontrolbinary": "ActiveX controls",
    "oleobject": "OLE objects", "package": "embedded files",
}
_ACTIVE_CONTENT = {"vbaproject": "macros", "macroenabled": "macros", "activex": "ActiveX controls", "oleobject": "OLE objects"}
_INERT_BINARY = {"printersettings"}  # printer settings: data PowerPoint itself writes, never run
_HYPERLINK = _R + "/hyperlink"
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_LINK_ELEMENTS = {"hlinkClick", "hlinkHover", "hlinkMouseOver", "snd"}
_SHAPES = {"graphicFrame", "pic", "sp", "grpSp", "cxnSp", "control", "oleObj"}


def _kind(rel_type: str, target: str, content_type: str) -> str | None:
    """What an internal part is when it can act (macros, ActiveX, OLE, embedded files), else None."""
    tail = rel_type.rsplit("/", 1)[-1].casefold()
    if tail in _ACTIVE_RELATIONSHIPS:
        return _ACTIVE_RELATIONSHIPS[tail]
    kind = content_type.casefold()
    for key, name in _ACTIVE_CONTENT.items():
        if key in kind:
            return name
    if target.casefold().endswith(".bin") and tail not in _INERT_BINARY:
        return "macros" if "vba" in target.casefold() else "binary parts"  # vbaProject.bin under any type
    return None


def _source_of(rels_name: str) -> str:
    """``ppt/slides/_rels/slide1.xml.rels`` -> ``ppt/slides/slide1.xml`` (``_rels/.rels`` -> '')."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")]).lstrip("/")


def _resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _content_types(blob: bytes) -> tuple[dict[str, str], dict[str, str]]:
    root = etree.fromstring(blob)
    defaults = {e.get("Extension", "").casefold(): e.get("ContentType", "") for e in root.iter(f"{{{_CT}}}Default")}
    overrides = {e.get("PartName", "").lstrip("/"): e.get("ContentType", "") for e in root.iter(f"{{{_CT}}}Override")}
    return defaults, overrides


def library_versions() -> str:
    """The libraries a sanitized package's bytes depend on besides Briefing's code: lxml (and
    libxml2), which write relationships again, and zlib, which compresses the new zip."""
    return f"lxml {etree.LXML_VERSION} libxml2 {etree.LIBXML_VERSION} zlib {zlib.ZLIB_RUNTIME_VERSION}"


def sanitize(archive: zipfile.ZipFile) -> tuple[bytes, list[str]]:
    """The package without active or external content, its relationships sound; and what was removed.
    Raises ``ValueError`` for a package whose content types cannot be read."""
    try:
        return _sanitize(archive)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"damaged XML in the package ({exc})") from None


def _sanitize(archive: zipfile.ZipFile) -> tuple[bytes, list[str]]:
    members = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    defaults, overrides = _content_types(members["[Content_Types].xml"])

    def content_type(part: str) -> str:
        return overrides.get(part) or defaults.get(posixpath.splitext(part)[1].lstrip(".").casefold(), "")

    removed: Counter[str] = Counter()
    dropped_parts: set[str] = set()
    dropped_ids: dict[str, set[str]] = {}
    for name in sorted(n for n in members if n.endswith(".rels")):
        source = _source_of(name)
        try:
            root = etree.fromstring(members[name])
        except etree.XMLSyntaxError:
            continue  # python-pptx refuses it with a clear message later
        seen: set[tuple[str, str]] = set()
        changed = False
        for rel in list(root):
            rel_type, target = rel.get("Type", ""), rel.get("Target", "")
            reason = None
            if rel.get("TargetMode") == "External":
                if rel_type != _HYPERLINK or not target.casefold().startswith(_SAFE_SCHEMES):
                    reason = "links to files outside the template"
            else:
                part = _resolve(source, target)
                if part not in members:
                    reason = "dangling relationships"
                else:
                    reason = _kind(rel_type, part, content_type(part))
                    if reason is not None:
                        dropped_parts.add(part)
                    elif source == "" and content_type(part) == _CORE_TYPE and rel_type != CORE_PROPERTIES:
                        rel.set("Type", CORE_PROPERTIES)  # another producer's name for the same relationship
                        changed = True
                    if reason is None and (rel.get("Type"), part) in seen:
                        reason = "duplicate relationships"
                    seen.add((rel.get("Type", ""), part))
            if reason is not None:
                root.remove(rel)
                dropped_ids.setdefault(source, set()).add(rel.get("Id", ""))
                removed[reason] += 1
                changed = True
        if changed:
            members[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for source, ids in dropped_ids.items():
        if source in members and source.endswith(".xml"):
            members[source] = _without_references(members[source], ids)
    for part in dropped_parts:
        members.pop(part, None)
        members.pop(posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels"), None)
    if dropped_parts:
        members["[Content_Types].xml"] = _without_overrides(members["[Content_Types].xml"], dropped_parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in members.items():
            target.writestr(name, blob)
    repairs = ("dangling relationships", "duplicate relationships")  # mended silently: nothing was lost
    return out.getvalue(), [f"removed from the template: {reason} ({count})" for reason, count in sorted(removed.items()) if reason not in repairs]


def _without_references(blob: bytes, ids: set[str]) -> bytes:
    """The part's XML with every element that used a removed relationship taken out."""
    try:
        root = etree.fromstring(blob)
    except etree.XMLSyntaxError:
        return blob
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        for attr, value in list(element.attrib.items()):
            if not attr.startswith(f"{{{_R}}}") or value not in ids:
                continue
            local = etree.QName(element).localname
            if attr == f"{{{_R}}}link":
                del element.attrib[attr]
                continue
            doomed = element if local in _LINK_ELEMENTS else next(
                (a for a in element.iterancestors() if etree.QName(a).localname in _SHAPES), element)
            if doomed is root:
                del element.attrib[attr]
            elif doomed.getparent() is not None:
                doomed.getparent().remove(doomed)
            break
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_overrides(blob: bytes, parts: set[str]) -> bytes:
    root = etree.fromstring(blob)
    for override in list(root.iter(f"{{{_CT}}}Override")):
        if override.get("PartName", "").lstrip("/") in parts:
            root.remove(override)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
