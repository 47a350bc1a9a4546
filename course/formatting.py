"""French number formatting, in one place: everything people read writes decimals with a comma."""
from __future__ import annotations

from datetime import date

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")


def decimal_fr(value: float, decimals: int | None = None) -> str:
    """A number the French way.

    With `decimals`, exactly that many digits (12.5, 2 → « 12,50 »); without, the shortest form
    (12.50 → « 12,5 », 3.0 → « 3 »). « -0 » never shows.
    """
    text = f"{value:g}" if decimals is None else f"{value:.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")
    return text.replace(".", ",")


def rounded_fr(value: float, decimals: int = 2) -> str:
    """Rounded to `decimals`, shortest form: 12.345 → « 12,35 », 12.3 → « 12,3 », 12.0 → « 12 »."""
    return decimal_fr(round(value, decimals))


def points_fr(value: float) -> str:
    """« 1 point », « 1,5 point », « 2 points » (the plural starts at 2 in French)."""
    return f"{decimal_fr(value)} point" + ("s" if value >= 2 else "")


def count_fr(number: int, singular: str, plural: str | None = None) -> str:
    """« 0 fichier », « 1 cellule », « 16 cellules »: French plurals start at 2."""
    return f"{number} {singular if number < 2 else (plural or singular + 's')}"


def trimmed_fr(value: float, decimals: int = 2) -> str:
    """At most `decimals` decimals, trailing zeros dropped: 12.456 → « 12,46 », 12.5 → « 12,5 », 15.0 → « 15 ».

    Unlike rounded_fr, large numbers keep their decimals: 12345.678 → « 12345,68 » (rounded_fr: « 12345,7 »).
    """
    text = decimal_fr(value, decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def mark_fr(value: float, out_of: float = 20) -> str:
    """A mark out of `out_of`, both written by trimmed_fr: 12.5 → « 12,5/20 », 14.0 → « 14/20 », (3, 8) → « 3/8 »."""
    return f"{trimmed_fr(value)}/{trimmed_fr(out_of)}"


def date_fr(day: date) -> str:
    """« 3 décembre 2026 », « 1er mars 2027 »."""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS_FR[day.month - 1]} {day.year}"
