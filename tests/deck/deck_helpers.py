"""Helpers for the deck tests: briefs built in code, and readers for the decks they produce."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pptx import Presentation

from briefing.brief import Brief, build_brief
from briefing.dates import PartialDate
from briefing.model import Actor, BriefFile, Evidence, Finding, Selection, Source, Summary, Theme, TimelineEvent

WORDS = (
    "analysts assess that the ministry will weigh sustained delivery against short term expectations while "
    "regional partners watch closely for signals of durable commitment and measurable economic progress"
).split()


def sentence(n_words: int, seed: int = 0) -> str:
    """``n_words`` words, each unique (``word-17``), so a test can find every one in the deck."""
    return " ".join(f"{WORDS[(seed + i) % len(WORDS)]}{seed}x{i}" for i in range(n_words))


def make_summary(findings: list[Finding], *, timeline=(), url: str | None = "https://example.org/article",
                 headline: str = "A headline that states the claim of the summary", bluf: str = "The bottom line.") -> Summary:
    return Summary(
        source=Source(title="Article title", publisher="Publisher", authors=("A. Author", "B. Writer"), url=url,
                      published=PartialDate(2025, 8)),
        headline=headline,
        bluf=bluf,
        themes=(Theme("t1", "Theme one"),),
        actors=(Actor("a1", "First Actor", "person", "Role one"), Actor("a2", "Second Actor", "state")),
        findings=tuple(findings),
        timeline=tuple(timeline),
    )


def make_finding(ident: str, *, title: str = "A finding headline.", statement: str = "A statement.",
                 quotes=("A quote.",), confidence="moderate", likelihood="likely", key=False) -> Finding:
    return Finding(
        id=ident, title=title, statement=statement, theme="t1", actors=("a1", "a2"),
        evidence=tuple(Evidence(q, i + 1) for i, q in enumerate(quotes)),
        confidence=confidence, likelihood=likelihood, key_judgment=key,
    )


def make_brief(summary: Summary, *, marking: str | None = "UNCLASSIFIED // TEST", notes: dict | None = None) -> Brief:
    notes = notes or {}
    selection = BriefFile(
        summary="x.yaml", title="Brief title", subtitle="Subtitle", author="Desk", date=PartialDate(2025, 8, 6),
        audience="Minister", marking=marking,
        findings=tuple(Selection(f.id, note=notes.get(f.id)) for f in summary.findings),
    )
    return build_brief(summary, selection)


def slide_texts(path: Path) -> list[str]:
    """Every slide's text (shapes, groups included), in order."""
    prs = Presentation(str(path))
    return [shape_text(slide.shapes) for slide in prs.slides]


def shape_text(shapes) -> str:
    parts = []
    for shape in shapes:
        if shape.shape_type == 6:  # group
            parts.append(shape_text(shape.shapes))
        elif shape.has_text_frame:
            parts.append(shape.text_frame.text)
    return "\n".join(parts)


def notes_texts(path: Path) -> list[str]:
    prs = Presentation(str(path))
    return [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in prs.slides]


def xml_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith((".xml", ".rels"))}


def flat(text: str) -> str:
    """Text with runs of ASCII whitespace (line breaks, YAML folding) as one space; NBSP and
    en spaces kept, since the deck writes them on purpose."""
    return re.sub(r"[ \t\r\n\x0b]+", " ", text).strip()


def long_brief() -> Brief:
    """Everything too long: titles, statements, six long quotes, the BLUF, timeline events, the marking."""
    findings = [
        make_finding("long", title=sentence(45, 1), statement=sentence(160, 2),
                     quotes=[sentence(60, 10 + i) for i in range(6)], key=True),
        make_finding("huge-title", title=sentence(160, 3), statement=sentence(30, 4), key=True),
        make_finding("short", title="A short finding.", statement="It fits.", quotes=("One quote.",)),
    ]
    events = [
        TimelineEvent(PartialDate(2025, month, day), sentence(words, 40 + month))
        for month, day, words in [(1, None, 8), (2, 3, 12), (2, None, 20), (3, None, 5), (5, 17, 14),
                                  (6, None, 9), (6, None, 30), (8, 1, 6), (9, None, 10), (10, None, 120)]
    ]
    summary = make_summary(findings, timeline=events, bluf=sentence(250, 7))
    return make_brief(summary, marking="secret // " + sentence(12, 9), notes={"long": sentence(20, 11)})


def words_of(*texts: str) -> list[str]:
    return [w for text in texts for w in re.findall(r"\S+", text)]


def text_shapes(shapes):
    """Every shape with text, groups opened (their children keep slide coordinates)."""
    for shape in shapes:
        if shape.shape_type == 6:
            yield from text_shapes(shape.shapes)
        elif shape.has_text_frame and shape.text_frame.text.strip():
            yield shape


def clustered_timeline() -> list[TimelineEvent]:
    """30 events: a year-only and a month-only event years before the rest (a long gap), a
    cluster of six within three days, same-day and same-month pairs, then monthly events."""
    dates = [
        PartialDate(2019), PartialDate(2019, 6),
        PartialDate(2023, 2, 10), PartialDate(2023, 2, 10), PartialDate(2023, 2, 11), PartialDate(2023, 2, 11),
        PartialDate(2023, 2, 12), PartialDate(2023, 2, 12),
        PartialDate(2023, 3), PartialDate(2023, 3), PartialDate(2023, 3, 30), PartialDate(2023, 4),
        *(PartialDate(2023, month) for month in range(5, 13)),
        PartialDate(2024), PartialDate(2024, 1, 1), PartialDate(2024, 1, 2),
        PartialDate(2024, 9), PartialDate(2024, 9, 15), PartialDate(2024, 9, 16),
        PartialDate(2025, 7, 25), PartialDate(2025, 7, 25), PartialDate(2025, 7, 26), PartialDate(2025, 12, 31),
    ]
    return [TimelineEvent(date, sentence(3 + (i * 7) % 11, 60 + i)) for i, date in enumerate(dates)]


# -- rendered decks (LibreOffice -> PDF -> pdftotext -bbox) --------------------------------------

_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')

Word = tuple[float, float, float, float, str]


def rendered_pages(pdf: Path, pdftotext: str = "pdftotext") -> list[tuple[float, float, list[Word]]]:
    """(width, height, words) of every page of ``pdf``, in points, words as pdftotext boxes them."""
    import subprocess

    html = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    out = []
    for chunk in html.split("<page ")[1:]:
        size = _PAGE.match("<page " + chunk)
        words = [(*map(float, m.groups()[:4]), m.group(5)) for m in _WORD.finditer(chunk)]
        out.append((float(size.group(1)), float(size.group(2)), words))
    return out


def overlapping_words(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words whose glyph cores overlap (boxes include the line's leading: compare cores)."""
    boxes = sorted((x0 + 0.5, y0 + (y1 - y0) * 0.25, x1 - 0.5, y1 - (y1 - y0) * 0.25, text) for x0, y0, x1, y1, text in words)
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b[0] >= a[2]:
                break
            if a[1] < b[3] and b[1] < a[3]:
                found.append((a[4], b[4]))
    return found


def opc_problems(path: Path) -> list[str]:
    """What breaks the package rules PowerPoint checks before its repair prompt: part names
    unique, a content type for every part, every internal relationship resolvable."""
    import posixpath

    from lxml import etree

    problems = []
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        problems += [f"part twice: {n}" for n in sorted({n for n in names if names.count(n) > 1})]
        lowered = [n.casefold() for n in names]
        problems += [f"part names differ only in case: {n}" for n in sorted({n for n in names if lowered.count(n.casefold()) > 1})]
        types = etree.fromstring(package.read("[Content_Types].xml"))
        ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
        defaults = {e.get("Extension").casefold() for e in types.iter(ns + "Default")}
        overrides = {e.get("PartName") for e in types.iter(ns + "Override")}
        for name in names:
            if name == "[Content_Types].xml" or name.endswith("/"):
                continue
            if "/" + name not in overrides and name.rsplit(".", 1)[-1].casefold() not in defaults:
                problems.append(f"no content type: {name}")
        problems += [f"override for a missing part: {p}" for p in sorted(overrides) if p.lstrip("/") not in names]
        for name in names:
            if not name.endswith(".rels"):
                continue
            folder, base = posixpath.split(name)
            source = posixpath.join(posixpath.dirname(folder), base[:-5])
            for rel in etree.fromstring(package.read(name)):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target")
                part = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(source), target))
                if part not in names:
                    problems.append(f"dangling relationship {name}: {target}")
    return problems
