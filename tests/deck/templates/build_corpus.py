"""Build the template corpus: real presentation templates nobody on this project wrote.

    python tests/deck/templates/build_corpus.py [OUT-DIR]

Sources: LibreOffice's bundled templates (each converted to ``.pptx`` and
``.potx`` with ``soffice --headless --convert-to``), Pandoc's reference deck,
python-pptx's default template, and edited variants of them that real
organisations' templates look like: German layout names, a dark master (its
colour map swapped), a 16:10 and a 4:3 page. The output folder
(default: ``corpus/`` beside this script, ignored by git) holds the templates
and ``corpus.txt`` listing them; a folder already holding ``corpus.txt`` for the
same recipe is left alone, so CI converts once per run.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

LIBREOFFICE_TEMPLATES = Path("/usr/lib/libreoffice/share/template/common/presnt")
CHOSEN = ("Focus", "Grey_Elegant", "Midnightblue", "Blue_Curve", "Vintage", "Inspiration")
RECIPE = "corpus recipe 1: " + ", ".join(CHOSEN) + "; pandoc; python-pptx; german; dark; 16x10; 4x3"
GERMAN = {
    "Title Slide": "Titelfolie",
    "Title and Content": "Titel und Inhalt",
    "Section Header": "Abschnitts\u00fcberschrift",
    "Two Content": "Zwei Inhalte",
    "Comparison": "Vergleich",
    "Title Only": "Nur Titel",
    "Blank": "Leer",
    "Content with Caption": "Inhalt mit \u00dcberschrift",
    "Picture with Caption": "Bild mit \u00dcberschrift",
    "Title and Vertical Text": "Titel und vertikaler Text",
    "Vertical Title and Text": "Vertikaler Titel und Text",
}


def _rewrite(source: bytes, edit) -> bytes:
    """The package ``source`` with ``edit(name, text) -> text`` applied to every XML part."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            blob = archive.read(info)
            if info.filename.endswith((".xml", ".rels")):
                blob = edit(info.filename, blob.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, blob)
    return out.getvalue()


def german(source: bytes) -> bytes:
    """Layout names as a German PowerPoint writes them."""

    def edit(name: str, text: str) -> str:
        if "slideLayouts/slideLayout" in name and name.endswith(".xml"):
            for english, translated in GERMAN.items():
                text = text.replace(f'<p:cSld name="{english}"', f'<p:cSld name="{translated}"')
        return text

    return _rewrite(source, edit)


def dark(source: bytes) -> bytes:
    """A dark master: the colour map swapped, so the background is dk1 and the text lt1."""
    swapped = 'bg1="dk1" tx1="lt1" bg2="dk2" tx2="lt2"'

    def edit(name: str, text: str) -> str:
        if "slideMasters/slideMaster" in name and name.endswith(".xml"):
            text = re.sub(r'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2"', swapped, text)
        return text

    return _rewrite(source, edit)


def resized(source: bytes, width: int, height: int) -> bytes:
    """The page resized to ``width`` x ``height`` EMU, every master and layout shape scaled with it."""
    old = {}

    def edit(name: str, text: str) -> str:
        if name == "ppt/presentation.xml":
            match = re.search(r'<p:sldSz cx="(\d+)" cy="(\d+)"', text)
            old["size"] = (int(match.group(1)), int(match.group(2)))
            return re.sub(r'<p:sldSz cx="\d+" cy="\d+"', f'<p:sldSz cx="{width}" cy="{height}"', text)
        if re.search(r"slide(Master|Layout)s/slide(Master|Layout)\d+\.xml$", name):
            sx, sy = width / old["size"][0], height / old["size"][1]
            text = re.sub(r'<a:off x="(-?\d+)" y="(-?\d+)"/>', lambda m: f'<a:off x="{round(int(m[1]) * sx)}" y="{round(int(m[2]) * sy)}"/>', text)
            text = re.sub(r'<a:ext cx="(\d+)" cy="(\d+)"/>', lambda m: f'<a:ext cx="{round(int(m[1]) * sx)}" cy="{round(int(m[2]) * sy)}"/>', text)
        return text

    return _rewrite(source, edit)  # [Content_Types].xml and presentation.xml come before the masters


def _soffice(sources: list[Path], fmt: str, out: Path, profile: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt, "--outdir", str(out), *map(str, sources)],
        check=True, capture_output=True, timeout=600,
    )


def build(out: Path) -> list[Path]:
    from pptx import Presentation

    out.mkdir(parents=True, exist_ok=True)
    manifest = out / "corpus.txt"
    if manifest.exists() and manifest.read_text(encoding="utf-8").splitlines()[:1] == [RECIPE]:
        return [out / line for line in manifest.read_text(encoding="utf-8").splitlines()[1:]]
    made: list[Path] = []
    sources = [LIBREOFFICE_TEMPLATES / f"{name}.otp" for name in CHOSEN]
    with tempfile.TemporaryDirectory() as scratch:
        profile = Path(scratch) / "profile"  # a private profile: other LibreOffice instances may be running
        for fmt in ("pptx", "potx"):
            _soffice(sources, fmt, out, profile)
            made += [out / f"{name}.{fmt}" for name in CHOSEN]
    pandoc = subprocess.run(["pandoc", "--print-default-data-file", "reference.pptx"], check=True, capture_output=True).stdout
    (out / "pandoc-reference.pptx").write_bytes(pandoc)
    buffer = io.BytesIO()
    Presentation().save(buffer)
    python_pptx = buffer.getvalue()
    (out / "python-pptx-default.pptx").write_bytes(python_pptx)
    (out / "german-layout-names.pptx").write_bytes(german(python_pptx))
    (out / "dark-master.pptx").write_bytes(dark(pandoc))
    (out / "pandoc-16x10.pptx").write_bytes(resized(pandoc, 9144000, 5715000))
    briefing_default = Path(__file__).resolve().parents[3] / "templates" / "deck" / "default.pptx"
    (out / "briefing-4x3.pptx").write_bytes(resized(briefing_default.read_bytes(), 9144000, 6858000))
    made += [out / n for n in ("pandoc-reference.pptx", "python-pptx-default.pptx", "german-layout-names.pptx",
                               "dark-master.pptx", "pandoc-16x10.pptx", "briefing-4x3.pptx")]
    missing = [p.name for p in made if not p.exists()]
    if missing:
        raise SystemExit(f"corpus: conversion did not produce {', '.join(missing)}")
    manifest.write_text("\n".join([RECIPE, *(p.name for p in made)]) + "\n", encoding="utf-8")
    return made


def main(argv: list[str]) -> int:
    for tool in ("soffice", "pandoc"):
        if shutil.which(tool) is None:
            print(f"build_corpus: {tool} is not installed", file=sys.stderr)
            return 1
    out = Path(argv[0]) if argv else Path(__file__).resolve().parent / "corpus"
    for path in build(out):
        print(path.name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
