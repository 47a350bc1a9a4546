"""Expected values of M1.1, computed from the committed life-course file.

The hidden tests quote these figures: computing them from the CSV that learners load keeps them
true whenever the data are regenerated.
"""
from course import data

PERSONNE = "P0417"  # Martine, the case of the assignment


def attendus() -> dict:
    parcours = data.load("parcours_de_vie")
    martine = parcours[parcours["id_personne"] == PERSONNE].sort_values(["annee", "mois"])
    ruptures = parcours[parcours["nature"] == "rupture"]
    ressources = parcours[parcours["nature"] == "ressource"]
    par_personne = ruptures["id_personne"].value_counts()
    premiere = ruptures.groupby("id_personne")["age_evenement"].min()
    par_domaine = ruptures["domaine"].value_counts().to_dict()
    return {
        "frise_martine": list(martine["type_evenement"]),
        "nb_evenements_martine": len(martine),
        "bilan_martine": martine["nature"].value_counts().to_dict(),
        "nb_ruptures": len(ruptures),
        "nb_ruptures_texte": f"{len(ruptures):,}".replace(",", "\u00a0"),  # « 1 187 », for the model answer
        # the example chart of the resources, in words (its text alternative), most frequent first as drawn
        "nb_ressources_texte": f"{len(ressources):,}".replace(",", "\u00a0"),
        "ressources_par_domaine": {str(k): int(v) for k, v in ressources["domaine"].value_counts().items()},
        "domaine_plus_touche": max(par_domaine, key=par_domaine.get),
        "ruptures_domaine_plus_touche": max(par_domaine.values()),
        "ruptures_par_domaine": par_domaine,
        "longueurs_par_domaine": sorted(par_domaine.values()),
        "nb_personnes": parcours["id_personne"].nunique(),
        "part_plusieurs_ruptures": round(float((par_personne >= 2).sum() / parcours["id_personne"].nunique() * 100), 1),
        "age_premiere_rupture_martine": int(premiere[PERSONNE]),
        "mediane_premiere_rupture": float(premiere.median()),
        # What a learner gets by grouping every event (parcours) instead of the ruptures: it must differ.
        "mediane_premier_evenement": float(parcours.groupby("id_personne")["age_evenement"].min().median()),
    }
