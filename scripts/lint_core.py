"""Keep the core Qt-free: no module under briefing/ may import PySide6 (or any Qt binding).

The desktop app (gui/) imports the core, never the reverse; this rule is what
keeps the core usable on servers without a display.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

FORBIDDEN = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "briefing_gui")


def violations(root: Path):
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in FORBIDDEN:
                    yield f"{path}:{node.lineno}:{node.col_offset + 1}: the core must not import {name}"


def main() -> int:
    root = Path(__file__).resolve().parent.parent / "briefing"
    found = list(violations(root))
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
