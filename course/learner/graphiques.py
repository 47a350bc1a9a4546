"""The course's colours for the learners' own charts.

Learners draw with pandas and matplotlib, whose default colours (tab10) put a red beside a green: the two
that most colour-blind readers confuse. `palette_du_cours()` gives matplotlib the course's category colours
(`course.palette.CATEGORY_COLOURS`, Okabe–Ito), so that a learner's chart looks like the course's and stays
readable; every notebook's setup cell calls it, and a learner may call it in a notebook of their own.

It changes matplotlib's settings only when called, never on import (see tests/test_imports.py), and only the
colour cycle: the first colour, the one a single series gets, is `ACCENT`.
"""
from __future__ import annotations

from ..palette import CATEGORY_COLOURS

__all__ = ["palette_du_cours"]


def palette_du_cours() -> None:
    """Donne aux graphiques suivants les couleurs du cours, qui restent distinctes pour les personnes daltoniennes.

    Une seule série (un diagramme en barres) prend la première couleur, un bleu ; plusieurs séries (les couches
    d'une carte, les courbes d'un graphique) prennent les suivantes, dans l'ordre. La couleur ne doit pourtant
    jamais porter seule une information : un titre, des axes nommés, une légende et, s'il le faut, une forme de
    point ou des hachures disent la même chose.
    """
    import matplotlib  # imported when called: importing this module changes nothing
    from cycler import cycler

    matplotlib.rcParams["axes.prop_cycle"] = cycler(color=list(CATEGORY_COLOURS))
