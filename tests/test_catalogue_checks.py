"""`casp check` rules and catalogue error messages, on a miniature course."""
import copy

import pytest

from course.catalogue import CatalogueError, load_catalogue
from course.checks import catalogue_summary, check_course
from tests.conftest import MINI_ASSIGNMENT, mini_notebook, write_mini_course
from course.authoring import cells


def variant(**changes):
    assignment = copy.deepcopy(MINI_ASSIGNMENT)
    for index, fields in changes.items():
        assignment["rubric"][int(index[1:])].update(fields)
    return assignment


def test_consistent_mini_course_passes(mini_course):
    assert check_course(load_catalogue(mini_course)) == []


def test_unknown_competence(tmp_path):
    root = write_mini_course(tmp_path, variant(c0={"competences": ["C1.9", "C1.3"]}))
    assert "assignments/mini/devoir.yaml : le critère M1.1-A cite la compétence inconnue « C1.9 »" in check_course(
        load_catalogue(root)
    )


def test_grade_id_missing_from_notebook(tmp_path):
    root = write_mini_course(tmp_path, variant(c0={"grade_ids": ["t1", "t2", "t3"]}))
    problems = check_course(load_catalogue(root))
    assert problems == [
        "assignments/mini/devoir.yaml : le critère M1.1-A note « t3 », absent des cellules notées de source/mini/"
    ]


def test_graded_cell_without_criterion(tmp_path):
    notebook = mini_notebook(MINI_ASSIGNMENT)
    extra = cells.tests("t9", 1, "assert True")
    extra["id"] = "extra"
    notebook.cells.append(extra)
    root = write_mini_course(tmp_path, notebook=notebook)
    problems = check_course(load_catalogue(root))
    assert len(problems) == 1
    assert problems[0].endswith("la cellule notée « t9 » n'appartient à aucun critère de assignments/mini/devoir.yaml")


def test_points_disagree(tmp_path):
    notebook = mini_notebook(MINI_ASSIGNMENT)
    notebook.cells[1].metadata["nbgrader"]["points"] = 3
    root = write_mini_course(tmp_path, notebook=notebook)
    assert check_course(load_catalogue(root)) == [
        "assignments/mini/devoir.yaml : le critère M1.1-A vaut 4 points, ses cellules (t1, t2) en totalisent 5"
    ]


def test_duplicated_grade_id(tmp_path):
    notebook = mini_notebook(MINI_ASSIGNMENT)
    notebook.cells[2].metadata["nbgrader"]["grade_id"] = "a1"
    root = write_mini_course(tmp_path, notebook=notebook)
    problems = check_course(load_catalogue(root))
    assert any("grade_id « a1 » présent 2 fois" in p for p in problems)


def test_competence_of_bloc_not_assessed(tmp_path):
    root = write_mini_course(tmp_path, variant(c2={"competences": ["C1.4"]}))
    assert check_course(load_catalogue(root)) == [
        "Bloc 1 : la compétence C1.5 n'est évaluée par aucun critère du catalogue"
    ]


def test_malformed_yaml_names_file_and_line(mini_course):
    path = mini_course / "assignments" / "mini" / "devoir.yaml"
    path.write_text("id: mini\ntitle: [non fermé\nrubric: x\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(mini_course)
    assert str(error.value).startswith(f"{path} : YAML invalide (ligne ")


def test_missing_and_unknown_fields(mini_course):
    path = mini_course / "assignments" / "mini" / "devoir.yaml"
    text = path.read_text(encoding="utf-8").replace("title: Devoir miniature\n", "titre: Devoir miniature\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(mini_course)
    message = str(error.value)
    assert "title : champ obligatoire manquant" in message
    assert "titre : champ inconnu" in message
    assert str(path) in message


def test_points_must_total_20(tmp_path):
    with pytest.raises(CatalogueError, match="les critères totalisent 22 points ; il en faut 20"):
        load_catalogue(write_mini_course(tmp_path, variant(c0={"points": 6})))


def test_unknown_modality(tmp_path):
    assignment = copy.deepcopy(MINI_ASSIGNMENT)
    assignment["modality"] = "M9.9"
    with pytest.raises(CatalogueError, match="modalité inconnue « M9.9 »"):
        load_catalogue(write_mini_course(tmp_path, assignment))


def test_summary_joins_referential_and_rubric(mini_course):
    summary = catalogue_summary(load_catalogue(mini_course))
    modality = next(m for m in summary["modalities"] if m["id"] == "M1.1")
    assert modality["assignments"] == ["mini"]
    assert next(m for m in summary["modalities"] if m["id"] == "M2.1")["assignments"] == []
    criterion = summary["assignments"][0]["criteria"][1]
    assert criterion["grade_ids"] == ["ecrit1"]
    assert criterion["competences"] == ["C1.1", "C1.2"]
    assert [(lvl["key"], lvl["points"]) for lvl in criterion["levels"]] == [
        ("non_acquis", 0.0), ("en_cours", 3.0), ("acquis", 5.5), ("maitrise", 8.0)
    ]
    assessed = {c["id"] for c in summary["competences"] if c["assessed"]}
    assert assessed == {"C1.1", "C1.2", "C1.3", "C1.4", "C1.5", "C5.1"}


def test_bloc5_competences_on_any_criterion_other_blocs_refused(tmp_path):
    """Information work (Bloc 5) is done in every bloc; another bloc's competence is refused."""
    root = write_mini_course(tmp_path / "c5", variant(c1={"competences": ["C1.1", "C1.2", "C5.2"]}))
    assert check_course(load_catalogue(root)) == []
    root = write_mini_course(tmp_path / "c2", variant(c1={"competences": ["C1.1", "C1.2", "C2.1"]}))
    assert check_course(load_catalogue(root)) == [
        "assignments/mini/devoir.yaml : le critère M1.1-B cite C2.1, qui n'est pas du bloc de la modalité M1.1"]


def test_data_criteria_weigh_at_most_4_points_and_cite_c51(tmp_path):
    rubric = copy.deepcopy(MINI_ASSIGNMENT["rubric"])
    rubric[0].update(points=6, competences=["C1.3"])
    rubric[2].update(points=6)
    root = write_mini_course(tmp_path, {**MINI_ASSIGNMENT, "rubric": rubric})
    problems = [p for p in check_course(load_catalogue(root)) if "cellules" not in p]
    assert problems == [
        "assignments/mini/devoir.yaml : le critère M1.1-A est corrigé automatiquement (travail sur les données) : "
        "il doit citer C5.1, la compétence qu'il démontre",
        "assignments/mini/devoir.yaml : les critères corrigés automatiquement valent 6 points sur 20 ; au plus 4 dans "
        "une modalité évaluée (les données éclairent, elles ne certifient pas : l'interprétation se note dans les écrits)",
    ]


def test_complete_bloc_competences_rest_on_two_human_marked_criteria():
    """Bloc 1 is complete: each competence needs 2 written, production or oral criteria of its modalities."""
    from course.checks import coverage_problems
    from tests.conftest import REPO

    catalogue = load_catalogue(REPO)
    assert coverage_problems(catalogue) == []
    for assignment in catalogue.assignments.values():
        for criterion in assignment.rubric:
            if criterion.kind != "auto":
                criterion.competences = [c for c in criterion.competences if c != "C1.4"]
    catalogue.assignment("m13_cas_accueil_orientation").criterion("M1.3-C").competences.append("C1.4")
    assert coverage_problems(catalogue) == [
        "Bloc 1 : la compétence C1.4 repose sur 1 critère(s) écrit(s), de production ou oral(aux) de ses modalités "
        "(M1.3-C) ; il en faut au moins 2 pour fonder une décision"]
