"""A tagged PDF's structure as plain text, read back with pikepdf: what the snapshots in ``data/`` hold.

One line per structure element, indented by depth, in the order the tree is
written: its role, its attributes, the page it names (``/Pg``) and its kids —
marked-content ids (``mcid 3``, ``mcr p2/4`` for content on another page) and
link annotations (``objr p1/0 -> #note-3 "3. “quote…”" key 9``: page, index on
the page, destination or address, description, ``/StructParent``). Then the
parent tree: for each page the element owning each MCID, for each annotation
key its element (elements are named by their line number above). Object
numbers, rectangles and anything else that moves when the layout moves are
left out: the outline changes only when the tagging does.

``python tests/pdf/test_pdf_structure_snapshot.py`` (re)writes the snapshots with the code it imports.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf

_SKIP = {"/Type", "/S", "/P", "/Pg", "/K"}


def _value(value) -> str:
    if isinstance(value, pikepdf.Dictionary):
        return "{" + ", ".join(f"{k}: {_value(value[k])}" for k in sorted(value.keys())) + "}"
    if isinstance(value, pikepdf.Array):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, pikepdf.String):
        return repr(str(value))
    return str(value)


def outline(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        pages = {page.objgen: i for i, page in enumerate(pdf.pages)}
        annots = {a.objgen: (i, n) for i, page in enumerate(pdf.pages) for n, a in enumerate(page.get("/Annots", []))}
        lines: list[str] = []
        number: dict[tuple[int, int], int] = {}  # element objgen -> its line

        def target(annot) -> str:
            if "/Dest" in annot:
                return f"dest p{pages[annot.Dest[0].objgen]} {annot.Dest[1]}"  # not where on the page
            return "uri " + repr(str(annot.A.URI))

        def element(elem, depth: int) -> None:
            number[elem.objgen] = len(lines)
            page = pages[elem.Pg.objgen] if "/Pg" in elem else None
            attributes = " ".join(f"{k}={_value(elem[k])}" for k in sorted(elem.keys()) if k not in _SKIP)
            kids = elem.get("/K")
            items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            parts, children = [], []
            for item in items:
                if isinstance(item, int):
                    parts.append(f"mcid {int(item)}")
                elif item.get("/Type") == "/MCR":
                    parts.append(f"mcr p{pages[item.Pg.objgen]}/{int(item.MCID)}")
                elif item.get("/Type") == "/OBJR":
                    annot = item.Obj
                    where = annots[annot.objgen]
                    parts.append(f"objr p{where[0]}/{where[1]} page p{pages[item.Pg.objgen]} -> {target(annot)} "
                                 f"{str(annot.Contents)!r} key {int(annot.StructParent)}")
                else:
                    parts.append("elem")
                    children.append(item)
            lines.append("  " * depth + f"{str(elem.S)[1:]}" + (f" {attributes}" if attributes else "")
                         + (f" pg p{page}" if page is not None else "") + (" | " + ", ".join(parts) if parts else ""))
            for child in children:
                element(child, depth + 1)

        root = pdf.Root.StructTreeRoot
        for kid in ([root.K] if isinstance(root.K, pikepdf.Dictionary) else list(root.K)):
            element(kid, 0)
        nums = root.ParentTree.Nums
        lines.append(f"parent tree (next key {int(root.ParentTreeNextKey)}):")
        for i in range(0, len(nums), 2):
            key, value = int(nums[i]), nums[i + 1]
            owners = [number[v.objgen] for v in value] if isinstance(value, pikepdf.Array) else [number[value.objgen]]
            lines.append(f"  {key}: " + " ".join(map(str, owners)))
        for i, page in enumerate(pdf.pages):
            lines.append(f"page {i}: StructParents {int(page.StructParents)} Tabs {page.Tabs}")
        return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(outline(Path(sys.argv[1])))
