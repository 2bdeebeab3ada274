"""Random damage to valid files only ever yields clean, located diagnostics: never an exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.formats.load import check

VALID = Path(__file__).resolve().parent.parent / "data" / "valid" / "mini.yaml"
SOURCE = VALID.read_bytes()
BRIEF = VALID.with_name("mini.brief.yaml").read_bytes()

NASTY = [b":", b"-", b"[", b"]", b"{", b"}", b"&a", b"*a", b"!!python/object ", b"\t", b"\n", b"'", b'"', b"#",
         b"? ", b"|", b">", b"%", b"@", b"`", b"\x00", b"\xff", b"\xe9", b"\x07", b"---\n", b"...\n", b"<<: *a\n"]


@st.composite
def damaged(draw, source: bytes = SOURCE) -> bytes:
    data = bytearray(source)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "duplicate-line", "swap-lines"]))
        at = draw(st.integers(0, len(data)))
        if kind == "insert":
            data[at:at] = draw(st.sampled_from(NASTY))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "replace":
            data[at : at + 1] = draw(st.binary(min_size=1, max_size=3))
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if kind == "duplicate-line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged())
def test_damaged_files_give_clean_diagnostics(tmp_path, data):
    path = tmp_path / "damaged.yaml"
    path.write_bytes(data)
    for diagnostic in check(path):  # must not raise
        assert diagnostic.file == str(path)
        assert diagnostic.line >= 0 and diagnostic.col >= 0
        assert "\n" not in diagnostic.message and diagnostic.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damaged(BRIEF))
def test_damaged_briefs_give_clean_diagnostics(tmp_path, data):
    """A damaged brief over a sound summary: problems in either file come back located, never raised."""
    (tmp_path / "mini.yaml").write_bytes(SOURCE)
    path = tmp_path / "mini.brief.yaml"
    path.write_bytes(data)
    for diagnostic in check(path):
        assert diagnostic.file in (str(path), str(tmp_path / "mini.yaml"))
        assert diagnostic.line >= 0 and diagnostic.col >= 0
        assert "\n" not in diagnostic.message and diagnostic.message
