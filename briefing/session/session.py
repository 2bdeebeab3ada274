"""The analyst's working session: the open summary, the brief being built, and the edits that change it.

A ``BriefSession`` holds the loaded summary, the ordered selection with its
annotations and the brief's metadata. Every change is an ``Edit``
(``edits.py``) with ``redo()`` and ``undo()``; the desktop app wraps each in a
``QUndoCommand`` and redraws from the session's events (``events.py``).
Searching the findings is ``search.py``. What is saved, previewed and exported all
comes from ``to_brief_file()`` / ``brief()``, so they cannot drift apart.

Qt-free, so the same logic is tested and scripted without a display.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Hashable, Iterable, Sequence
from pathlib import Path

from briefing import icd203
from briefing.brief import Brief, build_brief, headline, is_key_judgment
from briefing.dates import PartialDate
from briefing.diagnostics import BriefingError, Diagnostic, readable_name
from briefing.formats.load import Document, open_document
from briefing.formats.save import dump_brief, update_brief_noting
from briefing.model import BRIEF_FORMAT, BriefFile, Finding, Selection, Summary
from briefing.session.edits import (
    ANNOTATION_FIELDS,
    METADATA_FIELDS,
    TEXT_FIELDS,
    BriefMetadata,
    BriefState,
    Edit,
    blank_to_none,
    metadata_of,
)
from briefing.session.events import SessionEvents
from briefing.session.search import Facets, FindingFilter, search_index
from briefing.text import has_visible_text


class BriefSession:
    """The open summary and the brief being built from it."""

    def __init__(self) -> None:
        self.events = SessionEvents()
        self.document: Document | None = None
        self.brief_path: Path | None = None
        self._state = BriefState()
        self._positions: dict[str, int] = {}
        self._rows: dict[str, int] = {}
        self._findings: tuple[Finding, ...] = ()
        self._haystacks: Sequence[str] | None = None

    # -- loading ----------------------------------------------------------------------

    def open(self, path: str | Path) -> Document:
        """Load a summary or a brief (raises ``BriefingError`` with located diagnostics)."""
        # The app's own saves name summaries in other folders (../in/x.yaml); its user picks the file.
        document = open_document(path, allow_outside_paths=True)
        self.set_document(document)
        return document

    def set_document(self, document: Document, search: Sequence[str] | None = None) -> None:
        """Take a loaded document: a brief restores its selection and metadata; a summary starts empty.

        ``search`` is the document's ``search_index`` when the caller built it already.
        """
        self.document = document
        self.brief_path = Path(os.path.abspath(document.path)) if document.is_brief else None
        if document.brief_file is not None:
            state = BriefState.of(document.brief_file)
        else:
            source = document.summary.source
            state = BriefState((), BriefMetadata(title=document.summary.headline, subtitle=source.title))
        self._findings = document.summary.findings
        self._rows = {f.id: i for i, f in enumerate(self._findings)}
        self._haystacks = search if search is not None and len(search) == len(self._findings) else None
        self._set_state(state)
        self.events.loaded.emit()
        self.events.changed.emit()

    @property
    def is_open(self) -> bool:
        return self.document is not None

    @property
    def summary(self) -> Summary | None:
        return self.document.summary if self.document else None

    @property
    def summary_path(self) -> Path | None:
        return Path(os.path.abspath(self.document.summary_path)) if self.document else None

    # -- reading ----------------------------------------------------------------------

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self._findings

    @property
    def state(self) -> BriefState:
        return self._state

    @property
    def selection(self) -> tuple[Selection, ...]:
        return self._state.selection

    @property
    def metadata(self) -> BriefMetadata:
        return self._state.metadata

    def finding(self, finding_id: str) -> Finding | None:
        row = self._rows.get(finding_id)
        return self.findings[row] if row is not None else None

    def row_of(self, finding_id: str) -> int | None:
        """The finding's place in the summary (the findings list's row)."""
        return self._rows.get(finding_id)

    def is_selected(self, finding_id: str) -> bool:
        return finding_id in self._positions

    def position(self, finding_id: str) -> int | None:
        """0-based place in the brief's outline, or None when not selected."""
        return self._positions.get(finding_id)

    def selection_for(self, finding_id: str) -> Selection | None:
        place = self._positions.get(finding_id)
        return self._state.selection[place] if place is not None else None

    def is_key_judgment(self, finding_id: str) -> bool:
        """The effective flag: the analyst's choice, else the summary's (``briefing.brief``'s rule)."""
        finding = self.finding(finding_id)
        return finding is not None and is_key_judgment(finding, self.selection_for(finding_id))

    def headline(self, finding_id: str) -> str:
        """The headline the brief shows (``briefing.brief``'s rule); the id for an unknown finding."""
        finding = self.finding(finding_id)
        return headline(finding, self.selection_for(finding_id)) if finding else finding_id

    def search_text(self, row: int) -> str:
        """``search_text`` of the finding in ``row``, computed once per document."""
        if self._haystacks is None:
            self._haystacks = search_index(self._findings)
        return self._haystacks[row]

    def matches(self, row: int, finding_filter: FindingFilter) -> bool:
        """The filter predicate for one row of the findings list."""
        if not finding_filter.words:
            return finding_filter.matches(self._findings[row])
        if self._haystacks is None:
            self._haystacks = search_index(self._findings)
        return finding_filter.matches(self._findings[row], self._haystacks[row])

    def facets(self) -> Facets:
        return Facets.of(self.summary, self.findings)

    # -- edits (each returns an Edit to apply, or None when it would change nothing) ---------

    def select(self, ids: Iterable[str], at: int | None = None) -> Edit | None:
        """Add findings to the brief (at the end, or before outline place ``at``), in summary order."""
        new = [i for i in dict.fromkeys(ids) if i in self._rows and i not in self._positions]
        if not new:
            return None
        new.sort(key=self._rows.__getitem__)
        current = list(self._state.selection)
        place = len(current) if at is None else max(0, min(at, len(current)))
        current[place:place] = [Selection(i) for i in new]
        text = "Add to Brief" if len(new) == 1 else f"Add {len(new)} Findings to Brief"
        return self._edit(text, selection=tuple(current))

    def deselect(self, ids: Iterable[str]) -> Edit | None:
        """Take findings out of the brief (their annotations go with them; undo brings both back)."""
        gone = {i for i in ids if i in self._positions}
        if not gone:
            return None
        kept = tuple(s for s in self._state.selection if s.id not in gone)
        text = "Remove from Brief" if len(gone) == 1 else f"Remove {len(gone)} Findings from Brief"
        return self._edit(text, selection=kept)

    def move(self, ids: Iterable[str], before: int) -> Edit | None:
        """Move selected findings, as a block in outline order, to just before outline place ``before``.

        ``before`` counts places in the current outline (its length means the end),
        as a drop between two rows does.
        """
        moving = {i for i in ids if i in self._positions}
        if not moving:
            return None
        current = self._state.selection
        before = max(0, min(before, len(current)))
        block = [s for s in current if s.id in moving]
        rest = [s for s in current if s.id not in moving]
        anchor = sum(1 for s in current[:before] if s.id not in moving)
        reordered = tuple(rest[:anchor] + block + rest[anchor:])
        if reordered == current:
            return None
        return self._edit("Move in Brief" if len(block) == 1 else f"Move {len(block)} Findings", selection=reordered)

    def shift(self, ids: Iterable[str], delta: int) -> Edit | None:
        """Move selected findings up (``delta < 0``) or down one place in the outline."""
        places = sorted(self._positions[i] for i in ids if i in self._positions)
        if not places or delta == 0:
            return None
        if delta < 0:
            return self.move([self.selection[p].id for p in places], max(0, places[0] + delta))
        return self.move([self.selection[p].id for p in places], min(len(self.selection), places[-1] + 1 + delta))

    def annotate(self, finding_id: str, name: str, value) -> Edit | None:
        """Set one annotation of a selected finding: title (headline override), note, priority, key_judgment."""
        if name not in ANNOTATION_FIELDS:
            raise ValueError(f"unknown annotation '{name}'")
        place = self._positions.get(finding_id)
        if place is None:
            return None
        if name == "priority" and value not in (None, "", *icd203.PRIORITIES):
            raise ValueError(f"priority must be one of {', '.join(icd203.PRIORITIES)}")
        value = blank_to_none(value)
        chosen = self._state.selection[place]
        if getattr(chosen, name) == value:
            return None
        updated = list(self._state.selection)
        updated[place] = dataclasses.replace(chosen, **{name: value})
        label = {"title": "Edit Headline", "note": "Edit Note", "priority": "Set Priority", "key_judgment": "Set Key Judgment"}[name]
        key = ("annotate", finding_id, name) if name in TEXT_FIELDS else None
        return self._edit(label, key, selection=tuple(updated))

    def set_metadata(self, name: str, value) -> Edit | None:
        """Set one metadata field; ``date`` takes a PartialDate, its text, or None."""
        if name not in METADATA_FIELDS:
            raise ValueError(f"unknown metadata field '{name}'")
        if name == "date" and isinstance(value, str):
            value = PartialDate.parse(value) if value.strip() else None
        if name != "title":
            value = blank_to_none(value)
        if getattr(self._state.metadata, name) == value:
            return None
        metadata = dataclasses.replace(self._state.metadata, **{name: value})
        key = ("metadata", name) if name in TEXT_FIELDS else None
        return self._edit(f"Edit {name.capitalize()}", key, metadata=metadata)

    def restore(self, state: BriefState, text: str = "Restore Recovered Work") -> Edit | None:
        """Replace the whole state (e.g. with recovered work), dropping selections of unknown findings."""
        known = tuple(s for s in state.selection if s.id in self._rows)
        return self._edit(text, selection=known, metadata=state.metadata)

    def _edit(self, text: str, merge_key: Hashable | None = None, **changes) -> Edit | None:
        after = dataclasses.replace(self._state, **changes)
        return Edit(self, text, after, merge_key) if after != self._state else None

    def _apply(self, state: BriefState) -> None:
        old = self._state
        if state == old:
            return
        self._set_state(state)
        if state.selection != old.selection:
            before = {s.id: (i, s) for i, s in enumerate(old.selection)}
            after = {s.id: (i, s) for i, s in enumerate(state.selection)}
            touched = frozenset(i for i in before.keys() | after.keys() if before.get(i) != after.get(i))
            self.events.selection.emit(touched)
        if state.metadata != old.metadata:
            fields = tuple(n for n in METADATA_FIELDS if getattr(state.metadata, n) != getattr(old.metadata, n))
            self.events.metadata.emit(fields)
        self.events.changed.emit()

    def _set_state(self, state: BriefState) -> None:
        self._state = state
        self._positions = {s.id: i for i, s in enumerate(state.selection)}

    # -- output -----------------------------------------------------------------------

    def default_brief_path(self) -> Path | None:
        """Where a new brief is saved: beside its summary, as ``<stem>.brief.yaml``."""
        if self.summary_path is None:
            return None
        return self.summary_path.with_name(f"{self.summary_path.stem}.brief.yaml")

    def brief_target(self) -> Path:
        """The brief's file: where it was opened or saved, else its default place beside the summary."""
        target = self.brief_path or self.default_brief_path()
        if target is None:
            raise ValueError("no summary is open")
        return target

    def summary_reference(self, brief_path: str | Path | None = None) -> str:
        """The summary's path as a brief at ``brief_path`` names it: relative to the brief's folder."""
        if self.summary_path is None:
            raise ValueError("no summary is open")
        target = Path(os.path.abspath(brief_path or self.brief_target()))
        try:
            return Path(os.path.relpath(self.summary_path, target.parent)).as_posix()
        except ValueError:  # another drive (Windows): only an absolute path reaches it
            return str(self.summary_path)

    def to_brief_file(self, brief_path: str | Path | None = None) -> BriefFile:
        """The ``brief/1`` content of the session (for a brief saved at ``brief_path``)."""
        meta = self._state.metadata
        title = meta.title if has_visible_text(meta.title) else (self.summary.headline if self.summary else "Untitled brief")
        return BriefFile(
            summary=self.summary_reference(brief_path),
            findings=self._state.selection,
            **(metadata_of(meta) | {"title": title}),
        )

    def brief(self) -> Brief:
        """The brief exactly as it would be exported now."""
        if self.summary is None:
            raise ValueError("no summary is open")
        return build_brief(self.summary, self.to_brief_file())

    def as_document(self) -> Document:
        """The session as a loaded brief: what ``briefing.export`` renders for the app's exports."""
        if self.document is None:
            raise ValueError("no summary is open")
        path = self.brief_target()
        return dataclasses.replace(self.document, path=path, format=BRIEF_FORMAT, brief_file=self.to_brief_file(), warnings=())

    def dump(self, brief_path: str | Path | None = None) -> str:
        """The text of the ``brief/1`` file to write at ``brief_path`` (default: the current path)."""
        return self.dump_noting(brief_path)[0]

    def dump_noting(self, brief_path: str | Path | None = None) -> tuple[str, str | None]:
        """``dump``'s text, and why the brief file's own text could not be kept (the loader's
        located message: it was replaced on disk by something that is no brief), when it could not."""
        brief_file = self.to_brief_file(brief_path)
        if not _is_text(brief_file.summary):  # YAML would write an escape no reader accepts
            raise BriefingError([Diagnostic(
                str(brief_path or self.brief_target()), 0, 0,
                f"cannot name the summary {readable_name(brief_file.summary)}: its file name is not UTF-8, and a "
                "brief file names its summary in UTF-8; rename the summary (the brief stays open, unsaved)")])
        saved = self._saved_text()
        if saved is None:
            return dump_brief(brief_file, brief_file.summary), None
        path, original = saved  # edit the brief's own text: the save diffs as the analyst's changes
        return update_brief_noting(original, brief_file, brief_file.summary, str(path))

    def _saved_text(self) -> tuple[Path, str] | None:
        """The brief file this session edits and its text, when there is one to edit."""
        path = self.brief_path
        if path is None and self.document is not None and self.document.is_brief:
            path = Path(self.document.path)  # an untitled copy of a brief (the example) keeps its layout
        if path is None:
            return None
        try:
            if not path.is_file():  # a FIFO or device put there since: never block the save on it
                return None
            with open(path, encoding="utf-8", newline="") as handle:  # newline="": CRLF files stay CRLF
                return path, handle.read()
        except (OSError, UnicodeDecodeError):
            return None

    def make_untitled(self) -> None:
        """Keep the open brief as an untitled copy: the first save asks where (never over the original)."""
        self.brief_path = None

    def saved_as(self, path: str | Path) -> None:
        """Record that the brief now lives at ``path`` (after Save As)."""
        self.brief_path = Path(os.path.abspath(path))


def _is_text(name: str) -> bool:
    """Whether ``name`` is text a UTF-8 file can hold (a name with bytes that are not UTF-8 is not)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
