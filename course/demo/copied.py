"""One copied answer planted in the demo cohort, for `casp similarity` to find.

A learner hands in another learner's written answer with its sentences reordered: the kind of copy a
marker does not notice when the two copies are read days apart. Every other copy of the demo is written
in its learner's own words (voices.py), so the planted pair stands out, as it would in a real cohort.
"""
from __future__ import annotations

import copy as copying
from dataclasses import dataclass

import nbformat

from .voices import sentences

PLANTED_ASSIGNMENT = "m13_cas_accueil_orientation"


@dataclass(frozen=True)
class PlantedCopy:
    assignment_id: str
    criterion_id: str
    grade_id: str
    source: str  # the learner whose answer is copied
    copier: str  # the learner who hands it in


def choose_planted_copy(catalogue, learners, quality_of, preferred: str = PLANTED_ASSIGNMENT) -> PlantedCopy | None:
    """A written answer copied from one learner by another: on the first individual written criterion of the
    preferred assignment, else of the first certification assignment where two learners did good or excellent
    work (answers long enough to judge); the first two such learners in cohort order, the second copying."""
    ordered = sorted(catalogue.assignments.values(), key=lambda assignment: assignment.id != preferred)
    for assignment in ordered:
        written = [c for c in assignment.rubric if c.kind == "ecrit" and not c.collective]
        able = [learner.id for learner in learners if quality_of(learner, assignment.id) in ("bon", "excellent")]
        if assignment.modality and written and len(able) >= 2:
            criterion = written[0]
            return PlantedCopy(assignment.id, criterion.id, criterion.grade_ids[0], able[0], able[1])
    return None


def reordered(text: str) -> str:
    """Each answer line with its first two sentences swapped (part headings and one-sentence lines kept)."""
    lines = []
    for line in text.split("\n"):
        found = sentences(line)
        if len(found) >= 2 and not line.lstrip().startswith("#"):
            line = " ".join([found[1], found[0], *found[2:]])
        lines.append(line)
    return "\n".join(lines)


def plant_copy(copy: nbformat.NotebookNode, original: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    """`copy` with the answer cell `grade_id` taken from `original`, its sentences reordered."""
    planted = copying.deepcopy(copy)
    source = next((cell.source for cell in original.cells
                   if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id), None)
    if source is None:
        return planted
    for cell in planted.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            cell.source = reordered(source)
    return planted
