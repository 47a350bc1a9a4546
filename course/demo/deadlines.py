"""The demo's due dates, its late copies and its extension, through the trainers' own sheets.

Every assignment is due one week after the day the demo runs, at 18:00 Paris time, so that the cohort
hands in on time whatever the date. Two learners hand one copy in after the due date, and a third is
late too but was granted an extension beforehand: the review, the livrets and the exports flag the
first two only. A late hand-in is simulated by the time nbgrader reads in the collected copy
(`submitted/<learner>/<assignment>/timestamp.txt`), the way nbgrader's exchange writes it.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from ..catalogue import Catalogue
from ..grading.deadlines import PARIS, grant_extensions, read_due_dates, read_extensions, set_due_dates
from .grading_rounds import TRAINER

LATE_ASSIGNMENT = "m14_note_observation"
EXTENSION_REASON = "Hospitalisation d'un enfant la semaine de l'échéance (justificatif reçu)."


@dataclass(frozen=True)
class LateHandIn:
    student_id: str
    assignment_id: str
    after_due: timedelta  # how long after the due date the copy is handed in
    extension_days: float = 0.0  # granted beforehand, with EXTENSION_REASON


def demo_due_date(today: date) -> datetime:
    """One week after `today`, 18:00 Paris time."""
    return datetime.combine(today + timedelta(days=7), time(18, 0), tzinfo=PARIS)


def late_hand_ins(learner_ids: list[str]) -> list[LateHandIn]:
    """The second and third learners late (1 day 3 h, 5 h), the first late by 1 day but with 2 days' extension."""
    if len(learner_ids) < 3:
        return []
    return [
        LateHandIn(learner_ids[0], LATE_ASSIGNMENT, timedelta(days=1), extension_days=2),
        LateHandIn(learner_ids[1], LATE_ASSIGNMENT, timedelta(days=1, hours=3)),
        LateHandIn(learner_ids[2], LATE_ASSIGNMENT, timedelta(hours=5)),
    ]


def write_due_dates(sheets: Path, catalogue: Catalogue, db_url: str, due: datetime) -> Path:
    """The due-date sheet a trainer writes (`casp echeances`), read and stored in nbgrader's gradebook."""
    path = sheets / "echeances.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["devoir", "echeance"])
        writer.writerows([assignment_id, due.strftime("%d/%m/%Y %H:%M")] for assignment_id in catalogue.assignments)
    set_due_dates(db_url, read_due_dates(path, catalogue))
    return path


def hand_in_late(course_dir: Path, late: list[LateHandIn], due: datetime) -> None:
    """Date the collected copies as handed in late (nbgrader's timestamp.txt, read in at autograde)."""
    for hand_in in late:
        folder = Path(course_dir) / "submitted" / hand_in.student_id / hand_in.assignment_id
        when = (due + hand_in.after_due).astimezone(timezone.utc)
        (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8")


def grant_demo_extensions(sheets: Path, catalogue: Catalogue, db_url: str, late: list[LateHandIn],
                          known: set[str]) -> int:
    """The extension sheet a trainer writes (`casp prolongations`), read and granted; returns how many."""
    path = sheets / "prolongations.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["apprenant", "devoir", "prolongation_jours", "motif"])
        writer.writerows([h.student_id, h.assignment_id, f"{h.extension_days:g}", EXTENSION_REASON]
                         for h in late if h.extension_days)
    granted = read_extensions(path, catalogue, known)
    grant_extensions(db_url, granted, TRAINER)
    return len(granted)
