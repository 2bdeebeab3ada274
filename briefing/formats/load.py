"""Reading and validating ``summary/1`` and ``brief/1`` files.

``check(path)`` lists every problem as located diagnostics and never raises;
``open_document(path)`` returns the model or raises ``BriefingError``. Both run
the same pipeline: safe YAML -> text fields take the text as written -> JSON
Schema -> cross-references and dates -> model.
"""

from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import text as textmod
from briefing.brief import Brief, build_brief
from briefing.dates import PartialDate
from briefing.diagnostics import BriefingError, Diagnostic, Severity
from briefing.formats.placeholders import placeholder_warnings
from briefing.formats.quotes import check_quotes
from briefing.formats.userfiles import look_up, read_head, require_regular_file
from briefing.formats.yamlread import YamlDocument, read_yaml
from briefing.model import (
    BRIEF_FORMAT,
    SUMMARY_FORMAT,
    Actor,
    BriefFile,
    Evidence,
    Finding,
    Selection,
    Source,
    Summary,
    Theme,
    TimelineEvent,
)

if TYPE_CHECKING:  # imported when a file is invalid: a valid one never needs it (see _fast_validator)
    import jsonschema

FORMATS = {SUMMARY_FORMAT: "summary.schema.json", BRIEF_FORMAT: "brief.schema.json"}


@functools.cache
def schema(fmt: str) -> dict:
    """The JSON Schema of a format (``summary/1`` or ``brief/1``)."""
    from briefing.resources import data_path

    return json.loads(data_path("schema", FORMATS[fmt]).read_text(encoding="utf-8"))


@functools.cache
def _validator(fmt: str) -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(schema(fmt))


@dataclass(frozen=True)
class Document:
    """A loaded file: a summary, or a brief together with the summary it selects from."""

    path: Path
    format: str
    summary: Summary
    summary_path: Path
    brief_file: BriefFile | None
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def is_brief(self) -> bool:
        return self.brief_file is not None

    def build(self) -> Brief:
        return build_brief(self.summary, self.brief_file)


def open_document(path: str | Path, *, allow_outside_paths: bool = False) -> Document:
    """Load a summary or a brief; raise BriefingError listing every error.

    A brief's ``summary:`` must name a file under the brief's own folder unless
    ``allow_outside_paths`` (see ``summary_location``).
    """
    diagnostics, document = _load(Path(path), allow_outside_paths)
    errors = [d for d in diagnostics if d.is_error]
    if errors or document is None:
        raise BriefingError(errors or [Diagnostic(str(path), 0, 0, "could not be loaded")])
    return document


def check(path: str | Path, *, allow_outside_paths: bool = False) -> list[Diagnostic]:
    """Every problem in a file (errors and warnings), sorted by position; never raises."""
    diagnostics, _ = _load(Path(path), allow_outside_paths)
    return diagnostics


# The top-level ``format`` key at the start of a line, in block style (``format: summary/1``) or in
# flow style as JSON writes it (``{"format": "summary/1", ...``), quoted or not.
_FORMAT_KEY = re.compile(r"""^[\s{,]*(["']?)format\1\s*:\s*(["']?)([^\s"',#}]+)\2""")


def peek_format(path: str | Path) -> str | None:
    """The ``format`` of a YAML file when it is one of ours, else None (cheap; for discovery).

    Only regular files are opened: a named pipe or a device in a searched folder is skipped, never read.
    """
    raw = read_head(path, 4096)
    if raw is None:
        return None
    for line in raw.decode("utf-8", "replace").splitlines():
        found = _FORMAT_KEY.match(line)
        if found:
            return found.group(3) if found.group(3) in FORMATS else None
    return None


def referenced_summary(path: str | Path) -> Path | None:
    """The summary file a brief names (resolved as loading would), else None; never raises."""
    if peek_format(path) != BRIEF_FORMAT:
        return None
    try:
        data = read_yaml(path).data
    except BriefingError:
        return None
    reference = data.get("summary") if isinstance(data, dict) else None
    if not isinstance(reference, str) or not reference:
        return None
    return summary_location(Path(path), reference, allow_outside_paths=True)


class OutsidePath(ValueError):
    """A brief's ``summary:`` names a file outside the brief's folder, and that was not allowed."""


def summary_location(brief_path: Path, reference: str, *, allow_outside_paths: bool = False) -> Path:
    """The file a brief's ``summary:`` names, as the user would name it (relative to where they named the brief).

    The rule: a relative path under the brief's own folder. An absolute path, or
    one that leaves the folder (``..``, a symbolic link pointing elsewhere), is
    refused with ``OutsidePath`` unless ``allow_outside_paths``: a brief received
    from someone else must not make the tool read ``/etc/passwd`` or
    ``../../secret.yaml`` and talk about it.
    """
    ref = Path(reference)
    shown = ref if ref.is_absolute() else brief_path.parent / ref
    if allow_outside_paths:
        return shown
    if ref.is_absolute() or ref.drive or ref.root:
        raise OutsidePath(f"summary path '{reference}' is absolute; a brief names its summary relative to its own folder")
    folder = os.path.realpath(brief_path.parent)
    target = os.path.realpath(shown)
    if os.path.commonpath([folder, target]) != folder:
        raise OutsidePath(f"summary path '{reference}' leaves the brief's folder; keep the summary beside or under the brief")
    return shown


# -- pipeline --------------------------------------------------------------------------


def _load(path: Path, allow_outside_paths: bool = False) -> tuple[list[Diagnostic], Document | None]:
    name = str(path)
    try:
        doc = read_yaml(path, name)
    except BriefingError as exc:
        return exc.diagnostics, None
    fmt, problems = _check_format(doc)
    if problems:
        return problems, None
    if fmt == SUMMARY_FORMAT:
        diagnostics, summary = _check_summary(doc)
        document = Document(path, fmt, summary, path, None, _warnings(diagnostics)) if summary else None
        return _sorted(diagnostics), document
    return _load_brief(path, doc, allow_outside_paths)


def _load_brief(path: Path, doc: YamlDocument, allow_outside_paths: bool) -> tuple[list[Diagnostic], Document | None]:
    diagnostics, brief_file = _check_structure(doc, BRIEF_FORMAT, _build_brief_file, _brief_semantics)
    if brief_file is None:
        return _sorted(diagnostics), None
    summary_doc, problems = _load_summary_of(path, doc, brief_file.summary, allow_outside_paths)
    diagnostics.extend(problems)
    if summary_doc is None:
        return _sorted(diagnostics), None
    summary = summary_doc.summary
    known = {f.id for f in summary.findings}
    for i, item in enumerate(brief_file.findings):
        if item.id not in known:
            hint = _did_you_mean(item.id, known)
            diagnostics.append(_at(doc, ("findings", i, "id"), f"finding '{item.id}' is not in the summary{hint}"))
    errors = any(d.is_error for d in diagnostics)
    document = None if errors else Document(path, BRIEF_FORMAT, summary, summary_doc.path, brief_file, _warnings(diagnostics))
    return _sorted(diagnostics), document


def _load_summary_of(
    brief_path: Path, brief: YamlDocument, reference: str, allow_outside_paths: bool
) -> tuple[Document | None, list[Diagnostic]]:
    """The summary a brief names, loaded; or None and the problems, located at the brief's ``summary:``.

    Never follows a brief from a brief (so no loop, however the files name each
    other), and never quotes a file that is not a summary: the brief may name
    any file, and its content is not ours to show.
    """

    def problem(message: str) -> tuple[None, list[Diagnostic]]:
        return None, [_at(brief, ("summary",), message)]

    try:
        summary_path = summary_location(brief_path, reference, allow_outside_paths=allow_outside_paths)
    except OutsidePath as exc:
        return problem(f"{exc} (or run with --allow-outside-paths)")
    try:
        require_regular_file(summary_path)
    except BriefingError as exc:
        if _absent(summary_path) or os.path.isdir(summary_path):
            return problem(f"summary file '{reference}' not found (looked for {summary_path})")
        return problem(f"summary file '{reference}' {exc.diagnostics[0].message}")
    if _same_file(summary_path, brief_path):
        return problem(f"summary '{reference}' is this brief itself; name the summary/1 file it selects from")
    try:
        summary_yaml = read_yaml(summary_path, str(summary_path))
    except BriefingError as exc:
        if peek_format(summary_path) == SUMMARY_FORMAT:
            return None, exc.diagnostics  # a summary with a mistake: located in it
        return problem(f"'{reference}' is not a summary/1 file")
    fmt, format_problems = _check_format(summary_yaml)
    if fmt == BRIEF_FORMAT:
        return problem(f"'{reference}' is a brief/1 file, not a summary")
    if format_problems:
        return problem(f"'{reference}' is not a summary/1 file")
    diagnostics, summary = _check_summary(summary_yaml)
    if summary is None:
        return None, diagnostics
    return Document(summary_path, SUMMARY_FORMAT, summary, summary_path, None, _warnings(diagnostics)), diagnostics


def _absent(path: Path) -> bool:
    try:
        return look_up(path) is None
    except OSError:  # a name too long: require_regular_file's message says so
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_format(doc: YamlDocument) -> tuple[str | None, list[Diagnostic]]:
    data = doc.data
    if data is None:
        return None, [_at(doc, (), "file is empty; expected a mapping with 'format: summary/1' or 'format: brief/1'")]
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "text"  # the file may be anything: never quote it
        return None, [_at(doc, (), f"expected a mapping with a 'format' key, found {found}; this is not a summary/1 or brief/1 file")]
    if "format" not in data:
        return None, [_at(doc, (), "missing 'format' key; expected 'format: summary/1' or 'format: brief/1'")]
    fmt = data["format"]
    known = " or ".join(FORMATS)
    if not isinstance(fmt, str):  # a list or mapping there cannot even be looked up
        # In the file's words: YAML's null, true and numbers, not Python's None, True (a date or a float as written)
        kind = _describe(fmt) if fmt is None or isinstance(fmt, (bool, int, list, dict)) else f"'{_short(str(fmt))}'"
        return None, [_at(doc, ("format",), f"'format' must be the text {known}, not {kind}")]
    if fmt not in FORMATS:
        return None, [_at(doc, ("format",), f"unsupported format '{_short(fmt)}'; this version reads {known}")]
    return fmt, []


def _check_summary(doc: YamlDocument) -> tuple[list[Diagnostic], Summary | None]:
    return _check_structure(doc, SUMMARY_FORMAT, _build_summary, _summary_semantics)


def _check_structure(doc, fmt, build, semantics):
    data = _coerce_text(doc, doc.data, fmt)
    diagnostics = list(_schema_diagnostics(doc, data, fmt))
    if any(d.is_error for d in diagnostics):
        return diagnostics, None
    diagnostics.extend(semantics(doc, data))
    if any(d.is_error for d in diagnostics):
        return diagnostics, None
    return diagnostics, build(data)


# -- text fields take the text as written --------------------------------------------


def _resolve_ref(node: dict, root: dict) -> dict:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _coerce_text(doc: YamlDocument, data: Any, fmt: str) -> Any:
    """Where the schema expects text, a plain scalar that YAML read as a number or boolean
    takes back the characters that were written (``title: 1984``, ``date: 2025``).

    Only the scalars the reader resolved to non-text are visited, not the whole tree.
    """
    for path, raw in doc.plain_text.items():
        if _expects_text(fmt, tuple(p if isinstance(p, str) else 0 for p in path)):
            _replace(data, path, raw)
    return data


@functools.cache
def _expects_text(fmt: str, shape: tuple) -> bool:
    root = schema(fmt)
    node: Any = _resolve_ref(root, root)
    for step in shape:
        node = node.get("properties", {}).get(step) if isinstance(step, str) else node.get("items")
        if not isinstance(node, dict):
            return False
        node = _resolve_ref(node, root)
    return node.get("type") == "string"


def _replace(data: Any, path: tuple, raw: str) -> None:
    container = data
    for step in path[:-1]:
        try:
            container = container[step]
        except (KeyError, IndexError, TypeError):
            return
    last = path[-1]
    try:
        if container[last] is not None and not isinstance(container[last], str):
            container[last] = raw
    except (KeyError, IndexError, TypeError):
        return


# -- JSON Schema errors, in the user's words ----------------------------------------------

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "number": "a number",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{_short(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _short(value: str, limit: int = 40) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"


def _field_name(path: Iterable) -> str:
    parts = [p for p in path]
    if not parts:
        return "document"
    last = parts[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(parts) if isinstance(p, str)), "list")
        return f"{parent}[{last + 1}]"
    return str(last)


@functools.cache
def _fast_validator(fmt: str):
    """jsonschema-rs answers "is it valid?" some 100x faster; the pure-Python validator
    then explains only the files that are not."""
    try:
        import jsonschema_rs
    except ImportError:  # optional speed-up
        return None
    return jsonschema_rs.validator_for(schema(fmt))


def _schema_diagnostics(doc: YamlDocument, data: Any, fmt: str) -> Iterable[Diagnostic]:
    fast = _fast_validator(fmt)
    if fast is not None and fast.is_valid(data):
        return
    seen: set[tuple] = set()
    for error in _validator(fmt).iter_errors(data):
        for diagnostic in _translate(doc, error):
            key = (diagnostic.line, diagnostic.col, diagnostic.message)
            if key not in seen:
                seen.add(key)
                yield diagnostic


def _translate(doc: YamlDocument, error: jsonschema.ValidationError) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    name = _field_name(path)
    kind = error.validator
    if kind == "required":
        missing = [k for k in error.validator_value if isinstance(error.instance, dict) and k not in error.instance]
        where = f" in {name}" if path else ""
        return [_at(doc, path, f"missing required field '{k}'{where}") for k in missing]
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in known]
        return [
            _at(doc, path + (k,), f"unknown field '{k}' (ignored){_did_you_mean(k, known)}", key=True, severity=Severity.WARNING)
            for k in extras
        ]
    if kind == "type":
        expected = error.validator_value
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        return [_at(doc, path, f"'{name}' must be {words}, not {_describe(error.instance)}")]
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return [_at(doc, path, f"'{name}' is '{_short(str(error.instance))}'; expected one of: {options}")]
    if kind == "const":
        return [_at(doc, path, f"'{name}' must be '{error.validator_value}'")]
    if kind in ("minLength", "pattern") and isinstance(error.instance, str) and not _id_key(error.instance):
        invisible = " (it holds only invisible characters)" if error.instance.strip() else ""
        return [_at(doc, path, f"'{name}' must not be empty{invisible}")]
    if kind == "pattern" and "date" in str(error.schema.get("description", "")).lower() or kind == "pattern" and error.validator_value.startswith("^[0-9]{4}"):
        return [_at(doc, path, f"'{name}' is '{_short(str(error.instance))}', not a date; use YYYY, YYYY-MM or YYYY-MM-DD")]
    if kind == "pattern" and error.validator_value.startswith("^[A-F]"):
        return [_at(doc, path, f"'{name}' is '{_short(str(error.instance))}'; an Admiralty grade is a letter A-F and a digit 1-6, e.g. B2")]
    if kind == "pattern":
        return [_at(doc, path, f"'{name}' is '{_short(str(error.instance))}'; it must be one word without spaces")]
    if kind == "minimum":
        return [_at(doc, path, f"'{name}' must be at least {error.validator_value}, not {error.instance}")]
    if kind == "maxLength":
        return [_at(doc, path, f"'{name}' is longer than {error.validator_value} characters")]
    return [_at(doc, path, f"'{name}': {error.message}")]


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib  # only a misspelt key needs it: not at every export's start

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""


def _at(doc: YamlDocument, path, message: str, *, key: bool = False, severity: Severity = Severity.ERROR) -> Diagnostic:
    mark = doc.mark(tuple(path), key=key)
    return Diagnostic(doc.file, mark.line, mark.col, message, severity)


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.file, d.line, d.col, d.message))


def _warnings(diagnostics: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(d for d in _sorted(diagnostics) if not d.is_error)


# -- cross-references and dates ---------------------------------------------------------------


# Characters that show nothing (briefing.text.INVISIBLE): two ids that differ only by these look the same.
_INVISIBLE = re.compile(f"[{textmod.INVISIBLE_CLASS}]")


def _id_key(ident: str) -> str:
    """What makes two ids different: canonically equivalent (NFC: ``é`` and ``e`` + U+0301 are one id),
    invisible characters and spaces removed. Compatibility forms (``ª``, ``ﬁ``) stay different."""
    return "".join(_INVISIBLE.sub("", unicodedata.normalize("NFC", ident)).split())


def _unique_ids(doc: YamlDocument, items: list, list_key: str, noun: str) -> tuple[set[str], list[Diagnostic]]:
    """The ids of a list; an id that looks like an earlier one (same after ``_id_key``) is a duplicate."""
    first: dict[str, tuple[str, int]] = {}
    problems = []
    for i, item in enumerate(items):
        ident = item.get("id")
        key = _id_key(ident) if isinstance(ident, str) else ident
        here = (list_key, i, "id")
        if key == "":
            problems.append(_at(doc, here, f"{noun} id '{ident}' has no visible characters"))
        elif key in first:
            earlier, line = first[key]
            same = "" if earlier == ident else f" as '{earlier}', which differs only in Unicode form or invisible characters"
            problems.append(_at(doc, here, f"duplicate {noun} id '{ident}' (first used on line {line}{same})"))
        else:
            first[key] = (ident, doc.mark(here).line)
    return {ident for ident, _ in first.values()}, problems


def _check_date(doc: YamlDocument, path: tuple, value: str | None) -> list[Diagnostic]:
    if value is None:
        return []
    try:
        PartialDate.parse(value)
    except ValueError as exc:
        return [_at(doc, path, f"'{_field_name(path)}': {exc}")]
    return []


def _check_refs(doc, path, refs, known: set[str], noun: str) -> list[Diagnostic]:
    problems = []
    for i, ref in enumerate(refs or []):
        if ref not in known:
            problems.append(_at(doc, path + (i,), f"unknown {noun} '{ref}'{_did_you_mean(ref, known)}"))
    return problems


def _summary_semantics(doc: YamlDocument, data: dict) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    themes, p = _unique_ids(doc, data.get("themes") or [], "themes", "theme")
    problems += p
    actors, p = _unique_ids(doc, data.get("actors") or [], "actors", "actor")
    problems += p
    findings_list = data.get("findings") or []
    findings, p = _unique_ids(doc, findings_list, "findings", "finding")
    problems += p
    source = data["source"]
    problems += _check_date(doc, ("source", "published"), source.get("published"))
    url = source.get("url")
    if url and textmod.safe_link(url) is None:
        problems.append(_at(doc, ("source", "url"), "url is not an http, https or mailto link; it will be shown as text, not linked", severity=Severity.WARNING))
    paragraph_count = len(source.get("paragraphs") or [])
    if not findings_list:
        problems.append(_at(doc, ("findings",), "no findings yet; exports will hold only the bottom line", severity=Severity.WARNING))
    for i, finding in enumerate(findings_list):
        here = ("findings", i)
        if finding.get("theme") is not None and finding["theme"] not in themes:
            problems.append(_at(doc, here + ("theme",), f"unknown theme '{finding['theme']}'{_did_you_mean(finding['theme'], themes)}"))
        problems += _check_refs(doc, here + ("actors",), finding.get("actors"), actors, "actor")
        problems += _check_date(doc, here + ("date",), finding.get("date"))
        evidence = finding.get("evidence") or []
        if not evidence:
            problems.append(_at(doc, here, f"finding '{finding['id']}' has no evidence", severity=Severity.WARNING))
        for j, item in enumerate(evidence):
            if paragraph_count and item["paragraph"] > paragraph_count:
                problems.append(_at(doc, here + ("evidence", j, "paragraph"), f"paragraph {item['paragraph']} does not exist; the source has {paragraph_count}"))
    for i, event in enumerate(data.get("timeline") or []):
        here = ("timeline", i)
        problems += _check_date(doc, here + ("date",), event.get("date"))
        problems += _check_refs(doc, here + ("actors",), event.get("actors"), actors, "actor")
        if event.get("finding") is not None and event["finding"] not in findings:
            problems.append(_at(doc, here + ("finding",), f"unknown finding '{event['finding']}'{_did_you_mean(event['finding'], findings)}"))
    problems += placeholder_warnings(doc, data)
    if source.get("paragraphs"):
        problems += check_quotes(doc.file, data, source["paragraphs"], doc)
    return problems


def _brief_semantics(doc: YamlDocument, data: dict) -> list[Diagnostic]:
    problems = _check_date(doc, ("date",), data.get("date"))
    _, duplicates = _unique_ids(doc, data.get("findings") or [], "findings", "selected finding")
    problems += duplicates
    if not data.get("findings"):
        problems.append(_at(doc, ("findings",) if "findings" in data else (), "no findings selected yet; exports will hold only the bottom line", severity=Severity.WARNING))
    return problems


# -- model ------------------------------------------------------------------------------------------


def _date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value is not None else None


def _build_summary(data: dict) -> Summary:
    src = data["source"]
    return Summary(
        source=Source(
            title=src["title"],
            publisher=src.get("publisher"),
            authors=tuple(src.get("authors") or ()),
            url=src.get("url"),
            published=_date(src.get("published")),
            paragraphs=tuple(src.get("paragraphs") or ()),
        ),
        headline=data["headline"],
        bluf=data["bluf"],
        themes=tuple(Theme(t["id"], t["label"]) for t in data.get("themes") or ()),
        actors=tuple(Actor(a["id"], a["name"], a["kind"], a.get("role")) for a in data.get("actors") or ()),
        findings=tuple(_build_finding(f) for f in data.get("findings") or ()),
        timeline=tuple(
            TimelineEvent(PartialDate.parse(e["date"]), e["event"], tuple(e.get("actors") or ()), e.get("finding"))
            for e in data.get("timeline") or ()
        ),
    )


def _build_finding(f: dict) -> Finding:
    return Finding(
        id=f["id"],
        title=f["title"],
        statement=f["statement"],
        theme=f.get("theme"),
        actors=tuple(f.get("actors") or ()),
        evidence=tuple(Evidence(e["quote"], e["paragraph"], e.get("grade")) for e in f.get("evidence") or ()),
        confidence=f.get("confidence"),
        likelihood=f.get("likelihood"),
        key_judgment=bool(f.get("key_judgment", False)),
        date=_date(f.get("date")),
        tags=tuple(f.get("tags") or ()),
    )


def _build_brief_file(data: dict) -> BriefFile:
    return BriefFile(
        summary=data["summary"],
        title=data["title"],
        subtitle=data.get("subtitle"),
        author=data.get("author"),
        date=_date(data.get("date")),
        audience=data.get("audience"),
        marking=data.get("marking"),
        language=data.get("language"),
        findings=tuple(
            Selection(s["id"], s.get("title"), s.get("note"), s.get("priority"), s.get("key_judgment"))
            for s in data.get("findings") or ()
        ),
    )
