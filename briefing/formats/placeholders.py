"""The placeholders a draft leaves for the analyst, and the warnings validation gives for them.

The summary format requires a title, a headline and a bottom line; a draft
cannot know them, so it writes ``TODO: ...`` text that passes the schema and
is reported as a warning (not an error) until the analyst replaces it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.diagnostics import Diagnostic, Severity
from briefing.formats.yamlread import YamlDocument

MARKER = "TODO:"
TITLE = "TODO: write the article's title"
HEADLINE = "TODO: write the headline (one line: the article's main point)"
BLUF = "TODO: write the bottom line up front (two to four sentences)"


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.lstrip().startswith(MARKER)


def placeholder_warnings(doc: YamlDocument, data: dict) -> list[Diagnostic]:
    """A warning for every text still starting with ``TODO:`` (the article's own paragraphs excepted)."""
    warnings: list[Diagnostic] = []
    if doc.text and MARKER not in doc.text:
        return warnings  # the common case, without walking the tree
    for path, value in _texts(data, ()):
        if path[:2] != ("source", "paragraphs") and is_placeholder(value):
            mark = doc.mark(path)
            name = ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in path).replace(".[", "[")
            warnings.append(Diagnostic(doc.file, mark.line, mark.col, f"'{name}' is still a placeholder; write it before exporting", Severity.WARNING))
    return warnings


def _texts(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))
