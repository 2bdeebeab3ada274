"""A TrueType font made from the cache of derived data is the font ReportLab parses, attribute for attribute."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFont

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
