"""Orientations entre structures de l'Aurelle en 2025 : qui oriente vers qui, et combien de fois.

One row = one directed link: structure A sent people to structure B during 2025, with the number of
orientations. Used to draw the partners' network (`course.learner.repertoire.reseau`) and to discuss
who works with whom (M2.1, M4.1).

Calibration (see the data card): the France Services of Lestrac-sur-Lisère receives about 3 200 requests a
year (9 million requests in 2023 for 2 840 France Services, Cour des comptes 2024) and handles 82 % of them
on the spot (same report): it orients about 18 % of them, ≈ 570 a year. Its orientations towards the CAF,
the CPAM and the finances publiques follow the operators' shares of the network's accompaniments (16 %,
16 % and 15 %, same report); everything else, and every link between other structures, is a hypothesis of
realism. The counts are fixed by the author: the generator only checks them and writes the table.
"""
from __future__ import annotations

import pandas as pd

from . import territoire_structures as structures

NAME = "territoire_liens"
SEED = 2026_0603  # unused: the links are written by hand; kept for the generators' contract

DEMANDES_PAR_AN_FRANCE_SERVICES = round(9_000_000 / 2_840)  # 3 169
PART_TRAITEE_SUR_PLACE = 0.82
ORIENTATIONS_FRANCE_SERVICES = round(DEMANDES_PAR_AN_FRANCE_SERVICES * (1 - PART_TRAITEE_SUR_PLACE))  # 570
# Operators' shares of the accompaniments (Cour des comptes 2024), applied to the orientations (hypothèse).
PARTS_OPERATEURS = {"CAF_C": 0.16, "CPAM_C": 0.16, "DGFIP": 0.15}

# The France Services' other orientations (hypothèses), in number per year: with the three above, 570.
AUTRES_ORIENTATIONS_FRANCE_SERVICES = {
    "RETRAITE": 55, "MSA": 50, "FT_L": 44, "MDS_L": 32, "CIAS": 28, "ML_L": 22, "NUM_B": 19, "JUSTICE": 16,
    "MDPH_L": 13, "PCB_L": 10, "MOBI": 8, "ADIL_L": 5,
}

# Links between other structures (origin, destination, orientations in 2025; hypothèses de réalisme).
AUTRES_LIENS = [
    ("ML_L", "MOBI", 18), ("ML_L", "AUTO", 14), ("ML_L", "RHJ", 9), ("ML_L", "CFA", 7), ("ML_L", "E2C", 6),
    ("ML_L", "MDA", 4),
    ("FT_L", "GRETA", 21), ("FT_L", "AI", 15), ("FT_L", "ACI", 12), ("FT_L", "MOBI", 11), ("FT_L", "AFPA", 6),
    ("MDPH", "CAPE", 16), ("MDPH", "ESAT", 4), ("CAPE", "GRETA", 5),
    ("MDS_L", "EPICERIE", 31), ("MDS_L", "PCB_L", 12), ("MDS_L", "SIAO", 8), ("MDS_L", "ACI", 6),
    ("CIAS", "SAAD", 25), ("CIAS", "EPICERIE", 22), ("CIAS", "ENTRAIDE", 19), ("CIAS", "COVOIT", 13),
    ("SPIP", "SIAO", 11), ("SPIP", "CSAPA", 9), ("SPIP", "FT_C", 7),
    ("SIAO", "CHRS", 24), ("PASS", "CPAM_C", 38), ("CSAPA", "CMP", 6), ("CMP", "CSAPA", 7),
    ("MSP_L", "CMP", 12), ("MSP_L", "CSAPA_L", 5), ("PMI", "RPE", 8), ("CSI", "PCB_L", 4),
    ("CIDFF", "VICTIMES", 6), ("JUSTICE", "CIDFF_L", 5), ("GEA", "MSA", 10), ("AGRI", "GEA", 8),
]

COLONNES = ["id_origine", "origine", "id_destination", "destination", "champ_destination", "orientations_2025"]


def liens_france_services() -> list[tuple[str, str, int]]:
    """The France Services' orientations: published shares first, the remainder from the hypotheses."""
    liens = [("FS_L", cle, round(ORIENTATIONS_FRANCE_SERVICES * part)) for cle, part in PARTS_OPERATEURS.items()]
    liens += [("FS_L", cle, nombre) for cle, nombre in AUTRES_ORIENTATIONS_FRANCE_SERVICES.items()]
    return liens


def generate() -> pd.DataFrame:
    ids = structures.identifiants()
    fiches = {cle: (nom, champ) for cle, nom, _type, champ, *_ in structures.STRUCTURES}
    rows = []
    for origine, destination, nombre in liens_france_services() + AUTRES_LIENS:
        rows.append({
            "id_origine": ids[origine],
            "origine": fiches[origine][0],
            "id_destination": ids[destination],
            "destination": fiches[destination][0],
            "champ_destination": fiches[destination][1],
            "orientations_2025": nombre,
        })
    return pd.DataFrame(rows, columns=COLONNES)
