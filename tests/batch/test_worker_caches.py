"""What a batch worker keeps between files never changes a file: each is the file a fresh process writes.

A worker keeps what it read for the files after: the deck's template, the style
sheets, the fonts registered with ReportLab and the font subsets it cut. These
tests export with different sheets and templates one after another in one
worker, and change a font file and a style sheet between runs and between the
files of one run, and compare every deck and PDF with the same export made
alone, in a new process that had nothing to keep.
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest

from briefing.batch.outcome import End
from briefing.batch.pool import WorkerPool
from briefing.batch.task import ExportJob, export_file, prepare
from briefing.export import FORMATS, output_path
from briefing.resources import data_dir
from briefing.results import Status

FONTS = data_dir("assets") / "fonts"
# A sheet of our own: its body family is the font file beside it (body.ttf), its paragraphs a size larger.
SHEET = """\
parent: default
fonts:
  families:
    sans:
      regular: body.ttf
      bold: NotoSans-Bold.ttf
paragraphs:
  body:
    size: {size}
    leading: 15
"""


def _sheet(folder: Path, size: int = 12, font: str = "LiberationSans-Regular.ttf") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FONTS / font, folder / "body.ttf")
    sheet = folder / "sheet.yaml"
    sheet.write_text(SHEET.format(size=size), encoding="utf-8")
    return sheet


@pytest.fixture
def inputs(tmp_path, example_summary, example_brief) -> tuple[Path, Path]:
    """The example summary and the brief that selects from it, in a folder of their own."""
    folder = tmp_path / "in"
    folder.mkdir()
    return (Path(shutil.copy(example_summary, folder / example_summary.name)),
            Path(shutil.copy(example_brief, folder / example_brief.name)))


def _job(source: Path, out: Path, template: Path | None = None, style: str | Path | None = None) -> ExportJob:
    out.mkdir(parents=True, exist_ok=True)
    return ExportJob(str(source), tuple((fmt, str(output_path(source, fmt, out))) for fmt in FORMATS),
                     template=str(template) if template else None, style=str(style) if style else None)


def _in_one_worker(jobs: list[ExportJob], between=lambda done: None) -> None:
    """Export ``jobs`` in order in one worker process; ``between(n)`` runs after the n-th is done, before the next starts."""
    first = jobs[0]
    pool = WorkerPool(export_file, jobs=1, timeout=600,
                      prepare=functools.partial(prepare, FORMATS, first.template, first.style))
    for done, outcome in enumerate(pool.run(jobs), start=1):
        assert outcome.end is End.DONE, outcome.detail
        assert outcome.result.status is Status.OK, outcome.result.errors
        between(done)


def _alone(job: ExportJob, out: Path, cli, **env) -> dict[str, bytes]:
    """The job's files exported by themselves, in a new process (one input: no worker, nothing kept)."""
    args = [job.source, "-f", "all", "-o", str(out), "-q"]
    args += ["--template", job.template] if job.template else []
    args += ["--style", job.style] if job.style else []
    run = cli("export", *args, **env)
    assert run.returncode == 0, run.stderr
    return {fmt: output_path(job.source, fmt, out).read_bytes() for fmt in FORMATS}


def _written(job: ExportJob) -> dict[str, bytes]:
    return {fmt: Path(path).read_bytes() for fmt, path in job.outputs}


def test_one_worker_exporting_with_other_sheets_and_templates_writes_what_new_processes_write(tmp_path, inputs,
                                                                                            briefing_cli):
    summary, brief = inputs
    template = tmp_path / "deck-as-template.pptx"  # a deck of ours as a second template: other masters and slides
    template.write_bytes(_alone(_job(brief, tmp_path), tmp_path / "first", briefing_cli)["pptx"])
    sheet = _sheet(tmp_path / "sheet")
    options = [(summary, None, "default"), (summary, template, "letter"), (brief, None, sheet),
               (summary, None, "default"), (brief, template, sheet), (brief, None, "default")]
    jobs = [_job(source, tmp_path / "worker" / str(n), tpl, style) for n, (source, tpl, style) in enumerate(options)]
    _in_one_worker(jobs)
    for n, job in enumerate(jobs):
        assert _written(job) == _alone(job, tmp_path / "alone" / str(n), briefing_cli), (n, job.template, job.style)
    pdfs = {_written(job)["pdf"] for job in jobs}
    decks = {_written(job)["pptx"] for job in jobs}
    assert len(pdfs) == 4 and len(decks) == 4  # different sheets, templates and documents made different files


def test_a_font_file_and_style_sheet_changed_between_runs_are_read_again(tmp_path, inputs, briefing_cli):
    """Two runs share the cache of derived data (fonts' metrics and coverage, parsed fonts): the second,
    after the sheet's font file was replaced (its modification time put back) and the sheet edited, writes
    what a run that never saw the old ones writes."""
    summary, brief = inputs
    cache = tmp_path / "cache"
    sheet = _sheet(tmp_path / "sheet", size=12, font="LiberationSans-Regular.ttf")
    font = sheet.parent / "body.ttf"

    def run(out: Path, **env) -> list[bytes]:
        done = briefing_cli("export", str(summary), str(brief), "-f", "pdf", "-j", "1", "--style", str(sheet),
                            "-o", str(out), "-q", **env)
        assert done.returncode == 0, done.stderr
        return [output_path(source, "pdf", out).read_bytes() for source in (summary, brief)]

    before = run(tmp_path / "before", BRIEFING_CACHE_DIR=cache)
    stamp = font.stat()
    shutil.copyfile(FONTS / "NotoSans-Italic.ttf", font)
    (sheet.parent / "sheet.yaml").write_text(SHEET.format(size=13), encoding="utf-8")
    os.utime(font, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    after = run(tmp_path / "after", BRIEFING_CACHE_DIR=cache)
    assert after == run(tmp_path / "fresh", BRIEFING_CACHE_DIR="off")
    assert after[0] != before[0] and after[1] != before[1]


def test_a_style_sheet_changed_between_two_files_of_one_worker_is_read_again(tmp_path, inputs, briefing_cli):
    summary, brief = inputs
    sheet = _sheet(tmp_path / "sheet", size=12)
    jobs = [_job(summary, tmp_path / "worker" / "0", style=sheet), _job(brief, tmp_path / "worker" / "1", style=sheet),
            _job(summary, tmp_path / "worker" / "2", style=sheet)]

    def change(done: int) -> None:
        if done == 1:  # the worker has exported with the sheet as it was: edit it
            sheet.write_text(SHEET.format(size=13), encoding="utf-8")

    _in_one_worker(jobs, change)
    assert _written(jobs[1]) == _alone(jobs[1], tmp_path / "alone" / "1", briefing_cli)
    assert _written(jobs[2]) == _alone(jobs[2], tmp_path / "alone" / "2", briefing_cli)
    assert _written(jobs[2])["pdf"] != _written(jobs[0])["pdf"]


def test_a_font_file_replaced_between_two_files_of_one_worker_is_read_again(tmp_path, inputs, briefing_cli):
    """The sheet names the same file; another font is put there (its modification time put back)
    after the worker registered the first with ReportLab."""
    summary, brief = inputs
    sheet = _sheet(tmp_path / "sheet", font="LiberationSans-Regular.ttf")
    font = sheet.parent / "body.ttf"
    jobs = [_job(summary, tmp_path / "worker" / "0", style=sheet), _job(brief, tmp_path / "worker" / "1", style=sheet),
            _job(summary, tmp_path / "worker" / "2", style=sheet)]

    def change(done: int) -> None:
        if done == 1:
            stamp = font.stat()
            shutil.copyfile(FONTS / "NotoSans-Italic.ttf", font)
            os.utime(font, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))

    _in_one_worker(jobs, change)
    assert _written(jobs[1]) == _alone(jobs[1], tmp_path / "alone" / "1", briefing_cli)
    assert _written(jobs[2]) == _alone(jobs[2], tmp_path / "alone" / "2", briefing_cli)
    assert _written(jobs[2])["pdf"] != _written(jobs[0])["pdf"]


def test_sheets_naming_different_font_files_of_one_name_each_get_their_own_in_one_worker(tmp_path, inputs,
                                                                                         briefing_cli):
    summary, _ = inputs
    liberation = _sheet(tmp_path / "one", font="LiberationSans-Regular.ttf")
    italic = _sheet(tmp_path / "two", font="NotoSans-Italic.ttf")  # also body.ttf, beside its own sheet
    jobs = [_job(summary, tmp_path / "worker" / str(n), style=sheet) for n, sheet in enumerate((liberation, italic, liberation))]
    _in_one_worker(jobs)
    for n, job in enumerate(jobs):
        assert _written(job) == _alone(job, tmp_path / "alone" / str(n), briefing_cli), n
    assert _written(jobs[0])["pdf"] != _written(jobs[1])["pdf"]
