"""Parcours de vie de personnes suivies par un service d'accompagnement fictif (panel, 2025).

One row = one life event of one person: a « rupture » (job loss, separation, eviction,
health problem…) or a « ressource » (job, training, housing, rights opened, medical follow-up).

Each person gets a household situation and a gender drawn from the RSA population (CNAF/MSA
via Insee), an age in 2025, then ruptures domain by domain with probabilities that depend on
that profile and on the ruptures already drawn (a separation makes a housing rupture more
likely, a lasting health problem makes a dismissal for unfitness more likely, long-term
unemployment leads to the end of unemployment benefits, which leads to RSA). Dates follow the
same cascades, so that ruptures cluster in time as in real trajectories. Then a few resources:
most come after the ruptures, but some people also had a job or a diploma before their first
rupture, so that a person's first event is not always a rupture (as for Martine).

Person P0417 is the case of the notebook « récit de vie » (Martine, 52): her 13 events are
written by hand, not drawn. Calibration targets and sources: course/data/cards/parcours_de_vie.md.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NAME = "parcours_de_vie"
SEED = 7426011
N_PERSONNES = 600
ANNEE_OBSERVATION = 2025
MOIS_MAX_2025 = 9  # the panel is extracted in October 2025
ID_CAS = "P0417"

RUPTURE, RESSOURCE = "rupture", "ressource"

# Household situation of RSA households at 31/12/2021 (Insee, chiffres-clés from CNAF and MSA):
# single people 1 072 800, single-parent families 620 600, couples with dependants 187 800,
# couples without 49 700, out of 1 930 900.
SITUATIONS = ["Personne seule sans enfant", "Famille monoparentale", "Couple avec enfant(s)", "Couple sans enfant"]
P_SITUATIONS = [0.556, 0.321, 0.097, 0.026]
# Share of women: 363 100 of 1 072 800 single people, 569 400 of 620 600 single parents.
P_FEMME = {SITUATIONS[0]: 0.338, SITUATIONS[1]: 0.917, SITUATIONS[2]: 0.5, SITUATIONS[3]: 0.5}

TRANCHES = ["18-29 ans", "30-39 ans", "40-49 ans", "50-59 ans", "60 ans ou plus"]
P_TRANCHES = [0.20, 0.28, 0.25, 0.20, 0.07]
BORNES = {TRANCHES[0]: (20, 29), TRANCHES[1]: (30, 39), TRANCHES[2]: (40, 49), TRANCHES[3]: (50, 59),
          TRANCHES[4]: (60, 64)}

EMPLOI, LOGEMENT, SANTE, FAMILLE, FORMATION, FINANCES = (
    "Emploi", "Logement", "Santé", "Famille", "Formation", "Ressources financières")

# The 13 events of Martine (case of the notebook), born in 1973: (year, month, domain, type, nature).
CAS_MARTINE = [
    (1989, 6, FORMATION, "Sortie du système scolaire sans diplôme", RUPTURE),
    (1992, 3, EMPLOI, "Reprise d'emploi (CDD, intérim)", RESSOURCE),
    (1998, 9, EMPLOI, "Embauche en CDI", RESSOURCE),
    (2008, 11, FORMATION, "Obtention d'une certification", RESSOURCE),
    (2019, 2, SANTE, "Problème de santé durable", RUPTURE),
    (2021, 5, EMPLOI, "Licenciement pour inaptitude", RUPTURE),
    (2022, 3, FAMILLE, "Séparation", RUPTURE),
    (2022, 5, EMPLOI, "Chômage de longue durée (plus d'un an)", RUPTURE),
    (2022, 9, LOGEMENT, "Perte du logement (hébergement chez un tiers)", RUPTURE),
    (2023, 7, FINANCES, "Fin de droits au chômage", RUPTURE),
    (2024, 1, FINANCES, "Ouverture de droits RSA", RESSOURCE),
    (2024, 10, LOGEMENT, "Accès à un hébergement ou logement temporaire", RESSOURCE),
    (2025, 2, SANTE, "Début d'un suivi médical", RESSOURCE),
]
NAISSANCE_MARTINE = 1973


def _choix(rng, valeurs, probas):
    return valeurs[rng.choice(len(valeurs), p=np.asarray(probas) / np.sum(probas))]


class _Personne:
    def __init__(self, rng, age):
        self.rng = rng
        self.age = age
        self.evenements: list[tuple[int, str, str, str]] = []  # (age, domain, type, nature)

    def recul(self, moyenne, minimum=18):
        """An age some years before today (recent events are more frequent)."""
        lag = int(self.rng.exponential(moyenne))
        return max(minimum, self.age - lag)

    def ajouter(self, age, domaine, type_evenement, nature):
        age = int(min(max(age, 16), self.age))
        self.evenements.append((age, domaine, type_evenement, nature))
        return age


def _perte_emploi(p: _Personne, age_sante, senior):
    rng = p.rng
    if age_sante is not None and rng.random() < 0.40:
        type_emploi = "Licenciement pour inaptitude"
        age_emploi = age_sante + int(rng.integers(1, 4))
    else:
        type_emploi = _choix(rng, ["Licenciement", "Fin de contrat court (CDD, intérim)"], [0.42, 0.58])
        age_emploi = p.recul(5, 18)
    # Long-term unemployment: 43 % of job seekers in categories A, B, C (Dares, end of 2024),
    # a little more after 50.
    longue_duree = rng.random() < 0.47 + 0.08 * senior
    if longue_duree:
        age_emploi = min(age_emploi, p.age - 1)
    age_emploi = p.ajouter(age_emploi, EMPLOI, type_emploi, RUPTURE)
    if longue_duree:
        p.ajouter(age_emploi + 1, EMPLOI, "Chômage de longue durée (plus d'un an)", RUPTURE)
        if age_emploi + 2 <= p.age and rng.random() < 0.55:
            p.ajouter(age_emploi + 2, FINANCES, "Fin de droits au chômage", RUPTURE)
    return age_emploi


def _ruptures(p: _Personne, genre, situation):
    rng = p.rng
    seule = situation == SITUATIONS[0]
    mono = situation == SITUATIONS[1]
    couple = not (seule or mono)
    senior = p.age >= 50

    # Formation: leaving school without a diploma (at 16-18), more often in older cohorts.
    if rng.random() < (0.12 + 0.06 * senior):
        p.ajouter(int(rng.integers(16, 19)), FORMATION, "Sortie du système scolaire sans diplôme", RUPTURE)
    elif rng.random() < 0.04 and p.age >= 22:
        p.ajouter(int(rng.integers(18, min(p.age, 30) + 1)), FORMATION, "Abandon de formation", RUPTURE)

    # Health: lasting limitation (28 % of RSA beneficiaries, DREES 2014), psychological
    # suffering, addiction (more often men living alone).
    age_sante = None
    u = rng.random()
    p_sante_durable = 0.12 + 0.10 * senior
    p_psy = 0.07 + 0.03 * seule
    p_addiction = 0.05 + 0.03 * (genre == "Homme") + 0.02 * seule
    if u < p_sante_durable:
        age_sante = p.ajouter(p.recul(7, 20), SANTE, "Problème de santé durable", RUPTURE)
    elif u < p_sante_durable + p_psy:
        age_sante = p.ajouter(p.recul(5, 18), SANTE, "Souffrance psychique", RUPTURE)
    elif u < p_sante_durable + p_psy + p_addiction:
        age_sante = p.ajouter(p.recul(6, 18), SANTE, "Addiction (alcool, drogues, médicaments)", RUPTURE)

    # Family: separation (single parents have nearly all been through one), bereavement,
    # domestic violence (women).
    age_famille = None
    p_separation = 0.70 if mono else (0.15 if seule else 0.05)
    if rng.random() < p_separation:
        age_famille = p.ajouter(p.recul(4, 20), FAMILLE, "Séparation", RUPTURE)
    elif rng.random() < 0.05:
        age_famille = p.ajouter(p.recul(5, 18), FAMILLE, "Décès d'un proche", RUPTURE)
    if genre == "Femme" and (mono or seule) and rng.random() < 0.06:
        base = age_famille if age_famille is not None else p.recul(4, 18)
        p.ajouter(base - int(rng.integers(0, 2)), FAMILLE, "Violences conjugales", RUPTURE)

    # Employment: job loss; dismissal for unfitness is frequent after a lasting health problem.
    age_emploi = None
    p_emploi = 0.36 + 0.10 * (age_sante is not None) - 0.08 * mono
    if rng.random() < p_emploi:
        age_emploi = _perte_emploi(p, age_sante, senior)
    # Money: over-indebtedness.
    if rng.random() < 0.04 + 0.03 * (age_emploi is not None):
        p.ajouter(p.recul(3, 20), FINANCES, "Surendettement (dossier déposé)", RUPTURE)

    # Housing: after a separation or a job loss, housing breaks down more often.
    p_logement = 0.08 + 0.22 * (age_famille is not None) + 0.06 * (age_emploi is not None) - 0.04 * couple
    if rng.random() < p_logement:
        type_logement = _choix(
            rng,
            ["Perte du logement (hébergement chez un tiers)", "Expulsion locative", "Sans domicile (recours au 115)"],
            [0.55, 0.22, 0.23],
        )
        if age_famille is not None and rng.random() < 0.6:
            age_logement = age_famille + int(rng.integers(0, 2))
        else:
            age_logement = p.recul(3, 18)
        age_logement = p.ajouter(age_logement, LOGEMENT, type_logement, RUPTURE)
        # After an eviction, 71 % report physical or psychological health problems and 29 % lose
        # their job (Fondation pour le logement des défavorisés, 2022 study).
        if type_logement == "Expulsion locative":
            if age_sante is None and rng.random() < 0.45:
                p.ajouter(age_logement + int(rng.integers(0, 2)), SANTE, "Souffrance psychique", RUPTURE)
            if age_emploi is None and rng.random() < 0.29:
                p.ajouter(age_logement + int(rng.integers(0, 2)), EMPLOI, "Licenciement", RUPTURE)

    # Everybody followed by the service has gone through at least one rupture.
    if not any(e[3] == RUPTURE for e in p.evenements):
        _perte_emploi(p, None, senior)


def _ressources(p: _Personne, mono):
    rng = p.rng
    ruptures = [e for e in p.evenements if e[3] == RUPTURE]
    derniere = max(e[0] for e in ruptures)
    domaines = {e[1] for e in ruptures}

    def apres(delai_max=2):
        return min(p.age, derniere + int(rng.integers(0, delai_max + 1)))

    # RSA opened after the last rupture (many RSA beneficiaries of the panel opened it earlier).
    if FINANCES in domaines and "Fin de droits au chômage" in {e[2] for e in ruptures}:
        if rng.random() < 0.70:
            p.ajouter(apres(1), FINANCES, "Ouverture de droits RSA", RESSOURCE)
    elif rng.random() < 0.12:
        p.ajouter(apres(1), FINANCES, "Ouverture de droits RSA", RESSOURCE)

    if LOGEMENT in domaines and rng.random() < 0.32:
        type_logement = _choix(rng, ["Accès à un hébergement ou logement temporaire", "Accès à un logement social"],
                               [0.6, 0.4])
        p.ajouter(apres(2), LOGEMENT, type_logement, RESSOURCE)
    if SANTE in domaines and rng.random() < 0.28:
        type_sante = _choix(rng, ["Début d'un suivi médical", "Reconnaissance de handicap (RQTH, AAH)"], [0.65, 0.35])
        p.ajouter(apres(2), SANTE, type_sante, RESSOURCE)
    if rng.random() < 0.12:
        type_emploi = _choix(
            rng,
            ["Reprise d'emploi (CDD, intérim)", "Embauche en CDI",
             "Entrée en insertion par l'activité économique (IAE)"],
            [0.50, 0.20, 0.30],
        )
        p.ajouter(apres(3), EMPLOI, type_emploi, RESSOURCE)
    if rng.random() < 0.08:
        type_formation = _choix(rng, ["Entrée en formation", "Obtention d'une certification"], [0.7, 0.3])
        p.ajouter(apres(3), FORMATION, type_formation, RESSOURCE)
    if rng.random() < 0.03 + 0.03 * mono:
        p.ajouter(apres(1), FAMILLE, "Soutien de l'entourage", RESSOURCE)


def _ressource_ancienne(rng, p: _Personne, senior):
    """A job or a diploma noted before the first rupture, for some people (more often the older ones),
    as (age, domain, type, nature), or None.

    It draws from its own generator and is not added to the person's events, so that every other
    event of the panel, its month and its place in the file stay as they were.
    """
    premiere = min(e[0] for e in p.evenements if e[3] == RUPTURE)
    if premiere < 20 or rng.random() >= 0.22 + 0.10 * senior:
        return None
    type_evenement = _choix(rng, ["Embauche en CDI", "Reprise d'emploi (CDD, intérim)", "Obtention d'une certification"],
                            [0.45, 0.35, 0.20])
    domaine = FORMATION if type_evenement == "Obtention d'une certification" else EMPLOI
    return int(rng.integers(18, premiere)), domaine, type_evenement, RESSOURCE  # strictly before the first rupture


def _lignes_martine(rng):
    lignes = []
    for annee, mois, domaine, type_evenement, nature in CAS_MARTINE:
        lignes.append(dict(
            id_personne=ID_CAS, genre="Femme", tranche_age="50-59 ans", situation_familiale=SITUATIONS[0],
            annee=annee, mois=mois, age_evenement=annee - NAISSANCE_MARTINE, domaine=domaine,
            type_evenement=type_evenement, nature=nature,
        ))
    order = rng.permutation(len(lignes))  # events recorded in the order they came up in interviews
    return [lignes[i] for i in order]


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    rng_anciennes = np.random.default_rng(SEED + 1)
    lignes = []
    for numero in range(1, N_PERSONNES + 1):
        id_personne = f"P{numero:04d}"
        situation = _choix(rng, SITUATIONS, P_SITUATIONS)
        genre = "Femme" if rng.random() < P_FEMME[situation] else "Homme"
        if situation == SITUATIONS[1]:  # single parents are younger
            tranche = _choix(rng, TRANCHES, [0.26, 0.38, 0.27, 0.08, 0.01])
        else:
            tranche = _choix(rng, TRANCHES, P_TRANCHES)
        age = int(rng.integers(BORNES[tranche][0], BORNES[tranche][1] + 1))
        personne = _Personne(rng, age)
        _ruptures(personne, genre, situation)
        _ressources(personne, situation == SITUATIONS[1])
        ancienne = _ressource_ancienne(rng_anciennes, personne, age >= 50)
        if id_personne == ID_CAS:  # the case is written by hand (draws above keep the others stable)
            lignes.extend(_lignes_martine(rng))
            continue
        naissance = ANNEE_OBSERVATION - age
        evenements = [personne.evenements[i] for i in rng.permutation(len(personne.evenements))]
        mois = [int(rng.integers(1, (MOIS_MAX_2025 if naissance + e[0] == ANNEE_OBSERVATION else 12) + 1))
                for e in evenements]
        if ancienne is not None:  # before 2025 by construction; noted at any point of the interviews
            place = int(rng_anciennes.integers(0, len(evenements) + 1))
            evenements.insert(place, ancienne)
            mois.insert(place, int(rng_anciennes.integers(1, 13)))
        for (age_evt, domaine, type_evenement, nature), mois_evt in zip(evenements, mois):
            lignes.append(dict(
                id_personne=id_personne, genre=genre, tranche_age=tranche, situation_familiale=situation,
                annee=int(naissance + age_evt), mois=mois_evt, age_evenement=int(age_evt), domaine=domaine,
                type_evenement=type_evenement, nature=nature,
            ))
    frame = pd.DataFrame(lignes)
    return frame[["id_personne", "genre", "tranche_age", "situation_familiale", "annee", "mois",
                  "age_evenement", "domaine", "type_evenement", "nature"]]
