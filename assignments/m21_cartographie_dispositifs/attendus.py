"""Expected values for M2.1 (cartographie des dispositifs des Hauts-de-Lisère).

Computed from the committed datasets, so that the hidden tests and the figures quoted in the model answers
always match the data the learners load: the shared territory (`territoire_communes`,
`territoire_structures`) and the France Services' orientations of 2025 (`orientations_france_services`).
"""
from __future__ import annotations

import pandas as pd

from course import data

EPCI = "CC des Hauts-de-Lisère"
FRANCE_SERVICES = "S37"  # the fixed France Services of Lestrac-sur-Lisère
SEUIL_MINUTES = 20


def _pourcent(partie: float, tout: float) -> float:
    return round(100 * float(partie) / float(tout), 1)


def _milliers(nombre: int) -> str:
    """« 21 522 » with a no-break space, as the course writes numbers in text (`fr` has no thousands)."""
    return f"{int(nombre):,}".replace(",", "\u00a0")


def attendus() -> dict:
    communes = data.load("territoire_communes")
    structures = data.load("territoire_structures")
    orientations = data.load("orientations_france_services")
    communes_cc = communes[communes["epci"] == EPCI]
    structures_cc = structures[structures["epci"] == EPCI]
    population_cc = int(communes_cc["population"].sum())

    par_champ = structures_cc["champ"].value_counts()
    sans_transport = communes_cc[communes_cc["desserte"] == "aucune"]
    loin = communes_cc[communes_cc["temps_acces_fs_min"] > SEUIL_MINUTES]
    sans_structure = communes_cc[~communes_cc["commune"].isin(structures_cc["commune"])]
    fs = structures[structures["id_structure"] == FRANCE_SERVICES].iloc[0]

    tri = (pd.crosstab(orientations["desserte"], orientations["aboutie"], normalize="index") * 100).round(1)
    tri_lieu = (pd.crosstab(orientations["lieu_accueil"], orientations["aboutie"], normalize="index") * 100).round(1)
    par_desserte = orientations["desserte"].value_counts()
    population_desserte = communes_cc.groupby("desserte")["population"].sum()
    pour_1000 = (par_desserte / population_desserte * 1000).round(1)
    delais = orientations.groupby("aboutie")["delai_rdv_jours"].mean().round(1)
    # Where each structure receives: the orientations towards a structure of Corvalès, about an hour away.
    commune_structure = structures.drop_duplicates("structure").set_index("structure")["commune"]
    en_ville = orientations["structure_orientee"].map(commune_structure) == "Corvalès"
    populations = communes_cc.set_index("commune")["population"]
    grandes = ["Lestrac-sur-Lisère", "Roquemirel", "Brugalès"]  # the three communes Part 1 names
    autres = populations.drop(grandes)

    return {
        # Part 2: the territory and the orientations
        "nb_communes_cc": len(communes_cc),
        "population_cc": population_cc,
        "population_cc_texte": _milliers(population_cc),
        "populations_texte": {commune: _milliers(populations[commune]) for commune in grandes},
        "nb_autres_communes": len(autres),
        "pop_min_autres": int(autres.min()),
        "pop_max_autres": _milliers(autres.max()),
        "nb_structures_cc": len(structures_cc),
        "nb_structures": len(structures),
        "nb_orientations": len(orientations),
        "nb_orientations_fixes": int((orientations["lieu_accueil"] == "Lestrac-sur-Lisère").sum()),
        "nb_orientations_itinerantes": int((orientations["lieu_accueil"] == "France Services itinérante").sum()),
        "structures_par_champ": {str(k): int(v) for k, v in par_champ.items()},
        "champs_cc": [str(k) for k in par_champ.index],
        "champ_max": str(par_champ.idxmax()),
        "nb_champ_max": int(par_champ.max()),
        "champs_rares": [str(k) for k, v in par_champ.items() if v == par_champ.min()],
        "nb_champ_min": int(par_champ.min()),
        "nb_sans_transport": len(sans_transport),
        "part_pop_sans_transport": _pourcent(sans_transport["population"].sum(), population_cc),
        "nb_communes_loin": len(loin),
        "part_pop_loin": _pourcent(loin["population"].sum(), population_cc),
        "pop_loin": int(loin["population"].sum()),
        "nb_loin_sans_transport": int((loin["desserte"] == "aucune").sum()),
        "temps_max": int(communes_cc["temps_acces_fs_min"].max()),
        "nb_communes_avec_structure": int(communes_cc["commune"].isin(structures_cc["commune"]).sum()),
        "nb_communes_sans_structure": len(sans_structure),
        "part_pop_sans_structure": _pourcent(sans_structure["population"].sum(), population_cc),
        "aboutie_oui": {str(k): float(v) for k, v in tri["oui"].items()},
        "aboutie_lieu": {str(k): float(v) for k, v in tri_lieu["oui"].items()},
        "taux_aboutie": _pourcent((orientations["aboutie"] == "oui").sum(), len(orientations)),
        "pour_1000": {str(k): float(v) for k, v in pour_1000.items()},
        "delai_oui": float(delais["oui"]),
        "delai_non": float(delais["non"]),
        "aboutie_ville": _pourcent((orientations.loc[en_ville, "aboutie"] == "oui").sum(), int(en_ville.sum())),
        "aboutie_hors_ville": _pourcent((orientations.loc[~en_ville, "aboutie"] == "oui").sum(),
                                        int((~en_ville).sum())),
        "part_ville": _pourcent(int(en_ville.sum()), len(orientations)),
        # Part 3: the map
        "fs_x": float(fs["x_km"]),
        "fs_y": float(fs["y_km"]),
    }
