"""Writing ``brief/1`` files: the analyst's selection as YAML people can read and diff.

``dump_brief`` is the one serialiser of a brief file; the desktop app writes
its text atomically, and the file reads back (``briefing.formats.load``) to the same
``BriefFile``.
"""

from __future__ import annotations

import sys

from briefing.diagnostics import BriefingError
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


# -- saving over an existing brief: change only what the analyst changed ----------------------

_METADATA_KEYS = ("subtitle", "author", "date", "audience", "marking", "language")
_SELECTION_KEYS = ("title", "note", "priority", "key_judgment")


def update_brief(original: str, brief_file: BriefFile, summary_ref: str) -> str:
    """``original`` (the text of a ``brief/1`` file) edited to hold ``brief_file``.

    A round trip through ruamel.yaml: comments (the ``$schema`` header), blank
    lines, folded and quoted scalars, key order and unquoted dates stay as they
    were; only the values that differ are rewritten, so a save diffs as the edit.
    Findings kept in the brief keep their mapping (and its layout); new ones are
    appended in the file's style. Falls back to ``dump_brief`` when ``original``
    is not a YAML mapping, and whenever the edited text would not read back as
    ``brief_file``, or the loader refuses ``original`` (changed on disk into something
    odd since it was opened; see ``unreadable``): the full rewrite loses the
    layout, never the analyst's data. CRLF line endings and a byte-order mark
    are kept.
    """
    return update_brief_noting(original, brief_file, summary_ref)[0]


def update_brief_noting(original: str, brief_file: BriefFile, summary_ref: str, name: str = "<string>") -> tuple[str, str | None]:
    """``update_brief``'s text, and the loader's located message (``NAME:LINE:COL: ...``) when it
    refuses ``original``, which is then rewritten in full."""
    problem = unreadable(original, name)
    if problem is not None:
        return dump_brief(brief_file, summary_ref), problem
    bom = "\ufeff" if original.startswith("\ufeff") else ""
    newline = "\r\n" if "\r\n" in original else "\n"
    try:
        text = _round_trip(original[len(bom) :].replace("\r\n", "\n"), brief_file, summary_ref)
    except Exception:  # noqa: BLE001 - whatever the original holds, the save must not fail; see below
        text = None
    if text is None or not _reads_back_as(text, brief_file, summary_ref):
        return dump_brief(brief_file, summary_ref), None
    return bom + text.replace("\n", newline), None


def unreadable(original: str, name: str = "<string>") -> str | None:
    """Why the loader refuses ``original`` (its one-line ``NAME:LINE:COL: message``), or None.

    Only text the loader reads is given to ruamel.yaml: its scanner takes time quadratic in
    the nesting of flow collections (a file replaced by 5,000 nested brackets held a save for
    11.7 s before ruamel gave up), while the loader refuses it at once at its depth limit."""
    from briefing.formats.yamlread import parse_yaml

    try:
        parse_yaml(original.removeprefix("\ufeff"), name)
    except BriefingError as exc:
        return str(exc).splitlines()[0]
    return None


def _reads_back_as(text: str, brief_file: BriefFile, summary_ref: str) -> bool:
    """Whether ``text`` holds exactly the fields ``brief_data`` would write (read as loading reads it)."""
    from briefing.formats.yamlread import parse_yaml

    try:
        data = parse_yaml(text).data
    except Exception:  # noqa: BLE001 - text the reader refuses does not read back
        return False
    return _comparable(data) == _comparable(brief_data(brief_file, summary_ref))


def _comparable(data) -> object:
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        return None
    keys = ("format", "summary", "title", *_METADATA_KEYS)
    fields = {key: str(data[key]) for key in keys if data.get(key) not in (None, "")}
    findings = [
        {key: item[key] for key in ("id", *_SELECTION_KEYS) if item.get(key) not in (None, "")}
        if isinstance(item, dict)
        else item
        for item in data["findings"]
    ]
    return fields, findings


def _round_trip(original: str, brief_file: BriefFile, summary_ref: str) -> str | None:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = _round_trip_yaml(YAML)
    data = yaml.load(original)
    if not isinstance(data, CommentedMap):
        return None

    _set(data, "summary", summary_ref)
    _set(data, "title", brief_file.title)
    for key in _METADATA_KEYS:
        value = getattr(brief_file, key)
        if key == "date" and value is not None:
            value = _date_value(data.get("date"), value)
        _set(data, key, value if value not in ("", None) else None)

    old_items = data.get("findings")
    old_list = [i for i in old_items if isinstance(i, CommentedMap)] if isinstance(old_items, list) else []
    by_id = {item.get("id"): item for item in old_list}
    separator = next((t for t in map(_tail, old_list[:-1]) if _is_blank(t)), None)
    last_tail = _tail(old_list[-1]) if old_list else None
    items = []
    for selection in brief_file.findings:
        item = by_id.get(selection.id)
        if item is None:
            item = CommentedMap()
            item["id"] = selection.id
        for key in _SELECTION_KEYS:
            value = getattr(selection, key)
            if key == "key_judgment":
                value = None if value is None else bool(value)
            elif not value:
                value = None
            _set(item, key, value, order=("id", *_SELECTION_KEYS))
        items.append(item)
    if [id(i) for i in old_list] != [id(i) for i in items]:
        # Blank lines between findings belong to the gap, not to the finding that ended above it.
        for n, item in enumerate(items):
            _set_tail(item, last_tail if n == len(items) - 1 else separator)
    if isinstance(old_items, CommentedSeq):
        old_items[:] = items  # keeps the sequence's own layout and trailing comments
    else:
        data["findings"] = CommentedSeq(items)

    from io import StringIO

    out = StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _round_trip_yaml(yaml_class):
    yaml = yaml_class(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = sys.maxsize  # never re-wrap a long line the analyst wrote on one line
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def _set(mapping, key: str, value, order: tuple[str, ...] = ()) -> None:
    """Set, replace or drop ``key``; a value equal to the stored one keeps its original scalar
    (quotes, folding) untouched. A new key goes where ``order`` puts it, and the blank line that
    ended the mapping stays at its end."""
    if value is None:
        if key in mapping:
            tail = _tail(mapping)
            last = list(mapping)[-1] == key
            del mapping[key]
            mapping.ca.items.pop(key, None)
            if last and len(mapping):
                _set_tail(mapping, tail)
        return
    if key in mapping:
        if not _same(mapping[key], value):
            mapping[key] = _styled_like(mapping[key], value)
        return
    later = order[order.index(key) + 1 :] if key in order else ()
    place = next((n for n, k in enumerate(mapping) if k in later), len(mapping))
    tail = _tail(mapping) if place == len(mapping) else None
    if tail is not None:
        _set_tail(mapping, None)
    mapping.insert(place, key, value)
    if tail is not None:
        _set_tail(mapping, tail)


def _tail(mapping):
    """The comment token after the mapping's last value (blank lines, a comment), if any."""
    if not len(mapping):
        return None
    entry = mapping.ca.items.get(list(mapping)[-1])
    return entry[2] if entry and len(entry) > 2 else None


def _set_tail(mapping, token) -> None:
    if not len(mapping):
        return
    last = list(mapping)[-1]
    entry = mapping.ca.items.setdefault(last, [None, None, None, None])
    entry[2] = token
    if not any(entry):
        del mapping.ca.items[last]


def _is_blank(token) -> bool:
    return token is not None and not str(token.value).strip()


def _same(stored, value) -> bool:
    if isinstance(value, str) and not isinstance(stored, str):
        return str(stored) == value
    return stored == value


def _styled_like(stored, value):
    """A new string in the style the old one had (folded stays folded, quoted stays quoted)."""
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
        SingleQuotedScalarString,
    )

    if not isinstance(value, str):
        return value
    for style in (FoldedScalarString, LiteralScalarString, DoubleQuotedScalarString, SingleQuotedScalarString):
        if isinstance(stored, style):
            if style in (FoldedScalarString, LiteralScalarString) and "\n" not in value and len(value) < 60:
                return value
            return style(value)
    return LiteralScalarString(value) if "\n" in value else value


def _date_value(stored, value):
    """A full date is written unquoted when the file wrote its date that way; partial dates are
    quoted strings (so every YAML reader keeps ``2025-07`` as text)."""
    import datetime as dt

    text = str(value)
    if isinstance(stored, dt.date) and len(text) == 10:
        parsed = dt.date.fromisoformat(text)
        return stored if stored == parsed else parsed
    if isinstance(stored, str) and stored == text:
        return stored
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    return text if len(text) == 10 else SingleQuotedScalarString(text)
