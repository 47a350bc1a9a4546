"""What still needs a grader's attention before results can be trusted."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue
from ..formatting import decimal_fr
from .results import CriterionResult

FLAG_LABELS = {
    "non_rendu": "Copie non rendue",
    "a_corriger": "Correction manuelle en attente",
    "hors_niveau": "Note qui ne correspond à aucun niveau",
    "en_retard": "Copie rendue en retard (signalée au jury)",
}


@dataclass(frozen=True)
class Flag:
    student_id: str
    assignment_id: str
    criterion_id: str
    kind: str
    message: str


def review(catalogue: Catalogue, rows: list[CriterionResult], student_ids: list[str],
           late: dict | None = None) -> list[Flag]:
    """Missing submissions, criteria awaiting a manual mark, manual marks that match no level, late copies.

    `late`: (student_id, assignment_id) → deadlines.LateCopy, as deadlines.late_submissions reads it.
    """
    flags = []
    submitted = {(r.student_id, r.assignment_id) for r in rows}
    for sid in student_ids:
        for assignment in catalogue.assignments.values():
            if (sid, assignment.id) not in submitted:
                flags.append(Flag(sid, assignment.id, "", "non_rendu",
                                  f"{sid} : aucune copie pour {assignment.id}."))
    for row in rows:
        if row.needs_manual_grade:
            flags.append(Flag(row.student_id, row.assignment_id, row.criterion_id, "a_corriger",
                              f"{row.student_id}, {row.criterion_id} : correction manuelle en attente."))
        elif row.kind != "auto":
            criterion = catalogue.assignment(row.assignment_id).criterion(row.criterion_id)
            allowed = [level.points for level in criterion.scale]
            if all(abs(row.points - value) > 1e-6 for value in allowed):
                flags.append(Flag(
                    row.student_id, row.assignment_id, row.criterion_id, "hors_niveau",
                    f"{row.student_id}, {row.criterion_id} : {decimal_fr(row.points)} point(s) ne correspond à aucun "
                    f"niveau (niveaux : {' ; '.join(decimal_fr(v) for v in allowed)}) ; "
                    f"niveau retenu : {row.level_label}.",
                ))
    for (sid, assignment_id), copy in (late or {}).items():
        extension = (f" malgré une prolongation de {decimal_fr(copy.extension_days)} j ({copy.reason})"
                     if copy.extension_days else "")
        flags.append(Flag(sid, assignment_id, "", "en_retard",
                          f"{sid} : {assignment_id} {copy.text}{extension}."))
    return flags
