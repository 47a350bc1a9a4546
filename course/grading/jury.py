"""The jury's oral marks sheet: a CSV the jury fills in during the orals, imported into the gradebook.

Juries mark orals on paper or in Excel, rarely in formgrader. `write_jury_sheet` prepares one
row per learner × oral criterion (French Excel: UTF-8 with BOM, « ; » separator) and
`import_jury_sheet` checks the whole filled sheet before writing anything.

General remarks: after a learner's criterion rows comes one row whose `critere` is
« REMARQUES »; its `note` stays empty and its `commentaire` is the jury's general remark on
the learner, stored in casp_jury_remarks (shown in the learner's report).
"""
from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy import delete, insert, select

from .. import CourseError
from ..catalogue import Assignment, Catalogue
from ..formatting import decimal_fr
from ..rubric import EPSILON, KIND_LABELS, Criterion
from .sheets import Sheet, read_sheet
from .store import jury_remarks, now, open_store, record_audit

COLUMNS = ("apprenant", "nom", "devoir", "modalite", "critere", "libelle", "points_max", "points_possibles", "note",
           "commentaire")
REMARKS = "REMARQUES"
REMARKS_LABEL = "Remarques générales du jury (à écrire dans « commentaire »)"
ACTION = "jury"


def _name(learner) -> str:
    name = " ".join(part for part in (getattr(learner, "first_name", ""), getattr(learner, "last_name", "")) if part)
    return name or learner.id


def _oral_criteria(catalogue: Catalogue, assignment_ids) -> list[tuple[Assignment, Criterion]]:
    assignments = [catalogue.assignment(a) for a in assignment_ids] if assignment_ids else catalogue.assignments.values()
    return [(a, c) for a in assignments for c in a.rubric if c.kind == "oral"]


def write_jury_sheet(path: Path, catalogue: Catalogue, learners, assignment_ids=None, roster=None) -> Path:
    """Write the blank sheet: per learner, one row per oral criterion, then one « REMARQUES » row.

    `learners`: objects with `id`, `first_name`, `last_name` (LearnerInfo, demo Learner). A collective oral
    (`collective: true`) is one team performance: with the `roster` (grading.teams.Roster), it gets ONE row per
    team, on its first member, which `casp teams apply` then spreads to the others like any collective mark.
    """
    path = Path(path)
    criteria = _oral_criteria(catalogue, assignment_ids)
    by_id = {learner.id: learner for learner in learners}

    def row(learner_id: str, name: str, assignment: Assignment, criterion: Criterion) -> list[str]:
        return [learner_id, name, assignment.id, assignment.modality or "", criterion.id, criterion.label,
                decimal_fr(criterion.points), " | ".join(decimal_fr(level.points) for level in criterion.scale), "", ""]

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(COLUMNS)
        for learner in learners:
            for assignment, criterion in criteria:
                if criterion.collective and roster is not None:
                    continue
                writer.writerow(row(learner.id, _name(learner), assignment, criterion))
            writer.writerow([learner.id, _name(learner), "", "", REMARKS, REMARKS_LABEL, "", "", "", ""])
        for assignment, criterion in criteria:
            if not (criterion.collective and roster is not None):
                continue
            for team_id, members in sorted(roster.teams.get(assignment.id, {}).items()):
                present = [m for m in members if m in by_id]
                if not present:
                    continue
                names = ", ".join(_name(by_id[m]) for m in present)
                writer.writerow(row(present[0], f"Équipe {team_id} : {names}", assignment, criterion))
    return path


@dataclass(frozen=True)
class JuryMark:
    line: int
    student_id: str
    assignment_id: str
    criterion_id: str
    grade_id: str
    notebook_id: str
    points: float
    comment: str


@dataclass
class JuryImport:
    """What an import read and wrote. `changed`: marks that modified the gradebook (one audit row each)."""

    path: Path
    encoding: str
    marks: list[JuryMark] = field(default_factory=list)
    changed: list[JuryMark] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _rows(sheet: Sheet) -> list[tuple[int, dict[str, str]]]:
    """(line, values) of each row, the line being where the row ends; a row of the wrong width gives `_width`."""
    if not sheet.header:
        raise CourseError(f"{sheet.path} : fichier vide.")
    problems = sheet.header_problems(COLUMNS)
    if problems:
        details = []
        if problems.missing:
            details.append(f"colonne(s) manquante(s) : {', '.join(problems.missing)}")
        if problems.unknown:
            details.append(f"colonne(s) inattendue(s) : {', '.join(name.lower() for name in problems.unknown)}")
        if not details:
            details.append("colonne(s) en double")
        raise CourseError(
            f"{sheet.path} : en-tête incorrect ({' ; '.join(details)}). En-tête attendu : {';'.join(COLUMNS)}."
        )
    rows = []
    for row in sheet.rows:
        if len(row.cells) != len(COLUMNS):
            rows.append((row.last_line, {"_width": str(len(row.cells))}))
            continue
        rows.append((row.last_line, row.values))
    return rows


def _points(text: str) -> float | None:
    try:
        value = float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _notebook_of(gradebook: Gradebook, assignment: Assignment, grade_id: str) -> str | None:
    for name in assignment.notebooks:
        try:
            gradebook.find_graded_cell(grade_id, name.removesuffix(".ipynb"), assignment.id)
            return name.removesuffix(".ipynb")
        except MissingEntry:
            continue
    return None


class _Checker:
    """Validates sheet rows against the catalogue and the gradebook, collecting every error."""

    def __init__(self, catalogue: Catalogue, gradebook: Gradebook):
        self.catalogue = catalogue
        self.gradebook = gradebook
        self.students = {s.id for s in gradebook.students}
        self.errors: list[str] = []
        self.skipped: list[str] = []
        self.marks: list[JuryMark] = []
        self.remarks: dict[str, tuple[int, str]] = {}
        self.seen: dict[tuple[str, str, str], int] = {}

    def error(self, line: int, message: str) -> None:
        self.errors.append(f"ligne {line} : {message}")

    def row(self, line: int, row: dict[str, str]) -> None:
        if "_width" in row:
            self.error(line, f"{row['_width']} colonne(s) au lieu de {len(COLUMNS)}.")
            return
        student_id, criterion_id = row["apprenant"], row["critere"]
        if not student_id:
            self.error(line, "colonne « apprenant » vide.")
            return
        if student_id not in self.students:
            self.error(line, f"apprenant inconnu « {student_id} » (absent du carnet de notes).")
            return
        if criterion_id.upper() == REMARKS:
            self.remark(line, student_id, row)
        else:
            self.mark(line, student_id, row)

    def remark(self, line: int, student_id: str, row: dict[str, str]) -> None:
        if row["note"]:
            self.error(line, "une ligne REMARQUES ne prend pas de note (la remarque s'écrit dans « commentaire »).")
        elif student_id in self.remarks:
            self.error(line, f"deuxième ligne REMARQUES pour {student_id} (déjà ligne {self.remarks[student_id][0]}).")
        elif row["commentaire"]:
            self.remarks[student_id] = (line, row["commentaire"])

    def mark(self, line: int, student_id: str, row: dict[str, str]) -> None:
        assignment_id, criterion_id = row["devoir"], row["critere"]
        if assignment_id not in self.catalogue.assignments:
            self.error(line, f"devoir inconnu « {assignment_id} » (devoirs du catalogue : "
                             f"{', '.join(self.catalogue.assignments)}).")
            return
        assignment = self.catalogue.assignments[assignment_id]
        criterion = next((c for c in assignment.rubric if c.id == criterion_id), None)
        if criterion is None:
            self.error(line, f"critère inconnu « {criterion_id} » pour le devoir « {assignment_id} ».")
            return
        if criterion.kind != "oral":
            self.error(line, f"le critère {criterion.id} n'est pas un oral ({KIND_LABELS[criterion.kind]}) : "
                             "il ne se note pas sur la feuille du jury.")
            return
        key = (student_id, assignment_id, criterion_id)
        if key in self.seen:
            self.error(line, f"{student_id}, critère {criterion_id} : déjà noté ligne {self.seen[key]}.")
            return
        self.seen[key] = line
        if not row["note"]:
            self.skipped.append(f"ligne {line} : pas de note pour {student_id}, critère {criterion_id} ; ligne ignorée.")
            return
        points = _points(row["note"])
        levels = [level.points for level in criterion.scale]
        if points is None:
            self.error(line, f"« {row['note']} » n'est pas une note (nombre attendu, par exemple 5,5).")
            return
        if points < -EPSILON or points > criterion.points + EPSILON:
            self.error(line, f"{decimal_fr(points)} est hors de l'échelle du critère {criterion.id} "
                             f"(de 0 à {decimal_fr(criterion.points)}).")
            return
        if all(abs(points - value) > EPSILON for value in levels):
            self.error(line, f"{decimal_fr(points)} ne correspond à aucun niveau du critère {criterion.id} "
                             f"({' ; '.join(decimal_fr(v) for v in levels)}).")
            return
        grade_id = criterion.grade_ids[0]
        notebook_id = _notebook_of(self.gradebook, assignment, grade_id)
        if notebook_id is None:
            self.error(line, f"la cellule « {grade_id} » du critère {criterion.id} est introuvable dans le carnet de "
                             f"notes (le devoir « {assignment_id} » a-t-il été généré ?).")
            return
        try:
            self.gradebook.find_grade(grade_id, notebook_id, assignment_id, student_id)
        except MissingEntry:
            self.error(line, f"{student_id} n'a pas de copie du devoir « {assignment_id} » dans le carnet de notes "
                             "(copie non collectée ou non corrigée automatiquement).")
            return
        self.marks.append(JuryMark(line, student_id, assignment_id, criterion_id, grade_id, notebook_id, points,
                                   row["commentaire"]))


def import_jury_sheet(db_url: str, path: Path, catalogue: Catalogue, jury_member: str) -> JuryImport:
    """Check the filled sheet entirely, then write marks, remarks and audit rows in one transaction.

    A mark counts as changed (and gets an audit row) when its points or its non-empty comment differ
    from the gradebook's; an empty comment leaves the existing one, as formgrader does.
    """
    path = Path(path)
    sheet = read_sheet(path)
    rows = _rows(sheet)
    open_store(db_url).dispose()  # make sure casp tables exist before the gradebook session uses them
    result = JuryImport(path, sheet.encoding, notes=list(sheet.notes))
    with Gradebook(db_url) as gradebook:
        checker = _Checker(catalogue, gradebook)
        for line, row in rows:
            checker.row(line, row)
        if checker.errors:
            raise CourseError(
                f"{path} : {len(checker.errors)} erreur(s), rien n'a été enregistré :\n"
                + "\n".join(f"  - {message}" for message in checker.errors)
            )
        result.marks, result.skipped = checker.marks, checker.skipped
        for mark in checker.marks:
            grade = gradebook.find_grade(mark.grade_id, mark.notebook_id, mark.assignment_id, mark.student_id)
            try:
                comment = gradebook.find_comment(mark.grade_id, mark.notebook_id, mark.assignment_id, mark.student_id)
            except MissingEntry:
                comment = None
            old_comment = comment.manual_comment if comment is not None else None
            new_comment = mark.comment if mark.comment and comment is not None else old_comment
            same_points = grade.manual_score is not None and abs(grade.manual_score - mark.points) < EPSILON
            if same_points and new_comment == old_comment and not grade.needs_manual_grade:
                continue
            old_points = grade.manual_score if grade.manual_score is not None else grade.auto_score
            grade.manual_score = mark.points
            grade.needs_manual_grade = False  # what formgrader does when a grader saves a mark
            if comment is not None:
                comment.manual_comment = new_comment
            record_audit(
                gradebook.db, actor=jury_member, action=ACTION, student_id=mark.student_id,
                assignment_id=mark.assignment_id, grade_id=mark.grade_id, old_points=old_points,
                new_points=mark.points, old_comment=old_comment, new_comment=new_comment,
                reason=f"feuille du jury {path.name}, ligne {mark.line}",
            )
            result.changed.append(mark)
        stored = {r.student_id: r.remark for r in gradebook.db.execute(select(jury_remarks))}
        for student_id, (_, remark) in checker.remarks.items():
            if stored.get(student_id) == remark:
                continue
            gradebook.db.execute(delete(jury_remarks).where(jury_remarks.c.student_id == student_id))
            gradebook.db.execute(insert(jury_remarks).values(
                student_id=student_id, remark=remark, author=jury_member, at=now(),
            ))
            result.remarks.append(student_id)
        gradebook.db.commit()
    return result
