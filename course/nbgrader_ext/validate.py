"""`casp validate`: the author's fast loop on one assignment folder, in a scratch course.

Like otter-grader's `run_tests`, it builds the assignment from its text, runs the catalogue checks, has
nbgrader generate the learner's version, then grades through the course's own autograde path (sandbox
and submission checks included): the model answers must score every autograded point, a blank copy none.
Each declared mutant must then make at least one test cell of its question fail (mutants.py runs them all
in one kernel). Nothing is written in the course directory itself.
"""
from __future__ import annotations

import io
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
from nbgrader.api import Gradebook
from rich.console import Console

from .. import CourseError
from ..authoring.build import dumps, write_source
from ..authoring.mutants import MUTANTS_FILE, load_mutants, questions, run_mutants
from ..catalogue import Assignment, Catalogue, load_catalogue
from ..checks import check_course
from ..formatting import count_fr, decimal_fr, points_fr
from . import api
from .cohort_autograde import autograde_cohort, sandbox_label
from .scratch import make_scratch_course

MODEL, BLANK = "corrige", "copie-vierge"
TEMPLATE_DIR = "_modele"


@dataclass
class Check:
    ok: bool
    label: str
    detail: str = ""

    def line(self) -> str:
        mark = "✓ OK    " if self.ok else "✗ ÉCHEC "
        return f"  {mark} {self.label}" + (f" : {self.detail}" if self.detail else "")


@dataclass
class Report:
    assignment_id: str
    checks: list[Check] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def add(self, ok: bool, label: str, detail: str = "") -> bool:
        self.checks.append(Check(ok, label, detail))
        return ok

    def text(self) -> str:
        failures = sum(not check.ok for check in self.checks)
        verdict = "tout est valide" if not failures else f"{failures} échec{'s' if failures > 1 else ''}"
        return "\n".join([f"Validation du devoir {self.assignment_id}", *(c.line() for c in self.checks),
                          f"  Résultat : {verdict} ({decimal_fr(self.seconds, 1)} s)"])


def _template_cells(catalogue: Catalogue) -> set[str]:
    """Texts of the template's example cells: an assignment that still holds one is not written yet."""
    folder = catalogue.course_dir / "assignments" / TEMPLATE_DIR
    texts = set()
    for path in folder.glob("*.md"):
        for line_block in path.read_text(encoding="utf-8").split("\n\n"):
            block = line_block.strip()
            if len(block) > 80 and "{{" not in block and "[[" not in block and not block.startswith(("---", "```", "+++")):
                texts.add(block)
    return texts


def _scores(course_dir: Path, assignment: Assignment, student_id: str) -> dict[str, float]:
    db_url = api.load_config(course_dir).CourseDirectory.db_url
    out = {}
    with Gradebook(db_url) as gradebook:
        for name in assignment.notebooks:
            notebook = gradebook.find_submission_notebook(name.removesuffix(".ipynb"), assignment.id, student_id)
            out.update({grade.name: float(grade.score or 0) for grade in notebook.grades})
    return out


def _place(course_dir: Path, assignment: Assignment, student_id: str, notebooks: dict[str, str], extra: Path) -> None:
    """A submission as nbgrader collect leaves it: the notebooks, and the files released beside them."""
    dest = course_dir / "submitted" / student_id / assignment.id
    dest.mkdir(parents=True)
    for name in assignment.files:
        shutil.copy2(extra / name, dest / name)
    for name, text in notebooks.items():
        (dest / name).write_text(text, encoding="utf-8")


def validate_assignment(course_dir: Path, assignment_id: str, jobs: int = 2, workdir: Path | None = None) -> Report:
    started = time.monotonic()
    report = Report(assignment_id)
    try:
        catalogue = load_catalogue(course_dir)
        assignment = catalogue.assignment(assignment_id)
    except CourseError as exc:
        report.add(False, "catalogue", str(exc))
        report.seconds = time.monotonic() - started
        return report
    with tempfile.TemporaryDirectory(prefix="casp-validation-", dir=workdir) as tmp:
        _run(catalogue, assignment, Path(tmp) / "cours", report, jobs)
    report.seconds = time.monotonic() - started
    return report


def _run(catalogue: Catalogue, assignment: Assignment, scratch: Path, report: Report, jobs: int) -> None:
    scratch = make_scratch_course(scratch, catalogue.course_dir, [assignment.id], with_source=False)
    scratch_catalogue = load_catalogue(scratch)
    source = scratch / "source" / assignment.id
    try:  # built from the author's folder, so that messages name the files the author edits
        write_source(catalogue, assignment, source)
    except CourseError as exc:
        report.add(False, "construction des notebooks", str(exc))
        return
    built = {name: nbformat.read(source / name, as_version=4) for name in assignment.notebooks}
    cells = sum(len(nb.cells) for nb in built.values())
    report.add(True, "construction des notebooks",
               f"{count_fr(len(built), 'notebook')}, {count_fr(cells, 'cellule')}, "
               f"{count_fr(len(assignment.files), 'fichier distribué', 'fichiers distribués')}")

    template = _template_cells(catalogue)
    leftovers = [f"{name} cellule {number}" for name, nb in built.items()
                 for number, cell in enumerate(nb.cells, 1)
                 if cell.cell_type == "markdown" and any(block in cell.source for block in template)]
    report.add(not leftovers, "contenu propre au devoir",
               "aucun texte d'exemple du modèle" if not leftovers else
               f"le texte d'exemple du modèle (_modele) est encore là ({', '.join(leftovers)}) : "
               "remplacez-le par le cas du devoir")

    problems = [p for p in check_course(scratch_catalogue) if not p.startswith("Bloc ")]
    report.add(not problems, "contrôles du catalogue (casp check)",
               "aucun problème" if not problems else " ; ".join(problems))

    result = api.nbgrader_api(scratch).generate_assignment(assignment.id, force=True)
    if not report.add(result["success"], "génération de la version apprenant (nbgrader)",
                      "" if result["success"] else result.get("error") or result.get("log", "")[-500:]):
        return
    release = scratch / "release" / assignment.id

    auto_ids = {gid for c in assignment.rubric if c.kind == "auto" for gid in c.grade_ids}
    auto_max = sum(c.points for c in assignment.rubric if c.kind == "auto")
    try:
        mutants = load_mutants(catalogue.assignment_dir(assignment))
    except CourseError as exc:
        report.add(False, "mutants", str(exc))
        mutants = {}
    asked: dict[str, list[str]] = {}
    for nb in built.values():
        asked.update(questions(nb))
    for answer_id in mutants:
        if answer_id not in asked:
            report.add(False, f"mutant de {answer_id}",
                       f"{MUTANTS_FILE} nomme une réponse qui n'existe pas ou n'a pas de cellule de test")
    submissions = {MODEL: {n: dumps(nb) for n, nb in built.items()},
                   BLANK: {n: (release / n).read_text(encoding="utf-8") for n in assignment.notebooks}}
    for student, notebooks in submissions.items():
        _place(scratch, assignment, student, notebooks, release)

    unsandboxed = False
    try:
        sandbox_label(False)
    except CourseError:
        unsandboxed = True
    quiet = Console(file=io.StringIO())
    outcomes = autograde_cohort(scratch, [assignment.id], jobs=jobs, unsandboxed=unsandboxed, console=quiet)
    not_graded = [o for o in outcomes if o.status == "non corrigée"]
    if not_graded:
        report.add(False, "correction automatique",
                   " ; ".join(f"{o.student_id} : {', '.join(o.reasons)}" for o in not_graded))
    graded = {o.student_id for o in outcomes if o.status != "non corrigée"}
    where = "dans le bac à sable" if not unsandboxed else "sans bac à sable (bubblewrap indisponible ici)"
    if MODEL in graded:
        got = sum(v for k, v in _scores(scratch, assignment, MODEL).items() if k in auto_ids)
        report.add(abs(got - auto_max) < 1e-9, "le corrigé obtient tous les points automatiques",
                   f"{decimal_fr(got)} sur {points_fr(auto_max)}, corrigé {where}")
    if BLANK in graded:
        got = sum(v for k, v in _scores(scratch, assignment, BLANK).items() if k in auto_ids)
        report.add(got == 0, "une copie vierge obtient 0 point automatique",
                   f"{decimal_fr(got)} sur {points_fr(auto_max)}")

    for answer_id in sorted(set(asked) - set(mutants)):
        report.add(False, f"question {answer_id}", f"aucun mutant déclaré dans {MUTANTS_FILE}")
    for name, notebook in built.items():
        declared = {a: m for a, m in mutants.items() if a in questions(notebook)}
        run = run_mutants(notebook, declared, source)
        for result in run.results:
            report.add(bool(result.failing), f"mutant {result.answer_id} « {result.why} »",
                       f"échoue à {', '.join(result.failing)}" if result.failing else
                       f"aucun test de la question n'échoue ({', '.join(asked[result.answer_id])}) : "
                       "ajoutez un test caché qui l'attrape")
        cause = (" ; si elle passe sans les mutants, l'un d'eux modifie un tableau partagé (inplace, ajout de "
                 "colonne) : réécrivez-le sans effet de bord" if declared else "")
        report.add(not run.model_failures, f"le corrigé de {name} s'exécute sans erreur",
                   "toutes les cellules, exemples et outils interactifs compris" if not run.model_failures
                   else f"erreur dans {', '.join(run.model_failures)}{cause}")


def validate(course_dir: Path, assignment_ids: list[str], jobs: int = 2, echo=print,
             progress: Callable[[str, Report | None], None] | None = None) -> list[Report]:
    """Validate each assignment in turn and `echo` its report; `progress(assignment_id, None)` is called as one
    starts and `progress(assignment_id, report)` as it ends (`casp validate` draws its bar from them)."""
    reports = []
    for assignment_id in assignment_ids:
        if progress:
            progress(assignment_id, None)
        report = validate_assignment(course_dir, assignment_id, jobs)
        echo(report.text())
        reports.append(report)
        if progress:
            progress(assignment_id, report)
    return reports
