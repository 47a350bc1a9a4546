"""Read nbgrader's gradebook and express each submission against its rubric."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from nbgrader.api import Gradebook, MissingEntry

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


def cohort_results(catalogue: Catalogue, db_url: str, assignment_ids: list[str] | None = None) -> list[CriterionResult]:
    """Every criterion result of every submission in the gradebook."""
    rows: list[CriterionResult] = []
    with Gradebook(db_url) as gradebook:
        students = sorted(student.id for student in gradebook.students)
        for assignment in catalogue.assignments.values():
            if assignment_ids and assignment.id not in assignment_ids:
                continue
            for student_id in students:
                rows += submission_results(gradebook, assignment, student_id)
    return rows


def marks_by_submission(rows: list[CriterionResult]) -> dict[tuple[str, str], float]:
    """(student_id, assignment_id) → mark out of 20."""
    totals: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        entry = totals.setdefault((row.student_id, row.assignment_id), [0.0, 0.0])
        entry[0] += row.points
        entry[1] += row.max_points
    return {key: mark_out_of_20(points, max_points) for key, (points, max_points) in totals.items()}
