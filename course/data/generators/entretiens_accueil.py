"""Registre fictif de 500 entretiens d'accueil (téléphone, sans rendez-vous, sur rendez-vous).

Service imaginaire : le pôle accueil d'un CCAS labellisé France Services dans une ville moyenne.
Une ligne = un entretien d'accueil. Données synthétiques, calibrées sur des statistiques publiques
(voir course/data/cards/entretiens_accueil.md) :
- Cour des comptes, « Le programme France services (2020-2023) », rapport public thématique,
  septembre 2024 : répartition des demandes par opérateur (France Titres 19 %, CNAF 16 %, CNAM 16 %,
  DGFiP 15 %, puis Cnav : 80 % à eux cinq), satisfaction des usagers supérieure à 90 %, environ 82 % des demandes
  traitées sur place ;
- Insee Première n° 1953, juin 2023, « 15 % de la population est en situation d'illectronisme
  en 2021 » (15,4 % ; 62 % des 75 ans ou plus) ;
- Insee, « L'essentiel sur… les immigrés et les étrangers », données 2024 publiées en octobre 2025 :
  11,3 % de la population est immigrée en 2024 (7,7 millions de personnes) ;
- Baromètre des services publics (DITP / Toluna Harris Interactive, juin 2025) : 69 % d'usagers
  satisfaits, 17 à 25 points de moins chez les publics vulnérables (peu à l'aise avec Internet…) ;
- Le Sens du service public et OpinionWay, palmarès des services publics, avril 2023 : 52 % des
  usagers ayant appelé un service public sont insatisfaits de l'appel.
Les durées par type d'entretien sont des hypothèses de construction (aucune statistique publique
nationale), présentées comme telles dans la fiche.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NAME = "entretiens_accueil"
SEED = 71202
N = 500

TYPES = ["Téléphone", "Sans rendez-vous", "Sur rendez-vous"]
TYPE_PROBS = [0.32, 0.46, 0.22]

COURRIER = "Comprendre un courrier"
MOTIFS = [
    "Papiers d'identité et titres",
    "Prestations CAF",
    "Santé et assurance maladie",
    "Impôts",
    "Retraite",
    "Emploi et formation",
    "Logement",
    "Aide financière ou alimentaire",
    COURRIER,
]
# Poids de base des motifs exprimés (proches de la répartition France services par opérateur,
# complétée par les demandes propres à un CCAS : logement, aide financière ou alimentaire).
MOTIF_WEIGHTS = {
    "Téléphone":        [0.14, 0.17, 0.13, 0.10, 0.09, 0.11, 0.09, 0.07, 0.10],
    "Sans rendez-vous": [0.18, 0.15, 0.14, 0.12, 0.10, 0.06, 0.06, 0.05, 0.14],
    "Sur rendez-vous":  [0.04, 0.12, 0.10, 0.05, 0.08, 0.10, 0.26, 0.17, 0.08],
}

# Ce que cache souvent un courrier incompris.
BESOIN_COURRIER = (["Prestations CAF", "Retraite", "Impôts", "Santé et assurance maladie", "Logement"],
                   [0.30, 0.20, 0.20, 0.15, 0.15])
# Besoins sous-jacents plausibles quand la reformulation fait apparaître autre chose que le motif exprimé.
BESOIN_CACHE = {
    "Papiers d'identité et titres": (["Prestations CAF", "Emploi et formation"], [0.5, 0.5]),
    "Prestations CAF": (["Logement", "Emploi et formation", "Santé et assurance maladie"], [0.4, 0.3, 0.3]),
    "Santé et assurance maladie": (["Prestations CAF", "Logement", "Aide financière ou alimentaire"], [0.4, 0.3, 0.3]),
    "Impôts": (["Aide financière ou alimentaire", "Prestations CAF"], [0.5, 0.5]),
    "Retraite": (["Santé et assurance maladie", "Aide financière ou alimentaire", "Logement"], [0.4, 0.3, 0.3]),
    "Emploi et formation": (["Logement", "Santé et assurance maladie", "Prestations CAF"], [0.4, 0.3, 0.3]),
    "Logement": (["Aide financière ou alimentaire", "Prestations CAF", "Santé et assurance maladie"], [0.4, 0.4, 0.2]),
    "Aide financière ou alimentaire": (["Logement", "Prestations CAF", "Emploi et formation"], [0.5, 0.3, 0.2]),
}

REFORMULATION_PROB = {"Téléphone": 0.45, "Sans rendez-vous": 0.60, "Sur rendez-vous": 0.88}
FLE_PROB = {"Téléphone": 0.05, "Sans rendez-vous": 0.15, "Sur rendez-vous": 0.12}
HIDDEN_NEED_PROB = {"oui": {"Téléphone": 0.22, "Sans rendez-vous": 0.25, "Sur rendez-vous": 0.35}, "non": 0.05}
# Durée médiane (minutes) et dispersion (écart type du logarithme) : hypothèses de construction.
DUREE = {"Téléphone": (7.0, 0.45), "Sans rendez-vous": (16.0, 0.40), "Sur rendez-vous": (38.0, 0.30)}

SUR_PLACE = "Réponse apportée sur place"
TRAVAILLEUR_SOCIAL = "Rendez-vous avec un travailleur social"
PARTENAIRE = "Orientation vers un organisme (CAF, CPAM, Carsat, impôts)"
EMPLOI = "Orientation vers France Travail ou la Mission locale"
ASSOCIATION = "Orientation vers une association"
ORIENTATIONS = [SUR_PLACE, TRAVAILLEUR_SOCIAL, PARTENAIRE, EMPLOI, ASSOCIATION]
ORIENTATION_PROBS = {
    "Papiers d'identité et titres": [0.90, 0.01, 0.08, 0.00, 0.01],
    "Prestations CAF": [0.86, 0.04, 0.09, 0.00, 0.01],
    "Santé et assurance maladie": [0.84, 0.04, 0.10, 0.00, 0.02],
    "Impôts": [0.91, 0.01, 0.07, 0.00, 0.01],
    "Retraite": [0.86, 0.03, 0.10, 0.00, 0.01],
    "Emploi et formation": [0.28, 0.06, 0.02, 0.62, 0.02],
    "Logement": [0.22, 0.45, 0.08, 0.00, 0.25],
    "Aide financière ou alimentaire": [0.15, 0.55, 0.02, 0.00, 0.28],
}


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    rows = []
    for i in range(1, N + 1):
        type_entretien = TYPES[rng.choice(len(TYPES), p=TYPE_PROBS)]
        motif = MOTIFS[rng.choice(len(MOTIFS), p=MOTIF_WEIGHTS[type_entretien])]
        fle = rng.random() < FLE_PROB[type_entretien]
        reformulation = rng.random() < min(REFORMULATION_PROB[type_entretien] + (0.05 if fle else 0.0), 0.97)

        if motif == COURRIER:
            options, probs = BESOIN_COURRIER
            besoin = options[rng.choice(len(options), p=probs)]
        else:
            p_hidden = HIDDEN_NEED_PROB["oui"][type_entretien] if reformulation else HIDDEN_NEED_PROB["non"]
            if rng.random() < p_hidden:
                options, probs = BESOIN_CACHE[motif]
                besoin = options[rng.choice(len(options), p=probs)]
            else:
                besoin = motif

        median, sigma = DUREE[type_entretien]
        duree = median * np.exp(rng.normal(0.0, sigma))
        duree *= 1.35 if fle else 1.0
        duree *= 1.12 if reformulation else 1.0
        duree *= 1.10 if besoin != motif else 1.0
        duree = int(max(2, round(duree)))

        probs = list(ORIENTATION_PROBS[besoin])
        if type_entretien == "Téléphone":
            # Au téléphone, on renvoie plus souvent vers un rendez-vous ou un partenaire.
            probs[0] *= 0.85
        probs = np.array(probs) / sum(probs)
        orientation = ORIENTATIONS[rng.choice(len(ORIENTATIONS), p=probs)]

        latent = 4.45
        latent += 0.45 if reformulation else -0.15
        latent -= 0.35 if type_entretien == "Téléphone" else 0.0
        latent += 0.10 if type_entretien == "Sur rendez-vous" else 0.0
        latent -= 0.30 if fle else 0.0
        latent += rng.normal(0.0, 0.6)
        if rng.random() < 0.03:
            latent -= 2.5  # entretien qui s'est mal passé (attente, tension, incompréhension)
        satisfaction = int(min(5, max(1, round(latent))))

        rows.append(
            {
                "id_entretien": f"E{i:04d}",
                "type_entretien": type_entretien,
                "duree_min": duree,
                "motif_exprime": motif,
                "besoin_identifie": besoin,
                "reformulation": "oui" if reformulation else "non",
                "interprete_ou_fle": "oui" if fle else "non",
                "orientation": orientation,
                "satisfaction": satisfaction,
            }
        )
    return pd.DataFrame(rows)
