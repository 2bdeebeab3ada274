"""``briefing validate`` over the corpus files that ``tests/formats/test_load.py`` does not already cover.

The 43 files of ``tests/data/broken`` are validated, position by position, by
``tests/formats/test_load.py`` (in-process and through the command); here: the extra
refused files, a file over the size limit, and every valid-but-hostile file.
"""

from __future__ import annotations

import pytest
from hostile_corpus import DATA, LOCATED, WHOLE_FILE, extra_refused, literals, run_briefing


@pytest.fixture(scope="module")
def validated_refused(huge_file):
    names = [str(case.path.relative_to(DATA)) for case in extra_refused()] + [str(huge_file.path)]
    return run_briefing("validate", *names, cwd=DATA)


def test_refused_files_exit_1_with_one_clean_line_per_problem(validated_refused):
    assert validated_refused.returncode == 1
    assert "Traceback" not in validated_refused.stdout + validated_refused.stderr
    for line in validated_refused.stderr.splitlines():
        assert LOCATED.match(line) or WHOLE_FILE.match(line), line


@pytest.mark.parametrize("case", extra_refused(), ids=lambda c: c.id)
def test_each_refused_file_is_reported_at_its_first_problem(validated_refused, case):
    shown = str(case.path.relative_to(DATA))
    assert any(case.matches(line, shown) for line in validated_refused.stderr.splitlines()), validated_refused.stderr


def test_the_size_limit_is_checked_before_reading(validated_refused, huge_file):
    assert any(huge_file.matches(line) for line in validated_refused.stderr.splitlines())


def test_every_hostile_file_is_valid_with_warnings_at_most():
    result = run_briefing("validate", *(case.name for case in literals()), cwd=DATA / "hostile")
    assert result.returncode == 0, result.stderr
    for line in result.stderr.splitlines():
        match = LOCATED.match(line) or WHOLE_FILE.match(line)
        assert match and match["message"].startswith("warning: "), line
