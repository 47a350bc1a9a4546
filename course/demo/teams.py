"""The demo's teams: four learners per team for every collective assignment, one collective text per team.

In a real session the team writes its collective parts together and every member pastes the secrétaire's
final text; the demo does the same with the simulated copies, so that `casp teams compare` finds them
identical and the collective mark, given on the secrétaire's copy, is spread by `casp teams apply`.
"""
from __future__ import annotations

import nbformat

from ..catalogue import Catalogue
from ..learner.equipe import MAX_MEMBRES, est_collective

TEAM_SIZE = 4


def collective_assignments(catalogue: Catalogue) -> list[str]:
    """Assignments with at least one collective criterion: those that need a roster."""
    return [a.id for a in catalogue.assignments.values() if any(c.collective for c in a.rubric)]


def teams_for(learner_ids: list[str], size: int = TEAM_SIZE) -> dict[str, list[str]]:
    """Teams of `size` in cohort order, named E1, E2…; a learner left alone joins the last team."""
    groups = [learner_ids[index:index + size] for index in range(0, len(learner_ids), size)]
    if len(groups) > 1 and len(groups[-1]) == 1 and len(groups[-2]) < MAX_MEMBRES:
        last = groups.pop()
        groups[-1] += last
    return {f"E{number}": members for number, members in enumerate(groups, start=1) if len(members) > 1}


def share_collective_text(copy: nbformat.NotebookNode, scribe_copy: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Paste the secrétaire's collective cells into a member's copy (cells matched by grade_id)."""
    texts = {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in scribe_copy.cells if est_collective(cell)}
    for cell in copy.cells:
        if est_collective(cell):
            cell.source = texts[cell.metadata["nbgrader"]["grade_id"]]
    return copy
