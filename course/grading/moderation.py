"""Moderation: a third reader settles marks where the two markers are far apart.

The moderator's decision becomes the mark in nbgrader's gradebook (what formgrader does:
manual_score, needs_manual_grade cleared, comment if one is given), and a `casp_audit` row
keeps who decided, when, why, and the marks and comments before and after. The audit row
is inserted first, in the same database transaction as the gradebook change; if either
write fails the transaction is rolled back, so there is never a changed mark without its
audit row, nor an audit row for a change that did not happen.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from .. import CourseError
from ..catalogue import Catalogue
from ..rubric import LEVEL_KEYS
from .agreement import LEVEL_INDEX
from .double_marking import (
    OPTIONAL_COLUMNS, SECOND_MARK_COLUMNS, MarkChecker, MarkPair, MarkProblem, MarkTarget, check_sheet_rows,
    raise_sheet_problems, read_marks_sheet, require_text, sentence, sort_by_line,
)
from .store import audit, open_store, record_audit

ACTION = "moderation"
MODERATION_COLUMNS = SECOND_MARK_COLUMNS + ("motif",)


@dataclass(frozen=True)
class Moderation:
    """One applied moderation, for the moderator's confirmation."""

    student_id: str
    assignment_id: str
    criterion_id: str
    grade_id: str
    old_points: float
    new_points: float
    old_level: str
    new_level: str
    reason: str


def moderation_list(pairs: list[MarkPair], threshold: int = 2) -> list[MarkPair]:
    """Pairs whose two levels are `threshold` levels apart or more, by assignment, learner, criterion."""
    if threshold < 1 or threshold >= len(LEVEL_KEYS):
        raise CourseError(f"Seuil de modération invalide ({threshold}) : entre 1 et {len(LEVEL_KEYS) - 1} niveaux.")
    gaps = [p for p in pairs if abs(LEVEL_INDEX[p.first_level] - LEVEL_INDEX[p.second_level]) >= threshold]
    return sorted(gaps, key=lambda p: (p.assignment_id, p.student_id, p.criterion_id, p.second_marker))


def _comment_entry(gradebook: Gradebook, target: MarkTarget):
    try:
        return gradebook.find_comment(target.grade_id, target.notebook_id, target.assignment.id, target.student_id)
    except MissingEntry:
        return None


def _check_comment(gradebook: Gradebook, target: MarkTarget, comment: str | None) -> None:
    if comment and _comment_entry(gradebook, target) is None:
        raise MarkProblem(f"la cellule « {target.grade_id} » n'a pas de commentaire dans nbgrader : "
                          "laissez le commentaire vide")


def _set_mark(gradebook: Gradebook, target: MarkTarget, comment: str | None) -> None:
    """record_manual_mark's semantics, without its commit: the caller commits once with the audit rows."""
    grade = gradebook.find_grade(target.grade_id, target.notebook_id, target.assignment.id, target.student_id)
    grade.manual_score = target.points
    grade.needs_manual_grade = False
    if comment:
        _comment_entry(gradebook, target).manual_comment = comment
    gradebook.db.flush()


def _moderate(gradebook: Gradebook, decisions: list[tuple[MarkTarget, str, str | None]],
              moderator: str) -> list[Moderation]:
    """Audit rows then gradebook changes for every decision, committed together or not at all."""
    applied = []
    try:
        for target, reason, comment in decisions:
            grade = gradebook.find_grade(target.grade_id, target.notebook_id, target.assignment.id,
                                         target.student_id)
            old_points = float(grade.score or 0.0)
            entry = _comment_entry(gradebook, target)
            old_comment = (entry.manual_comment or entry.auto_comment) if entry is not None else None
            record_audit(
                gradebook.db, actor=moderator, action=ACTION, student_id=target.student_id,
                assignment_id=target.assignment.id, grade_id=target.grade_id, old_points=old_points,
                new_points=target.points, old_comment=old_comment, new_comment=comment or old_comment,
                reason=reason,
            )
            _set_mark(gradebook, target, comment)
            criterion = target.criterion
            applied.append(Moderation(
                target.student_id, target.assignment.id, criterion.id, target.grade_id, old_points, target.points,
                criterion.level_for(min(max(old_points, 0.0), criterion.points)).key,
                criterion.level_for(target.points).key, reason,
            ))
        gradebook.db.commit()
    except SQLAlchemyError as exc:
        gradebook.db.rollback()
        detail = getattr(exc, "orig", None) or exc
        raise CourseError(f"Modération non enregistrée, rien n'a changé : erreur de la base ({detail}).") from None
    except BaseException:
        gradebook.db.rollback()
        raise
    return applied


def apply_moderation(db_url: str, catalogue: Catalogue, *, student_id: str, assignment_id: str, grade_id: str,
                     points: float, moderator: str, reason: str, comment: str | None = None) -> Moderation:
    """Make the moderator's decision the mark in nbgrader, with its audit row."""
    moderator = require_text(moderator, "Nom du modérateur")
    reason = require_text(reason, "Motif de la modération")
    open_store(db_url).dispose()  # casp_audit must exist before the gradebook session writes to it
    with Gradebook(db_url) as gradebook:
        try:
            target = MarkChecker(gradebook, catalogue).by_grade(student_id, assignment_id, grade_id, points)
            _check_comment(gradebook, target, comment)
        except MarkProblem as problem:
            raise CourseError(sentence(problem)) from None
        return _moderate(gradebook, [(target, reason, comment or None)], moderator)[0]


def import_moderation_csv(db_url: str, path: Path, catalogue: Catalogue, moderator: str) -> int:
    """Apply a moderator's sheet (apprenant, devoir, critere, points, motif, commentaire); all lines or none."""
    moderator = require_text(moderator, "Nom du modérateur")
    path = Path(path)
    rows, problems = read_marks_sheet(path, MODERATION_COLUMNS, OPTIONAL_COLUMNS)
    open_store(db_url).dispose()
    with Gradebook(db_url) as gradebook:
        checker = MarkChecker(gradebook, catalogue)
        checked, line_problems = check_sheet_rows(
            rows, checker, lambda target, row: _check_comment(gradebook, target, row.values.get("commentaire")))
        problems += line_problems
        decisions = [(target, row.values["motif"], row.values.get("commentaire") or None) for target, row in checked]
        raise_sheet_problems(path, sort_by_line(problems))
        return len(_moderate(gradebook, decisions, moderator))


def audit_trail(db_url: str, student_id: str | None = None) -> list[dict]:
    """Every audit row (moderations, replaced second marks…), oldest first, optionally for one learner."""
    engine = open_store(db_url)
    try:
        query = select(audit).order_by(audit.c.at, audit.c.id)
        if student_id is not None:
            query = query.where(audit.c.student_id == student_id)
        with engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]
    finally:
        engine.dispose()
