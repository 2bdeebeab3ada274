"""Text that stays legible on whatever the template paints behind it (WCAG 2 contrast).

Every run's colour is resolved the way PowerPoint resolves it (theme slot
through the slide's colour map, then the brightness tint) and compared with
what lies behind the text box: the topmost filled shape there (the deck's own
panels first, then the layout's and the master's decoration), else the
background. Below ``MINIMUM`` the tint is stepped towards the plain slot
colour, and an accent is shaded darker (or lighter); if that is not enough,
the theme's other text colour (light on dark, dark on light) takes its place
and the deck says so.
"""

from __future__ import annotations

import colorsys
import functools
from dataclasses import replace

from briefing.deck.ooxml.design import LayoutDesign
from briefing.deck.style import Color

MINIMUM = 4.5  # WCAG 2 AA for body text; the deck holds every run to it...
TARGET = 5.0  # ...and aims a little above, so renderers' anti-aliasing of small type keeps it there
_SLOTS = {"text_1": "tx1", "background_1": "bg1", "text_2": "tx2", "background_2": "bg2", "hyperlink": "hlink"}
_TEXT_SLOTS = ("text_1", "background_1", "text_2", "background_2")


@functools.lru_cache(maxsize=4096)  # a deck asks about the same few colours thousands of times
def luminance(rgb: str) -> float:
    """WCAG relative luminance of ``RRGGBB``."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``RRGGBB`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@functools.lru_cache(maxsize=4096)
def tinted(rgb: str, brightness: float) -> str:
    """``rgb`` with DrawingML's lumMod/lumOff brightness applied (in HSL, as PowerPoint does)."""
    if not brightness:
        return rgb
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, saturation = colorsys.rgb_to_hls(r, g, b)
    light = light * (1 - brightness) + brightness if brightness > 0 else light * (1 + brightness)
    return "".join(f"{round(c * 255):02X}" for c in colorsys.hls_to_rgb(hue, min(1.0, max(0.0, light)), saturation))


def resolve(color: Color, layout: LayoutDesign) -> str:
    """The RRGGBB ``color`` shows on a slide of ``layout``."""
    if color.rgb:
        return color.rgb
    slot = _SLOTS.get(color.theme or "", (color.theme or "").replace("_", ""))
    slot = layout.color_map.get(slot, slot)
    return tinted(layout.master.colors.get(slot, "000000"), color.brightness)


class Legibility:
    """Chooses each run's colour against its backdrop; collects one warning per colour it had to replace."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def readable(self, layout: LayoutDesign, behind: tuple[str, ...]) -> bool:
        """True when one of the theme's text colours (or black or white) reads on all of ``behind``."""
        options = [Color(theme=slot) for slot in _TEXT_SLOTS] + [Color(rgb="000000"), Color(rgb="FFFFFF")]
        return any(min(ratio(resolve(c, layout), b) for b in behind) >= TARGET for c in options)

    def color(self, color: Color, layout: LayoutDesign, behind: tuple[str, ...] | None) -> Color:
        """``color``, or the nearest legible one on all of ``behind`` (a fill's colours)."""
        if not behind:
            return color

        def worst(candidate: Color) -> float:
            rgb = resolve(candidate, layout)
            return min(ratio(rgb, b) for b in behind)

        if worst(color) >= TARGET:
            return color
        if color.theme and color.brightness:  # a tint: step it back towards the slot's own colour
            step = 0.1 if color.brightness > 0 else -0.1
            brightness = color.brightness
            while abs(brightness) > 0.05:
                brightness = round(brightness - step, 2)
                candidate = replace(color, brightness=brightness)
                if worst(candidate) >= TARGET:
                    return candidate
        if color.theme and color.theme not in _TEXT_SLOTS:  # an accent: a darker or lighter shade of it first
            for shade in (-0.25, -0.5, 0.4, 0.7):
                candidate = replace(color, brightness=shade)
                if worst(candidate) >= TARGET:
                    return candidate
        options = [Color(theme=slot) for slot in _TEXT_SLOTS] + [Color(rgb="000000"), Color(rgb="FFFFFF")]
        best = max(options, key=worst)
        message = (f"the template's colours leave too little contrast for some text on {' to '.join('#' + b for b in behind)}; "
                   f"it is set in {best.theme.replace('_', ' ') if best.theme else f'#{best.rgb}'} instead")
        if message not in self.warnings:
            self.warnings.append(message)
        return best
