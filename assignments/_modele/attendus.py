"""Expected values of the assignment, computed from the committed data (example of the template).

The hidden test and the model answer quote these figures: computing them from the CSV that
learners load keeps them true whenever the data are regenerated.
"""
from course import data


def attendus() -> dict:
    tableau = data.load("permanence_accueil")
    return {"part_jeunes": round(float((tableau["tranche_age"] == "16-25 ans").mean() * 100), 2)}
