"""Hostile but valid text: it prints as written, runs nothing, fetches nothing, and always fits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_helpers import (
    CVE_PAYLOAD,
    HOSTILE,
    all_text,
    finding,
    first_page_image,
    has,
    link_targets,
    page_texts,
    render_file,
    write_brief,
    write_summary,
)
from pypdf import PdfReader


@pytest.mark.parametrize("name", sorted(p.name for p in HOSTILE.glob("*.yaml")))
def test_every_hostile_file_renders_to_a_sound_pdf(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the payloads in these files would write here
    result = render_file(HOSTILE / name, tmp_path / "out.pdf")
    assert result.pages >= 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_markup_prints_literally(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "markup.pdf"
    render_file(HOSTILE / "markup.yaml", out)
    text = all_text(out)
    for phrase in ("Headline with <u>markup</u> & ampersands", "Markup <b>stays</b> text & so do &amp; entities",
                   "<i>tags</i>, <br/>, <para>, <img src=\"file:///etc/passwd\"/>",
                   "<a href=\"javascript:alert(1)\">a link</a>", "<script>alert('x')</script>",
                   "{{ template }} ${HOME} $(touch hostile-shell) %s %n"):
        assert has(text, phrase), phrase
    assert not (tmp_path / "hostile-pwned").exists()


def test_cve_2023_33733_payload_is_text_and_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    payload = CVE_PAYLOAD.replace("{marker}", str(marker))
    summary = write_summary(tmp_path, {
        "source": {"title": payload, "publisher": payload, "authors": [payload]},
        "headline": payload,
        "bluf": payload,
        "themes": [{"id": "t", "label": payload}],
        "actors": [{"id": "a", "name": payload, "kind": "person", "role": payload}],
        "findings": [finding("f1", payload, payload, payload, actors=["a"], theme="t", key_judgment=True)],
        "timeline": [{"date": "2025-05", "event": payload, "finding": "f1"}],
    })
    brief = write_brief(tmp_path, summary, {"title": payload, "subtitle": payload, "author": payload,
                                            "audience": payload, "marking": payload,
                                            "findings": [{"id": "f1", "title": payload, "note": payload}]})
    out = tmp_path / "payload.pdf"
    render_file(brief, out)
    assert not marker.exists()
    text = all_text(out)
    assert has(text, "['os'].system('touch")
    assert has(text, "and 'red'\">exploit</font>")
    assert len(re.findall(r"exploit</font>", "".join(text.split()))) >= 10


def test_links_only_for_http_https_and_mailto(tmp_path):
    for url, linked in (("javascript:alert(1)", False), ("file:///etc/passwd", False),
                        ("https://example.org/a?b=1&c=2", True), ("mailto:desk@example.org", True)):
        summary = write_summary(tmp_path, {"source": {"title": "T", "url": url}, "headline": "H", "bluf": "B",
                                           "findings": [finding("f1", "F", "S")]})
        out = tmp_path / "links.pdf"
        render_file(summary, out)
        targets = link_targets(out)
        assert (url in targets) is linked, (url, targets)
        assert all(re.match(r"^(https?|mailto):", t) or t == "internal" for t in targets)
        assert has(all_text(out), url)  # shown as text either way


def test_nothing_is_fetched_or_embedded_as_an_image(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "markup.pdf"
    render_file(HOSTILE / "markup.yaml", out)
    for page in PdfReader(str(out)).pages:
        xobjects = (page.get("/Resources") or {}).get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())


def test_long_text_flows_across_pages(tmp_path):
    words = " ".join(f"w{i}" for i in range(9000))
    token = "x" * 5000
    quote = " ".join(f"q{i}" for i in range(2500))
    summary = write_summary(tmp_path, {
        "source": {"title": "T"}, "headline": "H", "bluf": words[:20000],
        "actors": [{"id": "a", "name": token, "kind": "person", "role": quote}],
        "findings": [finding("f1", token, words, quote, token, actors=["a"]), finding("f2", "Second", token)],
        "timeline": [{"date": "2025", "event": quote}],
    })
    brief = write_brief(tmp_path, summary, {"title": token, "marking": token,
                                            "findings": [{"id": "f1", "note": words}, {"id": "f2", "note": token}]})
    out = tmp_path / "long.pdf"
    result = render_file(brief, out)
    assert result.pages > 10
    text = "".join(all_text(out).split())
    assert "w0" in text and "w8999" in text and "q2499" in text
    assert text.count("x" * 100) >= 4 * 45  # the long token, broken across lines but all there


def test_urdu_arabic_and_cjk_render_without_missing_glyphs(tmp_path):
    urdu = "اسلام آباد نے واشنگٹن کے ساتھ تعلقات بہتر بنانے کی کوشش کی۔"
    summary = write_summary(tmp_path, {
        "source": {"title": "مضمون: پاکستان", "authors": ["Zoë Ağaoğlu"]},
        "headline": "H", "bluf": f"{urdu} {urdu}",
        "actors": [{"id": "a", "name": "عمران خان", "kind": "person", "role": "中巴经济走廊 · 日本語 · 한국어"}],
        "findings": [finding("f1", "عمران خان اور پاکستان تحریک انصاف", urdu * 4, "العلاقات تتحسن ببطء.", actors=["a"]),
                     finding("f2", "中国与巴基斯坦的战略关系", "战略关系超越了美中竞争。" * 20, "历史、战略和安全敏感性"),
                     finding("f3", "Diacritics: Dār, Münir, Łódź, São Paulo ✓ → € ½", "Ñandú, Øresund, Đặng.")],
    })
    brief = write_brief(tmp_path, summary, {"title": "بریف: پاکستان اور امریکہ", "marking": "غیر درجہ بند // UNCLASSIFIED",
                                            "findings": [{"id": "f1", "note": urdu}, {"id": "f2"}, {"id": "f3"}]})
    out = tmp_path / "scripts.pdf"
    result = render_file(brief, out)
    assert result.warnings == ()
    text = all_text(out)
    for phrase in ("中国与巴基斯坦的战略关系", "Łódź", "São Paulo", "Øresund", "Đặng", "日本語"):
        assert has(text, phrase), phrase
    assert len(page_texts(out)) == result.pages


def test_a_character_no_font_has_is_reported_by_field(tmp_path):
    summary = write_summary(tmp_path, {"source": {"title": "T"}, "headline": "H", "bluf": "B",
                                       "findings": [finding("kf-x", "Fine", "Private use \U0010fffd here")]})
    result = render_file(summary, tmp_path / "missing.pdf")
    assert result.warnings == ("finding kf-x statement: no font covers U+10FFFD",)


def test_right_to_left_text_starting_with_a_slash_is_read_aloud_as_written(tmp_path):
    """A structure element's /ActualText is a text string whatever the text: one that starts with '/'
    was written as a PDF name (mangled, and not text: a screen reader read nothing useful)."""
    import pikepdf

    source = tmp_path / "slash.yaml"
    text = (Path(__file__).parents[1] / "data" / "valid" / "mini.yaml").read_text(encoding="utf-8")
    text = text.replace("bluf: The bottom line, stated plainly.", 'bluf: "/עולם and (more) text"')
    text = text.replace("statement: What the analyst concludes.", 'statement: "/שלום \\\\ world"')
    source.write_text(text, encoding="utf-8")
    render_file(source, tmp_path / "slash.pdf")
    with pikepdf.open(tmp_path / "slash.pdf") as pdf:
        actual = [obj.ActualText for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/ActualText" in obj]
    assert actual and all(isinstance(value, pikepdf.String) for value in actual), [repr(v) for v in actual]
    read = [str(value) for value in actual]
    assert "/עולם and (more) text" in read
    assert any(value.startswith("/שלום \\ world") for value in read), read  # then its note's number


def test_a_link_to_an_address_outside_ascii_is_written_as_ascii(tmp_path):
    """A PDF's /URI is 7-bit ASCII (ISO 32000-1, 12.6.4.7): an address with other characters is
    written with them percent-encoded as UTF-8, as a browser sends it. Written as a text string it
    became UTF-16 (or Latin-1) bytes that no viewer opens as the address."""
    import pikepdf

    source = tmp_path / "iri.yaml"
    text = (Path(__file__).parents[1] / "data" / "valid" / "mini.yaml").read_text(encoding="utf-8")
    source.write_text(text.replace("url: https://example.org/article", 'url: "https://example.org/wiki/東京?q=straße"'),
                      encoding="utf-8")
    render_file(source, tmp_path / "iri.pdf")
    with pikepdf.open(tmp_path / "iri.pdf") as pdf:
        uris = [bytes(annot.A.URI) for page in pdf.pages for annot in page.get("/Annots", [])
                if "/A" in annot and "/URI" in annot.A]
    assert b"https://example.org/wiki/%E6%9D%B1%E4%BA%AC?q=stra%C3%9Fe" in uris, uris
    assert all(uri.isascii() for uri in uris), uris


def test_invisible_format_characters_draw_nothing(tmp_path):
    """Bidi marks, embeddings, isolates, the word joiner, the zero-width space and the byte-order mark
    draw as nothing, in every face: the page looks exactly as it does without them. Noto Sans maps
    some of them to a visible sliver (U+200E, U+202A) or a 0.6 em blank (U+2060; the isolates in
    italic) for editors that show invisibles, which the brief drew over its letters."""

    def write(folder: Path, mark: str) -> Path:
        summary = write_summary(folder, {
            "source": {"title": mark.join(("Source", "title"))},
            "headline": mark.join(("Bold", "headline")),
            "bluf": mark.join(("Bottom", "line")) + " " + mark.join(("and", "more")),
            "findings": [finding("f1", mark.join(("Finding", "title")), mark.join(("Plain", "statement")),
                                 mark.join(("Quoted", "words")), confidence="low")],
        })
        return write_brief(folder, summary, {"title": mark.join(("Brief", "title")),
                                             "findings": [{"id": "f1", "note": mark.join(("Italic", "note"))}]})

    _assert_marks_draw_nothing(tmp_path, write, "\u200e\u2060\u202a\u202c\u2066\u2069\ufeff\u200b\u180e\ufe0f")


def test_soft_hyphens_in_right_to_left_text_draw_nothing(tmp_path):
    """A soft hyphen inside an Urdu word draws nothing: the page looks exactly as it does without
    it. Right-to-left paragraphs drew it as a hyphen in the middle of every word that had one
    (found by the red team: 'پاکس-تان')."""

    def write(folder: Path, mark: str) -> Path:
        words = mark.join(("پاکس", "تان")) + " " + mark.join(("اسلام", "آباد"))
        return write_summary(folder, {
            "source": {"title": "Source"},
            "headline": words,
            "bluf": " ".join([words] * 30),
            "findings": [finding("f1", words, words, mark.join(("اردو", "زبان")), confidence="low")],
        })

    _assert_marks_draw_nothing(tmp_path, write, "\u00ad")


def _assert_marks_draw_nothing(tmp_path: Path, write, mark: str) -> None:
    """The first page of the document ``write(folder, mark)`` makes looks exactly as it does without ``mark``."""
    from PIL import ImageChops

    pages = []
    for name, joiner in (("plain", ""), ("marked", mark)):
        folder = tmp_path / name
        folder.mkdir()
        out = folder / "out.pdf"
        render_file(write(folder, joiner), out)
        pages.append(first_page_image(out))
    assert ImageChops.difference(*pages).getbbox() is None
