"""Grille d'observation de la salle d'attente d'un espace France Services – CCAS (fictif).

One row = one 15-minute observation slot, over one week (Monday to Saturday morning).
A small day-by-day queue model links arrivals, agents at the counters, people waiting and
the waiting time shown by the ticket system; the other columns follow from these.

Calibration (see the data card for the full table and sources):
- opening hours and staffing: France Services label, open at least 24 h a week over 5 days
  with two trained agents (cahier des charges, recalled at the Conseil des ministres of
  26 January 2022); our urban site opens 50 h 30 a week (5 × 9 h 30 + 3 h);
- CAF benefits are paid on the 5th of the month: the observed week contains Thursday 5th;
- about one kiosk user in two needs help: 51 % of people cannot do their online procedures
  alone (Défenseur des droits, enquête Accès aux droits 2024, volet 2, octobre 2025);
- about one counter exchange in ten partly in another language: 11.3 % of the population is
  immigrant in 2024, 7.7 million people (Insee, L'essentiel sur… les immigrés et les étrangers,
  October 2025).

Observer design: two trainees, Bastien and Inès, hand over at 13 h and swap mornings and
afternoons from one day to the next (Bastien has the mornings of Monday, Wednesday and Friday,
Inès those of Tuesday, Thursday and Saturday), so that the observer is not confounded with the
time of day. During one hour, Monday 9 h – 10 h, both fill in the grid independently: the row
keeps Bastien's grid (the observer of that morning) and `bruit_second_releve` holds Inès's rating
of the noise, so that the two appreciations can be compared on the same slots. Inès rates the
same room a little noisier (deliberate observer bias).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

NAME = "observation_salle_attente"
SEED = 1448

# (day, date, first slot, last slot) — the week of Monday 2 to Saturday 7 November 2026.
JOURS = [
    ("lundi", "2026-11-02", "08:30", "17:45"),
    ("mardi", "2026-11-03", "08:30", "17:45"),
    ("mercredi", "2026-11-04", "08:30", "17:45"),
    ("jeudi", "2026-11-05", "08:30", "17:45"),
    ("vendredi", "2026-11-06", "08:30", "17:45"),
    ("samedi", "2026-11-07", "09:00", "11:45"),
]

# Affluence of each day relative to an ordinary Tuesday. Monday gathers the weekend's
# questions; Thursday 5th is the CAF payment day (questions on missing or lower payments).
AFFLUENCE_JOUR = {"lundi": 1.45, "mardi": 1.0, "mercredi": 0.9, "jeudi": 1.3, "vendredi": 0.95, "samedi": 1.05}
# People already queuing at the door when it opens (mean).
FILE_OUVERTURE = {"lundi": 7, "mardi": 3, "mercredi": 2, "jeudi": 5, "vendredi": 3, "samedi": 4}

DUREE_ENTRETIEN_MIN = 11.0   # mean time at the counter per person
CHAISES = 8                  # seats in the waiting room
P_AIDE_BORNE = 0.51          # share of kiosk users who need help (Défenseur des droits 2024)
P_AUTRE_LANGUE = 0.10        # share of counter exchanges partly in another language
BORNE_EN_PANNE = ("mardi", "14:00", "15:45")  # kiosk out of order (handwritten notice)
OBSERVATEURS = ("Bastien", "Inès")  # Bastien observes the morning on even days (Monday, Wednesday, Friday)
HEURE_COMMUNE = ("lundi", "09:00", "09:45")  # one hour observed by both, to compare their grids
BIAIS_INES = 1.5             # Inès rates the same room a little noisier
# A second generator for Inès's own perception during the common hour: the main draws, hence every
# other column, stay those of the original design. Its seed is chosen so that the four shared slots
# show the bias the trainees discuss (their ratings differ on two of them), as a teaching example.
SEED_SECOND_RELEVE = 1451


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _arrivees_moyennes(minute: int) -> float:
    """Mean arrivals in a 15-minute slot on an ordinary weekday, by time of day."""
    if minute < 9 * 60:
        return 1.6
    if minute < 11 * 60:
        return 2.6
    if minute < 12 * 60:
        return 1.8
    if minute < 13 * 60 + 30:
        return 0.6   # lunch break of most users
    if minute < 16 * 60:
        return 2.1
    if minute < 17 * 60:
        return 1.5
    return 0.8


def _agents(jour: str, minute: int, file: int) -> int:
    """Agents at the counters: 2, one only over lunch and on Wednesday afternoon (part-time);
    the manager comes to help at a counter when 8 people or more are waiting (outside lunch)."""
    if 12 * 60 <= minute < 13 * 60 + 30:
        return 1
    agents = 1 if jour == "mercredi" and minute >= 13 * 60 + 30 else 2
    return agents + 1 if file >= 8 else agents


def _p_enfants(jour: str, minute: int) -> float:
    """Chance that an adult waiting has a child with them (no school on Wednesday afternoon, Saturday)."""
    if jour == "samedi" or (jour == "mercredi" and minute >= 12 * 60):
        return 0.35
    if minute >= 16 * 60 + 30:
        return 0.25
    return 0.10


def _bruit(score: float) -> str:
    return "calme" if score < 5 else ("modéré" if score < 10 else "bruyant")


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    rng_second = np.random.default_rng(SEED_SECOND_RELEVE)
    rows = []
    for index, (jour, date, debut, fin) in enumerate(JOURS):
        observateur_matin = OBSERVATEURS[index % 2]
        file = int(rng.poisson(FILE_OUVERTURE[jour]))
        for minute in range(_minutes(debut), _minutes(fin) + 1, 15):
            creneau = f"{minute // 60:02d}:{minute % 60:02d}"
            agents = _agents(jour, minute, file)
            # --- snapshot at the start of the slot
            accompagnants = int(rng.binomial(file, 0.2))
            adultes = file + accompagnants
            enfants = int(rng.binomial(adultes + agents, _p_enfants(jour, minute)))
            debout = max(0, adultes + enfants // 2 - CHAISES)
            attente = file * DUREE_ENTRETIEN_MIN / agents + rng.normal(2.0, 3.0)
            attente = int(round(min(max(attente, 0.0), 95.0)))
            # --- what happens during the slot
            lam = _arrivees_moyennes(minute) * AFFLUENCE_JOUR[jour]
            if jour == "jeudi" and minute < 12 * 60:
                lam += 0.8   # payment day: "my CAF payment has not arrived"
            arrivees = int(rng.poisson(lam))
            capacite = int(rng.binomial(3 * agents, 15 / DUREE_ENTRETIEN_MIN / 3))
            recus = min(file + arrivees, capacite)
            # Some people give up and leave before being received, more often when the wait is long.
            abandons = int(rng.binomial(file + arrivees - recus, min(0.5, 0.005 + 0.003 * attente)))
            file = file + arrivees - recus - abandons
            en_panne = jour == BORNE_EN_PANNE[0] and _minutes(BORNE_EN_PANNE[1]) <= minute <= _minutes(BORNE_EN_PANNE[2])
            borne = 0 if en_panne else min(2, int(rng.poisson(0.35 * arrivees + 0.1)))
            aides_borne = int(rng.binomial(borne, P_AIDE_BORNE))
            autre_langue = int(rng.binomial(recus, P_AUTRE_LANGUE))
            # Personal information overheard: more likely when the room is full and close to the counters.
            p_entendu = min(0.6, 0.06 + 0.035 * max(0, adultes - 3) + 0.15 * (autre_langue > 0))
            entendues = int(rng.binomial(recus, p_entendu))
            # Noise as noted by the observer: Inès rates the same room a little noisier.
            observateur = _observateur(observateur_matin, minute)
            ambiance = adultes + 1.5 * enfants
            score = ambiance + rng.normal(0, 1.5) + (BIAIS_INES if observateur == "Inès" else 0)
            bruit = _bruit(score)
            commune = jour == HEURE_COMMUNE[0] and _minutes(HEURE_COMMUNE[1]) <= minute <= _minutes(HEURE_COMMUNE[2])
            if commune and observateur != OBSERVATEURS[0]:
                raise ValueError("the common hour must fall in one of Bastien's slots: Inès gives the second rating")
            bruit_second = _bruit(ambiance + rng_second.normal(0, 1.5) + BIAIS_INES) if commune else None
            p_tension = 1 / (1 + np.exp(-(-3.6 + 0.085 * attente + 0.6 * (bruit == "bruyant"))))
            tension = int(rng.random() < p_tension)
            documents = int(rng.poisson(0.3 * arrivees + (0.4 if jour == "jeudi" else 0.0)))
            rows.append({
                "date": date,
                "jour": jour,
                "creneau": creneau,
                "heure": minute // 60,
                "releve_par": " et ".join(OBSERVATEURS) if commune else observateur,
                "nb_agents_accueil": agents,
                "nb_personnes_attente": adultes,
                "nb_enfants": enfants,
                "nb_personnes_debout": debout,
                "attente_moy_min": attente,
                "nb_arrivees": arrivees,
                "nb_personnes_recues": recus,
                "nb_departs_sans_etre_recu": abandons,
                "nb_utilisations_borne": borne,
                "nb_aides_borne": aides_borne,
                "nb_echanges_autre_langue": autre_langue,
                "conversations_entendues": entendues,
                "bruit": bruit,
                "bruit_second_releve": bruit_second,
                "tension_observee": tension,
                "documents_pris": documents,
            })
    return pd.DataFrame(rows)


def _observateur(observateur_matin: str, minute: int) -> str:
    """The two trainees take turns: one in the morning, the other in the afternoon, swapping each day."""
    if minute < 13 * 60:
        return observateur_matin
    return OBSERVATEURS[1] if observateur_matin == OBSERVATEURS[0] else OBSERVATEURS[0]
