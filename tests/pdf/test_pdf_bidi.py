"""Right-to-left lines: the display order agrees with python-bidi, brackets mirror, Arabic letters join (HarfBuzz)."""

from __future__ import annotations

from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.direction import bidi_levels, display_runs, visual_order
from briefing.pdf import load_style, rlcompat
from briefing.pdf.bidi import BidiParagraph, set_chunk
from briefing.pdf.fontset import FontSet
from briefing.pdf.typeset import Typesetter

# Latin, Arabic letters and digits, European digits, separators, brackets, quotes and marks.
ALPHABET = list("ab Z ابت پک ١٢ 12 .,-+$%()[]“”!؟،") + ["\u0670", "\u064b", "\u06d4"]


def display(text: str, rtl: bool) -> str:
    return "".join(text[i] for i in visual_order(bidi_levels(text, rtl)))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=24), st.booleans())
def test_display_order_matches_python_bidi(text, rtl):
    assert display(text, rtl) == get_display(text, base_dir="R" if rtl else "L")


def test_examples():
    assert display("abc اردو متن 2025 def", rtl=False) == "abc 2025 نتم ودرا def"
    assert display("اردو (متن) 2025", rtl=True) == "2025 )نتم( ودرا"  # mirrored when drawn, below


def test_runs_keep_their_look_and_brackets_mirror():
    text = "پاکستان (bold) ok"
    looks = ["r"] * 9 + ["b"] * 4 + ["r"] * 4
    runs = display_runs(text, looks, rtl=True)
    assert runs == [("r", False, "ok"), ("r", True, ") "), ("b", False, "bold"), ("r", True, "پاکستان (")]
    mirror = str.maketrans("()", ")(")
    drawn = "".join(chunk.translate(mirror)[::-1] if rtl else chunk for _, rtl, chunk in runs)
    assert drawn == "ok (bold) " + "پاکستان"[::-1]  # read right to left: پاکستان (bold) ok


def test_arabic_letters_take_joined_forms():
    assert rlcompat.shaping_available()
    font = FontSet(load_style(None), lambda: "").font_name("arabic", False, False)
    word = "سلام"
    joined, width = set_chunk(word, True, font, 12)
    alone = "".join(set_chunk(letter, True, font, 12)[0] for letter in reversed(word))
    assert alone == word[::-1]  # a lone letter: HarfBuzz leaves it, it is only put in visual order
    assert str(joined) != alone and len(joined) == len(word)  # initial, medial and final forms, in visual order
    assert width > 0
    assert set_chunk("plain English", False, font, 12)[0] == "plain English"


def test_a_right_to_left_paragraph_splits_across_pages_as_a_text_block_does():
    sheet = load_style(None)
    typesetter = Typesetter(sheet, FontSet(sheet, ""))
    block = typesetter.paragraph(" ".join(["اسلام آباد نے واشنگٹن کے ساتھ تعلقات بہتر بنانے کی کوشش کی۔"] * 12), "body", "test")
    assert isinstance(block, BidiParagraph)
    block.wrap(300, 10_000)
    lines, leading = len(block._lines), block.style.leading
    assert lines > 6
    head, tail = block.split(300, leading * 5.5)
    assert len(head._lines) == 5 and head._lines + tail._lines == block._lines  # every line once, in order
    head, tail = block.split(300, leading * (lines - 0.5))  # one line short: a widow...
    assert len(tail._lines) == 2  # ...takes one more line with it
    assert block.split(300, leading * 1.5) == []  # an orphan: the whole paragraph moves on


def test_arabic_script_gives_the_same_bytes_whatever_the_process_shaped_before(tmp_path):
    """ReportLab numbers the joined forms HarfBuzz makes from U+E000 in the order it first meets
    them, process-wide; a batch that shaped a Persian brief first wrote an Urdu brief with other
    codes (other ToUnicode maps) than a one-file export of it. Each document numbers afresh."""
    import subprocess
    import sys

    from pdf_helpers import finding, write_summary

    persian = write_summary(tmp_path, {
        "source": {"title": "Persian"}, "headline": "می‌خواهم به خانه‌ها بروم", "bluf": "کتاب‌های من بالا است",  # lam-alef: two joined forms
        "findings": [finding("f1", "ما می‌رویم", "این یک جمله‌ی فارسی است.", "نقل‌قول")]}, name="a-persian.yaml")
    urdu = write_summary(tmp_path, {
        "source": {"title": "Urdu"}, "headline": "پاکستان اور امریکہ", "bluf": "اسلام آباد نے کوشش کی۔",  # lam-lam-heh: two more
        "findings": [finding("f1", "عمران خان اور پاکستان تحریک انصاف", "یہ ایک اقتباس ہے۔", "وزیر خارجہ اسحاق ڈار")]},
        name="b-urdu.yaml")

    def export(*inputs, out):
        subprocess.run([sys.executable, "-m", "briefing", "export", *map(str, inputs), "-f", "pdf", "-j", "1",
                        "-q", "-o", str(tmp_path / out)], check=True)
        return (tmp_path / out / "b-urdu.pdf").read_bytes()

    assert export(persian, urdu, out="after-persian") == export(urdu, out="alone")
