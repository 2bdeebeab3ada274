"""Help inside the app: the user guide, the keyboard-shortcut sheet, and licences and credits.

The guide is written here for the reader of the window (docs/gui.md is its long
form). The shortcut sheet is built from the window's own actions, so it lists
what the keys really do. Every text is shown as Markdown the app wrote itself;
nothing in it comes from a user file.
"""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from briefing import __version__
from briefing.resources import data_path

GUIDE = """
# Briefing: the user guide

Briefing turns a **summary** of an article into a **brief** for a reader who has two minutes,
then exports it as a PowerPoint **deck** and a **PDF** brief.

## The words

- **Summary** (`summary/1`): one article, taken apart into numbered *findings*. Each finding has
  a title, a statement, its evidence (quotes with the paragraph they come from), actors, a theme,
  and the analyst's confidence and likelihood in ICD 203 words. A summary is written once.
- **Brief** (`brief/1`): your selection from one summary, in your order, with your headline
  overrides, priorities and notes. A brief names its summary and holds nothing else of it, so a
  corrected summary corrects every brief made from it.
- **Key judgment**: a finding the reader must not miss. Key judgments open the brief, before the
  other findings. The summary may mark some; you decide for your brief (the ★ box).
- **Marking**: the handling label printed top and bottom of every slide and page, for example
  `UNCLASSIFIED // FOR TRAINING`. Set it under **Brief Details**.
- **Analyst's note**: your comment for the reader. It is printed apart from the source's claims
  and labelled as yours.

## The workflow, left to right

1. **Open** a summary (Ctrl+O) or an existing brief, or **Try the Example**.
2. **Findings** (left): search (Ctrl+F) and filter; press **Space** or **Ctrl+Return** to add
   the highlighted findings to the brief. Down arrow moves from the search box into the list.
3. **Selected Finding** (middle): read the statement and the evidence; for a finding in the
   brief, sharpen its headline, set its priority, make it a key judgment, write your note.
4. **Brief** (right): reorder the **Outline** (Alt+Up, Alt+Down, or drag), fill in **Brief
   Details** (Ctrl+I), and watch the **Preview** of the PDF follow every edit.
5. **Save** (Ctrl+S) the brief; **Export Deck** (Ctrl+E) and **Export PDF** (Ctrl+Shift+E).

Every change can be undone (Ctrl+Z) and redone (Ctrl+Shift+Z or Ctrl+Y). Unsaved work is kept in
a recovery copy; if the app is killed, the next start offers it back. Saving changes only what
you changed in the brief file, so briefs diff cleanly in review.

## When something is wrong

A file that cannot be opened is refused with one line per problem, `FILE:LINE:COL: message`,
the same as `briefing validate FILE` prints. Export warnings show in the status bar; click
**Warnings…** for all of them.
"""

CREDITS = """
# Licences and credits

**Briefing {version}.**

## Fonts shipped with Briefing

Liberation Sans, Noto Sans and Noto Naskh Arabic, under the SIL Open Font License 1.1,
redistributed unmodified. The licence text follows this list.

## Libraries

{libraries}

## SIL Open Font License 1.1

```
{ofl}
```
"""

LIBRARIES = (
    ("PySide6", "LGPL-3.0", "the desktop app (Qt for Python)"),
    ("python-pptx", "MIT", "PowerPoint decks"),
    ("reportlab", "BSD", "PDF briefs"),
    ("PyYAML", "MIT", "reading summaries and briefs"),
    ("ruamel.yaml", "MIT", "saving briefs as they were written"),
    ("jsonschema", "MIT", "validating files"),
    ("python-bidi", "LGPL-3.0", "right-to-left text"),
    ("fonttools", "MIT", "font subsets"),
    ("psygnal", "BSD-3-Clause", "session events"),
)


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def credits_text() -> str:
    libraries = "\n".join(f"- **{n}** {_installed(n)} ({lic}): {use}" for n, lic, use in LIBRARIES)
    try:
        ofl = data_path("assets", "fonts", "OFL.txt").read_text(encoding="utf-8").strip()
    except OSError:
        ofl = "(OFL.txt is missing from this installation)"
    return CREDITS.format(version=__version__, libraries=libraries, ofl=ofl)


def shortcuts_text(groups: list[tuple[str, list[QAction]]]) -> str:
    """A Markdown table per menu, from the actions themselves."""
    native = QKeySequence.SequenceFormat.NativeText
    lines = ["# Keyboard shortcuts", "",
             "Every shortcut works wherever the focus is, text fields included. "
             "Tab and Shift+Tab move between panes and fields; arrows move within a list.", ""]
    for title, actions in groups:
        rows = [(a.text().replace("&", "").rstrip("\u2026"), " or ".join(k.toString(native) for k in a.shortcuts()))
                for a in actions if a.shortcuts()]
        if not rows:
            continue
        lines += [f"## {title}", "", "| Command | Keys |", "|---|---|"]
        lines += [f"| {name} | {keys} |" for name, keys in rows]
        lines.append("")
    lines += [
        "## In the lists and fields", "", "| Where | Keys | What |", "|---|---|---|",
        "| Search box | Down, Page Down, Return | into the findings list |",
        "| Search box | Escape | clear the search |",
        "| Findings list | Space | add or remove the highlighted findings |",
        "| Outline | Delete, Backspace | remove from the brief |",
        "| Text fields | Ctrl+Backspace | delete the previous word |",
        "| Long preview | Page Up, Page Down | previous, next page |",
        "| Unsaved changes | Alt+S, Alt+D, Alt+C | Save, Don't Save, Cancel |",
    ]
    return "\n".join(lines)


class HelpDialog(QDialog):
    """A readable, searchable page of help in a resizable window (not modal: keep it beside the work)."""

    def __init__(self, title: str, markdown: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setOpenLinks(False)
        self.text.setMarkdown(markdown)
        self.text.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(720, 640)
