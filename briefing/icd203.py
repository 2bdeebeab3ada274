"""The ICD 203 vocabulary for analytic confidence and likelihood.

Intelligence Community Directive 203 fixes the words analysts use for
probability and the ranges they stand for; exports always print the words, and
the PDF adds the range.
"""

from __future__ import annotations

CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "moderate", "high")

# term -> (lowest, highest) probability in percent
LIKELIHOOD_RANGES: dict[str, tuple[int, int]] = {
    "almost no chance": (1, 5),
    "very unlikely": (5, 20),
    "unlikely": (20, 45),
    "roughly even chance": (45, 55),
    "likely": (55, 80),
    "very likely": (80, 95),
    "almost certain": (95, 99),
}
LIKELIHOOD_TERMS: tuple[str, ...] = tuple(LIKELIHOOD_RANGES)

PRIORITIES: tuple[str, ...] = ("high", "medium", "low")


def likelihood_range(term: str) -> str:
    """``'likely'`` -> ``'55–80%'``."""
    low, high = LIKELIHOOD_RANGES[term]
    return f"{low}\u2013{high}%"


def likelihood_rank(term: str | None) -> int:
    """Position on the seven-step scale (1..7), 0 when absent; for shape and position cues."""
    return LIKELIHOOD_TERMS.index(term) + 1 if term in LIKELIHOOD_RANGES else 0


def confidence_rank(level: str | None) -> int:
    """1..3 for low..high, 0 when absent."""
    return CONFIDENCE_LEVELS.index(level) + 1 if level in CONFIDENCE_LEVELS else 0


def describe(confidence: str | None, likelihood: str | None) -> str:
    """One phrase for a finding's judgment, e.g. ``'Likely (55–80%) · moderate confidence'``."""
    parts = []
    if likelihood:
        parts.append(f"{likelihood[0].upper()}{likelihood[1:]} ({likelihood_range(likelihood)})")
    if confidence:
        parts.append(f"{confidence} confidence" if parts else f"{confidence.capitalize()} confidence")
    return " \u00b7 ".join(parts)
