"""``briefing import ARTICLE [-o SUMMARY.yaml] [--force]``"""

from __future__ import annotations

import stat
from pathlib import Path

from briefing.atomic import write_bytes
from briefing.dates import PartialDate
from briefing.diagnostics import BriefingError, one_line
from briefing.formats.userfiles import look_up


def default_output(article: Path) -> Path:
    """``report.txt`` -> ``report.yaml`` beside it."""
    return article.with_suffix(".yaml")


def run(args) -> int:
    # The importer (HTML parsing, date words) loads only for this subcommand, not at every start.
    from briefing.importer.article import import_article
    from briefing.importer.draft import render_draft

    article_path = Path(args.article)
    output = Path(args.output) if args.output else default_output(article_path)
    try:
        date = PartialDate.parse(args.date) if getattr(args, "date", None) else None
    except ValueError as exc:
        raise BriefingError.at("--date", str(exc)) from None
    article = import_article(article_path, date=date)  # problems with the article come first
    try:
        found = look_up(output)
    except OSError as exc:  # a name too long, a loop of links
        raise BriefingError.at(str(output), f"cannot write the draft there: {exc.strerror or exc}") from None
    if found is not None and _same_file(output, article_path):
        raise BriefingError.at(str(output), "is the article itself; choose another output file")
    if found is not None and not stat.S_ISREG(found.st_mode):  # --force or not: the atomic write would replace it with a file
        raise BriefingError.at(str(output), "is not a regular file (a device such as /dev/null, a named pipe); "
                                            "the draft would replace it: choose an output file")
    if found is not None and not args.force:
        raise BriefingError.at(str(output), "already exists; use --force to overwrite it")
    write_bytes(output, render_draft(article, output).encode("utf-8"))
    events = len(article.timeline().events)
    print(one_line(
        f"wrote {output}: {len(article.paragraphs)} paragraphs, {events} timeline candidate{'s' if events != 1 else ''}; "
        f"next: replace the TODO texts, add findings, then run 'briefing validate {output}'"
    ))
    return 0


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
