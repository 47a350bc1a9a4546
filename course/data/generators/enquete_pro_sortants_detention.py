"""Réponses de 42 professionnels à un questionnaire sur la sortie de détention (Aurelle, février 2026).

One row = one professional who answered the questionnaire of M2.2 (« Orienter à la sortie de détention »),
run by the association that manages the accueil de jour of Corvalès and the CHRS des Remparts: which
structure and which group of functions, how long they have worked with people leaving prison, which
dispositifs they know well enough to orient someone to, how many days before the release they learn its
date, the main obstacle they see, how they rate the coordination, which tools they share, and one short
sentence. The columns are exactly those the assignment's questionnaire (`questionnaire.yaml`) produces,
so that the same analysis plan runs on these answers and on the learner's own survey.

Nothing here is a published statistic: who answers and what they answer are hypotheses of realism,
written group by group (see the data card). To keep them readable and checkable, every group's answers
are given as exact counts (« 4 of the 7 SPIP professionals know the relais TSO »), then spread over the
group's respondents with a fixed seed, and the rows are shuffled as in an entry log. Groups have at least
3 respondents (the course's anonymisation rule, k ≥ 3); crossing structure and function does not, and the
assignment uses that on purpose to teach why such a table is never published.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NAME = "enquete_pro_sortants_detention"
SEED = 2202

FONCTIONS = ["insertion et probation", "conseil emploi-insertion", "travail social", "soin", "accès aux droits",
             "encadrement"]
ANCIENNETES = ["moins de 2 ans", "2 à 5 ans", "6 à 10 ans", "plus de 10 ans"]
POIDS_ANCIENNETE = [0.2, 0.35, 0.25, 0.2]
SORTANTS = ["moins de 5", "5 à 19", "20 à 49", "50 ou plus"]
DISPOSITIFS = ["siao", "domiciliation", "c2s", "cej", "rsa", "relais_tso", "logement_adapte", "iae"]
FREINS = ["Hébergement", "Ressources", "Papiers d'identité", "Couverture santé", "Soins et addictions",
          "Emploi et formation", "Information tardive sur la date de sortie"]
OUTILS = ["fiche_de_liaison", "reunion_de_synthese", "messagerie_securisee", "appels_ponctuels"]
AUCUN = "aucun"

# One entry per type of structure (hypothèses de réalisme):
#   n respondents; functions {group: count}; nb_sortants {band: count};
#   connait: how many know each dispositif, in DISPOSITIFS order;
#   delais: days before the release when they learn its date (0 = the day itself or after);
#   freins {obstacle: count}; satisfaction (1 to 4), one per respondent;
#   outils: how many use each tool in OUTILS order, and how many share no tool at all (« aucun »);
#   verbatims: the short sentences of those who wrote one (the others left the question blank).
GROUPES = {
    "SPIP": dict(
        n=7, fonctions={"insertion et probation": 6, "encadrement": 1},
        sortants={"50 ou plus": 5, "20 à 49": 2},
        connait=[7, 6, 4, 5, 7, 4, 4, 5],
        delais=[30, 45, 21, 60, 30, 14, 35],
        freins={"Hébergement": 4, "Ressources": 1, "Papiers d'identité": 1, "Emploi et formation": 1},
        satisfaction=[3, 3, 3, 2, 3, 4, 2],
        outils=[5, 3, 2, 6], aucun=0,
        verbatims=[
            "La date de sortie peut changer au dernier moment, on prévient les partenaires dès qu'on la connaît.",
            "Pour une peine de trois mois, on n'a pas le temps de tout préparer.",
            "La demande d'hébergement part avant la sortie, la réponse arrive rarement avant.",
            "Sans pièce d'identité valide, rien ne démarre à la sortie.",
        ],
    ),
    "France Travail": dict(
        n=4, fonctions={"conseil emploi-insertion": 4},
        sortants={"20 à 49": 2, "5 à 19": 2},
        connait=[2, 2, 1, 4, 4, 0, 1, 4],
        delais=[15, 10, 7, 20],
        freins={"Hébergement": 1, "Papiers d'identité": 2, "Emploi et formation": 1},
        satisfaction=[2, 3, 2, 2],
        outils=[2, 1, 1, 3], aucun=0,
        verbatims=[
            "Je rencontre les personnes en détention quand le SPIP me les oriente, quelques mois avant la sortie.",
            "Sans papiers à jour, l'inscription prend des semaines.",
        ],
    ),
    "Mission locale": dict(
        n=4, fonctions={"conseil emploi-insertion": 3, "encadrement": 1},
        sortants={"5 à 19": 3, "20 à 49": 1},
        connait=[3, 2, 2, 4, 3, 1, 2, 3],
        delais=[10, 5, 0, 14],
        freins={"Hébergement": 2, "Information tardive sur la date de sortie": 1, "Ressources": 1},
        satisfaction=[2, 2, 3, 2],
        outils=[2, 1, 0, 4], aucun=0,
        verbatims=[
            "Au-delà de 25 ans révolus, je passe le relais, sauf reconnaissance de handicap.",
            "On apprend souvent la sortie par le jeune lui-même, quand il revient nous voir.",
        ],
    ),
    "SIAO": dict(
        n=3, fonctions={"travail social": 3},
        sortants={"20 à 49": 2, "50 ou plus": 1},
        connait=[3, 3, 2, 1, 3, 1, 3, 1],
        delais=[3, 0, 7],
        freins={"Hébergement": 2, "Information tardive sur la date de sortie": 1},
        satisfaction=[2, 1, 2],
        outils=[2, 1, 1, 3], aucun=0,
        verbatims=[
            "Les demandes arrivent la veille de la sortie, parfois le jour même.",
            "Le soir de la sortie, le 115 reste souvent la seule réponse.",
        ],
    ),
    "CHRS et accueil de jour": dict(
        n=6, fonctions={"travail social": 4, "encadrement": 2},
        sortants={"5 à 19": 4, "20 à 49": 2},
        connait=[6, 6, 5, 3, 6, 3, 5, 4],
        delais=[0, 0, 2, 1, 0, 5],
        freins={"Information tardive sur la date de sortie": 3, "Hébergement": 2, "Ressources": 1},
        satisfaction=[1, 2, 1, 2, 1, 2],
        outils=[3, 2, 0, 5], aucun=0,
        verbatims=[
            "Ils arrivent le vendredi après-midi avec un sac, et tout est fermé jusqu'au lundi.",
            "Nous ne savons jamais qui va sortir, ni quand.",
            "Une place se prépare, ce n'est pas un lit que l'on trouve en une heure.",
        ],
    ),
    "CSAPA": dict(
        n=4, fonctions={"soin": 2, "travail social": 2},
        sortants={"20 à 49": 2, "5 à 19": 2},
        connait=[3, 3, 4, 1, 3, 4, 2, 1],
        delais=[10, 7, 3, 14],
        freins={"Soins et addictions": 2, "Couverture santé": 1, "Information tardive sur la date de sortie": 1},
        satisfaction=[2, 3, 2, 2],
        outils=[2, 2, 2, 3], aucun=0,
        verbatims=[
            "Le traitement de substitution doit continuer le jour de la sortie : le rendez-vous se prend avant.",
            "Tout se joue dans les premiers jours.",
        ],
    ),
    "PASS": dict(
        n=3, fonctions={"soin": 1, "travail social": 2},
        sortants={"5 à 19": 2, "moins de 5": 1},
        connait=[2, 2, 3, 0, 2, 2, 1, 0],
        delais=[0, 0, 1],
        freins={"Couverture santé": 2, "Soins et addictions": 1},
        satisfaction=[1, 2, 2],
        outils=[1, 0, 1, 2], aucun=0,
        verbatims=[
            "La personne arrive sans droits à jour : on soigne d'abord, on ouvre les droits ensuite.",
        ],
    ),
    "CCAS": dict(
        n=4, fonctions={"accès aux droits": 3, "travail social": 1},
        sortants={"5 à 19": 2, "20 à 49": 1, "moins de 5": 1},
        connait=[4, 4, 3, 2, 4, 1, 2, 1],
        delais=[0, 2, 0, 5],
        freins={"Papiers d'identité": 2, "Ressources": 1, "Information tardive sur la date de sortie": 1},
        satisfaction=[2, 2, 3, 1],
        outils=[1, 0, 0, 3], aucun=1,
        verbatims=[
            "La domiciliation peut se demander avant la sortie, encore faut-il qu'on nous prévienne.",
            "Sans adresse, pas de RSA ni de complémentaire santé.",
        ],
    ),
    "CAF": dict(
        n=3, fonctions={"accès aux droits": 3},
        sortants={"moins de 5": 2, "5 à 19": 1},
        connait=[1, 2, 2, 1, 3, 0, 1, 0],
        delais=[0, 0, 0],
        freins={"Ressources": 2, "Papiers d'identité": 1},
        satisfaction=[2, 3, 2],
        outils=[0, 0, 0, 1], aucun=2,
        verbatims=[
            "Il faut nous signaler la sortie, billet de sortie à l'appui, pour que le versement reprenne.",
        ],
    ),
    "CPAM": dict(
        n=4, fonctions={"accès aux droits": 4},
        sortants={"moins de 5": 3, "5 à 19": 1},
        connait=[1, 2, 4, 0, 2, 1, 0, 0],
        delais=[0, 3, 0, 0],
        freins={"Hébergement": 2, "Couverture santé": 1, "Information tardive sur la date de sortie": 1},
        satisfaction=[2, 2, 1, 3],
        outils=[0, 0, 1, 1], aucun=2,
        verbatims=[
            "Les droits existent, mais la personne ne le sait pas et sa carte Vitale n'est pas à jour.",
            "La complémentaire santé solidaire peut être demandée pendant la détention.",
        ],
    ),
}


def _liste(comptes: dict[str, int]) -> list[str]:
    """{« a »: 2, « b »: 1} → [« a », « a », « b »]."""
    return [valeur for valeur, nombre in comptes.items() for _ in range(nombre)]


def _uns(rng: np.random.Generator, n: int, nombre: int, parmi: list[int] | None = None) -> np.ndarray:
    """A 0/1 column of length n with exactly `nombre` ones, placed at random among the positions `parmi`."""
    positions = list(range(n)) if parmi is None else list(parmi)
    colonne = np.zeros(n, dtype=int)
    colonne[rng.choice(positions, size=nombre, replace=False)] = 1
    return colonne


def _groupe(rng: np.random.Generator, type_structure: str, g: dict) -> pd.DataFrame:
    n = g["n"]
    lignes = {
        "type_structure": [type_structure] * n,
        "fonction": list(rng.permutation(_liste(g["fonctions"]))),
        "anciennete": list(rng.choice(ANCIENNETES, size=n, p=POIDS_ANCIENNETE)),
        "nb_sortants_suivis_an": list(rng.permutation(_liste(g["sortants"]))),
    }
    for dispositif, nombre in zip(DISPOSITIFS, g["connait"]):
        lignes[f"connait_{dispositif}"] = _uns(rng, n, nombre)
    lignes["delai_information_jours"] = list(rng.permutation(g["delais"]))
    lignes["frein_principal"] = list(rng.permutation(_liste(g["freins"])))
    lignes["satisfaction_coordination"] = list(rng.permutation(g["satisfaction"]))
    # « Aucun » excludes every tool; every other respondent shares at least one tool (the phone, failing all else).
    aucun = _uns(rng, n, g["aucun"])
    autres = [i for i in range(n) if not aucun[i]]
    outils = {outil: _uns(rng, n, nombre, autres) for outil, nombre in zip(OUTILS, g["outils"])}
    for i in autres:
        if not any(outils[outil][i] for outil in OUTILS):
            outils["appels_ponctuels"][i] = 1
    for outil in OUTILS:
        lignes[f"outils_{outil}"] = outils[outil]
    lignes[f"outils_{AUCUN}"] = aucun
    verbatims = list(g["verbatims"]) + [None] * (n - len(g["verbatims"]))
    lignes["verbatim"] = [verbatims[i] for i in rng.permutation(n)]
    return pd.DataFrame(lignes)


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    tableau = pd.concat([_groupe(rng, type_structure, g) for type_structure, g in GROUPES.items()],
                        ignore_index=True)
    # Rows in the order the answers were typed in, not grouped by structure.
    return tableau.iloc[rng.permutation(len(tableau))].reset_index(drop=True)
