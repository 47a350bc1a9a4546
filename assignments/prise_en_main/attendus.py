"""Expected values of the onboarding, computed from the committed register of passages.

Hidden tests, the commentary and the model answer quote these figures: computing them from the CSV that
learners load keeps them true whenever the data are regenerated.
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
    par_genre = tableau["genre"].value_counts()
    # The example sentence under the gender chart says that women account for more passages than men.
    assert par_genre["femme"] > par_genre["homme"]
    par_motif = tableau["motif"].value_counts()
    # The model answer names one most and one least frequent reason: no tie at either end.
    assert par_motif.iloc[0] > par_motif.iloc[1] and par_motif.iloc[-1] < par_motif.iloc[-2]
    return {
        "nb_lignes": len(tableau),
        "nb_colonnes": tableau.shape[1],
        "premiers_id": tableau["id_passage"].head(10).tolist(),
        "nb_jeunes": len(jeunes),
        "par_orientation": tableau["orientation"].value_counts().to_dict(),
        "orientation_jeunes": jeunes["orientation"].value_counts().to_dict(),
        "pct_mode": (tableau["mode_contact"].value_counts(normalize=True) * 100).round(2).to_dict(),
        "duree_motif": duree_motif,
        "hauteurs_par_motif": sorted(par_motif.to_dict().values()),
        "duree_moyenne_fr": decimal_fr(tableau["duree_min"].mean(), 1),
        "nb_femmes": int(par_genre["femme"]),
        "nb_hommes": int(par_genre["homme"]),
        "pct_femmes_fr": decimal_fr(par_genre["femme"] / len(tableau) * 100, 1),
        "motif_max": par_motif.index[0],
        "nb_motif_max": int(par_motif.iloc[0]),
        "motif_min": par_motif.index[-1],
        "nb_motif_min": int(par_motif.iloc[-1]),
    }
