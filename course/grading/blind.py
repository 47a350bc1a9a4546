"""Blind second marking: anonymous codes, the marker's shuffled copies, and the anonymised sheet.

A second marker who sees the learner's name, or the first marker's mark, is not a second opinion. So
the copies reach the marker under an anonymous code (« C-7K3Q »), one per learner and assignment, drawn
at random with `secrets` (not derived from the login, which could then be guessed back) and kept in
`casp_anonymous_codes` once created. The marker's folder (`double-correction/<assignment>/<marker>/`)
holds a notebook showing the marking screen (marking_screen.py) and `copies.json`: per code, the learner's
written answers, with the learner's own names scrubbed, and the criteria with their level descriptors.
Neither holds a login, a name, a first mark or a first comment; the marks go to `casp_second_marks`
through double_marking's checks and writer, so `casp agreement` and `casp moderate` read them unchanged.

The key (code → learner) is read only where the moderator works: inside the marks' import and saving,
which never print it, and in `casp agreement`. The blindness is what the marker is shown: a trainer with
access to the gradebook database can still read the table, as they can read formgrader.

Each marker gets the copies in an order of their own, reproducible (seeded by the assignment and the
marker's name), so two markers do not tire on the same copies and a reopened screen keeps its order.
"""
from __future__ import annotations

import csv
import json
import random
import re
import secrets
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

import nbformat
import nbformat.v4 as nbf
from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy import insert, select

from .. import CourseError
from ..catalogue import Assignment, Catalogue
from ..config import load_config
from ..formatting import count_fr, decimal_fr
from ..rubric import MANUAL_KINDS, Criterion
from .double_marking import MarkChecker, MarkProblem, _write_second_marks, require_text, sentence
from .sheets import SheetRow, read_sheet
from .similarity import PLACEHOLDER_RE, _cell_sources, _read, _release_dir
from .store import anonymous_codes, now, open_store, second_marks

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O nor 1/I: read aloud or copied by hand without doubt
CODE_LENGTH = 4  # 32⁴ ≈ 1 million codes per assignment: a cohort never runs short, a guess rarely hits
CODE_PREFIX = "C-"
CODE_RE = re.compile(rf"^{CODE_PREFIX}[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
BLIND_FOLDER = "double-correction"
NOTEBOOK_NAME = "correction.ipynb"
DATA_NAME = "copies.json"
SHEET_COLUMNS = ("code", "devoir", "critere", "libelle", "niveaux", "points", "commentaire")
BLIND_REQUIRED = ("code", "devoir", "critere", "points")
BLIND_OPTIONAL = ("libelle", "niveaux", "commentaire")
FIRST_NAME_MARK = "[prénom]"
LAST_NAME_MARK = "[nom]"
EMAIL_MARK = "[courriel]"
NO_ANSWER = "(aucune réponse écrite)"


def blind_criteria(assignment: Assignment) -> list[Criterion]:
    """The criteria a second marker reads: written answers and productions; orals are the jury's."""
    return [criterion for criterion in assignment.rubric if criterion.kind in MANUAL_KINDS and criterion.kind != "oral"]


def marker_slug(marker: str) -> str:
    """The marker's folder name: « M. D. » → « m-d »."""
    marker = require_text(marker, "Nom du second correcteur")
    decomposed = unicodedata.normalize("NFKD", marker)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if not slug:
        raise CourseError(f"Nom du second correcteur « {marker} » : il faut au moins une lettre ou un chiffre.")
    return slug


def marking_order(codes: list[str], assignment_id: str, marker: str) -> list[str]:
    """The codes in the marker's own order: shuffled with a seed from the assignment and the marker."""
    order = sorted(codes)
    random.Random(zlib.crc32(f"{assignment_id}\n{marker.strip()}".encode())).shuffle(order)
    return order


def _new_code(taken: set[str]) -> str:
    while True:
        code = CODE_PREFIX + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def ensure_codes(db_url: str, assignment_id: str, student_ids: list[str]) -> dict[str, str]:
    """learner → code for these learners of the assignment; codes are created once, then kept."""
    engine = open_store(db_url)
    try:
        with engine.begin() as connection:
            rows = connection.execute(select(anonymous_codes).where(
                anonymous_codes.c.assignment_id == assignment_id)).all()
            codes = {row.student_id: row.code for row in rows}
            taken = set(codes.values())
            for student_id in sorted(set(student_ids) - set(codes)):
                code = _new_code(taken)
                taken.add(code)
                codes[student_id] = code
                connection.execute(insert(anonymous_codes).values(
                    assignment_id=assignment_id, student_id=student_id, code=code, created_at=now()))
    finally:
        engine.dispose()
    return {student_id: codes[student_id] for student_id in student_ids}


def codes_by_submission(db_url: str) -> dict[tuple[str, str], str]:
    """(assignment, learner) → code: the moderator's key, for `casp agreement`."""
    engine = open_store(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(anonymous_codes)).all()
    finally:
        engine.dispose()
    return {(row.assignment_id, row.student_id): row.code for row in rows}


def _students_by_code(connection, assignment_id: str) -> dict[str, str]:
    rows = connection.execute(select(anonymous_codes).where(anonymous_codes.c.assignment_id == assignment_id))
    return {row.code: row.student_id for row in rows}


# --- the learner's text, anonymised ---------------------------------------------------------------------

def scrub_names(text: str, first_name: str | None, last_name: str | None, email: str | None = None) -> str:
    """The text with the learner's own names (whole, and each part of three letters or more) and e-mail replaced.

    Case is ignored (« MARCHETTI », « marchetti »), accents are not; longer names are replaced first, so
    « Marie-Claire » goes whole before « Marie ». A name that is also a word (« Claire ») is replaced as a word
    too: the marker reads « une idée [prénom] » rather than learning whose copy it is.
    """
    if email and email.strip():
        text = re.sub(re.escape(email.strip()), EMAIL_MARK, text, flags=re.I)
    names: dict[str, str] = {}
    for name, mark in ((last_name, LAST_NAME_MARK), (first_name, FIRST_NAME_MARK)):
        name = (name or "").strip()
        if not name:
            continue
        for part in [name, *re.split(r"[\s\-’']+", name)]:
            if len(part) >= 3 and part.lower() not in names:
                names[part.lower()] = mark
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", names[name], text, flags=re.I)
    return text


def answer_text(answer: str, released_cell: str) -> str:
    """What the marker reads of a written answer: the learner's text and the part headings, without the
    released cell's placeholder lines nor HTML comments; NO_ANSWER when the learner wrote nothing."""
    given = {line.strip() for line in released_cell.splitlines() if line.strip()}
    lines = PLACEHOLDER_RE.sub("", answer).strip("\n").splitlines()
    kept = [line for line in lines if line.strip() not in given or line.lstrip().startswith("#")]
    own = [line for line in kept if line.strip() and line.strip() not in given]
    return "\n".join(kept).strip() if own else NO_ANSWER


def production_text(folder: Path, criterion: Criterion) -> str:
    """A production, as the marker reads it: the CSV file the learner saved, as « ; »-separated lines (Markdown)."""
    path = folder / criterion.production.fichier
    if not path.is_file():
        return f"(le fichier {criterion.production.fichier} n'est pas dans la copie)"
    try:
        sheet = read_sheet(path)  # the shared reader: UTF-8 or Windows-1252, « ; » or « , »
    except CourseError as exc:
        return f"(le fichier {criterion.production.fichier} est illisible : {exc})"
    lines = [" ; ".join(sheet.header), *(" ; ".join(row.cells) for row in sheet.rows)]
    table = "\n".join(lines)  # a Markdown code block: the screen shows one row a line, as written
    return f"{criterion.production.fichier} ({count_fr(len(sheet.rows), 'ligne')}) :\n\n```text\n{table}\n```"


def _autograded_dir(course_dir: Path) -> Path:
    settings = load_config(course_dir).CourseDirectory
    return Path(course_dir) / str(settings.autograded_directory if "autograded_directory" in settings
                                  else "autograded")


@dataclass(frozen=True)
class Learner:
    id: str
    first_name: str | None
    last_name: str | None
    email: str | None


def _submitted_learners(db_url: str, assignment_id: str) -> list[Learner]:
    with Gradebook(db_url) as gradebook:
        try:
            submissions = gradebook.find_assignment(assignment_id).submissions
        except MissingEntry:
            return []
        return sorted((Learner(s.student.id, s.student.first_name, s.student.last_name, s.student.email)
                       for s in submissions), key=lambda learner: learner.id)


def anonymised_answers(catalogue: Catalogue, assignment: Assignment, learner: Learner) -> dict[str, str]:
    """criterion id → the learner's answer to each blind criterion, read from the autograded copy, names scrubbed."""
    folder = _autograded_dir(catalogue.course_dir) / learner.id / assignment.id
    answers: dict[str, str] = {}
    for notebook in assignment.notebooks:
        released_path = _release_dir(catalogue) / assignment.id / notebook
        copy_path = folder / notebook
        for path in (released_path, copy_path):
            if not path.is_file():
                raise CourseError(f"{path} : notebook introuvable ; la copie a-t-elle été diffusée, relevée et "
                                  f"corrigée automatiquement (casp autograde {assignment.id}) ?")
        released, cells = _cell_sources(_read(released_path)), _cell_sources(_read(copy_path))
        for criterion in blind_criteria(assignment):
            grade_id = criterion.grade_ids[0]
            if grade_id not in released:
                continue
            if criterion.kind == "production":
                text = production_text(folder, criterion)
            else:
                text = answer_text(cells.get(grade_id, ""), released[grade_id])
            answers[criterion.id] = scrub_names(text, learner.first_name, learner.last_name, learner.email)
    return answers


# --- the marker's folder ------------------------------------------------------------------------------

def marker_folder(course_dir: Path, assignment_id: str, marker: str) -> Path:
    return Path(course_dir) / BLIND_FOLDER / assignment_id / marker_slug(marker)


def _criteria_data(criteria: list[Criterion]) -> list[dict]:
    return [{"id": c.id, "libelle": c.label, "genre": c.kind, "consigne": (c.consigne or "").strip(),
             "points": c.points,
             "niveaux": [{"cle": level.key, "libelle": level.label, "points": level.points,
                          "descripteur": level.descriptor} for level in c.scale]}
            for c in criteria]


def blind_copies(catalogue: Catalogue, db_url: str, assignment_id: str, marker: str) -> dict:
    """What the marker may see: the assignment, its blind criteria and, in the marker's order, each copy's
    code and anonymised answers. No login, name, first mark or first comment."""
    marker = require_text(marker, "Nom du second correcteur")
    assignment = catalogue.assignment(assignment_id)
    criteria = blind_criteria(assignment)
    if not criteria:
        raise CourseError(f"Le devoir « {assignment.id} » n'a ni écrit ni production à corriger : ses oraux sont "
                          "notés par le jury (casp jury).")
    learners = _submitted_learners(db_url, assignment.id)
    if not learners:
        raise CourseError(f"Aucune copie du devoir « {assignment.id} » dans le carnet de notes : relevez et "
                          f"corrigez d'abord les copies (casp autograde {assignment.id}).")
    codes = ensure_codes(db_url, assignment.id, [learner.id for learner in learners])
    by_code = {codes[learner.id]: learner for learner in learners}
    copies = [{"code": code, "reponses": anonymised_answers(catalogue, assignment, by_code[code])}
              for code in marking_order(list(by_code), assignment.id, marker)]
    return {"devoir": assignment.id, "titre": assignment.title, "correcteur": marker,
            "cours": str(Path(catalogue.course_dir).resolve()), "criteres": _criteria_data(criteria),
            "copies": copies}


def _notebook(data: dict) -> nbformat.NotebookNode:
    intro = (
        f"# Double correction à l'aveugle : {data['titre']}\n\n"
        f"Second correcteur : **{data['correcteur']}**. Exécutez la cellule ci-dessous (Maj + Entrée) : chaque copie "
        "apparaît sous un code anonyme, dans un ordre propre à vous. Pour chaque critère, lisez la réponse et "
        "cliquez un niveau : il est **enregistré aussitôt**. Le commentaire, facultatif, est enregistré quand vous "
        "quittez le champ ou avec « Enregistrer le commentaire ». Vous pouvez fermer ce notebook et le rouvrir : "
        "vos notes sont gardées.\n\n"
        "Vous ne voyez ni le nom de l'apprenant ni la note ou le commentaire du premier correcteur."
    )
    code = f'from course.grading.marking_screen import EcranDeCorrection\n\nEcranDeCorrection("{DATA_NAME}").widget'
    notebook = nbf.new_notebook(cells=[nbf.new_markdown_cell(intro), nbf.new_code_cell(code)])
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"correction-{index}"
    notebook.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                        "language": "python"},
                         "language_info": {"name": "python"}}
    return notebook


def prepare_blind_marking(catalogue: Catalogue, db_url: str, assignment_id: str, marker: str) -> Path:
    """Write the marker's notebook and its data file; return the notebook's path.

    Prepared again (new copies autograded since), the data file is rewritten; codes, order and the marks
    already saved are kept, and so is the notebook if the marker has opened it.
    """
    data = blind_copies(catalogue, db_url, assignment_id, marker)
    folder = marker_folder(catalogue.course_dir, assignment_id, marker)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DATA_NAME).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    notebook_path = folder / NOTEBOOK_NAME
    if not notebook_path.exists():
        nbformat.write(_notebook(data), notebook_path)
    return notebook_path


def read_blind_data(path: Path) -> dict:
    """The marker's data file, checked enough to name what is wrong with it."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(f"{path} : fichier introuvable ; préparez-le avec « casp second-marking open DEVOIR "
                          "--marker NOM ».") from None
    except (OSError, ValueError) as exc:
        raise CourseError(f"{path} : fichier des copies illisible ({exc}).") from None
    missing = [key for key in ("devoir", "correcteur", "cours", "criteres", "copies") if key not in data]
    if missing:
        raise CourseError(f"{path} : fichier des copies incomplet, il manque : {', '.join(missing)}.")
    return data


# --- saving and reading the marker's marks, by code -----------------------------------------------------

def save_blind_mark(db_url: str, catalogue: Catalogue, *, assignment_id: str, code: str, criterion_id: str,
                    points: float, comment: str, marker: str) -> None:
    """Record (or replace) a second mark given to a code: the learner is looked up here and never returned."""
    marker = require_text(marker, "Nom du second correcteur")
    engine = open_store(db_url)
    try:
        with engine.connect() as connection:
            student_id = _students_by_code(connection, assignment_id).get(code)
    finally:
        engine.dispose()
    if student_id is None:
        raise CourseError(f"Code anonyme inconnu « {code} » pour le devoir « {assignment_id} ».")
    with Gradebook(db_url) as gradebook:
        try:
            target = MarkChecker(gradebook, catalogue).by_criterion(student_id, assignment_id, criterion_id, points)
        except MarkProblem as problem:
            raise CourseError(sentence(str(problem).replace(f"« {student_id} »", f"« {code} »"))) from None
    _write_second_marks(db_url, [(target, comment or "")], marker)


def blind_marks(db_url: str, catalogue: Catalogue, assignment_id: str, marker: str
                ) -> dict[tuple[str, str], tuple[float, str]]:
    """(code, criterion id) → (points, comment): what this marker has saved on this assignment."""
    assignment = catalogue.assignment(assignment_id)
    engine = open_store(db_url)
    try:
        with engine.connect() as connection:
            code_of = {student: code for code, student in _students_by_code(connection, assignment_id).items()}
            rows = connection.execute(select(second_marks).where(
                second_marks.c.assignment_id == assignment_id, second_marks.c.marker == marker.strip())).all()
    finally:
        engine.dispose()
    marks = {}
    for row in rows:
        criterion = assignment.grade_ids.get(row.grade_id)
        if criterion is not None and row.student_id in code_of:
            marks[(code_of[row.student_id], criterion.id)] = (float(row.points), row.comment or "")
    return marks


# --- the anonymised sheet -------------------------------------------------------------------------------

def write_blind_sheet(path: Path, catalogue: Catalogue, db_url: str, assignment_id: str, marker: str) -> int:
    """The blank sheet (code;devoir;critere;libelle;niveaux;points;commentaire) in the marker's order, for Excel
    (UTF-8 with BOM, « ; »); returns the number of rows. The answers are read in the marker's notebook."""
    data = blind_copies(catalogue, db_url, assignment_id, marker)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(SHEET_COLUMNS)
        for copy in data["copies"]:
            for criterion in data["criteres"]:
                levels = " / ".join(f"{level['libelle']} {decimal_fr(level['points'])}"  # « ; » would need quotes
                                    for level in criterion["niveaux"])
                writer.writerow([copy["code"], data["devoir"], criterion["id"], criterion["libelle"], levels, "", ""])
                rows += 1
    return rows


def resolve_codes(db_url: str, rows: list[SheetRow]) -> tuple[list[SheetRow], list[str], dict[int, tuple[str, str]]]:
    """The rows of an anonymised sheet with the learner put in « apprenant », the « ligne N : » problems of
    unknown codes, and line → (learner, code) so that later messages can show the code instead of the login."""
    engine = open_store(db_url)
    try:
        with engine.connect() as connection:
            keys: dict[str, dict[str, str]] = {}
            for row in rows:
                assignment_id = row.values["devoir"]
                if assignment_id not in keys:
                    keys[assignment_id] = _students_by_code(connection, assignment_id)
    finally:
        engine.dispose()
    resolved, problems, lines = [], [], {}
    for row in rows:
        code = row.values["code"].upper()
        key = keys[row.values["devoir"]]
        student_id = key.get(code)
        if not key:
            problems.append(f"ligne {row.line} : aucun code anonyme pour le devoir « {row.values['devoir']} » "
                            "(préparez d'abord sa double correction : casp second-marking)")
            continue
        if student_id is None:
            problems.append(f"ligne {row.line} : code anonyme inconnu « {row.values['code']} » pour le devoir "
                            f"« {row.values['devoir']} »")
            continue
        lines[row.line] = (student_id, code)
        resolved.append(SheetRow(row.line, row.last_line, row.cells, {**row.values, "apprenant": student_id}))
    return resolved, problems, lines


def hide_logins(problems: list[str], lines: dict[int, tuple[str, str]]) -> list[str]:
    """Problems of an anonymised sheet with any « login » shown as its « code »."""
    hidden = []
    for problem in problems:
        line = int(problem.split(" ", 2)[1])
        if line in lines:
            student_id, code = lines[line]
            problem = problem.replace(f"« {student_id} »", f"« {code} »")
        hidden.append(problem)
    return hidden
