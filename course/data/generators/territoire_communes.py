"""Communes de l'Aurelle, le département fictif du cours : le Grand Corvalès et les Hauts-de-Lisère.

One row = one commune of the two intercommunalities (EPCI) that several assignments share (design
BLOCS-2-5 §a6): the Communauté d'agglomération du Grand Corvalès (the préfecture Corvalès, 8 peri-urban
and 21 rural communes; M4.3) and the Communauté de communes des Hauts-de-Lisère (27 communes, rural,
around the bourg-centre Lestrac-sur-Lisère and its France Services; M2.1). Positions are schematic (x, y
in km on a made-up plane, north up), not geographic coordinates.

Calibration (see the data card):
- rural communes = levels 5-7 of the INSEE grille communale de densité, a third of the French
  population (INSEE, « La France et ses territoires », 2021);
- households without a car: 9 % in the couronnes, 28 % in the pôles in 2017 (same publication,
  SDES chapter);
- a communauté d'agglomération gathers more than 50 000 inhabitants around a commune-centre of more than
  15 000 (CGCT L5216-1); the minimum size of an EPCI is 15 000 inhabitants (loi NOTRe, 2015);
- France Services within 30 minutes for everyone: the programme's objective (Cour des comptes, 2024).
Populations, positions, bus lines and the access times' road model are the author's realistic
assumptions, stated as such in the card. Every name is invented and was checked against the INSEE COG.

The other territory tables (`territoire_structures`, `territoire_liens`) import the constants below, so
this module is the one source of the territory's places.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

NAME = "territoire_communes"
SEED = 2026_0601

EPCI_AGGLO = "CA du Grand Corvalès"
EPCI_RURAL = "CC des Hauts-de-Lisère"

VILLE_CENTRE = "Corvalès"
BOURG_CENTRE = "Lestrac-sur-Lisère"
SECOND_BOURG = "Brugalès"
PERIURBAINES = ["Montaucel", "Brassinhac", "Lavercène", "Castelnoir", "Bellefage", "Cazalbert", "Villefrêne",
                "Pontaurel"]
RURALES_AGGLO = ["Fontcalvie", "Escoussac", "Malbosquet", "Perrière-Haute", "Cantaurel", "Maurelhac", "Vialasse",
                 "Puylaurel", "Barjaval", "Lavalsec", "Montferval", "Grézalens", "Cassanhol", "Orlhac-le-Bas",
                 "Saint-Cirgal", "Lagardelle-d'Orme", "Aiguesvertes", "Campeyroux", "Mazerac", "Valcrozes",
                 "Ribaudel"]
RURALES_LISERE = ["Castelvérine", "Aubrelon", "Moncaprier", "Varsenac", "Salvanel", "La Combe-Ardière", "Fontmaury",
                  "Vielmonte", "Sainte-Ovrane", "Les Audrioles", "Calvignès", "Roquemirel", "Lauzerac", "Monastel",
                  "Serrevieille", "Cabrolet", "Sénaguet", "Cros-de-Lisère", "Estrabols", "Vialarès",
                  "Combelongue-sur-Lisère", "Fenayrolles", "Lisérac", "Puymarsal", "Cheylaret"]

# Populations (hypothèses de réalisme): the two centres are fixed, the other communes drawn then scaled so
# that each group adds up exactly to its total. Grand Corvalès ≈ 110 000, Hauts-de-Lisère ≈ 21 500.
POPULATION = {VILLE_CENTRE: 58_237, BOURG_CENTRE: 4_812, SECOND_BOURG: 1_647}
TOTAL_PERIURBAINES = 31_418
TOTAL_RURALES_AGGLO = 20_219
TOTAL_RURALES_LISERE = 15_063

# Schematic plane (km). Corvalès in the west of the département, the Hauts-de-Lisère upstream, east.
CENTRE_AGGLO = (34.0, 42.0)
CENTRE_LISERE = (86.0, 60.0)
POSITION_SECOND_BOURG = (92.5, 67.5)
ANNEAU_PERIURBAIN = (4.5, 9.0)
ANNEAU_RURAL_AGGLO = (9.5, 16.5)
ANNEAU_RURAL_LISERE = (3.5, 14.5)
ECART_MINIMUM_KM = 3.2  # no two communes closer: circles and names stay readable on the map

DENSITE = {
    1: "Grands centres urbains",
    2: "Centres urbains intermédiaires",
    3: "Ceintures urbaines",
    4: "Petites villes",
    5: "Bourgs ruraux",
    6: "Rural à habitat dispersé",
    7: "Rural à habitat très dispersé",
}

# France Services with fixed premises: the access time of a commune is the time to the nearest one.
FRANCE_SERVICES = [BOURG_CENTRE, VILLE_CENTRE, "Castelnoir"]
# Road model (hypothèse): roads are 1.3 times the straight line, driven at 50 km/h on average; 5 minutes to
# park and walk in; 8 minutes inside Corvalès (traffic, parking).
DETOUR = 1.3
VITESSE_KMH = {EPCI_AGGLO: 50.0, EPCI_RURAL: 50.0}
MINUTES_FIXES = 5
MINUTES_VILLE_CENTRE = 8

# Transport (hypothèse): Corvalès' urban network serves the peri-urban ring and the rural communes up to
# 12 km; beyond, the agglomeration's transport à la demande. In the Hauts-de-Lisère, one regional bus line
# runs from Lestrac-sur-Lisère towards Corvalès (west-south-west); communes within 2.5 km of it are served,
# the others have the CC's transport à la demande up to 11 km from Lestrac, nothing beyond.
LIGNE, TAD, AUCUNE = "ligne", "transport à la demande", "aucune"
RAYON_LIGNE_URBAINE_KM = 12.0
LIGNE_REGIONALE_KM = 22.0
COULOIR_LIGNE_KM = 2.5
RAYON_TAD_LISERE_KM = 11.0

# Households without a car, % (INSEE 2017: 9 % in couronnes, 28 % in pôles; hypothèses around them).
SANS_VOITURE = {VILLE_CENTRE: 24.0, BOURG_CENTRE: 14.5, SECOND_BOURG: 11.0}
SANS_VOITURE_PERIURBAINE = (9.5, 1.2)  # mean, standard deviation
SANS_VOITURE_RURALE = (7.8, 1.4)


def _populations(rng: np.random.Generator, noms: list[str], total: int, median: float, sigma: float) -> dict:
    """Lognormal draws scaled to `total` exactly (largest remainders get the missing units)."""
    brutes = rng.lognormal(math.log(median), sigma, len(noms))
    parts = brutes / brutes.sum() * total
    entieres = np.floor(parts).astype(int)
    for i in np.argsort(-(parts - entieres))[: total - entieres.sum()]:
        entieres[i] += 1
    return dict(zip(noms, (int(p) for p in entieres)))


def _positions(rng: np.random.Generator, noms: list[str], centre: tuple[float, float], anneau: tuple[float, float],
               deja: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Random points in a ring around `centre`, at least ECART_MINIMUM_KM from every point placed so far."""
    places = dict(deja)
    for nom in noms:
        while True:
            rayon = math.sqrt(rng.uniform(anneau[0] ** 2, anneau[1] ** 2))  # uniform over the ring's area
            angle = rng.uniform(0, 2 * math.pi)
            point = (round(centre[0] + rayon * math.cos(angle), 1), round(centre[1] + rayon * math.sin(angle), 1))
            if all(math.dist(point, autre) >= ECART_MINIMUM_KM for autre in places.values()):
                places[nom] = point
                break
    return places


def _densite(type_commune: str, population: int, epci: str) -> int:
    """Level of the 7-level density grid, from the commune's role and size (hypothèse de réalisme)."""
    if type_commune == "ville-centre":
        return 2
    if type_commune == "périurbaine":
        return 3
    if type_commune == "bourg-centre":
        return 4
    seuils = (1_200, 450) if epci == EPCI_AGGLO else (900, 300)
    return 5 if population >= seuils[0] else 6 if population >= seuils[1] else 7


def _distance_au_segment(point, debut, fin) -> float:
    """Shortest distance from `point` to the segment [debut, fin]."""
    (px, py), (ax, ay), (bx, by) = point, debut, fin
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.dist(point, (ax + t * dx, ay + t * dy))


def _ligne_regionale() -> tuple[tuple[float, float], tuple[float, float]]:
    """The bus line of the Hauts-de-Lisère: from Lestrac, LIGNE_REGIONALE_KM towards Corvalès."""
    dx, dy = CENTRE_AGGLO[0] - CENTRE_LISERE[0], CENTRE_AGGLO[1] - CENTRE_LISERE[1]
    norme = math.hypot(dx, dy)
    fin = (CENTRE_LISERE[0] + dx / norme * LIGNE_REGIONALE_KM, CENTRE_LISERE[1] + dy / norme * LIGNE_REGIONALE_KM)
    return CENTRE_LISERE, fin


def _desserte(point, epci: str) -> str:
    """The commune's public transport, from its distance to Corvalès or to the regional bus line."""
    if epci == EPCI_AGGLO:
        return LIGNE if math.dist(point, CENTRE_AGGLO) <= RAYON_LIGNE_URBAINE_KM else TAD
    if _distance_au_segment(point, *_ligne_regionale()) <= COULOIR_LIGNE_KM:
        return LIGNE
    return TAD if math.dist(point, CENTRE_LISERE) <= RAYON_TAD_LISERE_KM else AUCUNE


def _temps_acces(nom: str, point, epci: str, positions: dict) -> int:
    """Minutes by road to the nearest France Services (the road model above)."""
    if nom == VILLE_CENTRE:
        return MINUTES_VILLE_CENTRE
    if nom in FRANCE_SERVICES:
        return MINUTES_FIXES
    distance = min(math.dist(point, positions[fs]) for fs in FRANCE_SERVICES) * DETOUR
    return int(round(MINUTES_FIXES + distance / VITESSE_KMH[epci] * 60))


def generate() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    population = dict(POPULATION)
    population |= _populations(rng, PERIURBAINES, TOTAL_PERIURBAINES, 3_800, 0.35)
    population |= _populations(rng, RURALES_AGGLO, TOTAL_RURALES_AGGLO, 800, 0.55)
    population |= _populations(rng, RURALES_LISERE, TOTAL_RURALES_LISERE, 450, 0.65)

    positions = {VILLE_CENTRE: CENTRE_AGGLO, BOURG_CENTRE: CENTRE_LISERE, SECOND_BOURG: POSITION_SECOND_BOURG}
    positions = _positions(rng, PERIURBAINES, CENTRE_AGGLO, ANNEAU_PERIURBAIN, positions)
    positions = _positions(rng, RURALES_AGGLO, CENTRE_AGGLO, ANNEAU_RURAL_AGGLO, positions)
    positions = _positions(rng, RURALES_LISERE, CENTRE_LISERE, ANNEAU_RURAL_LISERE, positions)

    roles = ([(VILLE_CENTRE, EPCI_AGGLO, "ville-centre")]
             + [(nom, EPCI_AGGLO, "périurbaine") for nom in PERIURBAINES]
             + [(nom, EPCI_AGGLO, "rurale") for nom in RURALES_AGGLO]
             + [(BOURG_CENTRE, EPCI_RURAL, "bourg-centre"), (SECOND_BOURG, EPCI_RURAL, "rurale")]
             + [(nom, EPCI_RURAL, "rurale") for nom in RURALES_LISERE])
    rows = []
    for nom, epci, type_commune in roles:
        if nom in SANS_VOITURE:
            sans_voiture = SANS_VOITURE[nom]
        else:
            moyenne, ecart = SANS_VOITURE_PERIURBAINE if type_commune == "périurbaine" else SANS_VOITURE_RURALE
            sans_voiture = round(float(np.clip(rng.normal(moyenne, ecart), 4.0, 14.0)), 1)
        densite = _densite(type_commune, population[nom], epci)
        rows.append({
            "commune": nom,
            "epci": epci,
            "type_commune": type_commune,
            "population": population[nom],
            "grille_densite": densite,
            "libelle_densite": DENSITE[densite],
            "x_km": positions[nom][0],
            "y_km": positions[nom][1],
            "desserte": _desserte(positions[nom], epci),
            "temps_acces_fs_min": _temps_acces(nom, positions[nom], epci, positions),
            "part_menages_sans_voiture": sans_voiture,
        })
    return pd.DataFrame(rows)
