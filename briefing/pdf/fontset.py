"""Which font sets each character: the style's families, with fallback by coverage.

A ``FontSet`` is made per render from the style sheet and the document's text.
``runs(text, family, bold, italic)`` cuts text into runs that one font can set:
a letter goes to the paragraph's family when that family has it, else to the
first fallback family that does (Arabic script, CJK, symbols); spaces,
punctuation, digits and marks stay with the run they are in when its font has
them. Characters no font covers are reported, so the caller can warn.
Invisible format characters are left out of the runs: nothing draws them.
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.diagnostics import BriefingError
from briefing.pdf import fontfiles
from briefing.pdf.fontfiles import FontFile
from briefing.pdf.stylesheet import FontFamily, StyleSheet
from briefing.text import INVISIBLE

# A face that a family lacks falls back to these, in order.
_FACE_ORDER = {
    (False, False): ("regular",),
    (True, False): ("bold", "regular"),
    (False, True): ("italic", "regular"),
    (True, True): ("bolditalic", "bold", "italic", "regular"),
}

# The characters that show nothing (briefing.text.INVISIBLE), which fonts map to a mark or a
# blank for editors that show invisibles (Noto Sans: a visible sliver for U+202E, a 0.6 em blank
# for U+2060), so they never reach a run. Their work is done before: python-bidi reads the controls
# when it orders a line. Kept: the soft hyphen (TextBlock breaks words there) and the zero-width
# (non-)joiner, which steer how HarfBuzz joins Arabic letters and emoji.
_INVISIBLE = INVISIBLE - {"\u00ad", "\u200c", "\u200d"}


@dataclass
class _Family:
    name: str
    files: dict[str, FontFile]
    cover: frozenset[int]
    registered: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def characters(self) -> frozenset[str]:
        """``cover`` as characters less the invisible ones, for one set test per string that
        may take the whole string as one run (kept: a font file is slow to hash)."""
        return fontfiles.characters(self.files["regular"]) - _INVISIBLE


class FontSet:
    def __init__(self, sheet: StyleSheet, text: str | Callable[[], str]):
        """``text``: every character the document may set, or a function that gives them.

        They are needed only to cut down a font that cannot be embedded whole (a
        CFF-flavoured one, such as Noto Sans CJK), so a function is called only then.
        """
        self.sheet = sheet
        self._text = text
        self._characters: str | None = None
        self._families: dict[str, _Family | None] = {}
        self._choice: dict[tuple[str, int], _Family | None] = {}
        self._names: dict[tuple[int, bool, bool], str] = {}  # (id of a family held here, bold, italic) -> ReportLab name
        self._whole: dict[tuple[str, bool, bool], tuple[frozenset[str], str]] = {}  # see runs
        self._last_resort: _Family | None | bool = False  # False: not made yet
        for name in {p.font for p in sheet.paragraphs.values()}:
            if self.family(name) is None:
                message = fontfiles.not_found(name, sheet.families[name].faces["regular"])
                if sheet.error_at is None:
                    raise BriefingError.at(str(sheet.path), message)
                raise sheet.error_at(("fonts", "families", name, "regular"), message)

    @property
    def characters(self) -> str:
        if self._characters is None:
            text = self._text() if callable(self._text) else self._text
            self._characters = "".join(sorted(set(text)))
        return self._characters

    # -- families and faces ------------------------------------------------------------------
    def family(self, name: str) -> _Family | None:
        """A family of the sheet, or None when its regular font is not on this system."""
        if name not in self._families:
            self._families[name] = self._open(self.sheet.families[name])
        return self._families[name]

    def _present(self, name: str) -> _Family:
        """A family the sheet's paragraphs use: making the set checked that its regular font is here."""
        family = self.family(name)
        if family is None:
            raise KeyError(f"font family '{name}' has no regular font on this system")
        return family

    def _open(self, spec: FontFamily) -> _Family | None:
        files = {}
        for face, candidates in spec.faces.items():
            for candidate in candidates:
                path = fontfiles.locate(candidate, self.sheet.folder)
                if path is not None:
                    with self._located(spec, face, path):
                        state = fontfiles.file_state(path)
                        files[face] = FontFile(path, fontfiles.collection_index(path, spec.face_name, state), state)
                    break
        if "regular" not in files:
            return None
        with self._located(spec, "regular", files["regular"].path):
            cover = fontfiles.coverage(files["regular"])
        return _Family(spec.name, files, cover)

    @contextlib.contextmanager
    def _located(self, spec: FontFamily, face: str, path: Path):
        """A font file the font libraries cannot read: an error at the line of the sheet that names it."""
        try:
            yield
        except BriefingError:
            raise
        except Exception as exc:  # noqa: BLE001 - fontTools and ReportLab raise many kinds for a damaged file
            detail = " ".join(str(exc).split())[:120] or type(exc).__name__
            raise self.sheet.error_at(("fonts", "families", spec.name, face),
                                      f"font family '{spec.name}': cannot use '{path.name}' ({detail})") from None

    def font_name(self, family: str | _Family, bold: bool = False, italic: bool = False) -> str:
        """The ReportLab name of a family's face, registering the font on first use.

        Asked for every run of text: the answer is kept for this document (a cut-down
        font's name depends on the document's characters, so it is not kept longer)."""
        fam = self._present(family) if isinstance(family, str) else family
        key = (id(fam), bool(bold), bool(italic))  # the families live as long as this set
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = self._face_name(fam, key[1], key[2])
        return name

    def _face_name(self, fam: _Family, bold: bool, italic: bool) -> str:
        face = _face_of(fam, bold, italic)
        if face not in fam.registered:
            with self._located(self.sheet.families[fam.name], face, fam.files[face].path):
                fam.registered[face] = fontfiles.register(fam.files[face], lambda: self.characters)
        return fam.registered[face]

    def register_whole_fonts(self) -> None:
        """Register the faces the sheet's paragraphs set that are embedded whole (TrueType outlines),
        as their first use would: a batch does this before it forks its workers, which then share
        them instead of each registering them again. A face cut down to each document's characters
        (CFF outlines) is left for the documents."""
        for spec in self.sheet.paragraphs.values():
            fam = self._present(spec.font)
            if fontfiles.has_truetype_outlines(fam.files[_face_of(fam, spec.bold, spec.italic)]):
                self.font_name(fam, spec.bold, spec.italic)

    # -- runs --------------------------------------------------------------------------------------
    def runs(self, text: str, family: str, bold: bool = False, italic: bool = False) -> tuple[list[tuple[str, str]], set[int]]:
        """``[(font name, text), ...]`` covering ``text``, and the code points no font has."""
        whole = self._whole.get((family, bold, italic))
        if whole is None:  # the family's characters and this face's name, for the test most text passes
            fam = self._present(family)
            whole = self._whole[(family, bold, italic)] = (fam.characters, self.font_name(fam, bold, italic))
        if whole[0].issuperset(text):
            return [(whole[1], text)], set()
        primary = self._present(family)
        missing: set[int] = set()
        out: list[tuple[_Family, list[str]]] = []
        current: _Family | None = None
        for ch in text:
            if ch in _INVISIBLE:
                continue
            cp = ord(ch)
            if current is not None and cp in current.cover and not _is_letter(ch):
                chosen = current
            else:
                found = self._family_for(primary, cp)
                if found is not None:
                    chosen = found
                else:
                    if unicodedata.category(ch) in ("Cf", "Cc", "Mn") and not ch.isspace():
                        continue  # joiners, direction marks, variation selectors: nothing to draw
                    missing.add(cp)
                    last = self.last_resort()
                    chosen = last if last is not None and cp in last.cover else current or primary
            if out and out[-1][0] is chosen:
                out[-1][1].append(ch)
            else:
                out.append((chosen, [ch]))
            current = chosen
        return [(self.font_name(fam, bold, italic), "".join(chars)) for fam, chars in out], missing

    def last_resort(self) -> _Family | None:
        """A family that draws, as boxes, the document's characters no family of the sheet has.

        They keep their own codes, so the text layer still holds them (an emoji
        can be searched for and read aloud even where no font draws it).
        """
        if self._last_resort is False:
            families = [f for f in (self.family(name) for name in self.sheet.families) if f is not None]
            uncovered = frozenset(
                ord(ch) for ch in self.characters
                if not any(ord(ch) in f.cover for f in families)
                and not (unicodedata.category(ch) in ("Cf", "Cc", "Mn", "Zs", "Zl", "Zp") or ch.isspace())
            )
            if uncovered:
                name = fontfiles.register_last_resort(uncovered)
                self._last_resort = _Family("last resort", {"regular": None}, uncovered, {"regular": name})  # type: ignore[dict-item]
            else:
                self._last_resort = None
        return self._last_resort  # type: ignore[return-value]

    def _family_for(self, primary: _Family, cp: int) -> _Family | None:
        key = (primary.name, cp)
        if key not in self._choice:
            self._choice[key] = next(
                (f for f in self._chain(primary) if cp in f.cover),
                None,
            )
        return self._choice[key]

    def _chain(self, primary: _Family):
        yield primary
        for name in self.sheet.fallback:
            if name != primary.name:
                fam = self.family(name)
                if fam is not None:
                    yield fam


def _face_of(fam: _Family, bold: bool, italic: bool) -> str:
    """The face of ``fam`` that sets text of this weight and slant: the nearest one it has."""
    return next(face for face in _FACE_ORDER[(bold, italic)] if face in fam.files)


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L"
