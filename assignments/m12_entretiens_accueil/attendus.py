"""Expected values for M1.2 (reception interviews), computed from the committed register.

The hidden tests quote the mean durations, the share of needs differing from the stated reason and the
satisfaction gap with and without reformulation; the model answer of the team note (M1.2-F) quotes the same
figures and the satisfaction at equal interview type. Computing them here from the CSV the learners load
keeps the tests and the model answers in step with the data.
"""
from __future__ import annotations

from course import data

DATASET = "entretiens_accueil"


def attendus() -> dict:
    e = data.load(DATASET)
    duree = e.groupby("type_entretien")["duree_min"].mean().round(1)
    satisfaction = e.groupby("reformulation")["satisfaction"].mean().round(2)
    par_type = e.groupby(["type_entretien", "reformulation"])["satisfaction"].mean().round(2).unstack()
    return {
        # interview type → mean duration (min), rounded like the model answer: checked by proches(duree_par_type, …)
        "duree": {t: float(v) for t, v in sorted(duree.items())},
        # the same durations, ascending: the bar lengths barres(ax, hauteurs=…) expects in question 4
        "hauteurs": sorted(float(v) for v in duree),
        # the example chart (number of interviews per type), in words: its text alternative, as drawn
        "nb_entretiens": len(e),
        "nombre_par_type": {str(k): int(v) for k, v in e["type_entretien"].value_counts().items()},
        "part_different": round(float((e["besoin_identifie"] != e["motif_exprime"]).mean() * 100), 1),
        # « non » / « oui » → mean satisfaction: checked by proches(satisfaction_reformulation, …)
        "satisfaction": {k: float(v) for k, v in sorted(satisfaction.items())},
        "ecart": round(float(satisfaction["oui"] - satisfaction["non"]), 2),
        # interview type → {« non », « oui »} → mean satisfaction: the table at equal type the team note quotes
        "satisfaction_par_type": {t: {k: float(v) for k, v in ligne.items()} for t, ligne in par_type.iterrows()},
        # how many times longer an appointment lasts than a call, for the team note
        "rapport_rdv_telephone": round(float(duree["Sur rendez-vous"] / duree["Téléphone"]), 1),
    }
