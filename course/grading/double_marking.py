"""Double marking: a second marker's marks on the manually graded criteria (écrit, oral).

nbgrader keeps one mark per cell, the first marker's (given in formgrader). The second
marker's marks go to casp's `casp_second_marks` table, with who marked and when, so the
two can be compared (agreement.py) and large gaps sent to a moderator (moderation.py).
Marks are checked against the rubric before anything is written: a second mark must be
one of the criterion's level points, on a learner's submission that nbgrader holds.
A CSV sheet is checked whole first; one bad line and nothing is written.
"""
from __future__ import annotations

import logging
import math
from dataclasses import KW_ONLY, dataclass
from datetime import datetime
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy import insert, select, update

from .. import CourseError
from ..catalogue import Assignment, Catalogue
from ..formatting import decimal_fr
from ..rubric import EPSILON, MANUAL_KINDS, Criterion
from .sheets import CP1252, Sheet, SheetRow, UndecodableSheet, read_sheet
from .store import audit, now, open_store, record_audit, second_marks

log = logging.getLogger(__name__)

FIRST_MARKER = "formgrader"  # nbgrader's own mark is the first marker's, given in formgrader
SECOND_MARK_COLUMNS = ("apprenant", "devoir", "critere", "points")
OPTIONAL_COLUMNS = ("commentaire",)
COMMA_HINT = "avec le séparateur « , », écrivez les décimales avec un point ou entre guillemets"
COLUMN_LABELS = {"critere": "critère"}  # headers match without accents; messages show them


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, column)


class MarkProblem(Exception):
    """What is wrong with one mark, as a French phrase: prefixed with its line, or made a sentence."""


def sentence(problem: MarkProblem | str) -> str:
    text = str(problem)
    return text[:1].upper() + text[1:] + "."


@dataclass(frozen=True)
class MarkTarget:
    """A checked mark: which graded cell of which submission, and points that match a level."""

    student_id: str
    assignment: Assignment
    criterion: Criterion
    notebook_id: str
    grade_id: str
    points: float


@dataclass(frozen=True)
class MarkPair:
    """The two marks given to one criterion of one submission (levels are rubric level keys)."""

    student_id: str
    assignment_id: str
    modality: str
    criterion_id: str
    grade_id: str
    first_points: float
    second_points: float
    first_level: str
    second_level: str
    _: KW_ONLY
    first_marker: str = FIRST_MARKER
    second_marker: str
    marked_at: datetime | None = None


def check_points(criterion: Criterion, points) -> float:
    """The points, if they are one of the criterion's level points; else a MarkProblem saying why."""
    if isinstance(points, bool) or not isinstance(points, (int, float)) or not math.isfinite(points):
        raise MarkProblem(f"points « {points} » : nombre attendu")
    if not -EPSILON <= points <= criterion.points + EPSILON:
        raise MarkProblem(
            f"{decimal_fr(points)} points hors de l'échelle 0–{decimal_fr(criterion.points)} "
            f"du critère {criterion.id}"
        )
    for level in criterion.scale:
        if abs(points - level.points) <= EPSILON:
            return level.points
    levels = " ; ".join(f"{level.label} {decimal_fr(level.points)}" for level in criterion.scale)
    raise MarkProblem(
        f"{decimal_fr(points)} points ne correspondent à aucun niveau du critère {criterion.id} (niveaux : {levels})"
    )


def parse_points(text: str) -> float:
    """Points typed in a sheet: « 5,5 », « 5.5 » or « 5 »."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise MarkProblem(f"points « {text} » : nombre attendu") from None
    if not math.isfinite(value):
        raise MarkProblem(f"points « {text} » : nombre attendu")
    return value


class MarkChecker:
    """Checks marks against the catalogue and one open gradebook (read once per batch)."""

    def __init__(self, gradebook: Gradebook, catalogue: Catalogue):
        self.gradebook = gradebook
        self.catalogue = catalogue
        self.students = {student.id for student in gradebook.students}

    def _assignment(self, student_id: str, assignment_id: str) -> Assignment:
        if student_id not in self.students:
            raise MarkProblem(f"apprenant inconnu « {student_id} »")
        assignment = self.catalogue.assignments.get(assignment_id)
        if assignment is None:
            raise MarkProblem(f"devoir inconnu « {assignment_id} »")
        return assignment

    def by_criterion(self, student_id: str, assignment_id: str, criterion_id: str, points) -> MarkTarget:
        assignment = self._assignment(student_id, assignment_id)
        criterion = next((c for c in assignment.rubric if c.id == criterion_id), None)
        if criterion is None:
            raise MarkProblem(f"critère inconnu « {criterion_id} » pour le devoir « {assignment_id} »")
        return self._target(student_id, assignment, criterion, criterion.grade_ids[0], points)

    def by_grade(self, student_id: str, assignment_id: str, grade_id: str, points) -> MarkTarget:
        assignment = self._assignment(student_id, assignment_id)
        criterion = assignment.grade_ids.get(grade_id)
        if criterion is None:
            raise MarkProblem(f"cellule notée inconnue « {grade_id} » pour le devoir « {assignment_id} »")
        return self._target(student_id, assignment, criterion, grade_id, points)

    def _target(self, student_id: str, assignment: Assignment, criterion: Criterion, grade_id: str,
                points) -> MarkTarget:
        if criterion.kind not in MANUAL_KINDS:
            raise MarkProblem(
                f"le critère {criterion.id} est corrigé automatiquement : seuls les écrits, les productions et les oraux "
                "se notent à la main"
            )
        try:
            self.gradebook.find_submission(assignment.id, student_id)
        except MissingEntry:
            raise MarkProblem(
                f"aucune copie de « {student_id} » pour le devoir « {assignment.id} » dans le carnet de notes"
            ) from None
        points = check_points(criterion, points)
        for notebook in assignment.notebooks:
            notebook_id = notebook.removesuffix(".ipynb")
            try:
                self.gradebook.find_grade(grade_id, notebook_id, assignment.id, student_id)
            except MissingEntry:
                continue
            return MarkTarget(student_id, assignment, criterion, notebook_id, grade_id, points)
        raise MarkProblem(
            f"la cellule « {grade_id} » manque dans la copie de « {student_id} » (devoir « {assignment.id} ») : "
            "la copie a-t-elle été corrigée automatiquement ?"
        )


# --- CSV sheets -----------------------------------------------------------------------------------

def read_marks_sheet(path: Path, required: tuple[str, ...],
                     optional: tuple[str, ...] = ()) -> tuple[list[SheetRow], list[str]]:
    """Rows of a marks sheet, and the « ligne N : … » problems of rows that could not be read.

    The file is read by sheets.read_sheet (encoding, separator, blank lines). File-level problems
    (encoding, missing or unknown columns, no rows) raise a CourseError naming the file.
    """
    try:
        sheet = read_sheet(path)
    except UndecodableSheet:
        raise CourseError(
            f"{path} : encodage non reconnu (ni UTF-8 ni Windows-1252) ; enregistrez la feuille au format "
            "« CSV UTF-8 »."
        ) from None
    if sheet.encoding == CP1252:
        log.warning("%s : fichier lu en Windows-1252 (Latin-1), pas en UTF-8 ; vérifiez les accents et enregistrez-le "
                    "de préférence au format « CSV UTF-8 ».", path)
    if not sheet.header:
        expected = ", ".join(column_label(column) for column in required + optional)
        raise CourseError(f"{path} : feuille vide ; colonnes attendues : {expected}.")
    _check_header(sheet, required, optional)
    comma = sheet.delimiter == ","
    rows: list[SheetRow] = []
    problems: list[str] = []
    for row in sheet.rows:
        if len(row.cells) > len(sheet.columns):
            hint = f" ; {COMMA_HINT}" if comma else ""
            problems.append(f"ligne {row.line} : {len(row.cells)} valeurs pour {len(sheet.columns)} colonnes{hint}")
            continue
        split = _split_decimal(sheet.columns, row.values) if comma else None
        if split:
            problems.append(f"ligne {row.line} : {split}")
            continue
        empty = [column for column in required if not row.values[column]]
        if empty:
            named = ", ".join(f"colonne « {column_label(column)} » vide" for column in empty)
            problems.append(f"ligne {row.line} : {named}")
            continue
        rows.append(row)
    if not rows and not problems:
        raise CourseError(f"{path} : aucune note à importer sous l'en-tête.")
    return rows, problems


def _split_decimal(header: tuple[str, ...], values: dict[str, str]) -> str | None:
    """« 5,5 » typed in a comma-separated sheet reads as points 5 and a next column of digits: say so."""
    if "points" not in header or header[-1] == "points":
        return None
    following = header[header.index("points") + 1]
    if values["points"].isdigit() and values[following].isdigit():
        return (f"« {values['points']},{values[following]} » lu comme deux colonnes (points puis "
                f"{column_label(following)}) ; {COMMA_HINT}")
    return None


def _check_header(sheet: Sheet, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
    found = sheet.header_problems(required, optional)
    problems = []
    if found.missing:
        problems.append(f"colonne(s) manquante(s) : {', '.join(column_label(column) for column in found.missing)}")
    if found.unknown:
        problems.append(f"colonne(s) inconnue(s) : {', '.join(f'« {name} »' for name in found.unknown)}")
    if found.doubled:
        problems.append(f"colonne(s) en double : {', '.join(found.doubled)}")
    if problems:
        raise CourseError(f"{sheet.path} : en-tête invalide, {' ; '.join(problems)} (colonnes attendues : "
                          f"{', '.join(column_label(column) for column in required + optional)}).")


def raise_sheet_problems(path: Path, problems: list[str]) -> None:
    if problems:
        raise CourseError(f"{path} : {len(problems)} erreur(s), rien n'a été enregistré.\n" + "\n".join(problems))


# --- recording ------------------------------------------------------------------------------------

def require_text(value: str, what: str) -> str:
    """A non-blank name or reason, stripped; else « <what> manquant. »"""
    if not isinstance(value, str) or not value.strip():
        raise CourseError(f"{what} manquant.")
    return value.strip()


def _write_second_marks(db_url: str, marks: list[tuple[MarkTarget, str]], marker: str) -> None:
    """Insert or replace the marks in one transaction; a replacement leaves an audit row."""
    engine = open_store(db_url)
    try:
        with engine.begin() as connection:
            for target, comment in marks:
                key = (
                    second_marks.c.student_id == target.student_id,
                    second_marks.c.assignment_id == target.assignment.id,
                    second_marks.c.grade_id == target.grade_id,
                    second_marks.c.marker == marker,
                )
                values = {"notebook_id": target.notebook_id, "points": target.points, "comment": comment,
                          "marked_at": now()}
                old = connection.execute(select(second_marks).where(*key)).first()
                if old is None:
                    connection.execute(insert(second_marks).values(
                        student_id=target.student_id, assignment_id=target.assignment.id,
                        grade_id=target.grade_id, marker=marker, **values,
                    ))
                    continue
                connection.execute(update(second_marks).where(*key).values(**values))
                record_audit(
                    connection, actor=marker, action="second_mark", student_id=target.student_id,
                    assignment_id=target.assignment.id, grade_id=target.grade_id, old_points=old.points,
                    new_points=target.points, old_comment=old.comment, new_comment=comment,
                    reason="nouvelle saisie du second correcteur",
                )
    finally:
        engine.dispose()


def sort_by_line(problems: list[str]) -> list[str]:
    """« ligne N : … » messages in line order."""
    return sorted(problems, key=lambda text: int(text.split(" ", 2)[1]))


def check_sheet_rows(rows: list[SheetRow], checker: MarkChecker, extra_check=None
                     ) -> tuple[list[tuple[MarkTarget, SheetRow]], list[str]]:
    """Each sheet row checked against the rubric and the gradebook, duplicates refused.

    Shared by the second marker's and the moderator's sheets; `extra_check(target, row)` may raise
    MarkProblem for what only one kind of sheet forbids.
    """
    checked: list[tuple[MarkTarget, SheetRow]] = []
    problems: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        v = row.values
        try:
            target = checker.by_criterion(v["apprenant"], v["devoir"], v["critere"], parse_points(v["points"]))
            if extra_check is not None:
                extra_check(target, row)
        except MarkProblem as problem:
            problems.append(f"ligne {row.line} : {problem}")
            continue
        key = (target.student_id, target.assignment.id, target.grade_id)
        if key in seen:
            problems.append(f"ligne {row.line} : même apprenant, devoir et critère qu'à la ligne {seen[key]}")
            continue
        seen[key] = row.line
        checked.append((target, row))
    return checked, problems


def record_second_mark(db_url: str, *, student_id: str, assignment_id: str, grade_id: str, marker: str,
                       points: float, comment: str = "", catalogue: Catalogue) -> None:
    """Record (or replace) one second mark, after checking it against the rubric and the gradebook."""
    marker = require_text(marker, "Nom du second correcteur")
    with Gradebook(db_url) as gradebook:
        try:
            target = MarkChecker(gradebook, catalogue).by_grade(student_id, assignment_id, grade_id, points)
        except MarkProblem as problem:
            raise CourseError(sentence(problem)) from None
    _write_second_marks(db_url, [(target, comment or "")], marker)


def _is_blind_sheet(path: Path) -> bool:
    """An anonymised sheet (blind.write_blind_sheet) names copies by « code », not by « apprenant »."""
    try:
        columns = read_sheet(path).columns
    except CourseError:
        return False  # read_marks_sheet words the problem
    return "code" in columns and "apprenant" not in columns


def import_second_marks_csv(db_url: str, path: Path, catalogue: Catalogue, marker: str) -> int:
    """Record a second marker's sheet (apprenant or code, devoir, critere, points, commentaire); all lines or none.

    An anonymised sheet's codes are turned into learners here (blind.resolve_codes); its messages show the
    code, never the login.
    """
    marker = require_text(marker, "Nom du second correcteur")
    path = Path(path)
    if _is_blind_sheet(path):
        from .blind import BLIND_OPTIONAL, BLIND_REQUIRED, hide_logins, resolve_codes

        rows, problems = read_marks_sheet(path, BLIND_REQUIRED, BLIND_OPTIONAL)
        rows, code_problems, lines = resolve_codes(db_url, rows)
        problems += code_problems
    else:
        rows, problems = read_marks_sheet(path, SECOND_MARK_COLUMNS, OPTIONAL_COLUMNS)
        lines = {}
    with Gradebook(db_url) as gradebook:
        checked, line_problems = check_sheet_rows(rows, MarkChecker(gradebook, catalogue))
    problems += hide_logins(line_problems, lines) if lines else line_problems
    marks = [(target, row.values.get("commentaire", "")) for target, row in checked]
    raise_sheet_problems(Path(path), sort_by_line(problems))
    _write_second_marks(db_url, marks, marker)
    return len(marks)


# --- reading --------------------------------------------------------------------------------------

def original_first_marks(connection) -> dict[tuple[str, str, str], float]:
    """(student, assignment, grade_id) → the first marker's mark before any moderation replaced it."""
    rows = connection.execute(select(audit).where(audit.c.action == "moderation").order_by(audit.c.id))
    originals: dict[tuple[str, str, str], float] = {}
    for row in rows:
        originals.setdefault((row.student_id, row.assignment_id, row.grade_id), row.old_points)
    return originals


def first_and_second_marks(db_url: str, catalogue: Catalogue) -> list[MarkPair]:
    """Every second mark beside the first marker's mark for the same cell.

    The first mark is nbgrader's score (its manual_score once a marker saved one); if a moderator
    has since replaced it, the mark from before the first moderation is used, so agreement still
    compares the two markers. Second marks with nothing to compare against are left out: a first
    mark still awaited (needs_manual_grade), a submission gone from the gradebook, or a criterion
    no longer in the catalogue.
    """
    engine = open_store(db_url)
    try:
        with engine.connect() as connection:
            seconds = connection.execute(select(second_marks).order_by(
                second_marks.c.assignment_id, second_marks.c.student_id, second_marks.c.grade_id,
                second_marks.c.marker,
            )).all()
            originals = original_first_marks(connection)
    finally:
        engine.dispose()
    pairs = []
    with Gradebook(db_url) as gradebook:
        for row in seconds:
            assignment = catalogue.assignments.get(row.assignment_id)
            criterion = assignment.grade_ids.get(row.grade_id) if assignment else None
            if criterion is None:
                continue
            try:
                grade = gradebook.find_grade(row.grade_id, row.notebook_id, row.assignment_id, row.student_id)
            except MissingEntry:
                continue
            key = (row.student_id, row.assignment_id, row.grade_id)
            if grade.needs_manual_grade and key not in originals:
                continue
            first = float(originals.get(key, grade.score or 0.0))
            pairs.append(MarkPair(
                row.student_id, row.assignment_id, assignment.modality or "", criterion.id, row.grade_id,
                first, float(row.points), _level(criterion, first), _level(criterion, row.points),
                second_marker=row.marker, marked_at=row.marked_at,
            ))
    return pairs


def _level(criterion: Criterion, points: float) -> str:
    return criterion.level_for(min(max(points, 0.0), criterion.points)).key
