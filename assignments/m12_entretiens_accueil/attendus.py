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
        # type d'entretien → durée moyenne (min), triés par type comme les assertions
        "duree": {t: float(v) for t, v in sorted(duree.items())},
        # les mêmes durées, croissantes : hauteurs attendues des barres de la question 4
        "hauteurs": sorted(float(v) for v in duree),
        "part_different": round(float((e["besoin_identifie"] != e["motif_exprime"]).mean() * 100), 1),
        # « non » / « oui » → satisfaction moyenne, triés
        "satisfaction": {k: float(v) for k, v in sorted(satisfaction.items())},
        "ecart": round(float(satisfaction["oui"] - satisfaction["non"]), 2),
    }
