"""Expected values for M2.2 (survey of professionals on the exit from prison).

Computed from the committed `enquete_pro_sortants_detention` answers, so that the hidden tests and the
figures quoted in the model answers and the jury's mark scheme always match what the learners load.
"""
from __future__ import annotations

import pandas as pd

from course import data

DATASET = "enquete_pro_sortants_detention"
DISPOSITIFS = ["connait_siao", "connait_domiciliation", "connait_c2s", "connait_cej", "connait_rsa",
               "connait_relais_tso", "connait_logement_adapte", "connait_iae"]
HEBERGEMENT, INFO_TARDIVE = "Hébergement", "Information tardive sur la date de sortie"


def _pourcent(nombre: int, base: int) -> float:
    return round(100 * nombre / base, 1)


def attendus() -> dict:
    reponses = data.load(DATASET)
    n = len(reponses)
    nb_freins = reponses["frein_principal"].value_counts()
    part_freins = (reponses["frein_principal"].value_counts(normalize=True) * 100).round(1)
    par_structure = (reponses.groupby("type_structure")[DISPOSITIFS].mean() * 100).round(1)
    tso = par_structure["connait_relais_tso"].sort_values(ascending=False)
    connus = (reponses[DISPOSITIFS].mean() * 100).round(1)
    spip = reponses[reponses["type_structure"] == "SPIP"]
    autres = reponses[reponses["type_structure"] != "SPIP"]
    anciennete = (reponses["anciennete"].value_counts(normalize=True) * 100).round(1)
    structure_fonction = pd.crosstab(reponses["type_structure"], reponses["fonction"])
    petites = int(((structure_fonction > 0) & (structure_fonction < 3)).to_numpy().sum())
    satisfaction_basse = int((reponses["satisfaction_coordination"] <= 2).sum())
    satisfaction_spip = round(float(spip["satisfaction_coordination"].mean()), 1)
    satisfaction_autres = round(float(autres["satisfaction_coordination"].mean()), 1)
    csapa = reponses[reponses["type_structure"] == "CSAPA"]
    return {
        "n": n,
        "n_types": int(reponses["type_structure"].nunique()),
        "n_spip": len(spip),
        "n_autres": len(autres),
        # Question 1: counts and shares of the main obstacle (labels as in the data)
        "nb_freins": {str(k): int(v) for k, v in nb_freins.items()},
        "part_freins": {str(k): float(v) for k, v in part_freins.items()},
        "nb_modalites_freins": len(nb_freins),
        "part_hebergement": float(part_freins[HEBERGEMENT]),
        "nb_hebergement": int(nb_freins[HEBERGEMENT]),
        "part_info_tardive": float(part_freins[INFO_TARDIVE]),
        "nb_info_tardive": int(nb_freins[INFO_TARDIVE]),
        # Question 2: knowledge rates (%) by type of structure, and the relais TSO column sorted
        "connaissance": {str(t): {c: float(v) for c, v in ligne.items()} for t, ligne in par_structure.iterrows()},
        "tso_par_structure": {str(k): float(v) for k, v in tso.items()},
        "tso_premier": str(tso.index[0]),
        "connus": {c: float(v) for c, v in connus.items()},
        "nb_connus": {c: int(reponses[c].sum()) for c in DISPOSITIFS},
        "cej_csapa": float(par_structure.loc["CSAPA", "connait_cej"]),
        "tso_caf": float(par_structure.loc["CAF", "connait_relais_tso"]),
        "n_csapa": len(csapa),
        # Question 3: median number of days between learning the release date and the release
        "mediane_spip": float(spip["delai_information_jours"].median()),
        "mediane_autres": float(autres["delai_information_jours"].median()),
        "moyenne_autres": round(float(autres["delai_information_jours"].mean()), 1),
        "nb_jour_meme": int((autres["delai_information_jours"] == 0).sum()),
        # Question 4: bar heights, sorted as the chart draws them
        "hauteurs_freins": sorted(float(v) for v in part_freins.values),
        # The worked examples and the text around them
        "part_anciennete": {str(k): float(v) for k, v in anciennete.items()},
        "petites_cellules": petites,
        "satisfaction_basse": satisfaction_basse,
        "part_satisfaction_basse": _pourcent(satisfaction_basse, n),
        "satisfaction_spip": satisfaction_spip,
        "satisfaction_autres": satisfaction_autres,
        "part_fiche_liaison": _pourcent(int(reponses["outils_fiche_de_liaison"].sum()), n),
        "part_reunion_synthese": _pourcent(int(reponses["outils_reunion_de_synthese"].sum()), n),
        "nb_aucun_outil": int(reponses["outils_aucun"].sum()),
        "nb_verbatims": int(reponses["verbatim"].notna().sum()),
    }
