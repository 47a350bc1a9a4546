"""Write manual marks and comments into nbgrader's gradebook (what formgrader does by hand)."""
from __future__ import annotations

from nbgrader.api import Gradebook, MissingEntry

from .. import CourseError


def record_manual_mark(
    gradebook: Gradebook,
    assignment_id: str,
    notebook_id: str,
    student_id: str,
    grade_id: str,
    points: float,
    comment: str = "",
) -> None:
    """Set a manual score (and comment) on one graded cell; refuse marks outside 0…max."""
    try:
        grade = gradebook.find_grade(grade_id, notebook_id, assignment_id, student_id)
    except MissingEntry:
        raise CourseError(
            f"Aucune note « {grade_id} » pour {student_id} dans {assignment_id}/{notebook_id} : "
            "la copie a-t-elle été collectée et corrigée automatiquement ?"
        ) from None
    if not 0 <= points <= grade.max_score:
        raise CourseError(
            f"{student_id}, {assignment_id}/{grade_id} : {points:g} points hors de l'échelle 0–{grade.max_score:g}"
        )
    grade.manual_score = points
    grade.needs_manual_grade = False  # what formgrader does when a grader saves a mark
    if comment:
        try:
            gradebook.find_comment(grade_id, notebook_id, assignment_id, student_id).manual_comment = comment
        except MissingEntry:
            pass  # nbgrader keeps comments for answer and task cells only
    gradebook.db.commit()
