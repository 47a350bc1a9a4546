"""Per-learner outcome of the last `casp autograde` batch, as the reports read it back.

`casp autograde` writes `autograded/statuts_<assignment>.csv` (apprenant;statut;motifs): a copy may be
« corrigée », « corrigée avec réserves » or « non corrigée » (broken notebook, crashed kernel…), with the
reasons a trainer can act on. The exports and livrets show it beside the marks, so that a copy that could
not be graded never reads as « non rendu ».
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .. import CourseError

STATUS_HEADERS = ("apprenant", "statut", "motifs")
GRADED = "corrigée"
GRADED_WITH_RESERVES = "corrigée avec réserves"
NOT_GRADED = "non corrigée"
PENDING = "en attente"
KNOWN_STATUSES = (GRADED, GRADED_WITH_RESERVES, NOT_GRADED, PENDING)


@dataclass(frozen=True)
class AutogradeStatus:
    status: str
    reasons: str = ""

    @property
    def graded(self) -> bool:
        return self.status in (GRADED, GRADED_WITH_RESERVES)

    @property
    def text(self) -> str:
        """« non corrigée : le notebook est illisible… », as a report shows it."""
        return f"{self.status} : {self.reasons}" if self.reasons else self.status


def status_path(course_dir: Path, assignment_id: str, autograded_directory: str = "autograded") -> Path:
    return Path(course_dir) / autograded_directory / f"statuts_{assignment_id}.csv"


def read_status_file(path: Path) -> dict[str, AutogradeStatus]:
    """apprenant → status; a damaged file raises CourseError naming the file and the line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter=";")
            if tuple(reader.fieldnames or ()) != STATUS_HEADERS:
                raise CourseError(f"{path} : en-tête inattendu {reader.fieldnames!r} "
                                  f"(attendu : {';'.join(STATUS_HEADERS)}) ; relancez `casp autograde`.")
            statuses = {}
            for row in reader:
                student, status = (row.get("apprenant") or "").strip(), (row.get("statut") or "").strip()
                if not student or status not in KNOWN_STATUSES:
                    raise CourseError(f"{path}, ligne {reader.line_num} : apprenant ou statut invalide "
                                      f"({student!r}, {status!r}) ; relancez `casp autograde`.")
                statuses[student] = AutogradeStatus(status, (row.get("motifs") or "").strip())
            return statuses
    except UnicodeDecodeError as exc:
        raise CourseError(f"{path} : le fichier n'est pas en UTF-8 ({exc.reason}) ; relancez `casp autograde`.")


def load_statuses(course_dir: Path, assignment_ids) -> dict[tuple[str, str], AutogradeStatus]:
    """(apprenant, devoir) → status, for the assignments that went through `casp autograde`."""
    statuses = {}
    for assignment_id in assignment_ids:
        path = status_path(course_dir, assignment_id)
        if path.is_file():
            for student_id, status in read_status_file(path).items():
                statuses[(student_id, assignment_id)] = status
    return statuses
