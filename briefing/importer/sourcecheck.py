"""``validate --source``: a summary's evidence quotes checked against the article file itself.

The article is read, cleaned and numbered by the importer, so this lives with
the importer; the core's ``check_quotes`` does the matching.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from briefing.diagnostics import BriefingError, Diagnostic, Severity
from briefing.formats.load import OutsidePath, peek_format, summary_location
from briefing.formats.quotes import check_quotes
from briefing.formats.yamlread import read_yaml
from briefing.importer.article import import_article
from briefing.text import normalize_for_match


def check_quotes_against(
    summary_path: str, article_path: str, *, follow_brief: bool = True, allow_outside_paths: bool = False
) -> list[Diagnostic]:
    """Check a summary file's quotes (a brief's: its summary's) against an article file, cleaned and
    numbered by the importer."""
    try:
        doc = read_yaml(summary_path, str(summary_path))
        article = import_article(article_path)
    except BriefingError as exc:
        return exc.diagnostics
    data = doc.data if isinstance(doc.data, Mapping) else {}
    if data.get("format") == "brief/1":
        if not follow_brief or not isinstance(data.get("summary"), str):
            return []  # validation reports a brief without a readable summary
        try:
            summary = summary_location(Path(summary_path), data["summary"], allow_outside_paths=allow_outside_paths)
        except OutsidePath:
            return []  # validation reports it
        if peek_format(summary) != "summary/1":
            return []  # validation reports it, without quoting a file that is not ours
        return check_quotes_against(str(summary), article_path, follow_brief=False)
    source = data.get("source")
    if not isinstance(source, Mapping):
        source = {}
    carried = source.get("paragraphs")
    if isinstance(carried, list) and carried:
        if [normalize_for_match(str(p)) for p in carried] == [normalize_for_match(p) for p in article.paragraphs]:
            return []  # validation has already checked the quotes against these very paragraphs
        mark = doc.mark(("source", "paragraphs"))
        note = _first_difference(carried, article.paragraphs)
        problems = [Diagnostic(doc.file, mark.line, mark.col, f"source.paragraphs differ from {Path(article_path).name} ({note}); quotes are checked against the article", Severity.WARNING)]
    else:
        problems = []
    return problems + check_quotes(doc.file, data, article.paragraphs, doc)


def _first_difference(carried: list, paragraphs: Sequence[str]) -> str:
    if len(carried) != len(paragraphs):
        return f"{len(carried)} paragraphs here, {len(paragraphs)} in the article"
    for number, (mine, theirs) in enumerate(zip(carried, paragraphs), start=1):
        if normalize_for_match(str(mine)) != normalize_for_match(theirs):
            return f"first at paragraph {number}"
    return "no difference"
