"""What the PDF brief says, in order: the flowables of a ``Brief``.

First page: title block, the bottom line in a shaded box, the key judgments.
Then the findings (numbered headline, statement with note numbers, judgment,
actors, the analyst's comment set off, the evidence as numbered notes), the
timeline figure and its key, the actors table and the source. Every look comes
from the style sheet; every string from the brief goes through the Typesetter.

As it goes it builds the brief's structure tree (``self.document``: headings,
paragraphs, lists, tables, the figure, notes) and binds each flowable that
draws content to its element; the PDF/UA writer (``accessible``) puts the tree in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.platypus import HRFlowable, PageBreak, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from briefing import icd203
from briefing.brief import Brief, BriefFinding
from briefing.direction import has_rtl
from briefing.language import language_of
from briefing.pdf import rlcompat
from briefing.pdf.keep import Keep
from briefing.pdf.pages import Mark
from briefing.pdf.panel import Panel, PanelLook
from briefing.pdf.structure import Node, bind, node_of
from briefing.pdf.stylesheet import StyleSheet
from briefing.pdf.timeline import Figure, MarkerFlowable, TimelinePlan
from briefing.pdf.typeset import SHEET_FIELD, Content, Typesetter, normalise, split_blocks
from briefing.text import Span, unquoted

_SEP = " \u00b7 "  # middle dot between items on a metadata line


class Separator(Flowable):
    """A hairline between findings, left out at the top of a page (where the header rule is)."""

    def __init__(self, thickness: float, colour, space: float):
        super().__init__()
        self.thickness = thickness
        self.colour = colour
        self.space = space
        self.keepWithNext = True
        self.shown = True

    def wrap(self, availWidth, availHeight):
        frame = rlcompat.frame_of(self)
        at_top = frame is not None and rlcompat.at_top(frame)
        self.shown = not at_top
        self.width = availWidth
        self.height = self.space + self.thickness if self.shown else 0
        return self.width, self.height

    def draw(self):
        if self.shown:
            self.canv.saveState()
            self.canv.setStrokeColor(self.colour)
            self.canv.setLineWidth(self.thickness)
            self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
            self.canv.restoreState()


class StoryBuilder:
    def __init__(self, brief: Brief, ts: Typesetter, sheet: StyleSheet, width: float, include_notes: bool):
        self.brief = brief
        self.ts = ts
        self.sheet = sheet
        self.width = width
        self.include_notes = include_notes
        self.note_number = 0
        self.number_of = {f.id: f.number for f in brief.findings}
        self.document = Node("Document")
        self.destinations: dict[str, str] = {}  # anchor -> what a link to it is called
        self.notes_anchors: set[str] = set()  # anchors of endnotes (a link there is a reference)

    def build(self) -> list[Flowable]:
        return [flowable for part in self.parts() for flowable in part]

    def parts(self) -> Iterator[list[Flowable]]:
        """The story in parts (a section, or one finding), each made only when asked for: ReportLab can
        draw a long brief while only the part it is at is held (``rlcompat.LazyStory``). The structure
        tree, destinations and note anchors grow part by part."""
        yield self.title_block()
        yield self.bottom_line()
        yield self.key_judgments()
        yield from self.findings()
        yield self.timeline()
        yield self.actors()
        yield self.source()

    # -- helpers ----------------------------------------------------------------------------------
    def label(self, name: str, **values) -> str:
        return self.sheet.label(name, **values)

    def heading(self, key: str, label: str, parent: Node | None = None) -> list[Flowable]:
        title = self.label(label)
        return [self.mark(key, title, 0), self.text(parent or self.document, "H2", title, "heading", SHEET_FIELD)]

    def mark(self, key: str, title: str | None = None, level: int = 0) -> Mark:
        if title is not None:
            self.destinations[key] = " ".join(title.split())
        return Mark(key, title, level)

    @staticmethod
    def tagged(node: Node, flowable: Flowable) -> Flowable:
        """Bind a flowable to the element whose content it draws."""
        return bind(flowable, node)

    def text(self, parent: Node | None, role: str, content: Content, style: str, field: str, *,
             number: str | None = None, **changes) -> Flowable:
        """A paragraph of the Typesetter, bound to a new ``role`` element under ``parent`` (or to one
        on its own, when ``parent`` is None, for ``adopt``) that says the text's language when its
        script differs from the brief's, and the text in logical order when it runs right to left."""
        return self.tagged(self.element(parent, role, content, style, number),
                           self.ts.paragraph(content, style, field, number=number, **changes))

    def texts(self, parent: Node, role: str, text: str, style: str, field: str) -> list[Flowable]:
        """``Typesetter.paragraphs``, each paragraph bound to its own ``role`` element under ``parent``."""
        return [self.tagged(self.element(parent, role, block, style), flowable)
                for block, flowable in zip(split_blocks(text), self.ts.paragraphs(text, style, field))]

    def element(self, parent: Node | None, role: str, content: Content, style: str, number: str | None = None) -> Node:
        text = content if isinstance(content, str) else "".join([span.text for span in content])
        shown = normalise(text).strip()
        if self.sheet.paragraphs[style].upper:
            shown = shown.upper()
        language = language_of(shown, self.brief.language)
        rtl = has_rtl(shown)
        if not language and not rtl:  # most text: an element without attributes
            return parent.add(role) if parent is not None else Node(role)
        attributes: dict[str, object] = {}
        if language:
            attributes["Lang"] = language
        if rtl:  # drawn shaped and in visual order: the text as written, for reading aloud
            attributes["ActualText"] = f"{number} {shown}" if number else shown
        return parent.add(role, **attributes) if parent is not None else Node(role, attributes)

    def table_rows(self, table: Node, rows: list[list[Flowable]]) -> list[list[Flowable]]:
        """The rows of a table with a header row: ``TH`` cells (column scope) and ``TD`` cells, each
        holding the element its flowable draws (or drawing into the cell itself)."""
        for r, row in enumerate(rows):
            tr = table.add("TR")
            for cell in row:
                cell_node = tr.add("TH", A={"O": "/Table", "Scope": "/Column"}) if r == 0 else tr.add("TD")
                inner = node_of(cell)
                if inner is None:
                    self.tagged(cell_node, cell)
                else:
                    cell_node.adopt(inner)
        return rows

    def grid(self, rows: list[list], shares: tuple[float, ...], header: bool = True) -> Table:
        t = self.sheet.component("table")
        table = Table(rows, colWidths=[self.width * s for s in shares], repeatRows=1 if header else 0,
                      splitByRow=1, splitInRow=1, hAlign="LEFT")
        pad = t["padding"]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
            ("LINEBELOW", (0, 0), (-1, -1), t["grid_width"], t["grid"]),
        ]
        if header:
            commands += [("BACKGROUND", (0, 0), (-1, 0), t["header_background"]),
                         ("LINEABOVE", (0, 0), (-1, 0), t["grid_width"], t["grid"])]
        table.setStyle(TableStyle(commands))
        table.spaceAfter = t["space_after"]
        return table

    # -- first page --------------------------------------------------------------------------------
    def title_block(self) -> list[Flowable]:
        b = self.brief
        doc = self.document
        out = [self.text(doc, "H1", b.title, "title", "brief title")]
        if b.subtitle:
            out.append(self.text(doc, "P", b.subtitle, "subtitle", "brief subtitle"))
        byline: list[Span] = []
        if b.author:
            byline += [Span(f"{self.label('prepared_by')} ", bold=True), Span(b.author)]
        if b.date:
            byline += [Span(_SEP if byline else ""), Span(b.date.label())]
        if b.audience:
            byline += [Span(_SEP if byline else ""), Span(f"{self.label('for')} ", bold=True), Span(b.audience)]
        if byline:
            out.append(self.text(doc, "P", byline, "byline", "brief byline"))
        settings = self.sheet.component("title_block")
        out.append(HRFlowable(width="100%", thickness=settings["rule_width"], color=settings["rule"],
                              spaceBefore=settings["space_after"] / 2, spaceAfter=settings["space_after"], hAlign="LEFT"))
        return out

    def bottom_line(self) -> list[Flowable]:
        settings = self.sheet.component("bluf")
        section = self.document.add("Sect")
        content = [self.text(section, "H2", self.label("bottom_line"), "box_label", SHEET_FIELD)]
        content += self.texts(section, "P", self.brief.bluf, "bluf", "bottom line")
        look = PanelLook(padding=settings["padding"], background=settings["background"], border=settings["border"],
                         border_width=settings["border_width"])
        panel = Panel(content, look, space_before=settings["space_before"], space_after=settings["space_after"])
        return [self.mark("bottom-line", self.label("bottom_line"), 0), panel]

    def judgment_words(self, f: BriefFinding) -> str:
        return icd203.describe(f.confidence, f.likelihood)

    def key_judgments(self) -> list[Flowable]:
        judgments = self.brief.key_judgments
        if not judgments:
            return []
        out = self.heading("key-judgments", "key_judgments")
        items = self.document.add("L", ListNumbering="/None")
        for f in judgments:
            body = items.add("LI").add("LBody")
            out.append(self.text(body, "P", f.headline, "judgment", f"finding {f.id} headline"))
            meta = []
            words = self.judgment_words(f)
            if words:
                meta += [Span(words), Span(_SEP)]
            meta.append(Span(self.label("see_finding", number=f.number), link=f"#finding-{f.number}"))
            out.append(self.text(body, "P", meta, "judgment_meta", f"finding {f.id} judgment"))
        return out

    # -- findings ----------------------------------------------------------------------------------
    def findings(self) -> Iterator[list[Flowable]]:
        """The findings' heading with the first finding, then each further finding after its separator."""
        if not self.brief.findings:
            return
        out: list[Flowable] = []
        if self.sheet.component("sections")["findings_on_new_page"] and self.brief.key_judgments:
            out.append(PageBreak())
        out += self.heading("findings", "findings")
        rule = self.sheet.component("finding_rule")
        for i, f in enumerate(self.brief.findings):
            if i:
                out.append(Separator(rule["width"], rule["colour"], rule["space"]))
            out.extend(self.finding(f))
            yield out
            out = []

    def finding(self, f: BriefFinding) -> list[Flowable]:
        field = f"finding {f.id}"
        section = self.document.add("Sect")
        out: list[Flowable] = [
            self.mark(f"finding-{f.number}", f"{f.number}. {' '.join(f.headline.split())}", 1),
            self.text(section, "H3", [Span(f"{f.number}. "), Span(f.headline)], "finding", f"{field} headline"),
        ]
        first_note = self.note_number + 1
        self.note_number += len(f.evidence)
        refs: list[Span] = []
        for n in range(first_note, self.note_number + 1):  # each note number links to its note
            refs += [Span(",", superscript=True)] if refs else []
            refs.append(Span(str(n), superscript=True, link=f"#note-{n}"))
        blocks = split_blocks(f.statement)
        for j, block in enumerate(blocks):
            last = j == len(blocks) - 1
            spans = [Span(block)] + (refs if last else [])
            out.append(self.text(section, "P", spans, "body", f"{field} statement"))
        out.extend(self.finding_meta(f, section))
        if self.include_notes and f.note:
            out.append(Keep([self.comment(f, f.note, section)]))
        if f.evidence:
            out.extend(self.notes(f, first_note, section))
        return out

    def finding_meta(self, f: BriefFinding, section: Node) -> list[Flowable]:
        field = f"finding {f.id}"
        lines = []
        first: list[Span] = []
        words = self.judgment_words(f)
        if words:
            first += [Span(f"{self.label('judgment')}: ", bold=True), Span(words)]
        if f.priority:
            first += [Span(_SEP if first else ""), Span(f"{self.label('priority')}: ", bold=True), Span(f.priority)]
        if first:
            lines.append(self.text(section, "P", first, "finding_meta", f"{field} judgment"))
        second: list[Span] = []
        if f.actors:
            second += [Span(f"{self.label('actors_field')}: ", bold=True), Span(", ".join(a.name for a in f.actors))]
        if f.theme:
            second += [Span(_SEP if second else ""), Span(f"{self.label('theme')}: ", bold=True), Span(f.theme.label)]
        if second:
            lines.append(self.text(section, "P", second, "finding_meta", f"{field} actors"))
        return lines

    def comment(self, f: BriefFinding, note: str, section: Node) -> Panel:
        settings = self.sheet.component("comment")
        aside = section.add("Div")
        content = [self.text(aside, "P", self.label("analyst_comment"), "comment_label", SHEET_FIELD)]
        content += self.texts(aside, "P", note, "comment", f"finding {f.id} note")
        look = PanelLook(padding=settings["padding"], rule=settings["rule"], rule_width=settings["rule_width"],
                         indent=settings["indent"])
        return Panel(content, look, space_before=settings["space_before"], space_after=settings["space_after"])

    def notes(self, f: BriefFinding, first: int, section: Node) -> list[Flowable]:
        settings = self.sheet.component("notes")
        rule = HRFlowable(width=settings["rule_length"], thickness=settings["rule_width"], color=settings["rule"],
                          spaceBefore=settings["space_before"], spaceAfter=settings["space_after"], hAlign="LEFT")
        rule.keepWithNext = True
        out: list[Flowable] = [rule]
        for number, evidence in enumerate(f.evidence, start=first):
            spans = [Span("\u201c"), Span(unquoted(evidence.quote)), Span(f"\u201d ({evidence.citation})")]
            anchor = f"note-{number}"
            quote = " ".join(unquoted(evidence.quote).split())
            shown = quote if len(quote) <= 80 else quote[:80] + "\u2026"
            self.destinations[anchor] = f"{number}. \u201c{shown}\u201d"
            self.notes_anchors.add(anchor)
            out.append(self.mark(anchor))
            note = section.add("Note", ID=anchor)
            out.append(self.text(note, "P", spans, "note", f"finding {f.id} evidence {number - first + 1}",
                                 number=str(number)))
        return out

    # -- figures and tables ---------------------------------------------------------------------------
    def timeline(self) -> list[Flowable]:
        events = self.brief.timeline
        if not events:
            return []
        settings = self.sheet.component("timeline")
        tick_style = self.ts.styles[settings["tick_label"]]
        marker_font = self.ts.fonts.font_name(self.sheet.paragraphs["body"].font, bold=True)
        out = self.heading("timeline", "timeline")
        plan = TimelinePlan([e.date for e in events], self.width, settings, tick_font=tick_style.fontName,
                            tick_size=tick_style.fontSize, marker_font=marker_font)
        out.append(self.tagged(self.document.add("Figure", Alt=self.timeline_description()), Figure(plan)))
        if any(e.date.precision != "day" for e in events):
            out.append(self.text(self.document, "P", self.label("timeline_caption"), "caption", SHEET_FIELD,
                                 keepWithNext=1))
        rows: list[list] = [[self.text(None, "P", self.label(k), "table_header", SHEET_FIELD) for k in ("number", "date", "event")]]
        for number, event in enumerate(events, start=1):
            text = [Span(event.event)]
            if event.finding in self.number_of:
                n = self.number_of[event.finding]
                text += [Span(" ("), Span(self.label("see_finding", number=n), link=f"#finding-{n}"), Span(")")]
            rows.append([
                MarkerFlowable(number, settings, marker_font),
                self.text(None, "P", event.date.label(), "timeline_date", f"timeline event {number} date"),
                self.text(None, "P", text, "table_cell", f"timeline event {number}"),
            ])
        out.append(self.grid(self.table_rows(self.document.add("Table"), rows), settings["key_columns"]))
        return out

    def timeline_description(self) -> str:
        """The figure in words, for a screen reader: its span, then each numbered event with its date."""
        events = self.brief.timeline
        span = events[0].date.label() if len(events) == 1 else f"{events[0].date.label()} \u2013 {events[-1].date.label()}"
        items = "; ".join(f"{n}. {e.date.label()}: {' '.join(e.event.split())}" for n, e in enumerate(events, start=1))
        return f"{self.label('timeline')}, {span}: {items}."

    def actors(self) -> list[Flowable]:
        actors = self.brief.cited_actors
        if not actors:
            return []
        out = self.heading("actors", "actors")
        rows: list[list] = [[self.text(None, "P", self.label(k), "table_header", SHEET_FIELD) for k in ("name", "kind", "role")]]
        for actor in actors:
            field = f"actor {actor.id}"
            rows.append([
                self.text(None, "P", actor.name, "table_cell", f"{field} name"),
                self.text(None, "P", actor.kind.capitalize(), "table_cell", f"{field} kind"),
                self.text(None, "P", actor.role or "", "table_cell", f"{field} role"),
            ])
        out.append(self.grid(self.table_rows(self.document.add("Table"), rows), self.sheet.component("table")["columns"]))
        return out

    def source(self) -> list[Flowable]:
        src = self.brief.source
        out = self.heading("source", "sources")
        rows: list[tuple[str, str, str | None]] = [("title", src.title, None)]
        if src.publisher:
            rows.append(("publisher", src.publisher, None))
        if src.authors:
            rows.append(("authors", ", ".join(src.authors), None))
        if src.published:
            rows.append(("published", src.published.label(), None))
        if src.url:
            rows.append(("link", src.url, src.url))
        for key, value, link in rows:
            spans = [Span(f"{self.label(key)}: ", bold=True), Span(value, link=link)]
            out.append(self.text(self.document, "P", spans, "source", f"source {key}"))
        return out

