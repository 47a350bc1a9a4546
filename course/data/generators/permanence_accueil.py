"""Passages au Point d'accueil social d'un CCAS fictif, mars 2026 (données synthétiques).

One row = one visit (or phone call) to the first-reception desk of the CCAS of a
mid-size French town, over the 22 working days of March 2026. Used by the
onboarding assignment `prise_en_main`. Calibration (see the data card):
- women ≈ 57 % of adults met: Secours Catholique, « État de la pauvreté en France »
  (56,5 % of adults met in 2024, page « Trente ans de pauvreté »);
- 25–50-year-olds ≈ two thirds, people aged 60+ ≈ 10–13 %: Secours Catholique,
  État de la pauvreté 2018 and 2019 (statistiques d'accueil 2017 and 2018);
- most visits without appointment: UNCCAS, « "Vivre" : premier accueil et aides
  facultatives au sein des CCAS/CIAS » (2018 survey: 89 % of CCAS receive without
  appointment, people mostly come on their own);
- main requests = legal benefits and paperwork, then housing and food aid: same
  UNCCAS survey, UNCCAS « Les CCAS/CIAS face au mal-logement » (2018) and Fédération
  française des Banques alimentaires, « Étude Profils 2023 » (women 71 % of food-aid
  respondents, 17 % retired).
Durations and orientation shares are the author's realistic assumptions.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

NAME = "permanence_accueil"
SEED = 2026_03

MONTH_START = dt.date(2026, 3, 1)
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
# Mondays are busier (after the weekend), Wednesday afternoon is for appointments only.
AFFLUENCE_JOUR = [1.25, 1.0, 0.85, 1.0, 0.9]
PASSAGES_PAR_JOUR = 18

TRANCHES = ["16-25 ans", "26-44 ans", "45-59 ans", "60 ans et plus"]
P_TRANCHES = [0.15, 0.41, 0.31, 0.13]
P_FEMME = 0.57

MOTIFS = ["Logement", "Emploi", "Santé", "Droits et prestations", "Budget et dettes", "Alimentation"]
P_MOTIFS = np.array([0.20, 0.13, 0.10, 0.27, 0.12, 0.18])
# Multipliers of the motif shares by age band and by gender (then renormalised).
MOTIF_SELON_AGE = {
    "16-25 ans": [1.3, 2.2, 0.8, 0.8, 0.5, 0.9],
    "26-44 ans": [1.0, 1.1, 0.9, 1.0, 1.0, 1.0],
    "45-59 ans": [1.0, 0.9, 1.0, 1.0, 1.1, 1.0],
    "60 ans et plus": [0.8, 0.1, 1.6, 1.3, 1.3, 1.1],
}
MOTIF_SELON_GENRE = {
    "femme": [0.95, 0.85, 1.0, 1.0, 1.0, 1.2],
    "homme": [1.15, 1.15, 1.0, 1.0, 1.0, 0.8],
}

MODES = ["Sans rendez-vous", "Rendez-vous", "Téléphone"]
P_MODES = np.array([0.55, 0.30, 0.15])
MODE_SELON_MOTIF = {
    "Logement": [1.0, 1.0, 1.0],
    "Emploi": [1.0, 0.9, 1.1],
    "Santé": [1.0, 0.9, 1.2],
    "Droits et prestations": [0.9, 1.2, 1.0],
    "Budget et dettes": [0.6, 2.0, 0.8],
    "Alimentation": [1.3, 0.5, 0.9],
}
DUREE_SELON_MODE = {"Sans rendez-vous": 20, "Rendez-vous": 38, "Téléphone": 11}
DUREE_SELON_MOTIF = {
    "Logement": 6,
    "Emploi": 0,
    "Santé": 1,
    "Droits et prestations": 4,
    "Budget et dettes": 15,
    "Alimentation": -4,
}

ORIENTATIONS = {
    "Logement": [("Traitement sur place", 0.35), ("SIAO/115", 0.25), ("CAF", 0.20),
                 ("Service social départemental", 0.20)],
    "Emploi": [("France Travail", 0.60), ("Traitement sur place", 0.25),
               ("Service social départemental", 0.15)],
    "Santé": [("CPAM", 0.40), ("PASS", 0.25), ("CSAPA", 0.13), ("Traitement sur place", 0.22)],
    "Droits et prestations": [("CAF", 0.40), ("Traitement sur place", 0.35), ("CPAM", 0.10),
                              ("Service social départemental", 0.15)],
    "Budget et dettes": [("Traitement sur place", 0.40), ("Banque de France (surendettement)", 0.25),
                         ("Service social départemental", 0.20), ("Épicerie sociale", 0.15)],
    "Alimentation": [("Épicerie sociale", 0.60), ("Traitement sur place", 0.30),
                     ("Service social départemental", 0.10)],
}
# The Mission locale receives 16–25-year-olds: they are sent there for employment.
ORIENTATIONS_EMPLOI_JEUNES = [("Mission locale", 0.60), ("France Travail", 0.20), ("Traitement sur place", 0.20)]


def _pick(rng: np.random.Generator, options: list[str], weights) -> str:
    weights = np.asarray(weights, dtype=float)
    return options[rng.choice(len(options), p=weights / weights.sum())]


def _jours_ouvres() -> list[dt.date]:
    days = [MONTH_START + dt.timedelta(days=i) for i in range(31)]
    return [day for day in days if day.weekday() < 5]


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    rows = []
    for day in _jours_ouvres():
        jour = JOURS[day.weekday()]
        count = rng.poisson(PASSAGES_PAR_JOUR * AFFLUENCE_JOUR[day.weekday()])
        for _ in range(count):
            tranche = _pick(rng, TRANCHES, P_TRANCHES)
            genre = "femme" if rng.random() < P_FEMME else "homme"
            motif = _pick(rng, MOTIFS, P_MOTIFS * MOTIF_SELON_AGE[tranche] * np.array(MOTIF_SELON_GENRE[genre]))
            mode = _pick(rng, MODES, P_MODES * MODE_SELON_MOTIF[motif] * (
                np.array([1.0, 1.0, 1.5]) if tranche == "60 ans et plus" else 1.0))
            moyenne = DUREE_SELON_MODE[mode] + DUREE_SELON_MOTIF[motif] + (4 if tranche == "60 ans et plus" else 0)
            duree = rng.gamma(shape=6.0, scale=moyenne / 6.0)
            duree = int(min(90, max(5, 5 * round(duree / 5))))
            if motif == "Emploi" and tranche == "16-25 ans":
                choices = ORIENTATIONS_EMPLOI_JEUNES
            else:
                choices = ORIENTATIONS[motif]
            orientation = _pick(rng, [name for name, _ in choices], [w for _, w in choices])
            rows.append({
                "date": day.isoformat(),
                "jour_semaine": jour,
                "tranche_age": tranche,
                "genre": genre,
                "motif": motif,
                "mode_contact": mode,
                "duree_min": duree,
                "orientation": orientation,
            })
    frame = pd.DataFrame(rows)
    frame.insert(0, "id_passage", np.arange(1, len(frame) + 1))
    return frame
