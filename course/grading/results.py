"""Read nbgrader's gradebook and express each submission against its rubric."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import NamedTuple

from nbgrader.api import Assignment as NbgraderAssignment
from nbgrader.api import (
    BaseCell, Comment, Grade, Gradebook, MissingEntry, Notebook, Student, SubmittedAssignment, SubmittedNotebook,
)
from sqlalchemy import select

from ..catalogue import Assignment, Catalogue
from ..rubric import LEVEL_LABELS, mark_out_of_20


@dataclass(frozen=True)
class CriterionResult:
    student_id: str
    assignment_id: str
    modality: str
    criterion_id: str
    criterion_label: str
    kind: str
    competences: str
    points: float
    max_points: float
    level: str
    level_label: str
    descriptor: str
    comment: str
    needs_manual_grade: bool

    def as_row(self) -> dict:
        return asdict(self)


def _comment_text(comment) -> str:
    return (comment.manual_comment or comment.auto_comment or "").strip()


def submission_results(gradebook: Gradebook, assignment: Assignment, student_id: str) -> list[CriterionResult]:
    """One result per rubric criterion for one learner's submission (empty if nothing was submitted)."""
    scores: dict[str, float] = {}
    pending: set[str] = set()
    comments: dict[str, str] = {}
    for notebook in assignment.notebooks:
        try:
            submitted = gradebook.find_submission_notebook(notebook.removesuffix(".ipynb"), assignment.id, student_id)
        except MissingEntry:
            return []
        for grade in submitted.grades:
            scores[grade.name] = float(grade.score or 0.0)
            if grade.needs_manual_grade:
                pending.add(grade.name)
        for comment in submitted.comments:
            if _comment_text(comment):
                comments[comment.name] = _comment_text(comment)
    results = []
    for criterion in assignment.rubric:
        points = min(sum(scores.get(gid, 0.0) for gid in criterion.grade_ids), criterion.points)
        level = criterion.level_for(points)
        results.append(
            CriterionResult(
                student_id=student_id,
                assignment_id=assignment.id,
                modality=assignment.modality or "",
                criterion_id=criterion.id,
                criterion_label=criterion.label,
                kind=criterion.kind,
                competences=" ".join(criterion.competences),
                points=round(points, 2),
                max_points=criterion.points,
                level=level.key,
                level_label=LEVEL_LABELS[level.key],
                descriptor=level.descriptor,
                comment=" / ".join(comments[gid] for gid in criterion.grade_ids if gid in comments),
                needs_manual_grade=any(gid in pending for gid in criterion.grade_ids),
            )
        )
    return results


class _GradeRow(NamedTuple):
    name: str
    score: float | None
    needs_manual_grade: bool


class _CommentRow(NamedTuple):
    name: str
    manual_comment: str | None
    auto_comment: str | None


class _SubmittedNotebookRows:
    """A submitted notebook's grades and comments, read in bulk: what submission_results reads."""

    __slots__ = ("grades", "comments")

    def __init__(self) -> None:
        self.grades: list[_GradeRow] = []
        self.comments: list[_CommentRow] = []


def _submission_query(*columns, cell_of=None):
    """SELECT columns … over every submitted notebook with its assignment, student and notebook names."""
    query = (
        select(NbgraderAssignment.name, SubmittedAssignment.student_id, Notebook.name, *columns)
        .select_from(SubmittedNotebook)
        .join(Notebook, Notebook.id == SubmittedNotebook.notebook_id)
        .join(SubmittedAssignment, SubmittedAssignment.id == SubmittedNotebook.assignment_id)
        .join(NbgraderAssignment, NbgraderAssignment.id == SubmittedAssignment.assignment_id)
        .join(Student, Student.id == SubmittedAssignment.student_id)
    )
    if cell_of is not None:
        query = query.join(cell_of, cell_of.notebook_id == SubmittedNotebook.id).join(
            BaseCell, BaseCell.id == cell_of.cell_id)
    return query


class _GradebookSnapshot:
    """Every submitted notebook, grade and comment of some assignments, read in three queries.

    Answers find_submission_notebook like nbgrader's Gradebook, so submission_results reads it
    unchanged; one query per learner and assignment took over a minute for 500 × 19.
    """

    def __init__(self, gradebook: Gradebook, assignment_ids: list[str]):
        self._notebooks: dict[tuple[str, str, str], _SubmittedNotebookRows] = {}
        where = NbgraderAssignment.name.in_(assignment_ids)
        for key in gradebook.db.execute(_submission_query().where(where)):
            self._notebooks[tuple(key)] = _SubmittedNotebookRows()
        grades = _submission_query(BaseCell.name, Grade.score, Grade.needs_manual_grade, cell_of=Grade)
        for assignment_id, student_id, notebook, *grade in gradebook.db.execute(grades.where(where)):
            self._notebooks[assignment_id, student_id, notebook].grades.append(_GradeRow(*grade))
        comments = _submission_query(BaseCell.name, Comment.manual_comment, Comment.auto_comment, cell_of=Comment)
        for assignment_id, student_id, notebook, *comment in gradebook.db.execute(comments.where(where)):
            self._notebooks[assignment_id, student_id, notebook].comments.append(_CommentRow(*comment))

    def find_submission_notebook(self, notebook: str, assignment: str, student: str) -> _SubmittedNotebookRows:
        try:
            return self._notebooks[assignment, student, notebook]
        except KeyError:
            raise MissingEntry(f"No such submitted notebook: {assignment}/{notebook} for {student}") from None


def cohort_results(catalogue: Catalogue, db_url: str, assignment_ids: list[str] | None = None) -> list[CriterionResult]:
    """Every criterion result of every submission in the gradebook.

    Assignments in catalogue order, learners sorted by id, criteria in rubric order. The gradebook
    is read in bulk (_GradebookSnapshot), then each submission goes through submission_results.
    """
    assignments = [a for a in catalogue.assignments.values() if not assignment_ids or a.id in assignment_ids]
    rows: list[CriterionResult] = []
    with Gradebook(db_url) as gradebook:
        students = sorted(student.id for student in gradebook.students)
        snapshot = _GradebookSnapshot(gradebook, [a.id for a in assignments])
    for assignment in assignments:
        for student_id in students:
            rows += submission_results(snapshot, assignment, student_id)
    return rows


def marks_by_submission(rows: list[CriterionResult]) -> dict[tuple[str, str], float]:
    """(student_id, assignment_id) → mark out of 20."""
    totals: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        entry = totals.setdefault((row.student_id, row.assignment_id), [0.0, 0.0])
        entry[0] += row.points
        entry[1] += row.max_points
    return {key: mark_out_of_20(points, max_points) for key, (points, max_points) in totals.items()}
