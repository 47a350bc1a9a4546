"""Expected values for M1.2 (reception interviews), computed from the committed register.

The hidden tests quote the mean durations, the share of needs differing from the stated reason and the
satisfaction gap with and without reformulation: computing them here from the CSV the learners load
keeps the tests and the model answers in step with the data.
"""
from __future__ import annotations

from course import data

DATASET = "entretiens_accueil"


def attendus() -> dict:
    e = data.load(DATASET)
    duree = e.groupby("type_entretien")["duree_min"].mean().round(1)
    satisfaction = e.groupby("reformulation")["satisfaction"].mean().round(2)
    return {
        # interview type → mean duration (min), rounded like the model answer: checked by proches(duree_par_type, …)
        "duree": {t: float(v) for t, v in sorted(duree.items())},
        # the same durations, ascending: the bar lengths barres(ax, hauteurs=…) expects in question 4
        "hauteurs": sorted(float(v) for v in duree),
        "part_different": round(float((e["besoin_identifie"] != e["motif_exprime"]).mean() * 100), 1),
        # « non » / « oui » → mean satisfaction: checked by proches(satisfaction_reformulation, …)
        "satisfaction": {k: float(v) for k, v in sorted(satisfaction.items())},
        "ecart": round(float(satisfaction["oui"] - satisfaction["non"]), 2),
    }
