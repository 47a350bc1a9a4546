"""Expected values for M2.3 (the concertation meeting of the aire d'accueil de Bellefage).

Computed from the committed `aire_accueil_suivi` (36 months) and `consultation_familles_aire` (31 households)
datasets, so that the hidden tests, the figures the model answers quote and those of the jury's mark scheme
always match what the learners load.
"""
from __future__ import annotations

import pandas as pd

from course import data

SUIVI, CONSULTATION = "aire_accueil_suivi", "consultation_familles_aire"
MENAGES_2025 = 38  # households who stayed on the aire in 2025: the consultation's base (data card)
SAISONS = ["hiver", "printemps", "été", "automne"]
OPTION_A, OPTION_B, OPTION_C = "A : travaux en été", "B : relogement temporaire", "C : travaux par tranches"
MOIS_FR = {1: "janvier", 2: "février", 3: "mars", 4: "avril", 5: "mai", 6: "juin", 7: "juillet", 8: "août",
           9: "septembre", 10: "octobre", 11: "novembre", 12: "décembre"}


def _pourcent(nombre: int, base: int) -> float:
    return round(100 * nombre / base, 1)


def _milliers(nombre: int) -> str:
    """« 3430 » → « 3 430 »: the course writes thousands with a space."""
    return f"{nombre:,}".replace(",", " ")


def _mois_fr(mois: str) -> str:
    """« 2024-12 » → « décembre 2024 »."""
    annee, numero = mois.split("-")
    return f"{MOIS_FR[int(numero)]} {annee}"


def attendus() -> dict:
    suivi = data.load(SUIVI)
    consultation = data.load(CONSULTATION)
    n = len(consultation)

    # Question 1: mean occupation by season; the example: mean households per year
    par_saison = suivi.groupby("saison")["taux_occupation"].mean().round(1)
    menages_par_an = suivi.groupby("annee")["nb_menages"].mean().round(1)
    # Question 2: arrears per year; the example: water per year (the leak of November 2024 weighs on 2024)
    impayes = suivi.groupby("annee")["impayes_fluides_eur"].sum()
    eau = suivi.groupby("annee")["consommation_eau_m3"].sum()
    fuite = suivi.loc[suivi["consommation_eau_m3"].idxmax()]
    # Question 3: options by households with or without children at school, counts and row percentages
    effectifs = pd.crosstab(consultation["enfants_scolarises"], consultation["option_preferee"])
    pourcents = (pd.crosstab(consultation["enfants_scolarises"], consultation["option_preferee"],
                             normalize="index") * 100).round(1)
    priorite_enfants = (pd.crosstab(consultation["enfants_scolarises"], consultation["priorite"],
                                    normalize="index") * 100).round(1)
    # Question 4: the line and the shaded closure months (positions 0 to 35 on the month axis)
    fermes = suivi[suivi["jours_fermeture"] > 0]
    ete = suivi[suivi["saison"] == "été"]

    options = consultation["option_preferee"].value_counts()
    tarif = consultation[consultation["priorite"] == "tarif"]
    avec = consultation[consultation["enfants_scolarises"] == "oui"]
    sans = consultation[consultation["enfants_scolarises"] == "non"]
    avril_juin = suivi[suivi["mois"].str[5:7].isin(["04", "05", "06"])]
    juillet_aout = suivi[suivi["mois"].str[5:7].isin(["07", "08"])]
    return {
        # Question 1
        "occupation_par_saison": {s: float(par_saison[s]) for s in SAISONS},
        "occupation_ete": float(par_saison["été"]),
        "occupation_printemps": float(par_saison["printemps"]),
        "menages_par_an": {int(k): float(v) for k, v in menages_par_an.items()},
        # Question 2
        "impayes_par_an": {int(k): int(v) for k, v in impayes.items()},
        "impayes_fr": {int(k): _milliers(int(v)) for k, v in impayes.items()},
        "hausse_impayes": round(100 * (impayes[2025] - impayes[2023]) / impayes[2023]),
        "eau_par_an": {int(k): int(v) for k, v in eau.items()},
        "mois_fuite": _mois_fr(fuite["mois"]),
        "eau_fuite": int(fuite["consommation_eau_m3"]),
        # Question 3
        "effectifs_options": {str(i): {str(c): int(v) for c, v in ligne.items()} for i, ligne in effectifs.iterrows()},
        "options_selon_enfants": {str(i): {str(c): float(v) for c, v in ligne.items()}
                                  for i, ligne in pourcents.iterrows()},
        "priorite_selon_enfants": {str(i): {str(c): float(v) for c, v in ligne.items()}
                                   for i, ligne in priorite_enfants.iterrows()},
        # Question 4
        "positions_fermeture": [int(i) for i in fermes.index],
        "mois_fermeture": [_mois_fr(m) for m in fermes["mois"]],
        "positions_ete": [int(i) for i in ete.index],
        "occupation_mensuelle": [float(v) for v in suivi["taux_occupation"]],
        "occupation_min": float(suivi["taux_occupation"].min()),
        "occupation_max": float(suivi["taux_occupation"].max()),
        "menages_min": int(suivi["nb_menages"].min()),
        "menages_max": int(suivi["nb_menages"].max()),
        # The text around the questions, the model answers and the mark scheme
        "n_mois": len(suivi),
        "n": n,
        "menages_2025": MENAGES_2025,
        "taux_reponse": round(100 * n / MENAGES_2025),
        "n_avec_enfants": len(avec),
        "n_sans_enfants": len(sans),
        "nb_options": {OPTION_A: int(options[OPTION_A]), OPTION_B: int(options[OPTION_B]),
                       OPTION_C: int(options[OPTION_C])},
        "nb_c_avec_enfants": int((avec["option_preferee"] == OPTION_C).sum()),
        "nb_b_sans_enfants": int((sans["option_preferee"] == OPTION_B).sum()),
        "nb_b_avec_enfants": int((avec["option_preferee"] == OPTION_B).sum()),
        "nb_scolarite": int((consultation["priorite"] == "scolarité").sum()),
        "nb_accord_badge": int((consultation["accord_badge"] >= 3).sum()),
        "accord_badge_moyen": round(float(consultation["accord_badge"].mean()), 1),
        "n_tarif": len(tarif),
        "nb_tarif_pas_du_tout": int((tarif["accord_badge"] == 1).sum()),
        "part_c_avec_enfants": _pourcent(int((avec["option_preferee"] == OPTION_C).sum()), len(avec)),
        "part_b_sans_enfants": _pourcent(int((sans["option_preferee"] == OPTION_B).sum()), len(sans)),
        "occupation_avril_juin": round(float(avril_juin["taux_occupation"].mean()), 1),
        "occupation_juillet_aout": round(float(juillet_aout["taux_occupation"].mean()), 1),
        "enfants_avril_juin": round(float(avril_juin["nb_enfants_scolarises"].mean())),
    }
