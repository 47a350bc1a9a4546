"""Team copies read side by side: collective parts that differ, declarations that disagree with the roster.

The trainer's roster (`casp teams import`) is authoritative. Before a collective criterion is marked once,
on one member's copy, the trainer checks that every member handed in the same collective text
(`casp teams compare`) and that the teams the learners declared in their notebooks are the roster's
(`casp teams check`). Fingerprints and declarations are read with `course.learner.equipe`, the functions
the learner's self-check uses, so that the code a learner reads is the code the trainer compares.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import CourseError
from ..catalogue import Assignment
from ..config import load_config
from ..learner.equipe import FICHIER_DECLARATION, Empreinte, empreinte_collective, lire_declaration

DEFAULT_SUBMITTED = "submitted"


def submission_folder(course_dir: Path, student_id: str, assignment_id: str) -> Path:
    """Where nbgrader keeps a learner's submitted copy (`submitted/<learner>/<assignment>/`)."""
    settings = load_config(course_dir).CourseDirectory
    submitted = settings.submitted_directory if "submitted_directory" in settings else DEFAULT_SUBMITTED
    return Path(course_dir) / str(submitted) / student_id / assignment_id


def _members(members: tuple[str, ...]) -> str:
    return ", ".join(members)


# ---------------------------------------------------------------------------------------------
# The declarations
# ---------------------------------------------------------------------------------------------
@dataclass
class Declarations:
    """What each member of one team declared: login → declaration dict, or the French reason there is none."""

    team_id: str
    members: tuple[str, ...]
    declared: dict[str, dict] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)

    def secretary(self) -> str:
        """The secrétaire most members named among the roster's members; else the roster's first member."""
        votes = Counter(d["secretaire"] for d in self.declared.values() if d["secretaire"] in self.members)
        if not votes:
            return self.members[0]
        best = max(votes.values())
        return min(login for login, count in votes.items() if count == best)

    def problems(self) -> list[str]:
        """One French line per member whose declaration is missing or disagrees with the roster."""
        lines = []
        for login in self.members:
            if login in self.unreadable:
                lines.append(f"{login} : {self.unreadable[login]}")
                continue
            declaration = self.declared[login]
            if declaration["equipe"] != self.team_id:
                lines.append(f"{login} : déclare l'équipe « {declaration['equipe']} », la liste des équipes "
                             f"indique « {self.team_id} ».")
            declared = set(declaration["membres"])
            if declared != set(self.members):
                differences = []
                extra = sorted(declared - set(self.members))
                missing = sorted(set(self.members) - declared)
                if extra:
                    differences.append(f"en trop : {', '.join(extra)}")
                if missing:
                    differences.append(f"absents : {', '.join(missing)}")
                lines.append(f"{login} : déclare les membres {_members(tuple(declaration['membres']))} ; la liste "
                             f"des équipes indique {_members(self.members)} ({' ; '.join(differences)}).")
        named = {d["secretaire"] for d in self.declared.values()}
        if len(named) > 1:
            lines.append(f"les membres ne désignent pas la même personne secrétaire ({', '.join(sorted(named))}).")
        return lines


def read_declarations(course_dir: Path, assignment_id: str, team_id: str, members: tuple[str, ...]) -> Declarations:
    declarations = Declarations(team_id, members)
    for login in members:
        folder = submission_folder(course_dir, login, assignment_id)
        if not folder.is_dir():
            declarations.unreadable[login] = "pas de copie rendue."
        elif not (folder / FICHIER_DECLARATION).is_file():
            declarations.unreadable[login] = f"pas de déclaration d'équipe ({FICHIER_DECLARATION} absent de la copie)."
        else:
            try:
                declarations.declared[login] = lire_declaration(folder)
            except CourseError as error:
                declarations.unreadable[login] = str(error)
    return declarations


def check_declarations(course_dir: Path, assignment: Assignment,
                       teams: dict[str, tuple[str, ...]]) -> tuple[list[str], int]:
    """The report of `casp teams check`: (lines, number of problems), teams in the roster's order.

    Learners who handed in the assignment without being on the roster are reported too: a collective mark
    could not reach them.
    """
    lines: list[str] = []
    count = 0
    for team_id, members in teams.items():
        problems = read_declarations(course_dir, assignment.id, team_id, members).problems()
        count += len(problems)
        verdict = "déclarations conformes à la liste" if not problems else f"{len(problems)} écart(s)"
        lines.append(f"Équipe {team_id} ({_members(members)}) : {verdict}.")
        lines += [f"  - {problem}" for problem in problems]
    placed = {login for members in teams.values() for login in members}
    submitted = submission_folder(course_dir, "_", assignment.id).parent.parent
    outside = sorted(p.name for p in submitted.iterdir() if p.is_dir() and (p / assignment.id).is_dir()
                     and p.name not in placed) if submitted.is_dir() else []
    for login in outside:
        count += 1
        lines.append(f"{login} : a rendu le devoir sans figurer dans la liste des équipes (casp teams import).")
    return lines, count


# ---------------------------------------------------------------------------------------------
# The collective parts
# ---------------------------------------------------------------------------------------------
def _fingerprint(folder: Path, notebook: str) -> Empreinte | str:
    path = folder / notebook
    if not path.is_file():
        return f"pas de copie rendue ({notebook} absent)."
    try:
        return empreinte_collective(path)
    except CourseError as error:
        return str(error)


def _differences(found: Empreinte | str, expected: Empreinte, reference: str) -> str | None:
    if isinstance(found, str):
        return found
    if found.empreinte == expected.empreinte:
        return None
    cells = [key for key in expected.cellules if found.cellules.get(key) != expected.cellules[key]]
    cells += [key for key in found.cellules if key not in expected.cellules]
    return f"partie collective différente de celle de {reference} ({', '.join(cells)})."


def compare_team(course_dir: Path, assignment: Assignment, team_id: str, members: tuple[str, ...]) -> list[str]:
    """The report lines of one team: each member's collective part against the secrétaire's copy.

    Only notebooks with a collective part in some copy are compared; a multi-notebook assignment usually has
    one.
    """
    reference = read_declarations(course_dir, assignment.id, team_id, members).secretary()
    problems: list[str] = []
    agreed: list[str] = []
    for notebook in assignment.notebooks:
        prints = {login: _fingerprint(submission_folder(course_dir, login, assignment.id), notebook)
                  for login in members}
        if not any(isinstance(value, Empreinte) for value in prints.values()):
            continue
        expected = prints[reference]
        if isinstance(expected, str):
            problems.append(f"  - {reference} (référence) : {expected}")
            continue
        for login in members:
            difference = None if login == reference else _differences(prints[login], expected, reference)
            if difference:
                problems.append(f"  - {login} : {difference}")
        agreed.append(expected.empreinte)
    head = f"Équipe {team_id} ({_members(members)}) — copie de référence : {reference}"
    if not problems and agreed:
        head += f" : partie collective identique pour les {len(members)} membres (empreinte {', '.join(agreed)})."
    elif not problems:
        head += " : aucune partie collective dans les copies rendues."
    return [head, *problems]


def compare_collective(course_dir: Path, assignment: Assignment,
                       teams: dict[str, tuple[str, ...]]) -> tuple[list[str], int]:
    """The report of `casp teams compare`: (lines, number of members whose collective part differs)."""
    if not any(criterion.collective for criterion in assignment.rubric):
        raise CourseError(f"Le devoir « {assignment.id} » n'a aucun critère collectif (collective: true dans "
                          "devoir.yaml) : il n'y a rien à comparer.")
    lines: list[str] = []
    for team_id, members in teams.items():
        lines += compare_team(course_dir, assignment, team_id, members)
    count = sum(1 for line in lines if line.startswith("  - "))
    return lines, count
