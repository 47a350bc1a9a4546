"""Time the livrets and the dashboard on a synthetic cohort: 500 learners × 19 modalities by default.

The catalogue is synthetic (one assignment per modality M1.1 … M5.3, four criteria each, covering
all 19 competences), written as catalogue YAMLs and read by the real loader. Two modes:

- memory: the criterion results are drawn in memory (seeded) and run through the real profile,
  bloc decisions and review; timed: livrets + dashboard (`total_s`).
- gradebook: the same catalogue becomes a real SQLite nbgrader gradebook (cells through nbgrader's
  API, 500 students, every submission with auto scores, manual scores and comments, jury remarks
  and second marks in casp's tables); building it (`build_gradebook_s`) is not timed against the
  target. Timed: `load_cohort` (what `casp rapports` reads), livrets, dashboard (`gradebook_total_s`);
  reading the second marks (`second_marks_s`) is reported beside it.

Prints one JSON object, {"memory": {...}, "gradebook": {...}}; target: each total < 30 s on 2 cores.

    .venv/bin/python benchmarks/bench_reports.py [--memory | --gradebook] [--learners 500] [--processes N] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from nbgrader.api import Comment, Grade, Gradebook, SubmittedAssignment, SubmittedNotebook
from sqlalchemy import insert

from course.catalogue import Assignment, Catalogue, load_catalogue, write_entry
from course.grading.agreement import agreement_report
from course.grading.blocs import decide_blocs
from course.grading.cohort import CohortData, LearnerInfo, load_cohort
from course.grading.double_marking import MarkPair, first_and_second_marks
from course.grading.moderation import moderation_list
from course.grading.profile import competence_profile
from course.grading.results import CriterionResult
from course.grading.review import review
from course.grading.store import jury_remarks, open_store, second_marks
from course.nbgrader_ext.api import ensure_tools_on_path
from course.referential import load_referential
from course.reports.dashboard import write_dashboard
from course.reports.livret import write_livrets
from course.rubric import LEVEL_KEYS, Criterion

SEED = 7426
LEVELS = {
    "non_acquis": "Les éléments attendus sont absents ou erronés.",
    "en_cours": "Une partie des éléments attendus est présente, sans lien entre eux.",
    "acquis": "Les éléments attendus sont présents, exacts et reliés à la situation.",
    "maitrise": "En plus : l'analyse est nuancée, argumentée et transposable à d'autres situations.",
}
# kind, points, label
CRITERIA = (
    ("auto", 6, "Exploiter les données de la situation"),
    ("ecrit", 5, "Rédiger l'analyse de la situation"),
    ("ecrit", 5, "Formuler des hypothèses & des pistes d'action"),
    ("oral", 4, "Présenter et argumenter à l'oral"),
)
FIRST_NAMES = ("Amina", "Bruno", "Chloé", "Driss", "Élodie", "Farid", "Gaëlle", "Hugo", "Inès", "Jérôme",
               "Karima", "Léa", "Mathis", "Nadia", "Océane", "Patrice", "Rania", "Sébastien", "Thaïs", "Yanis")
LAST_NAMES = ("Abadie", "Benoît", "Carré", "Da Silva", "Éloi", "Fournier", "Gomez", "Hébert", "Ibrahim", "Joly",
              "Kone", "Lefèvre", "Marchand", "N'Guessan", "Olivier", "Perrin", "Quéré", "Roux", "Sanchez", "Traoré")
COMMENTS = (
    "Analyse claire ; les hypothèses mériteraient d'être reliées aux données.",
    "Bon repérage des dispositifs (CAF, France Travail), mais l'orientation reste générale.",
    "Attention au vocabulaire : « usager » plutôt que « client ».",
    "Écrit trop court : reprenez la consigne & les trois parties attendues.",
    "Très bonne posture <d'écoute> : reformulations justes, \"silences\" respectés.",
)
REMARK = "Parcours régulier ; à encourager sur l'écrit."
SECOND_MARKER = "second correcteur"
SUBMITTED_AT = datetime(2025, 6, 2, 9, 0, tzinfo=timezone.utc)


def synthetic_catalogue(folder: Path) -> Catalogue:
    """One assignment per modality, written as catalogue YAMLs and loaded by the real loader."""
    referential = load_referential()
    (folder / "assignments").mkdir(parents=True)
    for bloc in referential.blocs:
        competences = [c.id for c in bloc.competences]
        for index, modality in enumerate(bloc.modalities):
            rubric = []
            for number, (kind, points, label) in enumerate(CRITERIA):
                letter = "ABCD"[number]
                criterion = {
                    "id": f"{modality.id}-{letter}", "label": label, "kind": kind,
                    "competences": [competences[(index + number) % len(competences)]],
                    "points": points, "levels": LEVELS,
                }
                if kind == "auto":
                    criterion["grade_ids"] = [f"q{n}_tests" for n in range(1, 4)]
                else:
                    criterion["grade_ids"] = [f"{kind}_{letter.lower()}"]
                    criterion["consigne"] = "Répondez en vous appuyant sur la situation."
                if kind == "ecrit":
                    criterion["writing"] = {"words": [150, 400], "parts": ["Situation", "Analyse"]}
                rubric.append(criterion)
            assignment_id = "m" + modality.id[1:].replace(".", "") + "_synthetique"
            entry = {"id": assignment_id, "title": f"Épreuve synthétique {modality.id}", "modality": modality.id,
                     "duration_minutes": 120, "notebooks": [f"{assignment_id}.ipynb"],
                     "instructions": modality.text, "rubric": rubric}
            write_entry(folder, entry)
    return load_catalogue(folder)


def synthetic_learners(learners: int) -> list[LearnerInfo]:
    return [
        LearnerInfo(f"app{n:04d}", FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[(n * 7) % len(LAST_NAMES)],
                    f"app{n:04d}@example.org" if n % 4 else "")
        for n in range(1, learners + 1)
    ]


def synthetic_cohort(catalogue: Catalogue, learners: int) -> CohortData:
    rng = np.random.default_rng(SEED)
    people = synthetic_learners(learners)
    rows: list[CriterionResult] = []
    for person in people:
        ability = float(np.clip(rng.normal(0.64, 0.14), 0.1, 1.0))
        for assignment in catalogue.assignments.values():
            if rng.random() < 0.03:
                continue  # not handed in
            for criterion in assignment.rubric:
                share = float(np.clip(ability + rng.normal(0, 0.17), 0, 1))
                if criterion.kind == "auto":
                    points = round(share * criterion.points * 2) / 2
                else:  # graders give the points of a level
                    points = criterion.scale[min(int(share * 4), 3)].points
                level = criterion.level_for(points)
                pending = criterion.kind != "auto" and rng.random() < 0.01
                comment = COMMENTS[int(rng.integers(len(COMMENTS)))] if criterion.kind != "auto" and \
                    rng.random() < 0.3 else ""
                rows.append(CriterionResult(
                    person.id, assignment.id, assignment.modality or "", criterion.id, criterion.label,
                    criterion.kind, " ".join(criterion.competences), points, criterion.points, level.key,
                    level.label, level.descriptor, comment, pending,
                ))
    ids = [person.id for person in people]
    return CohortData(
        catalogue=catalogue, learners=people, rows=rows,
        profile=competence_profile(rows, list(catalogue.referential.competences), ids),
        decisions=decide_blocs(catalogue, rows, ids), flags=review(catalogue, rows, ids),
        remarks={sid: REMARK for sid in ids[::10]},
    )


def synthetic_double_marking(catalogue: Catalogue, cohort: CohortData):
    """A second marker for one written or oral criterion in ten, through the real agreement and moderation code."""
    rng = np.random.default_rng(SEED + 1)
    pairs = []
    for row in cohort.rows:
        if row.kind == "auto" or row.needs_manual_grade or rng.random() >= 0.1:
            continue
        criterion = catalogue.assignment(row.assignment_id).criterion(row.criterion_id)
        index = LEVEL_KEYS.index(row.level) + int(rng.choice([-2, -1, 0, 0, 0, 1, 1]))
        second = criterion.scale[min(max(index, 0), 3)]
        pairs.append(MarkPair(row.student_id, row.assignment_id, row.modality, row.criterion_id,
                              criterion.grade_ids[0], row.points, second.points, row.level, second.key,
                              second_marker=SECOND_MARKER))
    return agreement_report(pairs), moderation_list(pairs)


def _add_cells(gradebook: Gradebook, assignment: Assignment) -> None:
    """The source cells nbgrader records at generate_assignment: an answer and a test cell per auto grade_id,
    a written answer (grade + solution cell) per ecrit grade_id, a task cell per oral grade_id."""
    gradebook.add_assignment(assignment.id, duedate=SUBMITTED_AT)
    for notebook in assignment.notebooks:
        name = notebook.removesuffix(".ipynb")
        gradebook.add_notebook(name, assignment.id)
        for criterion in assignment.rubric:
            for grade_id in criterion.grade_ids:
                max_score = criterion.points / len(criterion.grade_ids)
                if criterion.kind == "auto":
                    gradebook.add_solution_cell(grade_id.removesuffix("_tests"), name, assignment.id)
                    gradebook.add_grade_cell(grade_id, name, assignment.id, max_score=max_score, cell_type="code")
                elif criterion.kind == "ecrit":
                    gradebook.add_grade_cell(grade_id, name, assignment.id, max_score=max_score, cell_type="markdown")
                    gradebook.add_solution_cell(grade_id, name, assignment.id)
                else:
                    gradebook.add_task_cell(grade_id, name, assignment.id, max_score=max_score, cell_type="markdown")


def _draw_marks(criterion: Criterion, ability: float, rng) -> tuple[dict[str, dict], dict[str, str]]:
    """grade_id → Grade columns, grade_id → manual comment, for one criterion of one submission.

    Tests pass or fail (auto_score); written and oral parts get the points of a level (manual_score),
    one in a hundred still waits for its marker (needs_manual_grade, no score)."""
    share = float(np.clip(ability + rng.normal(0, 0.17), 0, 1))
    per_cell = criterion.points / len(criterion.grade_ids)
    if criterion.kind == "auto":
        return {gid: {"auto_score": per_cell if rng.random() < share else 0.0, "needs_manual_grade": False}
                for gid in criterion.grade_ids}, {}
    points = criterion.scale[min(int(share * 4), 3)].points / len(criterion.grade_ids)
    pending = rng.random() < 0.01
    comment = COMMENTS[int(rng.integers(len(COMMENTS)))] if rng.random() < 0.3 else None
    grades = {gid: {"manual_score": None if pending else points, "needs_manual_grade": pending}
              for gid in criterion.grade_ids}
    return grades, ({criterion.grade_ids[0]: comment} if comment else {})


def _second_mark(assignment: Assignment, criterion: Criterion, student_id: str, first_points: float, rng) -> dict:
    """A casp_second_marks row: the first mark's level moved by a seeded draw, as in synthetic_double_marking."""
    index = LEVEL_KEYS.index(criterion.level_for(first_points).key) + int(rng.choice([-2, -1, 0, 0, 0, 1, 1]))
    return {
        "student_id": student_id, "assignment_id": assignment.id,
        "notebook_id": assignment.notebooks[0].removesuffix(".ipynb"), "grade_id": criterion.grade_ids[0],
        "marker": SECOND_MARKER, "points": criterion.scale[min(max(index, 0), 3)].points, "comment": "",
        "marked_at": SUBMITTED_AT,
    }


def synthetic_gradebook(catalogue: Catalogue, people: list[LearnerInfo], db_url: str) -> int:
    """Fill a new nbgrader gradebook; returns the number of submissions.

    Assignments, cells and students go through nbgrader's API. Submissions mirror
    Gradebook.add_submission (one SubmittedNotebook per notebook, one Grade per grade and task cell,
    one Comment per solution and task cell) with their scores set, committed once per assignment
    (add_submission commits each of the ~9 500 submissions on its own).
    Three in a hundred submissions are missing. Jury remarks and second marks go to casp's tables.
    """
    ensure_tools_on_path()  # a new gradebook asks the `alembic` script for its schema version
    rng, second_rng = np.random.default_rng(SEED), np.random.default_rng(SEED + 1)
    abilities = {person.id: float(np.clip(rng.normal(0.64, 0.14), 0.1, 1.0)) for person in people}
    seconds = []
    submissions = 0
    with Gradebook(db_url) as gradebook:
        for assignment in catalogue.assignments.values():
            _add_cells(gradebook, assignment)
        for person in people:
            gradebook.add_student(person.id, first_name=person.first_name, last_name=person.last_name,
                                  email=person.email or None)
        students = {student.id: student for student in gradebook.students}
        for assignment in catalogue.assignments.values():
            source = gradebook.find_assignment(assignment.id)
            for person in people:
                if rng.random() < 0.03:
                    continue  # not handed in
                grades, comments = {}, {}
                for criterion in assignment.rubric:
                    drawn, written = _draw_marks(criterion, abilities[person.id], rng)
                    grades.update(drawn)
                    comments.update(written)
                    first = drawn[criterion.grade_ids[0]]
                    if criterion.kind != "auto" and not first["needs_manual_grade"] and second_rng.random() < 0.1:
                        seconds.append(_second_mark(assignment, criterion, person.id, first["manual_score"],
                                                    second_rng))
                submission = SubmittedAssignment(assignment=source, student=students[person.id],
                                                 timestamp=SUBMITTED_AT)
                for notebook in source.notebooks:
                    submitted = SubmittedNotebook(notebook=notebook, assignment=submission)
                    for cell in notebook.grade_cells + notebook.task_cells:
                        Grade(cell_id=cell.id, notebook=submitted, **grades.get(cell.name, {}))
                    for cell in notebook.solution_cells + notebook.task_cells:
                        Comment(cell_id=cell.id, notebook=submitted, manual_comment=comments.get(cell.name))
                gradebook.db.add(submission)
                submissions += 1
            gradebook.db.commit()
    engine = open_store(db_url)
    with engine.begin() as connection:
        connection.execute(insert(jury_remarks), [
            {"student_id": person.id, "remark": REMARK, "author": "présidente du jury", "at": SUBMITTED_AT}
            for person in people[::10]
        ])
        if seconds:
            connection.execute(insert(second_marks), seconds)
    engine.dispose()
    return submissions


def _cpu() -> float:
    """CPU seconds of this process and of its finished worker processes."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _reports(cohort: CohortData, out: Path, agreement, moderation, processes: int) -> tuple[dict, float]:
    """Write the livrets and the dashboard; their sizes and times, and the seconds both took."""
    cpu, started = _cpu(), time.perf_counter()
    livrets = write_livrets(cohort, out / "livrets", agreement, processes=processes)
    livrets_s, livrets_cpu = time.perf_counter() - started, _cpu() - cpu
    cpu, started = _cpu(), time.perf_counter()
    dashboard = write_dashboard(cohort, out / "tableau_de_bord.html", agreement, moderation)
    dashboard_s, dashboard_cpu = time.perf_counter() - started, _cpu() - cpu
    return {
        "learners": len(cohort.learners),
        "modalities": len({a.modality for a in cohort.catalogue.assignments.values()}),
        "rows": len(cohort.rows),
        "agreement_rows": len(agreement),
        "moderation": len(moderation),
        "livrets": len(livrets),
        "livrets_mb": round(sum(p.stat().st_size for p in livrets) / 1e6, 1),
        "dashboard_kb": round(dashboard.stat().st_size / 1e3),
        "livrets_cpu_s": round(livrets_cpu, 2),
        "dashboard_cpu_s": round(dashboard_cpu, 2),
        "livrets_s": round(livrets_s, 2),
        "dashboard_s": round(dashboard_s, 2),
    }, livrets_s + dashboard_s


def run_memory(catalogue: Catalogue, learners: int, out: Path, processes: int) -> dict:
    """Reports on a cohort drawn in memory; `total_s` = livrets + dashboard."""
    started = time.perf_counter()
    cohort = synthetic_cohort(catalogue, learners)
    agreement, moderation = synthetic_double_marking(catalogue, cohort)
    setup = time.perf_counter() - started
    result, reports_s = _reports(cohort, out, agreement, moderation, processes)
    result.update({"setup_s": round(setup, 2), "total_s": round(reports_s, 2)})
    return result


def run_gradebook(catalogue: Catalogue, learners: int, folder: Path, out: Path, processes: int) -> dict:
    """Reports on a cohort read from folder/gradebook.db (built anew); `gradebook_total_s` = load_cohort + livrets
    + dashboard. `second_marks_s` (first_and_second_marks, also run by `casp rapports`) is reported apart."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gradebook.db").unlink(missing_ok=True)
    db_url = f"sqlite:///{folder / 'gradebook.db'}"
    started = time.perf_counter()
    submissions = synthetic_gradebook(catalogue, synthetic_learners(learners), db_url)
    build_s = time.perf_counter() - started
    cpu, started = _cpu(), time.perf_counter()
    cohort = load_cohort(catalogue, db_url)
    load_s, load_cpu = time.perf_counter() - started, _cpu() - cpu
    started = time.perf_counter()
    pairs = first_and_second_marks(db_url, catalogue)
    second_s = time.perf_counter() - started
    result = {"submissions": submissions, "second_marks": len(pairs),
              "gradebook_mb": round((folder / "gradebook.db").stat().st_size / 1e6, 1)}
    figures, reports_s = _reports(cohort, out, agreement_report(pairs), moderation_list(pairs), processes)
    result.update(figures)
    result.update({
        "build_gradebook_s": round(build_s, 2),
        "load_cohort_cpu_s": round(load_cpu, 2),
        "load_cohort_s": round(load_s, 2),
        "second_marks_s": round(second_s, 2),
        "gradebook_total_s": round(load_s + reports_s, 2),
    })
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--memory", action="store_true", help="only the cohort drawn in memory")
    mode.add_argument("--gradebook", action="store_true", help="only the cohort read from a real nbgrader gradebook")
    parser.add_argument("--learners", type=int, default=500)
    parser.add_argument("--processes", type=int, default=1, help="worker processes for the livrets (default 1)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the reports here instead of a temp folder (gradebook mode: DIR/gradebook/, "
                             "gradebook.db included, replaced at each run)")
    args = parser.parse_args(argv)
    result = {}
    with tempfile.TemporaryDirectory(prefix="bench-rapports-") as scratch:
        scratch = Path(scratch)
        out = args.keep or scratch / "rapports"
        started = time.perf_counter()
        catalogue = synthetic_catalogue(scratch / "cours")
        catalogue_s = time.perf_counter() - started
        if not args.gradebook:
            result["memory"] = run_memory(catalogue, args.learners, out, args.processes)
            result["memory"]["setup_s"] = round(result["memory"]["setup_s"] + catalogue_s, 2)
        if not args.memory:
            course = args.keep / "gradebook" if args.keep else scratch / "cours"  # gradebook.db beside the YAMLs
            result["gradebook"] = run_gradebook(catalogue, args.learners, course, out / "gradebook", args.processes)
    result["cpus"] = os.cpu_count()
    result["load_1min"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
