"""Helpers for the PDF tests: files written the way users write them, and readers for the PDFs produced."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml
from pdfua_check import check_accessible
from pypdf import PdfReader

from briefing.formats.load import open_document
from briefing.pdf import render_pdf
from briefing.results import ExportedFile

REPO = Path(__file__).resolve().parents[2]
HOSTILE = REPO / "tests" / "data" / "hostile"

# ReportLab CVE-2023-33733: markup whose colour attribute runs Python when ReportLab evaluates it.
CVE_PAYLOAD = (
    "<font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch {marker}') for Word in "
    "[ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: 1 == 0, '__eq__': "
    "lambda self, x: self.mutated and self.mutated - 1 or True, '__hash__': lambda self: hash(str(self)), }, ) ] ] "
    "for orgTypeFun in [type(type(1))]] and 'red'\">exploit</font>"
)


def check_pdf(path: Path) -> None:
    """The file is a PDF that qpdf finds nothing wrong with (when qpdf is installed), and tagged PDF/UA."""
    assert path.read_bytes().startswith(b"%PDF-")
    if shutil.which("qpdf"):
        run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
    check_accessible(path)



def render_file(source: Path, out: Path, style=None, **options) -> ExportedFile:
    """Open a summary or brief file as the app does, render it, and check the PDF."""
    result = render_pdf(open_document(source).build(), style, out, **options)
    check_pdf(out)
    return result


def first_page_image(path: Path):
    """Page 1 of the PDF as poppler draws it at 72 dpi, in RGB: to compare what two PDFs show."""
    from PIL import Image

    stem = path.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", "1", "-l", "1", "-singlefile", str(path), str(stem)], check=True)
    with Image.open(stem.with_suffix(".png")) as image:
        return image.convert("RGB")


def page_texts(path: Path) -> list[str]:
    """The text of each page (pdftotext when installed, else pypdf)."""
    if shutil.which("pdftotext"):
        run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
        pages = run.stdout.decode("utf-8").split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def flat(text: str) -> str:
    """Whitespace folded, so a phrase broken over lines can be found."""
    return " ".join(text.split())


def has(text: str, phrase: str) -> bool:
    """``phrase`` occurs in ``text``, whitespace ignored (lines may break after a dash)."""
    return "".join(phrase.split()) in "".join(text.split())


def all_text(path: Path) -> str:
    return flat(" ".join(page_texts(path)))


def outline_titles(path: Path) -> list[tuple[int, str]]:
    """(level, title) of every bookmark, in order."""
    reader = PdfReader(str(path))
    found: list[tuple[int, str]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title))

    walk(reader.outline, 0)
    return found


def link_targets(path: Path) -> list[str]:
    """Every link annotation's target: its URI, or 'internal' for a jump inside the document."""
    targets = []
    for page in PdfReader(str(path)).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
            elif action is not None:
                targets.append(str(action.get("/S")))
            else:
                targets.append("internal")
    return targets


def write_summary(folder: Path, data: dict, name: str = "summary.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump({"format": "summary/1", **data}, allow_unicode=True, sort_keys=False, width=10_000),
                    encoding="utf-8")
    return path


def write_brief(folder: Path, summary: Path, data: dict, name: str = "summary.brief.yaml") -> Path:
    path = folder / name
    body = {"format": "brief/1", "summary": summary.name, **data}
    path.write_text(yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def finding(ident: str, title: str, statement: str, *quotes: str, **extra) -> dict:
    return {"id": ident, "title": title, "statement": statement,
            "evidence": [{"quote": q, "paragraph": i + 1} for i, q in enumerate(quotes or ("A quote.",))], **extra}
