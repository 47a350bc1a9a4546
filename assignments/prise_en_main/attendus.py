"""Expected values of the onboarding, computed from the committed register of passages.

Hidden tests and the commentary quote these figures: computing them from the CSV that learners
load keeps them true whenever the data are regenerated.
"""
from course import data
from course.formatting import decimal_fr


def attendus() -> dict:
    tableau = data.load("permanence_accueil")
    jeunes = tableau[tableau["tranche_age"] == "16-25 ans"]
    duree_motif = tableau.groupby("motif")["duree_min"].mean().round(2).to_dict()
    # The commentary after question 10 reads the durations: it must stay true if the data change.
    assert max(duree_motif, key=duree_motif.get) == "Budget et dettes"
    assert 1.7 < duree_motif["Budget et dettes"] / duree_motif["Alimentation"] < 2.4
    return {
        "nb_lignes": len(tableau),
        "nb_colonnes": tableau.shape[1],
        "premiers_id": tableau["id_passage"].head(10).tolist(),
        "nb_jeunes": len(jeunes),
        "par_orientation": tableau["orientation"].value_counts().to_dict(),
        "orientation_jeunes": jeunes["orientation"].value_counts().to_dict(),
        "pct_mode": (tableau["mode_contact"].value_counts(normalize=True) * 100).round(2).to_dict(),
        "duree_motif": duree_motif,
        "hauteurs_par_motif": sorted(tableau["motif"].value_counts().to_dict().values()),
        "duree_moyenne_fr": decimal_fr(tableau["duree_min"].mean(), 1),
    }
