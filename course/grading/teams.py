"""Group work: a collective criterion is marked once for a team and the mark goes to every member.

Collective modalities (M2.3, M5.2, M5.3) are marked in formgrader like any other: a trainer
marks one member (or several, identically). `apply_collective_marks` then copies that team
mark to every member, so that nbgrader's feedback, the rubric levels and the bloc decisions
all see it. Marks this module wrote are recognised through the audit trail, so a trainer who
later changes any one member's mark in formgrader changes the team's mark on the next run.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy import delete, insert, select

from .. import CourseError
from ..catalogue import Assignment, Catalogue
from ..formatting import decimal_fr
from .sheets import SheetRow, read_sheet
from .store import audit, open_store, record_audit, team_members

log = logging.getLogger(__name__)

ROSTER_COLUMNS = ("devoir", "equipe", "apprenant")
ACTION = "equipe"
EPSILON = 1e-6


@dataclass
class Roster:
    """assignment_id → team_id → members (sorted ids)."""

    teams: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def team_of(self, assignment_id: str, student_id: str) -> str | None:
        for team_id, members in self.teams.get(assignment_id, {}).items():
            if student_id in members:
                return team_id
        return None


def _read_rows(path: Path) -> list[SheetRow]:
    """The data rows of a CSV with the columns devoir, equipe, apprenant (sheets.read_sheet reads it)."""
    sheet = read_sheet(path)
    if sheet.header_problems(ROSTER_COLUMNS):
        raise CourseError(
            f"{path} : en-tête attendu « devoir;equipe;apprenant » (séparateur « ; » ou « , »), "
            f"trouvé « {sheet.delimiter.join(cell.lower() for cell in sheet.header)} »."
        )
    for note in sheet.notes:
        log.warning("%s", note)
    return sheet.rows


def load_roster(path: Path, catalogue: Catalogue, known_students) -> Roster:
    """Read and validate equipes.csv; every problem is reported at once, with its line number."""
    rows = _read_rows(path)
    known = set(known_students)
    errors: list[str] = []
    placed: dict[tuple[str, str], tuple[str, int]] = {}  # (assignment, student) → (team, line)
    lines: dict[tuple[str, str], list[tuple[int, str]]] = {}  # (assignment, team) → [(line, student)]
    for row in rows:
        line = row.last_line  # the line where the row ends, as the roster has always counted
        if len(row.cells) != len(ROSTER_COLUMNS):
            errors.append(f"ligne {line} : {len(row.cells)} colonne(s) au lieu de 3 (devoir, equipe, apprenant).")
            continue
        assignment_id, team_id, student_id = (row.values[column] for column in ROSTER_COLUMNS)
        if not (assignment_id and team_id and student_id):
            errors.append(f"ligne {line} : champ vide (devoir, equipe et apprenant sont obligatoires).")
            continue
        problems = []
        if assignment_id not in catalogue.assignments:
            problems.append(f"devoir inconnu « {assignment_id} » (devoirs du catalogue : {', '.join(catalogue.assignments)})")
        if student_id not in known:
            problems.append(f"apprenant inconnu « {student_id} » (absent du carnet de notes)")
        previous = placed.get((assignment_id, student_id))
        if previous and previous[0] == team_id:
            problems.append(f"« {student_id} » figure déjà dans l'équipe « {team_id} » (ligne {previous[1]})")
        elif previous:
            problems.append(
                f"« {student_id} » est déjà dans l'équipe « {previous[0]} » du devoir « {assignment_id} » "
                f"(ligne {previous[1]}) : un apprenant n'appartient qu'à une équipe par devoir"
            )
        if problems:
            errors.append(f"ligne {line} : " + " ; ".join(problems) + ".")
            continue
        placed[(assignment_id, student_id)] = (team_id, line)
        lines.setdefault((assignment_id, team_id), []).append((line, student_id))
    for (assignment_id, team_id), members in lines.items():
        if len(members) == 1:
            line, student_id = members[0]
            errors.append(
                f"ligne {line} : l'équipe « {team_id} » du devoir « {assignment_id} » n'a qu'un membre "
                f"(« {student_id} ») : une équipe compte au moins deux apprenants."
            )
    if errors:
        errors.sort(key=lambda message: int(message.split(" ", 2)[1]))
        raise CourseError(
            f"{path} : {len(errors)} erreur(s), aucune équipe n'a été enregistrée :\n"
            + "\n".join(f"  - {message}" for message in errors)
        )
    roster = Roster()
    for (assignment_id, team_id), members in sorted(lines.items()):
        roster.teams.setdefault(assignment_id, {})[team_id] = tuple(sorted(s for _, s in members))
    return roster


def save_roster(db_url: str, roster: Roster) -> None:
    """Store the roster: each of its assignments' teams replace the stored ones, in one transaction."""
    engine = open_store(db_url)
    try:
        with engine.begin() as connection:
            for assignment_id, teams in roster.teams.items():
                connection.execute(delete(team_members).where(team_members.c.assignment_id == assignment_id))
                for team_id, members in teams.items():
                    for student_id in members:
                        connection.execute(insert(team_members).values(
                            assignment_id=assignment_id, team_id=team_id, student_id=student_id,
                        ))
    finally:
        engine.dispose()


def roster_from_db(db_url: str) -> Roster:
    engine = open_store(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(team_members).order_by(
                team_members.c.assignment_id, team_members.c.team_id, team_members.c.student_id,
            )).all()
    finally:
        engine.dispose()
    roster = Roster()
    for row in rows:
        teams = roster.teams.setdefault(row.assignment_id, {})
        teams[row.team_id] = (*teams.get(row.team_id, ()), row.student_id)
    return roster


@dataclass(frozen=True)
class Propagation:
    """What happened to one collective grade of one team.

    status: « appliquee » (members updated), « a_jour » (nothing to change), « conflit » (members'
    marks disagree, nothing written), « non_notee » (no member marked yet).
    """

    assignment_id: str
    team_id: str
    criterion_id: str
    grade_id: str
    status: str
    points: float | None
    updated: tuple[str, ...]
    missing: tuple[str, ...]
    message: str


@dataclass
class _Member:
    student_id: str
    grade: object
    comment: object | None

    @property
    def manual(self) -> float | None:
        return self.grade.manual_score

    @property
    def text(self) -> str:
        return (self.comment.manual_comment or "") if self.comment is not None else ""


def _prefix(team_id: str) -> str:
    return f"Note collective de l'équipe {team_id} : "


def _team_comment(team_id: str, comment: str) -> str:
    return _prefix(team_id) + comment if comment else f"Note collective de l'équipe {team_id}."


def _own_comment(team_id: str, comment: str) -> str:
    """A member's comment without the team prefix this module may have added before."""
    if comment.startswith(_prefix(team_id)):
        return comment[len(_prefix(team_id)):]
    return "" if comment == _team_comment(team_id, "") else comment


def _notebook_of(gradebook: Gradebook, assignment: Assignment, grade_id: str) -> str:
    for name in assignment.notebooks:
        try:
            gradebook.find_graded_cell(grade_id, name.removesuffix(".ipynb"), assignment.id)
            return name.removesuffix(".ipynb")
        except MissingEntry:
            continue
    raise CourseError(
        f"{assignment.id} : la cellule « {grade_id} » est introuvable dans le carnet de notes ; "
        "le devoir a-t-il été généré (nbgrader generate_assignment) ?"
    )


def _member(gradebook: Gradebook, assignment_id: str, notebook_id: str, grade_id: str, student_id: str) -> _Member | None:
    try:
        grade = gradebook.find_grade(grade_id, notebook_id, assignment_id, student_id)
    except MissingEntry:
        return None
    try:
        comment = gradebook.find_comment(grade_id, notebook_id, assignment_id, student_id)
    except MissingEntry:
        comment = None
    return _Member(student_id, grade, comment)


def _last_audits(gradebook: Gradebook, assignment_ids: list[str]) -> dict[tuple[str, str, str], object]:
    """(student, assignment, grade_id) → the latest audit row, whoever wrote it."""
    rows = gradebook.db.execute(
        select(audit).where(audit.c.assignment_id.in_(assignment_ids)).order_by(audit.c.id)
    ).all()
    return {(row.student_id, row.assignment_id, row.grade_id): row for row in rows}


def _is_propagated(member: _Member, last) -> bool:
    """True when the member's mark is exactly the one this module wrote last (not a grader's own mark)."""
    return (
        last is not None and last.action == ACTION and last.new_points is not None
        and member.manual is not None and abs(member.manual - last.new_points) < EPSILON
        and member.text == (last.new_comment or "")
    )


def _plan_team(assignment: Assignment, team_id: str, members: tuple[str, ...], criterion_id: str, grade_id: str,
               found: dict[str, _Member | None], audits: dict) -> tuple[Propagation, list[tuple[_Member, float, str]]]:
    """Decide the team mark for one grade and the writes it needs; nothing is written here."""
    present = [found[s] for s in members if found[s] is not None]
    missing = tuple(s for s in members if found[s] is None)
    where = f"{assignment.id}, équipe {team_id}, critère {criterion_id}"
    sources = [m for m in present if m.manual is not None
               and not _is_propagated(m, audits.get((m.student_id, assignment.id, grade_id)))]
    derived = [m for m in present if m.manual is not None and m not in sources]
    after = ""
    if missing:
        after = (f" Sans copie dans le carnet de notes : {', '.join(missing)} ; "
                 "la note collective ne leur est pas attribuée.")

    def result(status, points, updated, message):
        return Propagation(assignment.id, team_id, criterion_id, grade_id, status, points, tuple(updated), missing,
                           message + after)

    if not sources and not derived:
        return result("non_notee", None, (), f"{where} : aucun membre n'est encore noté."), []
    deciding = sources or derived  # marks written by graders win over marks this module copied
    values = sorted({round(m.manual, 6) for m in deciding})
    if len(values) > 1:
        detail = " ; ".join(f"{m.student_id} : {decimal_fr(m.manual)}"
                            for m in sorted(deciding, key=lambda m: m.student_id))
        return result("conflit", None, (), (
            f"{where} : notes divergentes ({detail}) ; rien n'a été écrit pour cette équipe. "
            "Harmonisez la note dans formgrader puis relancez."
        )), []
    points = deciding[0].manual
    if sources:
        texts = []
        for member in sources:
            own = _own_comment(team_id, member.text)
            if own and own not in texts:
                texts.append(own)
        comment = _team_comment(team_id, " / ".join(texts))
    else:
        comment = derived[0].text
    writes = []
    for member in present:
        same_points = member.manual is not None and abs(member.manual - points) < EPSILON
        same_comment = member.comment is None or member.text == comment
        if not (same_points and same_comment and not member.grade.needs_manual_grade):
            writes.append((member, points, comment))
    updated = [m.student_id for m, _, _ in writes]
    if not writes:
        return result("a_jour", points, (), f"{where} : note collective {decimal_fr(points)} déjà attribuée à "
                                            f"{', '.join(m.student_id for m in present)}."), []
    return result("appliquee", points, updated, (
        f"{where} : note collective {decimal_fr(points)} attribuée à {', '.join(m.student_id for m in present)} "
        f"({len(updated)} modifiée(s) : {', '.join(updated)})."
    )), writes


def apply_collective_marks(db_url: str, catalogue: Catalogue, roster: Roster, actor: str) -> list[Propagation]:
    """Copy each team's mark on every collective criterion to all members, in one transaction.

    Assignments without a collective criterion give no Propagation: their teams have nothing to share.

    A team's mark is the manual mark its marked members share; members' disagreement is a conflict
    and nothing is written for that team and criterion. Each changed member gets a casp_audit row.
    """
    open_store(db_url).dispose()  # make sure casp tables exist before the gradebook session uses them
    propagations: list[Propagation] = []
    with Gradebook(db_url) as gradebook:
        audits = _last_audits(gradebook, list(roster.teams))
        writes: list[tuple[str, str, _Member, float, str]] = []
        for assignment_id, teams in roster.teams.items():
            assignment = catalogue.assignment(assignment_id)
            for criterion in (c for c in assignment.rubric if c.collective):
                for grade_id in criterion.grade_ids:
                    notebook_id = _notebook_of(gradebook, assignment, grade_id)
                    for team_id, members in teams.items():
                        found = {s: _member(gradebook, assignment_id, notebook_id, grade_id, s) for s in members}
                        propagation, planned = _plan_team(
                            assignment, team_id, members, criterion.id, grade_id, found, audits
                        )
                        propagations.append(propagation)
                        writes += [(assignment_id, grade_id, *write) for write in planned]
        for assignment_id, grade_id, member, points, comment in writes:
            grade = member.grade
            old_points = grade.manual_score if grade.manual_score is not None else grade.auto_score
            old_comment = member.comment.manual_comment if member.comment is not None else None
            member.grade.manual_score = points
            member.grade.needs_manual_grade = False  # what formgrader does when a grader saves a mark
            if member.comment is not None:
                member.comment.manual_comment = comment
            record_audit(
                gradebook.db, actor=actor, action=ACTION, student_id=member.student_id, assignment_id=assignment_id,
                grade_id=grade_id, old_points=old_points, new_points=points, old_comment=old_comment,
                new_comment=comment if member.comment is not None else None,
                reason=f"note collective de l'équipe {roster.team_of(assignment_id, member.student_id)}",
            )
        gradebook.db.commit()
    return propagations
