"""`casp check` and `casp catalogue`: the catalogue against the referential and the source notebooks."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import nbformat

from .catalogue import Assignment, Catalogue
from .rubric import EPSILON

# Course-wide rules (REVIEW-BLOC1 §1): data work informs, it does not certify.
MAX_AUTO_POINTS = 4.0  # autograded criteria of an assessed modality, out of 20
DATA_COMPETENCE = "C5.1"  # « croiser et interpréter les données sociales recueillies »: what data work evidences
# Bloc 5 (information, enquête, veille) is work done in every bloc: its competences may be cited by any criterion.
INFORMATION_BLOC_PREFIX = "C5."
# Once a bloc is complete, each of its competences rests on at least this many criteria marked by people.
MIN_EVIDENCE = 2


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """Read a notebook or raise ValueError with a message naming the file and the problem."""
    try:
        return nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise ValueError(f"{path} : notebook introuvable") from None
    except (json.JSONDecodeError, nbformat.reader.NotJSONError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path} : notebook illisible (JSON invalide : {exc})") from None


def graded_cells(notebook: nbformat.NotebookNode) -> list[dict]:
    """nbgrader metadata of every cell that carries points (autograded tests, manual answers, tasks)."""
    cells = []
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") or meta.get("task"):
            cells.append(meta)
    return cells


def _check_notebooks(catalogue: Catalogue, assignment: Assignment) -> list[str]:
    problems = []
    by_grade_id: dict[str, dict] = {}
    for name in assignment.notebooks:
        path = catalogue.source_notebook(assignment, name)
        try:
            notebook = read_notebook(path)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        ids = Counter(cell.metadata.get("nbgrader", {}).get("grade_id") for cell in notebook.cells)
        ids.pop(None, None)
        for grade_id, count in ids.items():
            if count > 1:
                problems.append(f"{path} : grade_id « {grade_id} » présent {count} fois (nbgrader échouerait)")
        for meta in graded_cells(notebook):
            by_grade_id[meta["grade_id"]] = dict(meta, notebook=path)
    owners = assignment.grade_ids
    for grade_id, meta in by_grade_id.items():
        if grade_id not in owners:
            problems.append(
                f"{meta['notebook']} : la cellule notée « {grade_id} » n'appartient à aucun critère de "
                f"assignments/{assignment.id}/devoir.yaml"
            )
    for criterion in assignment.rubric:
        missing = [gid for gid in criterion.grade_ids if gid not in by_grade_id]
        for grade_id in missing:
            problems.append(
                f"assignments/{assignment.id}/devoir.yaml : le critère {criterion.id} note « {grade_id} », "
                f"absent des cellules notées de source/{assignment.id}/"
            )
        if missing:
            continue
        cell_points = sum(float(by_grade_id[gid].get("points", 0)) for gid in criterion.grade_ids)
        if abs(cell_points - criterion.points) > EPSILON:
            problems.append(
                f"assignments/{assignment.id}/devoir.yaml : le critère {criterion.id} vaut {criterion.points:g} points, "
                f"ses cellules ({', '.join(criterion.grade_ids)}) en totalisent {cell_points:g}"
            )
        expected_kind = {"auto": "grade", "ecrit": "solution", "production": "solution", "oral": "task"}[criterion.kind]
        for grade_id in criterion.grade_ids:
            if not by_grade_id[grade_id].get(expected_kind):
                problems.append(
                    f"assignments/{assignment.id}/devoir.yaml : le critère {criterion.id} est « {criterion.kind} » mais "
                    f"la cellule « {grade_id} » n'est pas du type attendu"
                )
    return problems


def check_course(catalogue: Catalogue) -> list[str]:
    """Every inconsistency between referential, catalogue and source notebooks, as French messages."""
    ref = catalogue.referential
    problems = []
    for assignment in catalogue.assignments.values():
        for criterion in assignment.rubric:
            for competence in criterion.competences:
                if competence not in ref.competences:
                    problems.append(
                        f"assignments/{assignment.id}/devoir.yaml : le critère {criterion.id} cite la compétence "
                        f"inconnue « {competence} »"
                    )
                elif (assignment.modality and ref.bloc_of(competence).id != ref.bloc_of(assignment.modality).id
                      and not competence.startswith(INFORMATION_BLOC_PREFIX)):
                    problems.append(
                        f"assignments/{assignment.id}/devoir.yaml : le critère {criterion.id} cite {competence}, "
                        f"qui n'est pas du bloc de la modalité {assignment.modality}"
                    )
            if assignment.modality and criterion.kind == "auto" and DATA_COMPETENCE not in criterion.competences:
                problems.append(
                    f"assignments/{assignment.id}/devoir.yaml : le critère {criterion.id} est corrigé automatiquement "
                    f"(travail sur les données) : il doit citer {DATA_COMPETENCE}, la compétence qu'il démontre"
                )
        auto_points = sum(c.points for c in assignment.rubric if c.kind == "auto")
        if assignment.modality and auto_points > MAX_AUTO_POINTS + EPSILON:
            problems.append(
                f"assignments/{assignment.id}/devoir.yaml : les critères corrigés automatiquement valent "
                f"{auto_points:g} points sur 20 ; au plus {MAX_AUTO_POINTS:g} dans une modalité évaluée (les données "
                "éclairent, elles ne certifient pas : l'interprétation se note dans les écrits)"
            )
        problems += _check_notebooks(catalogue, assignment)
    return problems + coverage_problems(catalogue)


def coverage_problems(catalogue: Catalogue) -> list[str]:
    """Every competence of a bloc with assignments is assessed; once every modality of the bloc has its
    assignment, by at least MIN_EVIDENCE written, production or oral criteria of the bloc's own modalities
    (autograded data work evidences C5.1, not the bloc's competences)."""
    problems = []
    assessed = catalogue.assessed_competences
    for bloc in catalogue.referential.blocs:
        modalities = [m.id for m in bloc.modalities]
        if not any(catalogue.for_modality(m) for m in modalities):
            continue
        complete = all(catalogue.for_modality(m) for m in modalities)
        for competence in bloc.competences:
            if competence.id not in assessed:
                problems.append(
                    f"Bloc {bloc.number} : la compétence {competence.id} n'est évaluée par aucun critère du catalogue"
                )
                continue
            evidence = [c.id for a in catalogue.assignments.values() if a.modality in modalities
                        for c in a.rubric if c.kind != "auto" and competence.id in c.competences]
            if complete and len(evidence) < MIN_EVIDENCE:
                problems.append(
                    f"Bloc {bloc.number} : la compétence {competence.id} repose sur {len(evidence)} critère(s) écrit(s), "
                    f"de production ou oral(aux) de ses modalités ({', '.join(evidence) or 'aucun'}) ; il en faut au "
                    f"moins {MIN_EVIDENCE} pour fonder une décision"
                )
    return problems


def criterion_summary(criterion) -> dict:
    return {
        "id": criterion.id,
        "label": criterion.label,
        "kind": criterion.kind,
        "competences": criterion.competences,
        "points": criterion.points,
        "grade_ids": criterion.grade_ids,
        "levels": [level._asdict() for level in criterion.scale],
    }


def catalogue_summary(catalogue: Catalogue) -> dict:
    """The referential joined with the assignments, as `casp catalogue --json` prints it."""
    ref = catalogue.referential
    assessed = catalogue.assessed_competences
    return {
        "certification": {"code": ref.code, "title": ref.title, "legal_basis": ref.legal_basis},
        "blocs": [
            {
                "id": bloc.id,
                "number": bloc.number,
                "title": bloc.title,
                "competences": [c.id for c in bloc.competences],
                "modalities": [m.id for m in bloc.modalities],
            }
            for bloc in ref.blocs
        ],
        "competences": [
            {
                "id": c.id,
                "bloc": ref.bloc_of(c.id).id,
                "text": c.text,
                "assessed": c.id in assessed,
                "criteria": [
                    f"{a.id}:{crit.id}" for a in catalogue.assignments.values() for crit in a.rubric
                    if c.id in crit.competences
                ],
            }
            for c in ref.competences.values()
        ],
        "modalities": [
            {
                "id": m.id,
                "bloc": ref.bloc_of(m.id).id,
                "text": m.text,
                "assignments": [a.id for a in catalogue.for_modality(m.id)],
            }
            for m in ref.modalities.values()
        ],
        "assignments": [
            {
                "id": a.id,
                "title": a.title,
                "modality": a.modality,
                "duration_minutes": a.duration_minutes,
                "notebooks": a.notebooks,
                "max_points": a.max_points,
                "criteria": [criterion_summary(c) for c in a.rubric],
            }
            for a in catalogue.assignments.values()
        ],
    }
