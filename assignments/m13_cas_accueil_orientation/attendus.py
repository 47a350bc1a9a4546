"""Expected values for M1.3, computed from the committed `demandes_accueil` register.

The hidden tests and the model answer quote these figures: computing them from the data the learners
load (rather than typing them) keeps both in step with the CSV whenever it changes.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from course import data

COLONNES_PB = ["pb_sante", "pb_emploi", "pb_logement", "pb_addictions", "pb_droits", "pb_budget"]


def attendus() -> dict:
    demandes = data.load("demandes_accueil")
    parts = demandes[COLONNES_PB].mean() * 100
    croisement = pd.crosstab(demandes["pb_logement"], demandes["pb_addictions"])
    croisement_pct = pd.crosstab(demandes["pb_logement"], demandes["pb_addictions"], normalize="index") * 100
    jeunes = demandes[demandes["tranche_age"] == "18-24 ans"]
    orientations_jeunes = jeunes["orientation_principale"].value_counts()
    exemple = (demandes[["pb_sante", "pb_emploi", "pb_logement"]].mean() * 100).sort_values(ascending=False)
    return {
        # the example chart, in words (its text alternative): problem → share (%), highest first, as drawn
        "nb_demandes": len(demandes),
        # rounded half up as a reader would (65.25 → 65,3), where Python's format rounds to even (65,2)
        "parts_exemple": {colonne.removeprefix("pb_").replace("sante", "santé"):
                          float(Decimal(str(part)).quantize(Decimal("0.1"), ROUND_HALF_UP))
                          for colonne, part in exemple.items()},
        # share (%) of requests per problem column, in COLONNES_PB order
        "parts": {k: round(float(v), 4) for k, v in parts.items()},
        "moyenne": round(float(demandes["nb_problematiques"].mean()), 4),
        # (pb_logement, pb_addictions) → counts, then row percentages: the cells of `.stack()` on each table
        "croisement": {(i, j): int(croisement.loc[i, j]) for i in (0, 1) for j in (0, 1)},
        "croisement_pct": {(i, j): round(float(croisement_pct.loc[i, j]), 4) for i in (0, 1) for j in (0, 1)},
        "part_multi": round(float((demandes["nb_problematiques"] >= 2).mean() * 100), 4),
        "nb_jeunes": len(jeunes),
        # most frequent first
        "orientations_jeunes": {str(k): int(v) for k, v in orientations_jeunes.items()},
        "premiere_orientation_jeunes": str(orientations_jeunes.index[0]),
        "seconde_orientation_jeunes": str(orientations_jeunes.index[1]),
    }
