"""Demandes reçues par un point d'accueil social fictif (accueil de jour) en 2024.

One row = one first-reception interview: who came, what they asked for, which problem
areas the professional identified, and where the person was mainly oriented.

People are drawn from nine public profiles (young people without solution, isolated
homeless adults, single-parent families, working poor, job seekers, people with health
problems or disability, exiles, seniors, one-off requests). Each profile sets age, gender,
household, housing and resources; the problem areas then follow from the housing situation,
the resources and a shared latent "vulnerability" term, so that they co-occur as in the
field surveys (housing exclusion, addictions and health go together). Calibration targets
and sources are in course/data/cards/demandes_accueil.md.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NAME = "demandes_accueil"
SEED = 1303
N_ROWS = 800

AGES = ["18-24 ans", "25-34 ans", "35-44 ans", "45-54 ans", "55-64 ans", "65 ans ou plus"]
FOYERS = ["Personne seule", "Couple sans enfant", "Couple avec enfant(s)", "Famille monoparentale"]
LOGEMENTS = [
    "Logement autonome",
    "Hébergé chez un tiers",
    "Hébergement d'urgence ou CHRS",
    "Hôtel social",
    "Squat",
    "Sans abri",
]
RESSOURCES = [
    "Salaire",
    "RSA",
    "ARE",
    "ASS",
    "AAH",
    "Retraite ou ASPA",
    "ADA (demandeur d'asile)",
    "Aucune ressource",
]
PROBLEMES = ["pb_sante", "pb_emploi", "pb_logement", "pb_addictions", "pb_droits", "pb_budget"]

# Profile: weight, ages, P(femme), households, housing, resources, base probabilities of the
# problem areas other than housing and addictions (which follow from the housing situation).
PROFILS = {
    "jeune_sans_solution": dict(
        poids=0.12,
        ages=[0.85, 0.15, 0, 0, 0, 0],
        femme=0.35,
        foyers=[0.88, 0.08, 0, 0.04],
        logements=[0.12, 0.50, 0.14, 0.02, 0.07, 0.15],
        ressources=[0.22, 0.04, 0.12, 0, 0, 0, 0, 0.62],
        logement_si_autonome=0.25,
        addictions=1.0,
        sante=0.15, emploi=0.75, droits=0.40, budget=0.35,
    ),
    "isole_sans_domicile": dict(
        poids=0.20,
        ages=[0.08, 0.24, 0.28, 0.26, 0.13, 0.01],
        femme=0.30,
        foyers=[0.90, 0.08, 0.02, 0],
        logements=[0.04, 0.14, 0.34, 0.08, 0.08, 0.32],
        ressources=[0.28, 0.40, 0.06, 0.04, 0.05, 0, 0, 0.17],
        logement_si_autonome=0.40,
        addictions=1.1,
        sante=0.30, emploi=0.55, droits=0.35, budget=0.30,
    ),
    "famille_monoparentale": dict(
        poids=0.14,
        ages=[0.06, 0.38, 0.38, 0.16, 0.02, 0],
        femme=0.92,
        foyers=[0, 0, 0, 1.0],
        logements=[0.66, 0.12, 0.09, 0.13, 0, 0],
        ressources=[0.48, 0.38, 0.10, 0, 0, 0, 0, 0.04],
        logement_si_autonome=0.55,
        addictions=0.3,
        sante=0.20, emploi=0.45, droits=0.40, budget=0.75,
    ),
    "travailleur_pauvre": dict(
        poids=0.09,
        ages=[0.04, 0.30, 0.36, 0.24, 0.06, 0],
        femme=0.55,
        foyers=[0.15, 0.15, 0.55, 0.15],
        logements=[0.85, 0.10, 0.02, 0.03, 0, 0],
        ressources=[0.85, 0.05, 0.10, 0, 0, 0, 0, 0],
        logement_si_autonome=0.45,
        addictions=0.5,
        sante=0.15, emploi=0.35, droits=0.30, budget=0.75,
    ),
    "demandeur_emploi": dict(
        poids=0.15,
        ages=[0.10, 0.24, 0.24, 0.24, 0.18, 0],
        femme=0.45,
        foyers=[0.50, 0.15, 0.20, 0.15],
        logements=[0.82, 0.12, 0.03, 0.01, 0, 0.02],
        ressources=[0, 0.34, 0.38, 0.14, 0, 0, 0, 0.14],
        logement_si_autonome=0.20,
        addictions=0.8,
        sante=0.20, emploi=0.92, droits=0.25, budget=0.35,
    ),
    "sante_handicap": dict(
        poids=0.08,
        ages=[0.03, 0.12, 0.20, 0.30, 0.30, 0.05],
        femme=0.45,
        foyers=[0.65, 0.20, 0.08, 0.07],
        logements=[0.78, 0.10, 0.06, 0.02, 0, 0.04],
        ressources=[0.08, 0.20, 0, 0, 0.62, 0, 0, 0.10],
        logement_si_autonome=0.20,
        addictions=0.9,
        sante=0.92, emploi=0.25, droits=0.40, budget=0.35,
    ),
    "personne_exilee": dict(
        poids=0.12,
        ages=[0.18, 0.42, 0.26, 0.10, 0.04, 0],
        femme=0.35,
        foyers=[0.55, 0.08, 0.25, 0.12],
        logements=[0.08, 0.25, 0.35, 0.15, 0.05, 0.12],
        ressources=[0.10, 0.16, 0, 0, 0, 0, 0.38, 0.36],
        logement_si_autonome=0.30,
        addictions=0.35,
        sante=0.45, emploi=0.70, droits=0.85, budget=0.25,
    ),
    "senior": dict(
        poids=0.07,
        ages=[0, 0, 0, 0, 0.45, 0.55],
        femme=0.55,
        foyers=[0.70, 0.30, 0, 0],
        logements=[0.86, 0.06, 0.03, 0.01, 0, 0.04],
        ressources=[0, 0.10, 0, 0.07, 0.08, 0.75, 0, 0],
        logement_si_autonome=0.25,
        addictions=0.6,
        sante=0.50, emploi=0.08, droits=0.45, budget=0.50,
    ),
    "demande_ponctuelle": dict(
        poids=0.03,
        ages=[0.12, 0.22, 0.22, 0.20, 0.14, 0.10],
        femme=0.55,
        foyers=[0.40, 0.20, 0.25, 0.15],
        logements=[0.95, 0.05, 0, 0, 0, 0],
        ressources=[0.40, 0.20, 0.15, 0, 0.05, 0.10, 0, 0.10],
        logement_si_autonome=0.05,
        addictions=0.2,
        sante=0.08, emploi=0.10, droits=0.15, budget=0.10,
    ),
}

# Addiction problem identified, by housing situation (before the profile and gender factors).
ADDICTIONS_SELON_LOGEMENT = {
    "Logement autonome": 0.08,
    "Hébergé chez un tiers": 0.18,
    "Hébergement d'urgence ou CHRS": 0.30,
    "Hôtel social": 0.08,
    "Squat": 0.40,
    "Sans abri": 0.45,
}
SANS_DOMICILE = {"Hébergement d'urgence ou CHRS", "Hôtel social", "Sans abri"}  # définition Insee


def _logit(p: float) -> float:
    p = min(max(p, 0.01), 0.99)
    return float(np.log(p / (1 - p)))


def _sigmoid(x: float) -> float:
    return float(1 / (1 + np.exp(-x)))


def _demande(rng, row: dict) -> str:
    """The request as the person words it: often one need only, rarely the addiction."""
    candidates = []  # (request, weight)
    if row["pb_logement"]:
        if row["situation_logement"] == "Logement autonome":
            candidates.append(("Aide pour le loyer ou les factures", 2.0))
        else:
            candidates.append(("Trouver un hébergement", 2.5))
            candidates.append(("Domiciliation", 0.8))
    if row["pb_budget"]:
        candidates.append(("Aide alimentaire", 1.5))
        candidates.append(("Aide pour le loyer ou les factures", 0.8))
    if row["pb_emploi"]:
        candidates.append(("Trouver un emploi ou une formation", 1.6))
    if row["pb_sante"]:
        candidates.append(("Accès aux soins", 1.0))
    if row["pb_addictions"]:
        candidates.append(("Accès aux soins", 0.2))
        candidates.append(("Besoin de parler", 0.3))
    if row["pb_droits"]:
        candidates.append(("Aide pour un dossier administratif", 1.4))
        candidates.append(("Information sur les droits", 0.8))
    candidates.append(("Information sur les droits", 0.5))
    candidates.append(("Aide alimentaire", 0.4))
    labels = [c[0] for c in candidates]
    weights = np.array([c[1] for c in candidates])
    return labels[rng.choice(len(labels), p=weights / weights.sum())]


def _orientation(rng, row: dict, profil: str) -> str:
    """Main orientation: the partner answering the most pressing need, with some variation."""
    weights: dict[str, float] = {}

    def add(partner: str, weight: float) -> None:
        weights[partner] = weights.get(partner, 0.0) + weight

    jeune = row["tranche_age"] == "18-24 ans"
    logement = row["situation_logement"]
    if row["pb_logement"]:
        if logement == "Logement autonome":
            add("ADIL", 1.0)
            add("CCAS", 1.2)
            add("CAF", 0.5)
        elif logement == "Hébergé chez un tiers":
            add("SIAO/115", 2.0)
        elif logement == "Hôtel social":
            add("SIAO/115", 1.4)
        else:
            add("SIAO/115", 3.0)
    if row["pb_addictions"]:
        add("CSAPA", 2.2)
    if row["pb_sante"]:
        sans_couverture = row["pb_droits"] or row["ressources"] in ("Aucune ressource", "ADA (demandeur d'asile)")
        if sans_couverture:
            add("PASS", 1.8)
            add("CPAM", 0.8)
        add("CMP", 1.2 if row["pb_addictions"] else 0.7)
        if row["ressources"] == "AAH" or profil == "sante_handicap":
            add("MDPH", 1.2)
    if row["pb_emploi"]:
        if jeune:
            add("Mission locale", 2.5)
            add("France Travail", 0.4)
        else:
            add("France Travail", 2.0)
    if row["pb_droits"]:
        add("CAF", 1.2)
        add("CPAM", 0.7)
        add("France Services", 0.8)
    if row["pb_budget"]:
        add("CCAS", 1.5)
        add("CAF", 0.6)
    add("Aucune (réponse sur place)", 0.35 if weights else 3.0)
    partners = sorted(weights)
    sharpened = np.array([weights[p] for p in partners]) ** 2
    return partners[rng.choice(len(partners), p=sharpened / sharpened.sum())]


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    names = list(PROFILS)
    weights = np.array([PROFILS[n]["poids"] for n in names])
    profils = rng.choice(len(names), size=N_ROWS, p=weights / weights.sum())

    jours = pd.bdate_range("2024-01-02", "2024-12-31")
    # A little more demand in winter (trêve hivernale, plan grand froid).
    saison = np.where(jours.month.isin([11, 12, 1, 2, 3]), 1.25, 1.0)
    dates = np.sort(rng.choice(len(jours), size=N_ROWS, p=saison / saison.sum()))

    rows = []
    for i in range(N_ROWS):
        nom = names[profils[i]]
        p = PROFILS[nom]
        age = AGES[rng.choice(len(AGES), p=np.array(p["ages"]) / sum(p["ages"]))]
        genre = "Femme" if rng.random() < p["femme"] else "Homme"
        foyer = FOYERS[rng.choice(len(FOYERS), p=np.array(p["foyers"]) / sum(p["foyers"]))]
        logement = LOGEMENTS[rng.choice(len(LOGEMENTS), p=np.array(p["logements"]) / sum(p["logements"]))]
        ressources = RESSOURCES[rng.choice(len(RESSOURCES), p=np.array(p["ressources"]) / sum(p["ressources"]))]
        if age == "65 ans ou plus" and ressources not in ("Retraite ou ASPA", "AAH"):
            ressources = "Retraite ou ASPA"
        if age == "18-24 ans" and ressources == "RSA" and foyer != "Famille monoparentale":
            # Before 25, the RSA is open to young parents and, under a work condition (two years of full-time
            # work in the last three: RSA « jeune actif »), to others: rare in this register, left out here.
            ressources = "Aucune ressource"

        z = rng.normal()  # shared vulnerability: problem areas co-occur
        shift = 0.6 * z

        def tirage(prob: float) -> int:
            return int(rng.random() < _sigmoid(_logit(prob) + shift))

        if logement == "Logement autonome":
            pb_logement = tirage(p["logement_si_autonome"])
        else:
            pb_logement = 1
        p_add = ADDICTIONS_SELON_LOGEMENT[logement] * p["addictions"] * (1.2 if genre == "Homme" else 0.6)
        pb_addictions = tirage(min(p_add, 0.9))
        p_sante = p["sante"] + (0.25 if pb_addictions else 0) + (0.10 if logement == "Sans abri" else 0)
        if ressources == "AAH":
            p_sante = max(p_sante, 0.85)
        pb_sante = tirage(min(p_sante, 0.95))
        p_emploi = p["emploi"] * (0.1 if ressources == "Retraite ou ASPA" else 1.0)
        if ressources in ("ARE", "ASS"):
            p_emploi = max(p_emploi, 0.8)
        pb_emploi = tirage(p_emploi)
        p_droits = p["droits"] + (0.15 if ressources == "Aucune ressource" else 0)
        pb_droits = tirage(min(p_droits, 0.95))
        p_budget = p["budget"] + (0.10 if ressources in ("Aucune ressource", "RSA") else 0)
        pb_budget = tirage(min(p_budget, 0.95))

        row = {
            "tranche_age": age,
            "genre": genre,
            "composition_foyer": foyer,
            "situation_logement": logement,
            "ressources": ressources,
            "pb_sante": pb_sante,
            "pb_emploi": pb_emploi,
            "pb_logement": pb_logement,
            "pb_addictions": pb_addictions,
            "pb_droits": pb_droits,
            "pb_budget": pb_budget,
        }
        row["demande_exprimee"] = _demande(rng, row)
        row["nb_problematiques"] = sum(row[c] for c in PROBLEMES)
        row["orientation_principale"] = _orientation(rng, row, nom)
        row["date"] = jours[dates[i]].strftime("%Y-%m-%d")
        rows.append(row)

    frame = pd.DataFrame(rows)
    frame.insert(0, "id_demande", [f"D{i + 1:04d}" for i in range(N_ROWS)])
    columns = [
        "id_demande",
        "date",
        "tranche_age",
        "genre",
        "composition_foyer",
        "situation_logement",
        "ressources",
        "demande_exprimee",
        *PROBLEMES,
        "nb_problematiques",
        "orientation_principale",
    ]
    return frame[columns]
