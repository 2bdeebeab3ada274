"""An organisation's layout mapping (``--layouts map.yaml``): which layout each kind of slide uses.

    title: Title Slide              # a layout by its name (any case)
    finding: 2/Title, Content       # MASTER-NUMBER/NAME when several masters share the name
    timeline: Title Only

Kinds: title, bottom_line, finding, timeline, sources, closing; a kind left out
is chosen as without a mapping. Every mistake (an unknown kind, a value that is
not a name, a layout the template does not have) is one located error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.diagnostics import BriefingError
from briefing.formats.yamlread import YamlDocument, read_yaml
from briefing.styles import did_you_mean

ROLES = ("title", "bottom_line", "finding", "timeline", "sources", "closing")


@dataclass(frozen=True)
class LayoutMap:
    """A ``--layouts`` mapping: the template layout pinned for each kind of slide."""

    pins: dict[str, str]  # kind of slide -> layout reference
    document: YamlDocument | None = None

    def missing(self, role: str, known: list[str]) -> BriefingError:
        """The located error for a pinned layout the template does not have."""
        pinned = self.pins[role]
        return self.error(role, f"the template has no layout '{pinned}'{did_you_mean(pinned.rpartition('/')[2], known)}")

    def untitled(self, role: str) -> BriefingError:
        """The located error for a pinned layout that has no place for a slide's title."""
        return self.error(role, f"layout '{self.pins[role]}' has no title placeholder wider than it is tall, and "
                                f"{role.replace('_', ' ')} slides need one (pin a layout with a title, such as 'Title Only')")

    def error(self, role: str, message: str) -> BriefingError:
        """``message``, located at the mapping's line for ``role``."""
        if self.document is None:
            return BriefingError.at("--layouts", message)
        return self.document.error((role,), message)


def read_layout_map(path: str | Path) -> LayoutMap:
    """The mapping at ``path``, checked for its form (the template checks the names)."""
    document = read_yaml(path)
    data = document.data
    if data is None:
        return LayoutMap({}, document)
    if not isinstance(data, dict):
        raise document.error((), "a layout mapping is a mapping of slide kinds to layout names (title: Title Slide)")
    pins = {}
    for key, value in data.items():
        if key not in ROLES:
            raise document.error((key,), f"'{key}' is not a kind of slide{did_you_mean(key, ROLES)}; kinds: {', '.join(ROLES)}", key=True)
        if not isinstance(value, str) or not value.strip():
            raise document.error((key,), f"'{key}' needs a layout name (text), as listed by 'briefing template-info'")
        pins[key] = " ".join(value.split())
    return LayoutMap(pins, document)
