"""Cohort exports: criteria, bloc decisions and marks for trainers (CSV, XLSX) and for Moodle's gradebook.

The French CSVs target French Excel (UTF-8 with BOM, `;` separator, decimal comma); the Moodle file
follows Moodle's own CSV import (UTF-8, comma, decimal point, `-` for "no grade"). Every file is
validated first, then written to a temporary file and moved into place, so a failure never leaves
half a file behind.
"""
from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .. import CourseError
from ..formatting import rounded_fr
from ..grading.agreement import SCOPE_LABELS
from ..grading.blocs import modality_marks
from ..grading.cohort import CohortData, LearnerInfo
from ..grading.deadlines import lateness_text
from ..grading.store import audit as audit_table
from ..grading.results import CriterionResult
from ..palette import TEXT_COLOURS, text_on

CRITERIA_HEADERS = (
    "apprenant", "nom", "prenom", "courriel", "devoir", "modalite", "critere", "libelle", "competences",
    "points", "points_max", "niveau", "descripteur", "commentaire", "correction_en_attente",
    "correction_automatique", "motifs_correction_automatique", "retard",
)
BLOC_HEADERS = ("apprenant", "nom", "prenom", "bloc", "intitule_bloc", "decision", "motif")
NOTES_HEADERS = ("apprenant", "nom", "prenom")
NOT_SUBMITTED = "Non rendu"
NOT_GRADED = "Non corrigée"  # handed in, but `casp autograde` could not grade it (see its reasons)
PENDING = "En attente"
YES, NO = "oui", "non"
MOODLE_KEYS = {"email": "Adresse de courriel", "username": "Nom d'utilisateur"}
MOODLE_NO_GRADE = "-"  # Moodle's own marker for "no grade" in CSV import and export
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MOODLE_USERNAME_RE = re.compile(r"^[a-z0-9_.@-]+$")  # Moodle's default username characters


class ExportError(CourseError):
    """An export cannot be written: the message names the file and the problem."""


# --------------------------------------------------------------------------- validation and tables


def _validate(cohort: CohortData) -> None:
    """Refuse a cohort whose rows or decisions do not match its catalogue and learners."""
    problems: list[str] = []
    ids = [learner.id for learner in cohort.learners]
    duplicated = sorted(i for i, count in Counter(ids).items() if count > 1)
    if duplicated:
        problems.append(f"apprenant(s) en double : {', '.join(duplicated)}")
    if any(not i for i in ids):
        problems.append("un apprenant n'a pas d'identifiant")
    known = set(ids)
    seen: set[tuple[str, str, str]] = set()
    for number, row in enumerate(cohort.rows, start=1):
        where = f"résultat n° {number} ({row.student_id}, {row.assignment_id}, {row.criterion_id})"
        assignment = cohort.catalogue.assignments.get(row.assignment_id)
        if row.student_id not in known:
            problems.append(f"{where} : apprenant inconnu")
        if assignment is None:
            problems.append(f"{where} : devoir absent du catalogue")
        elif row.criterion_id not in {c.id for c in assignment.rubric}:
            problems.append(f"{where} : critère absent de la grille du devoir")
        key = (row.student_id, row.assignment_id, row.criterion_id)
        if key in seen:
            problems.append(f"{where} : résultat en double")
        seen.add(key)
    blocs = {bloc.id for bloc in cohort.catalogue.referential.blocs}
    for decision in cohort.decisions:
        if decision.student_id not in known:
            problems.append(f"décision du bloc {decision.bloc_id} : apprenant inconnu « {decision.student_id} »")
        if decision.bloc_id not in blocs:
            problems.append(f"décision pour {decision.student_id} : bloc inconnu « {decision.bloc_id} »")
    if problems:
        raise ExportError("Données de cohorte incohérentes, aucun fichier écrit :\n- " + "\n- ".join(problems))


def _results(cohort: CohortData) -> dict[tuple[str, str, str], CriterionResult]:
    return {(r.student_id, r.assignment_id, r.criterion_id): r for r in cohort.rows}


def criteria_table(cohort: CohortData) -> list[dict]:
    """One record per learner × assignment × criterion, in catalogue order; numbers stay numbers.

    A criterion of a copy not handed in reads « Non rendu »; one awaiting a manual mark reads
    « En attente » with no points (nbgrader counts it 0 until a grader marks it).
    """
    _validate(cohort)
    results = _results(cohort)
    records = []
    for learner in cohort.learners:
        for assignment in cohort.catalogue.assignments.values():
            for criterion in assignment.rubric:
                result = results.get((learner.id, assignment.id, criterion.id))
                record = {
                    "apprenant": learner.id, "nom": learner.last_name, "prenom": learner.first_name,
                    "courriel": learner.email, "devoir": assignment.id, "modalite": assignment.modality or "",
                    "critere": criterion.id, "libelle": criterion.label,
                    "competences": ", ".join(criterion.competences),
                    "points": None, "points_max": float(criterion.points), "niveau": NOT_SUBMITTED,
                    "descripteur": "", "commentaire": "", "correction_en_attente": NO,
                    "correction_automatique": "", "motifs_correction_automatique": "",
                    "retard": "",
                }
                late = cohort.late.get((learner.id, assignment.id))
                if late is not None:  # handed in after its due date + extension: « 2 j 3 h »
                    record["retard"] = lateness_text(late.seconds_late)
                status = cohort.autograde.get((learner.id, assignment.id))
                if status is not None:
                    record.update(correction_automatique=status.status, motifs_correction_automatique=status.reasons)
                    if result is None and not status.graded:
                        record["niveau"] = NOT_GRADED
                if result is not None:
                    record["commentaire"] = result.comment
                    if result.needs_manual_grade:
                        record.update(niveau=PENDING, correction_en_attente=YES)
                    else:
                        record.update(points=float(result.points), niveau=result.level_label,
                                      descripteur=result.descriptor)
                records.append(record)
    return records


def cohort_modalities(cohort: CohortData) -> list[str]:
    """The modalities the catalogue assesses, in referential order."""
    return [m for m in cohort.catalogue.referential.modalities if cohort.catalogue.for_modality(m)]


def modality_mark(cohort: CohortData, student_id: str, modality: str) -> float | str | None:
    """Mark /20 of one learner in one modality, « Non rendu », « Non corrigée », « En attente », or None when the
    catalogue does not assess the modality. The number is the one the bloc decision uses."""
    if not cohort.catalogue.for_modality(modality):
        return None
    rows = [r for r in cohort.rows if r.student_id == student_id and r.modality == modality]
    if not rows:
        statuses = [cohort.autograde.get((student_id, a.id)) for a in cohort.catalogue.for_modality(modality)]
        return NOT_GRADED if any(s is not None and not s.graded for s in statuses) else NOT_SUBMITTED
    if any(r.needs_manual_grade for r in rows):
        return PENDING
    return modality_marks(rows, student_id)[modality]


def bloc_modalities(cohort: CohortData) -> list[str]:
    """Every modality of the blocs that have decisions, in referential order."""
    decided = {d.bloc_id for d in cohort.decisions}
    return [m.id for bloc in cohort.catalogue.referential.blocs if bloc.id in decided for m in bloc.modalities]


def bloc_table(cohort: CohortData) -> list[dict]:
    """One record per learner × bloc: decision, reason and the marks of the bloc's modalities."""
    _validate(cohort)
    blocs = {bloc.id: bloc for bloc in cohort.catalogue.referential.blocs}
    modalities = bloc_modalities(cohort)
    records = []
    for learner in cohort.learners:
        for decision in cohort.decisions_of(learner.id):
            bloc = blocs[decision.bloc_id]
            record = {
                "apprenant": learner.id, "nom": learner.last_name, "prenom": learner.first_name,
                "bloc": bloc.id, "intitule_bloc": bloc.title, "decision": decision.label, "motif": decision.reason,
            }
            own = {m.id for m in bloc.modalities}
            for modality in modalities:
                record[modality] = modality_mark(cohort, learner.id, modality) if modality in own else None
            records.append(record)
    return records


def notes_table(cohort: CohortData) -> list[dict]:
    """One record per learner: the mark /20 of every modality the catalogue assesses."""
    _validate(cohort)
    modalities = cohort_modalities(cohort)
    return [
        {"apprenant": learner.id, "nom": learner.last_name, "prenom": learner.first_name,
         **{modality_heading(cohort, m): modality_mark(cohort, learner.id, m) for m in modalities}}
        for learner in cohort.learners
    ]


def modality_heading(cohort: CohortData, modality: str) -> str:
    """« M1.1 Analyse de parcours, rédaction et partage d'un récit de vie (note sur 20) »."""
    text = cohort.catalogue.referential.modalities[modality].text.strip().rstrip(".")
    return f"{modality} {text} (note sur 20)"


# --------------------------------------------------------------------------- writing files


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file beside `path`, then move it into place."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"{path} : le dossier « {path.parent} » n'existe pas ; aucun fichier écrit.")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        write(Path(temporary))
        os.replace(temporary, path)
    except OSError as exc:
        raise ExportError(f"{path} : écriture impossible ({exc.strerror or exc}) ; aucun fichier écrit.") from None
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)


def _french_cell(value) -> str:
    """12.5 → « 12,5 » (French Excel reads it as a number)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return rounded_fr(value)
    return str(value)


def _write_csv(path: Path, headers: list[str], rows: list[list[str]], *, delimiter: str, encoding: str) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    text = buffer.getvalue()
    _atomic_write(path, lambda temporary: temporary.write_bytes(text.encode(encoding)))


def write_criteria_csv(cohort: CohortData, path: Path) -> int:
    """The criteria table as a CSV for French Excel; returns the number of data rows."""
    records = criteria_table(cohort)
    rows = [[_french_cell(record[h]) for h in CRITERIA_HEADERS] for record in records]
    _write_csv(Path(path), list(CRITERIA_HEADERS), rows, delimiter=";", encoding="utf-8-sig")
    return len(rows)


def write_bloc_decisions_csv(cohort: CohortData, path: Path) -> int:
    """The bloc decisions as a CSV for French Excel; returns the number of data rows."""
    records = bloc_table(cohort)
    headers = [*BLOC_HEADERS, *bloc_modalities(cohort)]
    rows = [[_french_cell(record[h]) for h in headers] for record in records]
    _write_csv(Path(path), headers, rows, delimiter=";", encoding="utf-8-sig")
    return len(rows)


# --------------------------------------------------------------------------- XLSX

WRAPPED = {"libelle", "descripteur", "commentaire", "intitule_bloc", "motif"}
MAX_WIDTH = 60
HEADER_FILL = TEXT_COLOURS["bleu"]  # the palette's dark blue; the header's text is whichever of black or white reads


def _sheet(workbook, title: str, headers: list[str], records: list[dict], number_formats: dict[str, str]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color=text_on(HEADER_FILL).lstrip("#"))
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL.lstrip("#"))
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row_number, record in enumerate(records, start=2):
        for column, header in enumerate(headers, start=1):
            value = record[header]
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # a comment starting with "=" is text, never a formula
            if isinstance(value, float) and header in number_formats:
                cell.number_format = number_formats[header]
            if header in WRAPPED:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            else:
                cell.alignment = Alignment(vertical="top")
    for column, header in enumerate(headers, start=1):
        lengths = [len(line) for line in header.split("\n")]
        for record in records:
            lengths += [len(line) for line in _french_cell(record[header]).split("\n")]
        sheet.column_dimensions[get_column_letter(column)].width = min(max(lengths) + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(records) + 1, 1)}"


def write_criteria_xlsx(cohort: CohortData, path: Path) -> dict[str, int]:
    """A workbook with sheets « Critères », « Blocs » and « Notes »; returns the data rows per sheet."""
    criteria, blocs, notes = criteria_table(cohort), bloc_table(cohort), notes_table(cohort)
    bloc_headers = [*BLOC_HEADERS, *bloc_modalities(cohort)]
    notes_headers = [*NOTES_HEADERS, *(modality_heading(cohort, m) for m in cohort_modalities(cohort))]
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Critères", list(CRITERIA_HEADERS), criteria, {"points": "0.0#", "points_max": "0.0#"})
    _sheet(workbook, "Blocs", bloc_headers, blocs, {h: "0.00" for h in bloc_headers[len(BLOC_HEADERS):]})
    _sheet(workbook, "Notes", notes_headers, notes, {h: "0.00" for h in notes_headers[len(NOTES_HEADERS):]})
    _atomic_write(Path(path), lambda temporary: workbook.save(temporary))
    return {"Critères": len(criteria), "Blocs": len(blocs), "Notes": len(notes)}


# --------------------------------------------------------------------------- Moodle


@dataclass(frozen=True)
class Skipped:
    student_id: str
    name: str
    reason: str


@dataclass(frozen=True)
class Blank:
    student_id: str
    modality: str
    reason: str


@dataclass
class MoodleExport:
    """What went into the Moodle file and what did not, for the caller to print."""

    path: Path
    key: str
    written: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    blanks: list[Blank] = field(default_factory=list)

    @property
    def warning(self) -> str:
        """A French message listing the learners left out (empty when everyone was written)."""
        if not self.skipped:
            return ""
        lines = [f"{len(self.skipped)} apprenant(s) absent(s) de {self.path.name} (à saisir à la main dans Moodle) :"]
        lines += [f"- {s.student_id} ({s.name}) : {s.reason}" for s in self.skipped]
        return "\n".join(lines)


def _moodle_identifier(learner: LearnerInfo, key: str) -> tuple[str | None, str]:
    if key == "email":
        email = learner.email.strip()
        if not email:
            return None, "pas d'adresse de courriel dans le carnet de notes nbgrader"
        if not EMAIL_RE.match(email):
            return None, f"adresse de courriel invalide « {email} »"
        return email, ""
    if not MOODLE_USERNAME_RE.match(learner.id):
        return None, (f"l'identifiant « {learner.id} » n'est pas un nom d'utilisateur Moodle "
                      "(minuscules, chiffres, « _ - . @ » seulement)")
    return learner.id, ""


def write_moodle_csv(cohort: CohortData, path: Path, key: str = "email") -> MoodleExport:
    """A grade-import CSV for Moodle (Notes → Importer → Fichier CSV): one row per learner, the
    identifier first (map it to « Adresse de courriel » or « Nom d'utilisateur »), then one
    column per modality mark /20. Learners who cannot be identified are left out and listed in
    the result; a mark not yet final (copy not handed in, manual marking pending) is written `-`."""
    if key not in MOODLE_KEYS:
        raise ExportError(f"{path} : clé d'identification « {key} » inconnue (attendu : email ou username).")
    _validate(cohort)
    modalities = cohort_modalities(cohort)
    if not modalities:
        raise ExportError(f"{path} : le catalogue n'évalue aucune modalité ; rien à importer dans Moodle.")
    result = MoodleExport(Path(path), key)
    identifiers = {learner.id: _moodle_identifier(learner, key) for learner in cohort.learners}
    counts: dict[str, int] = {}
    for identifier, _ in identifiers.values():
        if identifier:
            counts[identifier.lower()] = counts.get(identifier.lower(), 0) + 1
    rows = []
    for learner in cohort.learners:
        identifier, reason = identifiers[learner.id]
        if identifier and counts[identifier.lower()] > 1:
            identifier, reason = None, f"« {identifier} » est aussi l'identifiant d'un autre apprenant"
        if identifier is None:
            result.skipped.append(Skipped(learner.id, learner.name, reason))
            continue
        row = [identifier]
        for modality in modalities:
            mark = modality_mark(cohort, learner.id, modality)
            if isinstance(mark, float):
                row.append(f"{mark:.2f}")
            else:
                row.append(MOODLE_NO_GRADE)
                why = {NOT_SUBMITTED: "copie non rendue", NOT_GRADED: "copie non corrigée (voir correction_automatique)"
                       }.get(mark, "correction manuelle en attente")
                result.blanks.append(Blank(learner.id, modality, why))
        rows.append(row)
        result.written.append(learner.id)
    headers = [MOODLE_KEYS[key], *(modality_heading(cohort, m) for m in modalities)]
    _write_csv(Path(path), headers, rows, delimiter=",", encoding="utf-8")
    return result


def write_agreement_csv(path: Path, agreement, moderation, audit, codes: dict[tuple[str, str], str] | None = None
                        ) -> None:
    """Marker agreement per modality and criterion (`path`), the moderation list (liste_moderation.csv) and the
    audit trail (journal_audit.csv) beside it; each file has its header even when it has no rows.

    `codes`, (assignment, learner) → the anonymous code of blind second marking (grading.blind.codes_by_submission):
    the moderation list gives it beside the learner, so the moderator finds the copy the second marker saw."""
    codes = codes or {}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["portee", "identifiant", "copies", "accord_exact", "kappa_lineaire", "kappa_quadratique"])
        for row in agreement:
            writer.writerow([SCOPE_LABELS.get(row.scope, row.scope), row.id, row.n, f"{row.exact_agreement:.4f}", f"{row.kappa_linear:.4f}",
                             f"{row.kappa_quadratic:.4f}"])
    moderation_path = path.with_name("liste_moderation.csv")
    with moderation_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["apprenant", "code_anonyme", "devoir", "critere", "points_correcteur_1", "niveau_correcteur_1",
                         "points_correcteur_2", "niveau_correcteur_2"])
        for pair in moderation:
            writer.writerow([pair.student_id, codes.get((pair.assignment_id, pair.student_id), ""), pair.assignment_id,
                             pair.criterion_id, pair.first_points, pair.first_level, pair.second_points,
                             pair.second_level])
    audit_path = path.with_name("journal_audit.csv")
    with audit_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=[column.name for column in audit_table.columns])
        writer.writeheader()  # an empty trail still says what its columns are
        writer.writerows(audit)

