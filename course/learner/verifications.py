"""Checks that test cells call: one readable line each, with a French message that says what to check.

Test cells are locked cells the learner reads and runs, so each check is one line with literal values
(`proche(part_femmes, 52.4, "…")`), and a failure raises `AssertionError` with a message naming the
variable and what to look at, never the expected value: the hidden tests' figures must not leak through
their messages when a learner reads the feedback of a practice copy.
"""
from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Mapping, Sequence

__all__ = ["existe", "nombre", "proche", "proches", "egaux", "barres", "titre", "axe_nomme"]

TOLERANCE = 0.06  # a percentage is accepted exact or rounded to one decimal (34.875 written 34.9)


def _caller_globals(depth: int = 2) -> dict:
    """The namespace of the cell that called the check (the notebook's, in a kernel)."""
    return sys._getframe(depth).f_globals


def existe(*noms: str) -> None:
    """Each variable exists: the answer cell above was completed and run."""
    variables = _caller_globals()
    for nom in noms:
        assert nom in variables, (
            f"La variable {nom} n'existe pas encore : complétez la cellule de réponse au-dessus, puis exécutez-la."
        )


def nombre(valeur, message: str) -> None:
    """A single number (Python's or numpy's), not a table, a text or a boolean."""
    assert isinstance(valeur, numbers.Number) and not isinstance(valeur, bool), message


def proche(valeur, attendu: float, message: str, tolerance: float = TOLERANCE) -> None:
    """A number within `tolerance` of the expected value."""
    try:
        ecart = abs(float(valeur) - attendu)
    except (TypeError, ValueError):
        raise AssertionError(f"{message} (la valeur trouvée n'est pas un nombre)") from None
    assert not math.isnan(ecart) and ecart <= tolerance, message


def proches(serie, attendus: Mapping, message: str, tolerance: float = TOLERANCE) -> None:
    """Each label of a series (or dict) holds the expected number; the message names the label at fault."""
    for cle, attendu in attendus.items():
        try:
            valeur = serie[cle]
        except (KeyError, IndexError):
            raise AssertionError(f"{message} : l'étiquette « {cle} » manque.") from None
        proche(valeur, attendu, f"{message} : « {cle} ».", tolerance)


def egaux(serie, attendus: Mapping, message: str) -> None:
    """Exact counts per label (the result of `value_counts()`, for instance), in any order."""
    obtenus = dict(serie.items()) if hasattr(serie, "items") else dict(serie)
    assert {cle: int(v) if isinstance(v, numbers.Integral) else v for cle, v in obtenus.items()} == dict(attendus), message


def _longueurs(ax) -> tuple[list[float], list[float]]:
    return [barre.get_height() for barre in ax.patches], [barre.get_width() for barre in ax.patches]


def _horizontales(ax) -> bool:
    hauteurs, largeurs = _longueurs(ax)
    return len(ax.patches) > 0 and len({round(h, 6) for h in hauteurs}) == 1 and len({round(w, 6) for w in largeurs}) > 1


def barres(ax, n: int | None = None, hauteurs: Sequence[float] | None = None, message: str = "",
           tolerance: float = 0.5) -> None:
    """A bar chart in `ax`: `n` bars, whose lengths, in any order, are `hauteurs` (vertical or horizontal bars)."""
    if n is not None:
        assert len(ax.patches) == n, (  # the expected count is the author's to say, in `message`
            f"Le graphique a {len(ax.patches)} barre(s) : ce n'est pas le nombre attendu. {message}".strip()
        )
    if hauteurs is not None:
        attendues = sorted(hauteurs)
        verticales, horizontales = _longueurs(ax)
        longueurs = sorted(horizontales if _horizontales(ax) else verticales)
        assert len(longueurs) == len(attendues) and all(
            abs(obtenue - attendue) <= tolerance for obtenue, attendue in zip(longueurs, attendues)
        ), message or "La longueur des barres ne correspond pas aux valeurs à représenter."


def titre(ax) -> None:
    """The chart has a title."""
    assert ax.get_title().strip() != "", 'Le graphique n\'a pas de titre : ajoutez ax.set_title("...").'


def axe_nomme(ax, axe: str | None = None, colonne: str | None = None) -> None:
    """The axis of the values is named: y for vertical bars, x for horizontal ones (or the axis given).

    pandas names the axis of the categories after the column it grouped or counted (« type_entretien »):
    with `colonne`, that name is refused too, since a reader, or a screen reader, needs words.
    """
    axe = axe or ("x" if _horizontales(ax) else "y")
    etiquette = ax.get_xlabel() if axe == "x" else ax.get_ylabel()
    nom = "horizontal" if axe == "x" else "vertical"
    assert etiquette.strip() != "", f'L\'axe {nom} n\'a pas de titre : ajoutez ax.set_{axe}label("...").'
    assert colonne is None or etiquette.strip() != colonne, (
        f"L'axe {nom} porte encore le nom de la colonne ({colonne}), écrit par pandas : donnez-lui un titre lisible "
        f'avec ax.set_{axe}label("...").'
    )
