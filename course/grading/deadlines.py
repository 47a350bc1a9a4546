"""Due dates, per-learner extensions and late copies, on nbgrader's own fields.

- Due dates: `casp echeances FICHIER.csv` reads a sheet `devoir;echeance` (Europe/Paris wall-clock
  time, « 2026-12-15 18:00 » or « 15/12/2026 18:00 ») and stores each date in nbgrader's
  `Assignment.duedate` (naive UTC, as nbgrader stores it). A gradebook is one cohort's, so the date
  is that cohort's.
- Extensions: `casp prolongations FICHIER.csv` reads `apprenant;devoir;prolongation_jours;motif`.
  The reason, the author and the length go to `casp_extensions`; the length also goes to nbgrader's
  `SubmittedAssignment.extension` when the learner's submission exists. An extension granted before
  the copy is collected is kept in `casp_extensions` and counted by `late_submissions` all the same.
- Late copies: a submission whose timestamp is after duedate + extension is late, as nbgrader's
  `SubmittedAssignment.total_seconds_late` says. The penalty is nbgrader's late-submission plugin:
  by default nbgrader's own plugin with `penalty_method = 'none'` (« aucune pénalité, signalé au
  jury »); `PointsPerDayPenalty` below takes points per started day of lateness when the course's
  nbgrader_config.py sets `c.AssignLatePenalties.plugin_class` to it.

Every sheet is checked entirely before anything is written; errors name the file and the line.
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from nbgrader.api import Assignment as NbgraderAssignment
from nbgrader.api import Gradebook, SubmittedAssignment
from nbgrader.plugins import LateSubmissionPlugin
from sqlalchemy import delete, insert, inspect, select
from traitlets import Float

from .. import CourseError
from ..catalogue import Catalogue
from ..formatting import decimal_fr
from .sheets import Sheet, read_sheet
from .store import extensions, now, open_store

log = logging.getLogger(__name__)

PARIS = ZoneInfo("Europe/Paris")
DUE_COLUMNS = ("devoir", "echeance")
EXTENSION_COLUMNS = ("apprenant", "devoir", "prolongation_jours", "motif")
MAX_EXTENSION_DAYS = 365
DEFAULT_PENALTY = "aucune pénalité, signalé au jury"
PLUGIN_PATH = "course.grading.deadlines.PointsPerDayPenalty"
# « 2026-12-15 18:00 », « 2026-12-15T18:00 », « 15/12/2026 18:00 », « 15/12/2026 18h00 », « 15/12/2026 18h »
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2})[:h](\d{2})?(?::(\d{2}))?")
_FRENCH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) +(\d{1,2})[:h](\d{2})?(?::(\d{2}))?")


# --------------------------------------------------------------------------- dates

def parse_due_date(text: str) -> datetime:
    """Paris wall-clock text → naive UTC datetime (nbgrader's storage); ValueError with a French message."""
    value = text.strip()
    iso, french = _ISO.fullmatch(value), _FRENCH.fullmatch(value)
    if iso:
        year, month, day, hour, minute, second = iso.groups()
    elif french:
        day, month, year, hour, minute, second = french.groups()
    else:
        raise ValueError(f"date « {value} » illisible : écrivez « 2026-12-15 18:00 » ou « 15/12/2026 18:00 » "
                         "(heure de Paris)")
    try:
        local = datetime(int(year), int(month), int(day), int(hour), int(minute or 0), int(second or 0),
                         tzinfo=PARIS)
    except ValueError:
        raise ValueError(f"date « {value} » impossible (jour, mois ou heure hors limites)") from None
    # A wall-clock time skipped when clocks go forward does not exist in Paris: refuse it rather than guess.
    if local.astimezone(timezone.utc).astimezone(PARIS).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise ValueError(f"date « {value} » impossible : cette heure n'existe pas à Paris "
                         "(passage à l'heure d'été)")
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def paris_text(utc_naive: datetime) -> str:
    """Naive UTC → « 15/12/2026 18:00 » in Paris time."""
    return utc_naive.replace(tzinfo=timezone.utc).astimezone(PARIS).strftime("%d/%m/%Y %H:%M")


def lateness_text(seconds: float) -> str:
    """« 2 j 3 h » from a day on, « 5 h 20 min » under a day, « 12 min » under an hour; last unit rounded up."""
    if seconds >= 86400:
        days, hours = divmod(math.ceil(seconds / 3600), 24)
        return f"{days} j {hours} h" if hours else f"{days} j"
    hours, minutes = divmod(math.ceil(seconds / 60), 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


# --------------------------------------------------------------------------- sheets

def _sheet(path: Path, columns: tuple[str, ...]) -> Sheet:
    sheet = read_sheet(path)
    problems = sheet.header_problems(columns)
    if problems:
        raise CourseError(f"{path} : en-tête attendu « {';'.join(columns)} » (séparateur « ; » ou « , »), "
                          f"trouvé « {sheet.delimiter.join(sheet.header)} » ; rien n'a été enregistré.")
    for note in sheet.notes:
        log.warning("%s", note)
    return sheet


def _refuse(path: Path, errors: list[str]) -> None:
    if errors:
        raise CourseError(f"{path} : {len(errors)} erreur(s), rien n'a été enregistré :\n"
                          + "\n".join(f"  - {message}" for message in errors))


def _unknown_assignment(catalogue: Catalogue, assignment_id: str) -> str:
    return (f"devoir inconnu « {assignment_id} » (devoirs du catalogue : {', '.join(catalogue.assignments)})"
            if assignment_id else "colonne « devoir » vide")


def read_due_dates(path: Path, catalogue: Catalogue) -> dict[str, datetime]:
    """assignment_id → naive UTC due date, every line checked; a CourseError lists all the problems."""
    path = Path(path)
    sheet = _sheet(path, DUE_COLUMNS)
    errors: list[str] = []
    dates: dict[str, datetime] = {}
    seen: dict[str, int] = {}
    for row in sheet.rows:
        assignment_id, when = row.values["devoir"], row.values["echeance"]
        problems = []
        if assignment_id not in catalogue.assignments:
            problems.append(_unknown_assignment(catalogue, assignment_id))
        elif assignment_id in seen:
            problems.append(f"devoir « {assignment_id} » déjà daté ligne {seen[assignment_id]}")
        try:
            due = parse_due_date(when) if when else None
        except ValueError as exc:
            problems.append(str(exc))
        else:
            if due is None:
                problems.append("colonne « echeance » vide")
        if problems:
            errors.append(f"ligne {row.line} : " + " ; ".join(problems) + ".")
            continue
        seen[assignment_id] = row.line
        dates[assignment_id] = due
    _refuse(path, errors)
    return dates


def set_due_dates(db_url: str, dates: dict[str, datetime]) -> None:
    """Store the checked due dates in nbgrader's Assignment rows (created when missing)."""
    with Gradebook(db_url) as gradebook:
        for assignment_id, due in dates.items():
            gradebook.update_or_create_assignment(assignment_id, duedate=due)


@dataclass(frozen=True)
class Extension:
    line: int
    student_id: str
    assignment_id: str
    days: float
    reason: str


def read_extensions(path: Path, catalogue: Catalogue, known_students) -> list[Extension]:
    """The extension sheet's rows, every line checked; a CourseError lists all the problems."""
    path = Path(path)
    sheet = _sheet(path, EXTENSION_COLUMNS)
    known = set(known_students)
    errors: list[str] = []
    result: list[Extension] = []
    seen: dict[tuple[str, str], int] = {}
    for row in sheet.rows:
        student_id, assignment_id = row.values["apprenant"], row.values["devoir"]
        days_text, reason = row.values["prolongation_jours"], row.values["motif"]
        problems = []
        if not student_id:
            problems.append("colonne « apprenant » vide")
        elif student_id not in known:
            problems.append(f"apprenant inconnu « {student_id} » (absent du carnet de notes)")
        if assignment_id not in catalogue.assignments:
            problems.append(_unknown_assignment(catalogue, assignment_id))
        try:
            days = float(days_text.replace(",", "."))
        except ValueError:
            days = None
        if days is None or not math.isfinite(days) or not 0 < days <= MAX_EXTENSION_DAYS:
            problems.append(f"prolongation « {days_text} » invalide : un nombre de jours supérieur à 0 et au plus "
                            f"{MAX_EXTENSION_DAYS} (par exemple 2 ou 1,5)")
        if not reason:
            problems.append("colonne « motif » vide (le motif est gardé pour le jury)")
        key = (student_id, assignment_id)
        if not problems and key in seen:
            problems.append(f"prolongation déjà donnée à « {student_id} » pour « {assignment_id} » "
                            f"ligne {seen[key]}")
        if problems:
            errors.append(f"ligne {row.line} : " + " ; ".join(problems) + ".")
            continue
        seen[key] = row.line
        result.append(Extension(row.line, student_id, assignment_id, days, reason))
    _refuse(path, errors)
    return result


def grant_extensions(db_url: str, granted: list[Extension], author: str) -> int:
    """Record each extension with its reason, and set nbgrader's field where the submission exists.

    Returns how many submissions already existed (the others get the field when `casp prolongations`
    is run again after collection; `late_submissions` counts the stored extension meanwhile).
    """
    open_store(db_url).dispose()  # casp tables exist before the gradebook session writes to them
    applied = 0
    with Gradebook(db_url) as gradebook:
        submissions = {(s.student_id, s.assignment.name): s for s in gradebook.db.query(SubmittedAssignment)}
        for extension in granted:
            key = (extension.student_id, extension.assignment_id)
            gradebook.db.execute(delete(extensions).where(
                extensions.c.student_id == extension.student_id,
                extensions.c.assignment_id == extension.assignment_id))
            gradebook.db.execute(insert(extensions).values(
                student_id=extension.student_id, assignment_id=extension.assignment_id, days=extension.days,
                reason=extension.reason, author=author, at=now()))
            if key in submissions:
                submissions[key].extension = timedelta(days=extension.days)
                applied += 1
        gradebook.db.commit()
    return applied


# --------------------------------------------------------------------------- late copies

@dataclass(frozen=True)
class LateCopy:
    student_id: str
    assignment_id: str
    seconds_late: float
    extension_days: float  # 0 when none
    reason: str  # the extension's reason, "" when none

    @property
    def text(self) -> str:
        """« rendu en retard de 2 j 3 h »."""
        return f"rendu en retard de {lateness_text(self.seconds_late)}"


def late_submissions(db_url: str) -> dict[tuple[str, str], LateCopy]:
    """(student_id, assignment_id) → LateCopy for every submission handed in after its due date + extension."""
    open_store(db_url).dispose()
    with Gradebook(db_url) as gradebook:
        stored = {(r.student_id, r.assignment_id): r for r in gradebook.db.execute(select(extensions))}
        query = (gradebook.db.query(SubmittedAssignment)
                 .join(NbgraderAssignment, NbgraderAssignment.id == SubmittedAssignment.assignment_id)
                 .filter(NbgraderAssignment.duedate.isnot(None)))
        late = {}
        for submission in query:
            key = (submission.student_id, submission.assignment.name)
            record = stored.get(key)
            extension = submission.extension
            if extension is None and record is not None:  # granted before the copy was collected
                extension = timedelta(days=record.days)
            if submission.timestamp is None:
                continue
            # nbgrader's total_seconds_late, with the stored extension when nbgrader's field is still empty
            due = submission.assignment.duedate + (extension or timedelta(0))
            seconds = max(0.0, (submission.timestamp - due).total_seconds())
            if seconds > 0:
                late[key] = LateCopy(key[0], key[1], seconds,
                                     extension.total_seconds() / 86400 if extension else 0.0,
                                     record.reason if record is not None else "")
    return dict(sorted(late.items()))


# --------------------------------------------------------------------------- penalty

class PointsPerDayPenalty(LateSubmissionPlugin):
    """nbgrader's late-submission plugin taking `points_per_day` per started day late, never below zero.

    nbgrader counts lateness with its own extension field; an extension recorded by `casp prolongations`
    before the copy was collected is not in that field yet when `casp autograde` creates the submission,
    so it is taken off here (the preprocessor, our parent, holds the open gradebook).
    """

    points_per_day = Float(1.0, help="Points removed per started day of lateness.").tag(config=True)

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float | None:
        seconds = self._seconds_late(student_id, total_seconds_late)
        if seconds <= 0:
            return None
        days = math.ceil(seconds / 86400)
        return min(score, days * self.points_per_day)

    def _seconds_late(self, student_id: str, total_seconds_late: float) -> float:
        gradebook = getattr(self.parent, "gradebook", None)
        assignment_id = getattr(self.parent, "assignment_id", None)
        if gradebook is None or not assignment_id or total_seconds_late <= 0:
            return total_seconds_late
        if gradebook.find_submission(assignment_id, student_id).extension is not None:
            return total_seconds_late
        if not inspect(gradebook.db.get_bind()).has_table(extensions.name):
            return total_seconds_late
        days = gradebook.db.execute(select(extensions.c.days).where(
            extensions.c.student_id == student_id, extensions.c.assignment_id == assignment_id)).scalar()
        return total_seconds_late if days is None else max(0.0, total_seconds_late - days * 86400)


def penalty_setting(config) -> str:
    """The course's late penalty in French, from its nbgrader configuration (course.config.load_config)."""
    plugin = config.AssignLatePenalties.get("plugin_class", "")
    plugin = plugin if isinstance(plugin, str) else f"{plugin.__module__}.{plugin.__name__}"
    if plugin == PLUGIN_PATH:
        points = float(config.PointsPerDayPenalty.get("points_per_day", PointsPerDayPenalty.points_per_day.default()))
        return f"{decimal_fr(points)} point(s) retiré(s) par jour de retard commencé"
    method = config.LateSubmissionPlugin.get("penalty_method", "none")
    if plugin and plugin != "nbgrader.plugins.LateSubmissionPlugin":
        return f"pénalité calculée par {plugin}"
    return "note mise à zéro" if method == "zero" else DEFAULT_PENALTY
