"""The demo's teams: rosters of four, and the secrétaire's collective text pasted in every member's copy."""
from __future__ import annotations

import nbformat.v4 as nbf

from course.demo.teams import share_collective_text, teams_for


def test_teams_of_four_in_cohort_order():
    ids = [f"a{n:02d}" for n in range(1, 25)]
    teams = teams_for(ids)
    assert list(teams) == ["E1", "E2", "E3", "E4", "E5", "E6"]
    assert teams["E6"] == ["a21", "a22", "a23", "a24"]
    # A learner left alone joins the last team; two left over make a team of two.
    assert teams_for(ids[:5]) == {"E1": ["a01", "a02", "a03", "a04", "a05"]}
    assert teams_for(ids[:6]) == {"E1": ["a01", "a02", "a03", "a04"], "E2": ["a05", "a06"]}
    assert teams_for(ids[:1]) == {}


def _cell(grade_id: str, text: str, collective: bool):
    cell = nbf.new_markdown_cell(text)
    cell.metadata["nbgrader"] = {"grade_id": grade_id}
    cell.metadata["casp"] = {"collective": True} if collective else {}
    return cell


def test_only_collective_cells_take_the_secretary_text():
    member = nbf.new_notebook(cells=[_cell("prep", "mien", True), _cell("analyse", "à moi", False)])
    scribe = nbf.new_notebook(cells=[_cell("prep", "texte de l'équipe", True), _cell("analyse", "autre", False)])
    shared = share_collective_text(member, scribe)
    assert [cell.source for cell in shared.cells] == ["texte de l'équipe", "à moi"]
