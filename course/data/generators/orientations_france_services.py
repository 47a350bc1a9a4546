"""Orientations de la France Services de Lestrac-sur-Lisère en 2025 : une ligne par orientation.

One row = one person oriented in 2025 by the France Services of the Hauts-de-Lisère towards another
structure of l'Aurelle, with the person's commune and age band, the need, the waiting time before the
structure received them and whether the orientation succeeded (« aboutie »: the person was received, as
the France Services learnt when calling back or at the next visit). Used by M2.1 to read where the
people who reach the France Services come from, and whether orientations succeed less often from the
communes without public transport.

Two places of reception, run by the same team:
- the fixed premises in Lestrac-sur-Lisère: their 570 orientations are exactly those of `territoire_liens`
  (origin S37, one row per orientation, same destinations and counts), so the two tables agree;
- the France Services itinérante (four stops in communes without public transport: Estrabols,
  Cros-de-Lisère, Combelongue-sur-Lisère, Castelvérine), whose 330 orientations `territoire_liens` does not
  list (it keeps the fixed premises' links only).

Calibration (see the data card): the fixed premises' 570 orientations come from the Cour des comptes'
figures (about 3 170 requests per France Services and per year, 82 % handled on the spot; `territoire_liens`).
The itinerant France Services' volume, the communes people come from, their ages, the waiting times and
the success of orientations are hypotheses of realism, stated as such in the card: the success rate falls
when the commune has no public transport, when the structure receives in Corvalès (about an hour away) and
when the wait is long.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import territoire_communes as communes_gen
from . import territoire_liens as liens_gen
from . import territoire_structures as structures_gen

NAME = "orientations_france_services"
SEED = 2026_0611

ANNEE = 2025
LIEU_FIXE = "Lestrac-sur-Lisère"
LIEU_ITINERANT = "France Services itinérante"
ARRETS_ITINERANTS = ["Estrabols", "Cros-de-Lisère", "Combelongue-sur-Lisère", "Castelvérine"]
RAYON_ITINERANT_KM = 7.5  # people come to a stop from their own commune or a neighbouring one

# The itinerant France Services' orientations in 2025 (hypothèses de réalisme): more retirement, MSA and
# CIAS, fewer young people than the fixed premises; a volunteer driving service for people without a car.
ORIENTATIONS_ITINERANTES = {
    "CAF_C": 45, "CPAM_C": 45, "DGFIP": 40, "RETRAITE": 45, "MSA": 45, "FT_L": 15, "MDS_L": 20, "CIAS": 25,
    "ML_L": 8, "NUM_B": 12, "JUSTICE": 5, "MDPH_L": 8, "PCB_L": 5, "MOBI": 2, "COVOIT": 8, "ADIL_L": 2,
}

# The need behind each orientation, in plain words.
BESOINS = {
    "CAF_C": "prestations de la CAF", "CPAM_C": "assurance maladie", "DGFIP": "impôts", "RETRAITE": "retraite",
    "MSA": "protection sociale agricole", "FT_L": "recherche d'emploi", "MDS_L": "accompagnement social",
    "CIAS": "aide sociale", "ML_L": "insertion d'une ou d'un jeune", "NUM_B": "apprendre le numérique",
    "JUSTICE": "accès au droit", "MDPH_L": "handicap", "PCB_L": "budget et dettes", "MOBI": "mobilité",
    "COVOIT": "transport", "ADIL_L": "logement",
}

TRANCHES = ["16-25 ans", "26-44 ans", "45-59 ans", "60-74 ans", "75 ans ou plus"]
# Age bands of the people oriented towards each structure (hypothèses).
AGES = {
    "CAF_C": [15, 48, 25, 9, 3], "CPAM_C": [10, 30, 27, 20, 13], "DGFIP": [6, 30, 30, 22, 12],
    "RETRAITE": [0, 0, 12, 58, 30], "MSA": [4, 20, 30, 28, 18], "FT_L": [14, 46, 35, 5, 0],
    "MDS_L": [14, 50, 28, 6, 2], "CIAS": [4, 18, 22, 26, 30], "ML_L": [100, 0, 0, 0, 0],
    "NUM_B": [2, 10, 20, 38, 30], "JUSTICE": [10, 40, 30, 14, 6], "MDPH_L": [10, 30, 40, 15, 5],
    "PCB_L": [6, 44, 36, 12, 2], "MOBI": [55, 35, 10, 0, 0], "COVOIT": [0, 0, 5, 30, 65],
    "ADIL_L": [15, 40, 25, 12, 8],
}

# Days between the orientation and the moment the structure receives the person (hypothèses): a
# permanence once a month means up to a month; an appointment in Corvalès, one to three weeks.
DELAIS = {
    "CAF_C": (3, 21), "CPAM_C": (5, 25), "DGFIP": (2, 15), "RETRAITE": (10, 40), "MSA": (3, 14), "FT_L": (1, 15),
    "MDS_L": (3, 20), "CIAS": (0, 5), "ML_L": (0, 7), "NUM_B": (1, 7), "JUSTICE": (1, 15), "MDPH_L": (1, 30),
    "PCB_L": (1, 30), "MOBI": (1, 7), "COVOIT": (2, 7), "ADIL_L": (1, 30),
}
EN_VILLE = {"CAF_C", "CPAM_C", "DGFIP", "RETRAITE"}  # received in Corvalès, about an hour away

# Probability that an orientation succeeds (hypothèses de réalisme).
REUSSITE_BASE = 0.88
PENALITE_DESSERTE = {communes_gen.LIGNE: 0.0, communes_gen.TAD: 0.07, communes_gen.AUCUNE: 0.15}
PENALITE_VILLE = {communes_gen.LIGNE: 0.03, communes_gen.TAD: 0.08, communes_gen.AUCUNE: 0.08}
PENALITE_PAR_JOUR = 0.004  # per day of waiting beyond a week
PENALITE_GRAND_AGE = 0.05  # 75 or older

# Fewer orientations in August (the France Services closes two weeks); hypothèse.
POIDS_MOIS = [1.0, 1.0, 1.05, 1.1, 1.0, 0.95, 0.8, 0.5, 1.05, 1.1, 1.05, 0.9]

# A fixed-premises visitor's commune: population × an attraction that decreases with the access time and
# without public transport (hypothèse). Access times are from territoire_communes.
ATTRACTION_DESSERTE = {communes_gen.LIGNE: 1.0, communes_gen.TAD: 0.8, communes_gen.AUCUNE: 0.55}
ECHELLE_TEMPS_MIN = 22.0

COLONNES = ["mois", "lieu_accueil", "commune", "desserte", "tranche_age", "besoin", "structure_orientee", "champ",
            "delai_rdv_jours", "aboutie"]


def orientations_fixes() -> list[tuple[str, int]]:
    """(structure key, number) of the fixed premises: exactly the France Services' links of territoire_liens."""
    return [(destination, nombre) for origine, destination, nombre in liens_gen.liens_france_services()
            if origine == "FS_L"]


def _poids_communes(lisere: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Weights of the communes people come from: to the fixed premises, and to the itinerant stops."""
    fixe = lisere["population"] * [
        ATTRACTION_DESSERTE[d] * math.exp(-(t - communes_gen.MINUTES_FIXES) / ECHELLE_TEMPS_MIN)
        for d, t in zip(lisere["desserte"], lisere["temps_acces_fs_min"])]
    arrets = lisere.loc[ARRETS_ITINERANTS, ["x_km", "y_km"]].to_numpy()
    distances = [min(math.dist((x, y), arret) for arret in arrets) for x, y in zip(lisere["x_km"], lisere["y_km"])]
    itinerant = lisere["population"] * [math.exp(-d / 3.0) if d <= RAYON_ITINERANT_KM else 0.0 for d in distances]
    return fixe / fixe.sum(), itinerant / itinerant.sum()


def _reussite(desserte: str, cle: str, delai: int, tranche: str) -> float:
    p = REUSSITE_BASE - PENALITE_DESSERTE[desserte]
    if cle in EN_VILLE:
        p -= PENALITE_VILLE[desserte]
    p -= PENALITE_PAR_JOUR * max(0, delai - 7)
    if tranche == "75 ans ou plus":
        p -= PENALITE_GRAND_AGE
    return p


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    lisere = communes_gen.generate()
    lisere = lisere[lisere["epci"] == communes_gen.EPCI_RURAL].set_index("commune")
    poids_fixe, poids_itinerant = _poids_communes(lisere)
    fiches = {cle: (nom, champ) for cle, nom, _type, champ, *_ in structures_gen.STRUCTURES}
    mois = np.array(POIDS_MOIS) / sum(POIDS_MOIS)

    plan = [(LIEU_FIXE, cle, n, poids_fixe) for cle, n in orientations_fixes()]
    plan += [(LIEU_ITINERANT, cle, n, poids_itinerant) for cle, n in ORIENTATIONS_ITINERANTES.items()]
    rows = []
    for lieu, cle, nombre, poids in plan:
        ages = np.array(AGES[cle], dtype=float)
        for _ in range(nombre):
            commune = str(rng.choice(poids.index, p=poids.to_numpy()))
            desserte = str(lisere.loc[commune, "desserte"])
            tranche = str(rng.choice(TRANCHES, p=ages / ages.sum()))
            delai = int(rng.integers(DELAIS[cle][0], DELAIS[cle][1] + 1))
            aboutie = "oui" if rng.random() < _reussite(desserte, cle, delai, tranche) else "non"
            rows.append({
                "mois": f"{ANNEE}-{int(rng.choice(12, p=mois)) + 1:02d}",
                "lieu_accueil": lieu,
                "commune": commune,
                "desserte": desserte,
                "tranche_age": tranche,
                "besoin": BESOINS[cle],
                "structure_orientee": fiches[cle][0],
                "champ": fiches[cle][1],
                "delai_rdv_jours": delai,
                "aboutie": aboutie,
            })
    frame = pd.DataFrame(rows, columns=COLONNES)
    ordre = rng.permutation(len(frame))  # the register is kept in order of the month, not of the destination
    frame = frame.iloc[ordre].sort_values("mois", kind="stable").reset_index(drop=True)
    return frame
