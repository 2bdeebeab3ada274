"""A TrueType font made from the cache of derived data is the font ReportLab parses, attribute for attribute,
and the subsets it embeds, kept for the documents that follow, are the ones ReportLab cuts."""

from __future__ import annotations

import pytest
from pdf_helpers import all_text, finding, has, write_summary
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from briefing.formats.load import open_document
from briefing.pdf import render_pdf_bytes, ttfcache
from briefing.pdf.ttfcache import truetype_font
from briefing.resources import data_dir

FONTS = sorted((data_dir("assets") / "fonts").glob("*.ttf"))


@pytest.mark.parametrize("path", FONTS, ids=lambda p: p.name)
def test_a_cached_font_is_the_font_reportlab_parses(path, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    truetype_font("Probe", path)  # fills the cache
    cached, parsed = truetype_font("Probe", path), TTFont("Probe", str(path))
    assert vars(cached).keys() == vars(parsed).keys()
    assert (cached.fontName, cached.shapable, cached._asciiReadable) == (parsed.fontName, parsed.shapable, parsed._asciiReadable)
    assert type(cached.encoding) is type(parsed.encoding) and vars(cached.encoding) == vars(parsed.encoding)
    ours, theirs = vars(cached.face), vars(parsed.face)
    assert ours.keys() == theirs.keys()
    for name, value in theirs.items():
        if name == "_pdfScale":
            assert [ours[name](v) for v in (1, 7, -293, 2048, 0.5)] == [value(v) for v in (1, 7, -293, 2048, 0.5)]
        else:
            assert type(ours[name]) is type(value) and ours[name] == value, name
            if hasattr(value, "ustr"):
                assert ours[name].ustr == value.ustr, name
    assert cached.face.makeSubset([65, 66, 0x20AC]) == parsed.face.makeSubset([65, 66, 0x20AC])


def test_a_face_cuts_each_list_of_characters_as_reportlab_does_while_others_come_and_go(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    path = data_dir("assets") / "fonts" / "NotoSans-Regular.ttf"
    ours, theirs = truetype_font("Probe", path).face, TTFont("Probe", str(path)).face
    ascii_codes = list(range(128))
    lists = [ascii_codes + [0xE9, 0x2013], ascii_codes + [0x2013, 0xE9], ascii_codes + [0xE9],
             *(ascii_codes + [0x100 + n] for n in range(ttfcache._CUTS_PER_FACE + 1))]  # pushes the first ones out
    for subset in lists + lists[:3]:
        assert ours.makeSubset(subset) == theirs.makeSubset(subset), subset[128:]


def test_documents_rendered_one_after_another_embed_the_fonts_reportlab_would_cut_for_each(tmp_path, monkeypatch):
    """One process (a batch worker, the app) renders documents whose fonts' subsets repeat, differ in their
    characters, or hold the same characters in another order: every PDF is the one ReportLab's own
    subsetting writes, and a repeated subset is not cut again."""
    texts = {"plain": "A plain statement of the facts.", "accents": "Talks \u2013 a na\u00efve fa\u00e7ade caf\u00e9.",
             "reordered": "A fa\u00e7ade \u2013 na\u00efve caf\u00e9 talks.", "arabic": "\u0627\u0644\u0633\u0644\u0627\u0645 peace."}
    sources = {name: write_summary(tmp_path, {"source": {"title": "Talks"}, "headline": "Talks go on", "bluf": "They go on.",
                                              "findings": [finding("f1", "Finding", text)]}, name=f"{name}.yaml")
               for name, text in texts.items()}
    order = ["plain", "accents", "reordered", "arabic", "plain", "accents", "reordered", "arabic"]
    cuts: list[int] = []
    library_cut = TTFontFace.makeSubset
    monkeypatch.setattr(TTFontFace, "makeSubset", lambda face, subset: cuts.append(1) or library_cut(face, subset))

    def render(name: str) -> bytes:
        return render_pdf_bytes(open_document(sources[name]).build())[0]

    kept = []
    for n, name in enumerate(order):
        kept.append(render(name))
        if n == 3:
            first_round = len(cuts)
    assert len(cuts) == first_round, "a subset the process cut before was cut again"
    monkeypatch.setattr(ttfcache._SubsetsKeptFace, "makeSubset", library_cut)
    monkeypatch.setattr(ttfcache._SubsetsKeptFace, "addSubsetObjects", TTFontFace.addSubsetObjects)
    assert kept == [render(name) for name in order]
    assert len(set(kept)) == len(texts)
    for name, data in zip(order, kept):
        out = tmp_path / f"{name}.pdf"
        out.write_bytes(data)
        assert has(all_text(out), texts[name].split()[-1]), name  # the last word: the Arabic one comes out in visual order
