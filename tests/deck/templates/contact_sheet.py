"""Draw the README's contact sheet: the example brief in four corpus templates, three slides each.

    python tests/deck/templates/contact_sheet.py [OUT.png]

Builds the corpus when missing (``build_corpus.py``), exports the example
brief into each template, renders the decks with LibreOffice and pdftoppm,
and lays the title, a finding and the timeline slide of each template in a row.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TEMPLATES = ("default", "Midnightblue.potx", "Vintage.pptx", "dark-master.pptx")
SLIDES = (1, 3, 10)  # title, the first finding, the first timeline slide
WIDTH = 360  # pixels per slide


def main(argv: list[str]) -> int:
    from PIL import Image, ImageDraw

    from briefing.deck import render_pptx
    from briefing.formats.load import open_document
    from briefing.resources import example_brief

    spec = importlib.util.spec_from_file_location("build_corpus", HERE / "build_corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    folder = HERE / "corpus"
    corpus.build(folder)
    out = Path(argv[0]) if argv else ROOT / "docs" / "img" / "deck-templates.png"
    brief = open_document(example_brief()).build()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        decks = []
        for name in TEMPLATES:
            deck = work / f"{name.replace('.', '-')}.pptx"
            render_pptx(brief, None if name == "default" else folder / name, deck)
            decks.append(deck)
        subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(work), *map(str, decks)], check=True, capture_output=True, timeout=600)
        for name, deck in zip(TEMPLATES, decks):
            row = []
            for number in SLIDES:
                stem = work / f"{deck.stem}-{number}"
                subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                                str(deck.with_suffix(".pdf")), str(stem)], check=True)
                with Image.open(f"{stem}.png") as image:
                    row.append(image.convert("RGB").resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS))
            rows.append((name, row))
    gap, label = 8, 18
    height = max(im.height for _, row in rows for im in row)
    sheet = Image.new("RGB", (len(SLIDES) * (WIDTH + gap) + gap, len(rows) * (height + label + gap) + gap), "white")
    draw = ImageDraw.Draw(sheet)
    for r, (name, row) in enumerate(rows):
        y = gap + r * (height + label + gap)
        draw.text((gap, y), "bundled template" if name == "default" else name, fill="black")
        for c, image in enumerate(row):
            sheet.paste(image, (gap + c * (WIDTH + gap), y + label))
    sheet.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, optimize=True)  # small in git
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
