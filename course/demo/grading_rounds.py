"""The demo's grading rounds after the first marking: teams, second marker, moderation, jury.

Each round goes through the same files and functions a trainer would use (CSV sheets
imported with the casp grading layer), filled in here by simulated people.
"""
from __future__ import annotations

import csv
import zlib
from dataclasses import dataclass
from pathlib import Path

import nbformat
import numpy as np

from ..catalogue import Catalogue
from ..formatting import decimal_fr
from ..grading.blind import DATA_NAME, blind_copies, prepare_blind_marking, write_blind_sheet
from ..grading.double_marking import first_and_second_marks, import_second_marks_csv
from ..grading.jury import REMARKS, import_jury_sheet, write_jury_sheet
from ..grading.marking_screen import EcranDeCorrection
from ..grading.moderation import apply_moderation, moderation_list
from ..grading.team_copies import check_declarations, compare_collective
from ..grading.teams import apply_collective_marks, load_roster, save_roster
from ..rubric import LEVEL_KEYS
from .marker import oral_level, written_level

SECOND_MARKER = "M. D., second correcteur"
MODERATOR = "Mme R., coordinatrice pédagogique"
JURY = "Jury de certification, session de démonstration"
TRAINER = "Formatrice référente du groupe"
DOUBLE_MARKED = ("m13_cas_accueil_orientation", "m11_recit_de_vie")  # on the blind screen, on the anonymised sheet

JURY_REMARKS = {
    "excellent": "Posture professionnelle affirmée, écoute active et reformulations précises ; bravo.",
    "bon": "Entretiens bien conduits ; la clôture et l'orientation peuvent encore gagner en précision.",
    "partiel": "Accueil chaleureux mais demande peu explorée : travailler les questions ouvertes et la reformulation.",
    "vide": "Mise en situation interrompue ; un accompagnement individualisé est conseillé avant la prochaine session.",
}


@dataclass
class RoundsSummary:
    teams: int
    propagated: int
    second_marks: int
    moderated: int
    jury_marks: int


def _seeded(key: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(key.encode()))


def run_teams(db_url: str, catalogue: Catalogue, teams: dict[str, dict[str, list[str]]], out: Path) -> tuple[int, int]:
    """Write the roster the trainer keeps (assignment → team → members), import it, spread the collective marks."""
    if not teams:
        return 0, 0
    path = out / "equipes.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["devoir", "equipe", "apprenant"])
        for assignment_id, roster in teams.items():
            for team, members in roster.items():
                writer.writerows([assignment_id, team, member] for member in members)
    known = {member for roster in teams.values() for members in roster.values() for member in members}
    roster = load_roster(path, catalogue, known)
    save_roster(db_url, roster)
    propagations = apply_collective_marks(db_url, catalogue, roster, TRAINER)
    return sum(len(roster) for roster in teams.values()), sum(len(p.updated) for p in propagations)


def check_team_copies(course_dir: Path, catalogue: Catalogue, teams: dict[str, dict[str, list[str]]],
                      out: Path) -> int:
    """What `casp teams check` and `casp teams compare` say of the copies, kept in a sheet; differing copies."""
    lines, differing = [], 0
    for assignment_id, roster in teams.items():
        members = {team: tuple(sorted(people)) for team, people in roster.items()}
        assignment = catalogue.assignment(assignment_id)
        declared, _ = check_declarations(course_dir, assignment, members)
        compared, count = compare_collective(course_dir, assignment, members)
        differing += count
        lines += [f"# {assignment_id} — déclarations d'équipe (casp teams check)", *declared, "",
                  f"# {assignment_id} — parties collectives (casp teams compare)", *compared, ""]
    if lines:
        (out / "verification_equipes.txt").write_text("\n".join(lines), encoding="utf-8")
    return differing


def second_level(first: str, key: str) -> str:
    """A second marker mostly agrees, sometimes differs by one level, and now and then by two."""
    draw = _seeded(key).random()
    shift = 0 if draw < 0.62 else (1 if draw < 0.80 else -1 if draw < 0.93 else 2 if draw < 0.965 else -2)
    index = min(max(LEVEL_KEYS.index(first) + shift, 0), len(LEVEL_KEYS) - 1)
    return LEVEL_KEYS[index]


def _models(catalogue: Catalogue, assignment) -> dict[str, str]:
    """grade_id → the model answer's cell, which the simulated second marker reads the copies against."""
    return {cell.metadata.get("nbgrader", {}).get("grade_id"): cell.source
            for notebook in assignment.notebooks
            for cell in nbformat.read(catalogue.source_notebook(assignment, notebook), as_version=4).cells}


def blind_level(criterion, answer: str, model: str) -> str:
    """The second marker's level: their own reading of the anonymous answer (as a trainer reads it), and the
    usual spread between two markers, drawn from the text itself (codes are random: the demo stays the same
    from run to run). Nothing of the learner nor of the first marker's mark is known."""
    reading, _ = written_level(criterion, answer, model)
    return second_level(reading, f"{criterion.id}/{zlib.crc32(answer.encode())}")


def run_blind_screen(db_url: str, catalogue: Catalogue, assignment_id: str) -> int:
    """The second marker marks every written answer of the assignment on the blind marking screen (its API:
    what a click on a level and a typed comment do), copy after copy, in the marker's own order."""
    assignment = catalogue.assignment(assignment_id)
    models = _models(catalogue, assignment)
    notebook = prepare_blind_marking(catalogue, db_url, assignment_id, SECOND_MARKER)
    screen = EcranDeCorrection(notebook.parent / DATA_NAME, db_url=db_url)
    marked = 0
    for index, copy in enumerate(screen.copies):
        screen.go_to(index)
        for data in screen.criteria:
            criterion = assignment.criterion(data["id"])
            if criterion.kind != "ecrit":
                continue
            level = blind_level(criterion, copy["reponses"][criterion.id], models[criterion.grade_ids[0]])
            label = next(lvl.label for lvl in criterion.scale if lvl.key == level)
            # The comment first: it waits for the level, and the click on the level saves both in one row.
            screen.write_comment(criterion.id, f"Second regard, à l'aveugle : {label.lower()}.")
            screen.choose_level(criterion.id, level)
            marked += 1
    return marked


def run_blind_sheet(db_url: str, catalogue: Catalogue, assignment_id: str, out: Path) -> int:
    """The other route: the anonymised sheet (codes, not logins), filled in from the marker's copies, imported."""
    assignment = catalogue.assignment(assignment_id)
    models = _models(catalogue, assignment)
    blank = out / f"double_correction_{assignment_id}_vierge.csv"
    write_blind_sheet(blank, catalogue, db_url, assignment_id, SECOND_MARKER)
    answers = {copy["code"]: copy["reponses"]
               for copy in blind_copies(catalogue, db_url, assignment_id, SECOND_MARKER)["copies"]}
    with blank.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    for row in rows:
        criterion = assignment.criterion(row["critere"])
        level = blind_level(criterion, answers[row["code"]][criterion.id], models[criterion.grade_ids[0]])
        chosen = next(lvl for lvl in criterion.scale if lvl.key == level)
        row["points"] = decimal_fr(chosen.points)
        row["commentaire"] = f"Second regard, à l'aveugle : {chosen.label.lower()}."
    filled = out / f"double_correction_{assignment_id}.csv"
    with filled.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return import_second_marks_csv(db_url, filled, catalogue, SECOND_MARKER)


def run_second_marking(db_url: str, catalogue: Catalogue, out: Path) -> int:
    """The second marker re-reads the written answers of two modalities without knowing whose they are nor
    the first marks: M1.3 on the blind marking screen, M1.1 on the anonymised sheet."""
    screen, sheet = DOUBLE_MARKED
    return run_blind_sheet(db_url, catalogue, sheet, out) + run_blind_screen(db_url, catalogue, screen)


def run_moderation(db_url: str, catalogue: Catalogue) -> int:
    """The moderator re-reads every copy where the markers are 2 levels apart and settles on the middle level."""
    moderated = 0
    for pair in moderation_list(first_and_second_marks(db_url, catalogue)):
        criterion = catalogue.assignment(pair.assignment_id).criterion(pair.criterion_id)
        middle = (LEVEL_KEYS.index(pair.first_level) + LEVEL_KEYS.index(pair.second_level) + 1) // 2
        level = criterion.scale[middle]
        apply_moderation(
            db_url, catalogue, student_id=pair.student_id, assignment_id=pair.assignment_id,
            grade_id=pair.grade_id, points=level.points, moderator=MODERATOR,
            reason=f"Écart de {abs(LEVEL_KEYS.index(pair.first_level) - LEVEL_KEYS.index(pair.second_level))} "
                   "niveaux entre les deux correcteurs : copie relue en commission.",
            comment=f"Note de modération : {level.label}. {level.descriptor}",
        )
        moderated += 1
    return moderated


def run_jury(db_url: str, catalogue: Catalogue, learners, qualities: dict, out: Path) -> int:
    """Prefill the jury's sheet, let the (simulated) jury fill it in during the orals, import it."""
    blank = out / "fiche_jury_vierge.csv"
    oral_assignments = [a.id for a in catalogue.assignments.values() if any(c.kind == "oral" for c in a.rubric)]
    write_jury_sheet(blank, catalogue, learners, oral_assignments)
    with blank.open(encoding="utf-8-sig", newline="") as handle:
        sheet = list(csv.DictReader(handle, delimiter=";"))
    for row in sheet:
        if row["critere"] == REMARKS:
            quality = qualities[(row["apprenant"], oral_assignments[0])]
            row["commentaire"] = JURY_REMARKS[quality]
            continue
        assignment = catalogue.assignment(row["devoir"])
        criterion = assignment.criterion(row["critere"])
        key = oral_level(qualities[(row["apprenant"], assignment.id)], f"{row['apprenant']}/{assignment.id}/{criterion.id}")
        level = next(lvl for lvl in criterion.scale if lvl.key == key)
        row["note"] = decimal_fr(level.points)
        row["commentaire"] = f"{level.label} : {level.descriptor}"
    filled = out / "fiche_jury_remplie.csv"
    with filled.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(sheet[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(sheet)
    return len(import_jury_sheet(db_url, filled, catalogue, JURY).marks)
