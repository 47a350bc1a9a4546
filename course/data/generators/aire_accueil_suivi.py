"""Suivi mensuel de l'aire d'accueil des gens du voyage de Bellefage (fictive), de janvier 2023 à décembre 2025.

One row = one month of the aire's management report: occupation of the places on open days, households
and schoolchildren present, days of closure, unpaid water and electricity bills, water consumption.
Used by M2.3 (the concertation before 10 weeks of works): the seasons of occupation weigh on the choice of
the works' calendar, the arrears on the prepaid badge the agglomeration wants to install.

Legal frame only (see the data card): an aire permanente d'accueil is divided into emplacements of two
places, each with individual water and electricity meters, and stays open all year; a closure of more
than a month needs the préfet's derogation (décret n° 2019-1478 du 26 décembre 2019, art. 4 and 5). Every
figure (seasonal occupation, households, children, arrears, consumption) is a hypothesis of realism: no
published series describes one aire month by month.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NAME = "aire_accueil_suivi"
SEED = 2300

PLACES = 24  # 12 emplacements of two places (décret 2019-1478, art. 5)
ANNEES = (2023, 2024, 2025)
SAISONS = {12: "hiver", 1: "hiver", 2: "hiver", 3: "printemps", 4: "printemps", 5: "printemps",
           6: "été", 7: "été", 8: "été", 9: "automne", 10: "automne", 11: "automne"}
JOURS_DU_MOIS = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}

# Mean occupation of the places on open days, by calendar month (hypothèse de réalisme): families who
# travel for work or family gatherings leave in summer; the aire fills up from autumn to winter.
OCCUPATION_MOIS = {1: 91, 2: 90, 3: 86, 4: 82, 5: 78, 6: 68, 7: 55, 8: 50, 9: 79, 10: 87, 11: 90, 12: 89}
# Days of closure: the yearly maintenance in August, and the repair of the water leak of November 2024.
FERMETURES = {(2023, 8): 12, (2024, 8): 10, (2024, 12): 4, (2025, 8): 12}
# Water leak on the network in November 2024 (consumption × 1.7), repaired in December.
FUITE = (2024, 11)
FACTEUR_FUITE = 1.7
EAU_M3_PAR_PLACE_JOUR = 0.11
PLACES_PAR_MENAGE = 1.6  # a household has one or two caravans
# Fluids billed per occupied place and day (€), winter heating included, and the share left unpaid, which
# rises from year to year (hypothèses de réalisme: higher electricity bills, a few households in difficulty).
FLUIDES_EUR_PLACE_JOUR = {"hiver": 4.6, "printemps": 3.3, "été": 2.6, "automne": 3.6}
PART_IMPAYEE = {2023: 0.075, 2024: 0.105, 2025: 0.145}


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    lignes = []
    for annee in ANNEES:
        for mois in range(1, 13):
            saison = SAISONS[mois]
            jours = JOURS_DU_MOIS[mois]
            fermeture = FERMETURES.get((annee, mois), 0)
            ouverts = jours - fermeture
            taux = float(np.clip(OCCUPATION_MOIS[mois] + rng.normal(0, 2.5), 35, 100))
            places_nuits = PLACES * ouverts * taux / 100
            rotation = {"été": 4, "printemps": 2, "automne": 2, "hiver": 1}[saison]
            menages = int(round(PLACES * taux / 100 / PLACES_PAR_MENAGE + rotation + rng.normal(0, 0.8)))
            if mois in (7, 8):
                # no class in July and August: households present whose children are enrolled for the year
                enfants = int(round(menages * 0.55 + rng.normal(0, 0.8)))
            else:
                enfants = int(round(menages * 0.85 + rng.normal(0, 1.0)))
            eau = places_nuits * EAU_M3_PAR_PLACE_JOUR * rng.normal(1, 0.05)
            if (annee, mois) == FUITE:
                eau *= FACTEUR_FUITE
            factures = places_nuits * FLUIDES_EUR_PLACE_JOUR[saison]
            impayes = factures * PART_IMPAYEE[annee] * rng.normal(1, 0.18)
            lignes.append({
                "mois": f"{annee}-{mois:02d}",
                "annee": annee,
                "saison": saison,
                "taux_occupation": round(taux, 1),
                "nb_menages": max(menages, 1),
                "nb_enfants_scolarises": max(enfants, 0),
                "jours_fermeture": fermeture,
                "impayes_fluides_eur": int(round(max(impayes, 0) / 5) * 5),
                "consommation_eau_m3": int(round(eau)),
            })
    return pd.DataFrame(lignes)
