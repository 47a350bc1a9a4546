"""Team copies: the collective parts compared with the secrétaire's copy, declarations checked against the roster."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from course import CourseError
from course.catalogue import load_catalogue
from course.cli import main
from course.config import gradebook_url
from course.grading.team_copies import check_declarations, compare_collective, submission_folder
from course.grading.teams import Roster, save_roster
from course.learner.equipe import empreinte_collective, mon_equipe
from tests.test_teams import collective_assignment
from tests.conftest import MINI_ASSIGNMENT, write_mini_course

TEAMS = {"E1": ("ana", "bruno", "chloe"), "E2": ("dina", "eli")}


def hand_in(course, login: str, text: str | None = None, declare: tuple | None = None):
    """A learner's submitted copy: the model notebook, its collective part optionally rewritten."""
    folder = submission_folder(course, login, "mini")
    folder.mkdir(parents=True)
    notebook = nbformat.read(course / "source" / "mini" / "mini.ipynb", as_version=4)
    if text is not None:
        cell = next(c for c in notebook.cells if (c.metadata.get("casp") or {}).get("collective"))
        cell.source = text
    nbformat.write(notebook, folder / "mini.ipynb")
    if declare is not None:
        mon_equipe(*declare, dossier=folder)
    return folder


@pytest.fixture
def course(tmp_path):
    return write_mini_course(tmp_path / "cours", collective_assignment())


def test_members_whose_collective_part_differs_are_listed(course):
    for login in ("ana", "bruno"):
        hand_in(course, login, declare=("E1", list(TEAMS["E1"]), "bruno"))
    hand_in(course, "chloe", text="#### Parcours\nMon propre texte.\n\n#### Hypothèses\nAutre.",
            declare=("E1", list(TEAMS["E1"]), "bruno"))
    hand_in(course, "dina")
    assignment = load_catalogue(course).assignments["mini"]
    reference = empreinte_collective(submission_folder(course, "bruno", "mini") / "mini.ipynb").empreinte
    lines, count = compare_collective(course, assignment, TEAMS)
    assert lines == [
        "Équipe E1 (ana, bruno, chloe) — copie de référence : bruno",
        "  - chloe : partie collective différente de celle de bruno (M1.1-B).",
        "Équipe E2 (dina, eli) — copie de référence : dina",
        "  - eli : pas de copie rendue (mini.ipynb absent).",
    ]
    assert count == 2
    shutil.rmtree(submission_folder(course, "chloe", "mini"))
    hand_in(course, "chloe", declare=("E1", list(TEAMS["E1"]), "bruno"))
    lines, count = compare_collective(course, assignment, {"E1": TEAMS["E1"]})
    assert (lines, count) == ([f"Équipe E1 (ana, bruno, chloe) — copie de référence : bruno : partie collective "
                               f"identique pour les 3 membres (empreinte {reference})."], 0)


def test_an_assignment_without_collective_criterion_has_nothing_to_compare(tmp_path):
    course = write_mini_course(tmp_path / "cours", MINI_ASSIGNMENT)
    with pytest.raises(CourseError, match="Le devoir « mini » n'a aucun critère collectif"):
        compare_collective(course, load_catalogue(course).assignments["mini"], TEAMS)


def test_declarations_that_disagree_with_the_roster_are_reported(course):
    hand_in(course, "ana", declare=("E1", ["ana", "bruno", "chloe"], "ana"))
    hand_in(course, "bruno", declare=("E1", ["ana", "bruno", "dina"], "bruno"))
    hand_in(course, "chloe")
    hand_in(course, "dina", declare=("E3", ["dina", "eli"], "eli"))
    hand_in(course, "eli", declare=("E2", ["dina", "eli"], "eli"))
    hand_in(course, "fanny", declare=("E2", ["fanny", "eli"], "eli"))
    lines, count = check_declarations(course, load_catalogue(course).assignments["mini"], TEAMS)
    assert lines == [
        "Équipe E1 (ana, bruno, chloe) : 3 écart(s).",
        "  - bruno : déclare les membres ana, bruno, dina ; la liste des équipes indique ana, bruno, chloe "
        "(en trop : dina ; absents : chloe).",
        "  - chloe : pas de déclaration d'équipe (equipe/declaration.yaml absent de la copie).",
        "  - les membres ne désignent pas la même personne secrétaire (ana, bruno).",
        "Équipe E2 (dina, eli) : 1 écart(s).",
        "  - dina : déclare l'équipe « E3 », la liste des équipes indique « E2 ».",
        "fanny : a rendu le devoir sans figurer dans la liste des équipes (casp teams import).",
    ]
    assert count == 5


def test_casp_teams_compare_and_check(course, capsys):
    for login in TEAMS["E1"]:
        hand_in(course, login, declare=("E1", list(TEAMS["E1"]), "ana"))
    save_roster(gradebook_url(course), Roster({"mini": {"E1": TEAMS["E1"]}}))
    assert main(["--course-dir", str(course), "teams", "check", "mini"]) == 0
    assert capsys.readouterr().out == (
        "Équipe E1 (ana, bruno, chloe) : déclarations conformes à la liste.\n"
        "0 écart(s) entre les déclarations d'équipe et la liste de l'équipe de formation.\n")
    (submission_folder(course, "chloe", "mini") / "mini.ipynb").unlink()
    assert main(["--course-dir", str(course), "teams", "compare", "mini"]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == [
        "  - chloe : pas de copie rendue (mini.ipynb absent).",
        "1 copie(s) dont la partie collective diffère de celle de la personne secrétaire ou manque."]
    assert main(["--course-dir", str(course), "teams", "compare", "m99"]) == 2
    assert capsys.readouterr().err == ("casp : casp teams compare : indiquez un devoir du catalogue (mini), "
                                       "trouvé « m99 ».\n")
