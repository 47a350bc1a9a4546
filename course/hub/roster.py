"""The hub roster: who gets a Unix account and a JupyterHub user (`casp hub comptes equipe.csv`).

A trainer fills in one row per person, often in Excel, with the columns
« identifiant;nom;courriel;rôle ». `read_sheet` reads the file (encoding, separator, blank lines,
line numbers); `read_roster` checks every row and reports every problem at once, with its line, in
one CourseError: either the whole roster is valid or no account is created.

Logins are Unix user names that JupyterHub keeps as they are (it lowercases names) and that nbgrader
puts in submission names (no « + » nor « * »): lower-case letters without accents, digits, « _ » and
« - », starting with a letter or « _ », 32 characters at most. System accounts and the graders'
accounts `correcteur-<cours>`, created by casp itself, are reserved.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from .. import CourseError
from ..grading.sheets import Sheet, SheetRow, column_key, read_sheet
from ..lab.roles import LEARNER, TRAINER

COLUMNS = ("identifiant", "nom", "courriel", "role")  # column keys (sheets.column_key: « Rôle » → role)
HEADER = ("identifiant", "nom", "courriel", "rôle")  # what write_roster writes
LABELS = dict(zip(COLUMNS, HEADER))

LOGIN_RE = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
RESERVED_LOGINS = ("root", "postgres", "nobody", "admin", "daemon", "www-data", "jupyterhub")
GRADER_PREFIX = "correcteur-"  # casp creates the graders' accounts correcteur-<cours> itself
ROLE_VALUES = {"apprenant": LEARNER, "apprenante": LEARNER, "formateur": TRAINER, "formatrice": TRAINER}
ACCEPTED_ROLES = ", ".join(ROLE_VALUES)


@dataclass(frozen=True)
class Account:
    login: str  # Unix + hub login
    name: str  # full name as written, e.g. "Amina Abadie"
    email: str
    role: str  # LEARNER or TRAINER
    line: int = 0  # line of the file (0 for accounts built in code)


@dataclass(frozen=True)
class Roster:
    path: Path | None
    accounts: tuple[Account, ...]
    notes: tuple[str, ...]  # for the reader: the file was read as Windows-1252

    @property
    def learners(self) -> tuple[Account, ...]:
        return tuple(account for account in self.accounts if account.role == LEARNER)

    @property
    def trainers(self) -> tuple[Account, ...]:
        return tuple(account for account in self.accounts if account.role == TRAINER)


def _login_problem(login: str) -> str | None:
    """Why `login` cannot be a hub login (a sentence starting in lower case), or None."""
    if not login:
        return "identifiant manquant."
    lower = login.lower()
    if LOGIN_RE.match(lower) and (lower in RESERVED_LOGINS or lower.startswith(GRADER_PREFIX)):
        if lower.startswith(GRADER_PREFIX):
            return (f"identifiant « {login} » réservé : les comptes « {GRADER_PREFIX}<cours> » des correcteurs "
                    "sont créés par casp.")
        return (f"identifiant « {login} » réservé au système (identifiants réservés : {', '.join(RESERVED_LOGINS)} "
                f"et ceux qui commencent par « {GRADER_PREFIX} »).")
    if LOGIN_RE.match(lower) and lower != login:
        return f"identifiant « {login} » en majuscules : les identifiants s'écrivent en minuscules, « {lower} »."
    if not LOGIN_RE.match(login):
        return (f"identifiant « {login} » invalide : lettres minuscules sans accent, chiffres, « _ » ou « - », "
                "en commençant par une lettre ou « _ », sans espace, 32 caractères au plus.")
    return None


def check_hub_login(login: str) -> str:
    """`login` itself when it can be a Unix and hub login; else a CourseError saying why (nothing is stripped)."""
    problem = _login_problem(login)
    if problem:
        raise CourseError(problem[0].upper() + problem[1:])
    return login


def _header_error(sheet: Sheet) -> CourseError | None:
    found = sheet.header_problems(COLUMNS)
    if not found:
        return None
    details = []
    if found.missing:
        details.append(f"colonne(s) manquante(s) : {', '.join(LABELS[key] for key in found.missing)}")
    if found.unknown:
        details.append(f"colonne(s) inconnue(s) : {', '.join(f'« {name} »' for name in found.unknown)}")
    if found.doubled:
        details.append(f"colonne(s) en double : {', '.join(LABELS[key] for key in found.doubled)}")
    return CourseError(f"{sheet.path} : en-tête invalide ({' ; '.join(details)}). "
                       f"En-tête attendu : « {';'.join(HEADER)} » (séparateur « ; » ou « , »).")


def _row_problems(row: SheetRow, delimiter: str) -> list[str]:
    """What is wrong with one row on its own (duplicates are read_roster's business)."""
    if len(row.cells) > len(COLUMNS):
        return [f"{len(row.cells)} cellules au lieu de {len(COLUMNS)} ({', '.join(HEADER)}) ; une cellule qui "
                f"contient le séparateur « {delimiter} » doit être entre guillemets."]
    login, name, email, role = (row.values[column] for column in COLUMNS)
    problems = [_login_problem(login)]
    if not name:
        problems.append("nom manquant.")
    elif "\n" in name or ":" in name:  # the name goes into the Unix account's comment field (/etc/passwd)
        problems.append(f"nom « {' '.join(name.split())} » invalide : ni retour à la ligne ni « : ».")
    if not email:
        problems.append("courriel manquant.")
    elif not EMAIL_RE.match(email):
        problems.append(f"courriel « {email} » invalide (forme attendue : nom@domaine.fr).")
    if not role:
        problems.append(f"rôle manquant (valeurs acceptées : {ACCEPTED_ROLES}).")
    elif column_key(role) not in ROLE_VALUES:
        problems.append(f"rôle inconnu « {role} » (valeurs acceptées : {ACCEPTED_ROLES}).")
    return [problem for problem in problems if problem]


def read_roster(path) -> Roster:
    """The accounts of a roster CSV; every problem of every row is reported in one CourseError."""
    sheet = read_sheet(Path(path))
    error = _header_error(sheet)
    if error:
        raise error
    if not sheet.rows:
        raise CourseError(f"{sheet.path} : aucun compte, le fichier ne contient que l'en-tête "
                          f"« {sheet.delimiter.join(sheet.header)} ».")
    problems: list[tuple[int, str]] = []
    seen: dict[tuple[str, str], int] = {}  # (column, value in lower case) → first line
    accounts = []
    for row in sheet.rows:
        found = _row_problems(row, sheet.delimiter)
        if len(row.cells) <= len(COLUMNS):
            for column in ("identifiant", "courriel"):
                value = row.values[column]
                if not value:
                    continue
                first = seen.setdefault((column, value.lower()), row.line)
                if first != row.line:
                    found.append(f"{column} « {value} » en double : déjà donné ligne {first}.")
        problems += [(row.line, problem) for problem in found]
        if not found:
            login, name, email, role = (row.values[column] for column in COLUMNS)
            accounts.append(Account(login, name, email, ROLE_VALUES[column_key(role)], row.line))
    if problems:
        problems.sort(key=lambda problem: problem[0])
        raise CourseError(f"{sheet.path} : {len(problems)} problème(s), aucun compte créé :\n"
                          + "\n".join(f"  ligne {line} : {problem}" for line, problem in problems))
    return Roster(sheet.path, tuple(accounts), tuple(sheet.notes))


def write_roster(accounts, path) -> Path:
    """A roster read_roster reads back: UTF-8 without BOM, « ; » separator, one row per account."""
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows((account.login, account.name, account.email, account.role) for account in accounts)
    return path
