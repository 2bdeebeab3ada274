"""The hostile corpus: every input the robustness suite feeds to each entry point, and the outcome it must have.

Two kinds of input:

* ``Refused``: a file every entry point must refuse with one located line,
  ``FILE:LINE:COL: message`` (or ``FILE: message`` when the problem is the file
  as a whole, like its size). The 43 files of ``tests/data/broken`` keep their
  expectations in ``tests/formats/test_load.py`` and are reused from there; the extra
  ones in ``tests/data/hostile/broken`` are pinned here; a file over the size
  limit is made at test time rather than kept in git.
* ``Literal``: a valid but hostile file (``tests/data/hostile/*.yaml``) that
  must export, with the listed phrases printed as written in both outputs.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
BROKEN = DATA / "broken"
HOSTILE = DATA / "hostile"
REFUSED = HOSTILE / "broken"

# One problem line: FILE:LINE:COL: message, or FILE: message for a whole-file problem.
LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<message>\S.*)$")
WHOLE_FILE = re.compile(r"^(?P<file>[^:\n]+): (?P<message>\S.*)$")

# Files the payloads in the hostile corpus would create if anything ran them.
SHELL_MARKERS = ("hostile-pwned", "hostile-shell", "hostile-brief-pwned", "hostile-note", "pwned")

CVE_2023_33733 = (
    "<font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch {marker}') for Word in [ "
    "orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: 1 == 0, '__eq__': lambda self, x: "
    "self.mutated and self.mutated - 1 or True, '__hash__': lambda self: hash(str(self)), }, ) ] ] for orgTypeFun "
    "in [type(type(1))]] and 'red'\">exploit</font>"
)


def sibling_module(folder: str, name: str, as_name: str | None = None):
    """A module of another test folder (``tests/deck/deck_helpers.py``), imported once under its own name,
    or under ``as_name`` when pytest imports that file itself (a conftest, a test module)."""
    as_name = as_name or name
    if as_name not in sys.modules:
        spec = importlib.util.spec_from_file_location(as_name, REPO / "tests" / folder / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[as_name] = module
        spec.loader.exec_module(module)
    return sys.modules[as_name]


def run_briefing(*args: str, **kwargs):
    """``tests/conftest.py``'s helper: the real ``briefing`` command in a subprocess."""
    return sibling_module("", "conftest", as_name="_briefing_tests_conftest").run_briefing(*args, **kwargs)


# -- refused inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    path: Path
    where: str  # "LINE:COL" of the first error, "" when the problem is the file as a whole
    words: str  # words the first error's message contains
    located_in: Path | None = None  # the file the error points into, when not ``path`` (a brief's summary)

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"

    def prefix(self, shown: Path | str | None = None) -> str:
        """How the first error line starts when the input is named ``shown`` (default: its full path)."""
        target = self.located_in or self.path
        if shown is not None and self.located_in is not None:
            shown = Path(shown).parent / self.located_in.name
        name = str(shown if shown is not None else target)
        return f"{name}:{self.where}: " if self.where else f"{name}: "

    def matches(self, line: str, shown: Path | str | None = None) -> bool:
        return line.startswith(self.prefix(shown)) and self.words in line


EXTRA_REFUSED = {
    # name: (LINE:COL, words, file the error points into)
    "binary.yaml": ("1:1", "not valid UTF-8 (byte 0x89)", None),
    "broken-summary.brief.yaml": ("6:5", "missing required field 'statement' in findings[1]", "crlf-missing-field.yaml"),
    "complex-key.yaml": ("3:3", "a mapping key must be plain text", None),
    "crlf-missing-field.yaml": ("6:5", "missing required field 'statement' in findings[1]", None),
    "empty.yaml": ("1:1", "file is empty", None),
    "include-tag.yaml": ("2:17", "tag '!include' is not allowed", None),
    "long-line-error.yaml": ("6:12091", "'confidence' is 'extreme'", None),
    "merge-key.yaml": ("8:5", "missing required field 'label' in themes[2]", None),
    "summary-is-a-folder.brief.yaml": ("2:10", "summary file '.' not found", None),
    "utf16.yaml": ("1:1", "not valid UTF-8 (byte 0xff)", None),
}


def pinned_broken() -> list[Refused]:
    """The 43 files of ``tests/data/broken``, with ``tests/formats/test_load.py``'s expectations."""
    table = sibling_module("formats", "test_load", as_name="_broken_corpus_expectations").EXPECTED
    return [Refused(BROKEN / f"{name}.yaml", where, words) for name, (where, words) in sorted(table.items())]


def extra_refused() -> list[Refused]:
    """``tests/data/hostile/broken``: encodings, YAML corners, CRLF, a 12,000-column line, briefs over bad summaries."""
    found = sorted(p.name for p in REFUSED.glob("*.yaml"))
    assert found == sorted(EXTRA_REFUSED), "every file in tests/data/hostile/broken needs an expectation here"
    return [
        Refused(REFUSED / name, where, words, REFUSED / inside if inside else None)
        for name, (where, words, inside) in sorted(EXTRA_REFUSED.items())
    ]


def all_refused() -> list[Refused]:
    return pinned_broken() + extra_refused()


def make_huge_file(folder: Path) -> Refused:
    """A summary one byte over the size limit (16 MiB): refused before it is parsed."""
    from briefing.formats import yamlread as yamlsafe

    path = folder / "huge.yaml"
    head = b"format: summary/1\nsource: {title: T}\nheadline: H\nbluf: B\nfindings: []\n# "
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(yamlsafe.MAX_BYTES + 1)  # sparse: cheap to make
    return Refused(path, "", "file is too large")


# -- valid but hostile inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    name: str  # file in tests/data/hostile
    phrases: tuple[str, ...]  # in the deck (whitespace folded) and in the PDF (whitespace ignored)
    deck_only: tuple[str, ...] = ()  # right-to-left text and emoji: the PDF holds them shaped, in visual order
    # Runs of one letter: whole in the deck; in the PDF, where page heads interrupt them, the letter counted.
    long_tokens: tuple[str, ...] = ()
    pdf_pages_at_least: int = 1

    @property
    def path(self) -> Path:
        return HOSTILE / self.name


def _finding_text(name: str, index: int, key: str) -> str:
    with open(HOSTILE / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["findings"][index][key]


_LONG_TITLE = _finding_text("long-token.yaml", 0, "title")
_LONG_STATEMENT = _finding_text("long-token.yaml", 0, "statement")
_SIX_QUOTES = tuple(" ".join(e["quote"].split()) for e in _finding_text("six-long-quotes.yaml", 0, "evidence"))
_HUGE_WORDS = _finding_text("huge-statement.yaml", 0, "statement").split()

LITERALS = [
    Literal("bidi-controls.yaml", ("Invisible characters are kept as written", "Trojan source: access",
                                   "stacks combining marks", "are one grapheme each"),
            deck_only=("access\u202e level \u2066admin\u2069 check", "An override \u202eevil\u202c ends here",
                       "Zero\u200bwidth space, joiner\u200d", "Family emoji \U0001f468\u200d\U0001f469\u200d\U0001f467")),
    Literal("control-escapes.yaml", ("Vertical tab, NUL and bell are replaced", "Form feed and escape too", "quote with control")),
    Literal("empty-findings.yaml", ("Hostile test article",)),
    Literal("empty-selection.brief.yaml", ("A brief that selects nothing yet", "BLUF with <strike>markup</strike> and \\n literal")),
    Literal("file-link.yaml", ("file:///etc/passwd", "A file: URL is printed, never opened")),
    Literal("huge-statement.yaml", (" ".join(_HUGE_WORDS[:4]), " ".join(_HUGE_WORDS[-4:])), pdf_pages_at_least=5),
    Literal("links-evasion.yaml", ("JaVaScRiPt:alert(document.domain)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                                   "vbscript:msgbox(1)", "java&#115;cript:alert(1) and jav&#x09;ascript:alert(1)")),
    Literal("links.yaml", ("javascript:alert(document.cookie)", "Publisher <b>Inc</b>",
                           "see javascript:alert(1) and file:///etc/passwd")),
    Literal("long-token.yaml", ("tail-of-statement",), long_tokens=(_LONG_TITLE, _LONG_STATEMENT.split()[0]), pdf_pages_at_least=2),
    Literal("markup.brief.yaml", ("Brief <b>title</b> &", "['os'].system('touch hostile-brief-pwned')",
                                  "Override <b>headline</b> & <a href=\"javascript:alert(1)\">link</a>",
                                  "Note <font color=\"red\">red?</font> $(touch hostile-note) {{ note }}",
                                  "SECRET <B>//</B> NOT REALLY &AMP;")),
    Literal("markup.yaml", ("Headline with <u>markup</u> & ampersands", "Markup <b>stays</b> text & so do &amp; entities",
                            "<i>tags</i>, <br/>, <para>, <img src=\"file:///etc/passwd\"/>",
                            "<a href=\"javascript:alert(1)\">a link</a>", "<script>alert('x')</script>",
                            "{{ template }} ${HOME} $(touch hostile-shell) %s %n",
                            CVE_2023_33733.replace("{marker}", "hostile-pwned"))),
    Literal("rtl-cjk-emoji.brief.yaml", ("中文注释：战略关系。 English after CJK.", "中巴关系 · 日本語 · 한국어", "UNCLASSIFIED"),
            deck_only=("بریف: پاکستان اور امریکہ", "عنوان کی تبدیلی with English", "اردو نوٹ")),
    Literal("rtl-cjk-emoji.yaml", ("中国与巴基斯坦的战略关系 — 日本語 — 한국어", "战略关系超越了美中竞争。",
                                   "Diacritics: Ishaq Dār, Münir, Łódź, São Paulo, Ñandú, Øresund."),
            # in a right-to-left paragraph the English words are laid out, and extracted, in visual order
            deck_only=("Mixed with English text.", "عمران خان اور پاکستان تحریک انصاف", "یہ ایک اقتباس ہے", "پاکستان BLUF 巴基斯坦 mixed 🇵🇰",
                       "Emoji and symbols survive 🇵🇰 🤝 🇺🇸 ✓ → € ™ ½")),
    Literal("six-long-quotes.yaml", _SIX_QUOTES),
    Literal("whitespace.yaml", ("Leading and trailing spaces", "Line one Line two After blank lines tab", "spaced quote")),
    Literal("yaml-surprises.yaml", ("1984", "3.10", "1e3", "0x1F", "1_000", "Norway", "null, off, 2025-07")),
]


def literals() -> list[Literal]:
    on_disk = sorted(p.name for p in HOSTILE.glob("*.yaml"))
    assert on_disk == sorted(x.name for x in LITERALS), "every file in tests/data/hostile needs its phrases here"
    assert all(len(set(token)) == 1 for x in LITERALS for token in x.long_tokens)
    return LITERALS
