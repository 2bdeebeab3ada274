"""Writing ``brief/1`` files: the analyst's selection as YAML people can read and diff.

``dump_brief`` is the one serialiser of a brief file; the desktop app writes
its text atomically, and the file reads back (``briefing.formats.load``) to the same
``BriefFile``.
"""

from __future__ import annotations

from briefing.formats.load import schema
from briefing.formats.yamlwrite import dump_yaml
from briefing.model import BRIEF_FORMAT, BriefFile, Selection


def schema_url() -> str:
    """Where editors find the brief schema (its ``$id``), for the ``yaml-language-server`` header."""
    return schema(BRIEF_FORMAT)["$id"]


def brief_data(brief_file: BriefFile, summary_ref: str) -> dict:
    """The file's content as plain data, keys in the schema's order, empty fields left out."""
    data: dict = {"format": BRIEF_FORMAT, "summary": summary_ref, "title": brief_file.title}
    for key in ("subtitle", "author", "date", "audience", "marking", "language"):
        value = getattr(brief_file, key)
        if value is not None and value != "":
            data[key] = str(value)
    data["findings"] = [_selection_data(s) for s in brief_file.findings]
    return data


def _selection_data(selection: Selection) -> dict:
    item: dict = {"id": selection.id}
    for key in ("title", "note", "priority"):
        value = getattr(selection, key)
        if value:
            item[key] = value
    if selection.key_judgment is not None:
        item["key_judgment"] = bool(selection.key_judgment)
    return item


def dump_brief(brief_file: BriefFile, summary_ref: str) -> str:
    """The text of a ``brief/1`` file; ``summary_ref`` is the summary's path relative to the brief."""
    return dump_yaml(brief_data(brief_file, summary_ref), header=f"yaml-language-server: $schema={schema_url()}")
