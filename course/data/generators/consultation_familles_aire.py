"""Consultation des familles de l'aire d'accueil de Bellefage (fictive) avant les travaux, décembre 2025.

One row = one household that answered the association's short questionnaire (31 of the 38 households who
stayed on the aire in 2025): how long it has been coming, whether children go to school from the aire,
its first priority during the works, the works' option it prefers, and its agreement with the prepaid
water and electricity badge (1 = pas du tout d'accord … 4 = tout à fait d'accord).

Every count is fixed by the author (hypothèses de réalisme, see the data card): households with children at
school mostly prefer works in stages (they keep a place near the school), households without children are
more open to a temporary relocation; agreement with the badge is lower for households whose first priority
is the price. The seed only shuffles the rows and draws the lengths of stay.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NAME = "consultation_familles_aire"
SEED = 2312

MENAGES_2025 = 38  # households who stayed on the aire at least once in 2025
OPTIONS = ("A : travaux en été", "B : relogement temporaire", "C : travaux par tranches")
PRIORITES = ("scolarité", "santé", "travail", "sanitaires", "tarif")

# (enfants_scolarises, priorite, option_preferee index, accord_badge, number of households): 31 households.
GROUPES = [
    ("oui", "scolarité", 2, 3, 4), ("oui", "scolarité", 2, 2, 2), ("oui", "scolarité", 0, 3, 2),
    ("oui", "scolarité", 0, 2, 1),
    ("oui", "santé", 2, 2, 1), ("oui", "santé", 0, 3, 1),
    ("oui", "travail", 0, 3, 1), ("oui", "travail", 2, 2, 2), ("oui", "travail", 1, 2, 1),
    ("oui", "sanitaires", 2, 4, 1), ("oui", "sanitaires", 0, 3, 1),
    ("oui", "tarif", 2, 1, 1), ("oui", "tarif", 1, 1, 1),
    ("non", "santé", 2, 2, 2), ("non", "santé", 1, 3, 1),
    ("non", "travail", 1, 3, 2), ("non", "travail", 0, 2, 1),
    ("non", "sanitaires", 1, 4, 1), ("non", "sanitaires", 0, 3, 2), ("non", "sanitaires", 2, 3, 1),
    ("non", "tarif", 1, 1, 1), ("non", "tarif", 0, 1, 1),
]


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    lignes = []
    for enfants, priorite, option, accord, nombre in GROUPES:
        for _ in range(nombre):
            # households with children at school tend to come back to the aire for years
            anciennete = int(rng.integers(6, 97) if enfants == "oui" else rng.integers(2, 61))
            lignes.append({"enfants_scolarises": enfants, "priorite": priorite, "option_preferee": OPTIONS[option],
                           "accord_badge": accord, "anciennete_mois": anciennete})
    ordre = rng.permutation(len(lignes))
    tableau = pd.DataFrame([lignes[i] for i in ordre])
    tableau.insert(0, "code_menage", [f"M{i:02d}" for i in range(1, len(tableau) + 1)])
    return tableau[["code_menage", "anciennete_mois", "enfants_scolarises", "priorite", "option_preferee",
                    "accord_badge"]]
