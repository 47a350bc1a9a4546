"""The jury's oral marks sheet: exact sheet content, import into a real gradebook, and every bad input refused."""
from __future__ import annotations

import copy
import csv
import io
import shutil

import pytest
from nbgrader.api import Gradebook, MissingEntry
from rich.console import Console
from sqlalchemy import select

from course import CourseError
from course.catalogue import load_catalogue
from course.demo.cohort import Learner
from course.demo.pipeline import run_cycle
from course.grading.cohort import LearnerInfo
from course.grading.jury import import_jury_sheet, write_jury_sheet
from course.grading.store import audit, jury_remarks, open_store
from course.nbgrader_ext.api import load_config
from course.nbgrader_ext.scratch import make_scratch_course
from tests.conftest import write_mini_course

# Fictional learners whose names carry accents, commas, quotes and an apostrophe; ids are their work's quality.
NAMES = {
    "bon": ('Zoé "Zaza"', "Quéré"),
    "excellent": ("Thi Hoa", "Tran"),
    "partiel": ("Jean, dit « Jo »", "Dupont-Moreau"),
    "vide": ("Élodie", "N'Diaye"),
}
LEARNERS = [Learner(sid, first, last, f"{sid}@formation.example", 0.0) for sid, (first, last) in NAMES.items()]
INFOS = [LearnerInfo(sid, first, last, f"{sid}@formation.example") for sid, (first, last) in NAMES.items()]
HEADER = "apprenant;nom;devoir;modalite;critere;libelle;points_max;points_possibles;note;commentaire"
REMARKS_LABEL = "Remarques générales du jury (à écrire dans « commentaire »)"


def test_sheet_content_is_exact(tmp_path):
    catalogue = load_catalogue(write_mini_course(tmp_path / "cours"))
    path = write_jury_sheet(tmp_path / "jury.csv", catalogue, INFOS)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "\r\n".join([
        HEADER,
        'bon;"Zoé ""Zaza"" Quéré";mini;M1.1;M1.1-C;Oral;8;0 | 3 | 5,5 | 8;;',
        f'bon;"Zoé ""Zaza"" Quéré";;;REMARQUES;{REMARKS_LABEL};;;;',
        "excellent;Thi Hoa Tran;mini;M1.1;M1.1-C;Oral;8;0 | 3 | 5,5 | 8;;",
        f"excellent;Thi Hoa Tran;;;REMARQUES;{REMARKS_LABEL};;;;",
        "partiel;Jean, dit « Jo » Dupont-Moreau;mini;M1.1;M1.1-C;Oral;8;0 | 3 | 5,5 | 8;;",
        f"partiel;Jean, dit « Jo » Dupont-Moreau;;;REMARQUES;{REMARKS_LABEL};;;;",
        "vide;Élodie N'Diaye;mini;M1.1;M1.1-C;Oral;8;0 | 3 | 5,5 | 8;;",
        f"vide;Élodie N'Diaye;;;REMARQUES;{REMARKS_LABEL};;;;",
        "",
    ])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row[1] for row in rows[1::2]] == ['Zoé "Zaza" Quéré', "Thi Hoa Tran", "Jean, dit « Jo » Dupont-Moreau",
                                              "Élodie N'Diaye"]
    with pytest.raises(CourseError, match="Devoir inconnu « m99 »"):
        write_jury_sheet(tmp_path / "autre.csv", catalogue, INFOS, ["m99"])


# --- import into a real gradebook -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    root = tmp_path_factory.mktemp("jury")
    course_dir = make_scratch_course(root / "cours", write_mini_course(root / "depot"), ["mini"])
    catalogue = load_catalogue(course_dir)
    run_cycle(course_dir, root / "sortie", LEARNERS, catalogue, Console(file=open("/dev/null", "w")), jobs=2,
              quality_of=lambda learner, assignment_id: learner.id)
    return catalogue, load_config(course_dir).CourseDirectory.db_url.removeprefix("sqlite:///")


@pytest.fixture
def gradebook_db(cycle, tmp_path):
    """A private copy of the cycle's gradebook, plus « absente », a learner who handed nothing in."""
    catalogue, source = cycle
    shutil.copy(source, tmp_path / "gradebook.db")
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_student("absente", first_name="Inès", last_name="Fictive")
    return catalogue, db_url


def snapshot(db_url):
    """Every grade and comment of every submission, and casp's audit and remarks tables."""
    state = {}
    with Gradebook(db_url) as gradebook:
        for student in gradebook.students:
            try:
                notebook = gradebook.find_submission_notebook("mini", "mini", student.id)
            except MissingEntry:
                continue
            comments = {c.name: c.manual_comment for c in notebook.comments}
            for grade in notebook.grades:
                state[(student.id, grade.name)] = (
                    grade.manual_score, grade.auto_score, grade.needs_manual_grade, comments.get(grade.name))
    with open_store(db_url).connect() as connection:
        state["audit"] = connection.execute(select(audit)).all()
        state["remarks"] = connection.execute(select(jury_remarks)).all()
    return state


def sheet(path, rows, encoding="utf-8-sig", header=HEADER):
    """A filled sheet as Excel saves it: `rows` are lists of the 10 cells, or raw lines."""
    buffer = io.StringIO(newline="")
    buffer.write(header + "\r\n")
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        if isinstance(row, str):
            buffer.write(row + "\r\n")
        else:
            writer.writerow(row)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def row(student, note, comment="", devoir="mini", critere="M1.1-C"):
    return [student, "", devoir, "M1.1", critere, "Oral", "8", "0 | 3 | 5,5 | 8", note, comment]


ORAL_COMMENT_VIDE = 'Présentation hésitante; exemples « concrets », "à creuser".'
REMARK_VIDE = "Élodie a beaucoup progressé ; « bravo », \"vraiment\"."


def test_filled_sheet_is_imported(gradebook_db, tmp_path):
    catalogue, db_url = gradebook_db
    blank = write_jury_sheet(tmp_path / "jury.csv", catalogue, INFOS)
    rows = list(csv.reader(io.StringIO(blank.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    notes = {  # line → (note, comment); the remark row of « vide » is line 9
        2: ("8", ""), 4: ("5.5", "Très clair, bravo."), 6: ("", ""), 8: ("3", ORAL_COMMENT_VIDE), 9: ("", REMARK_VIDE),
    }
    for line, (note, comment) in notes.items():
        rows[line - 1][8:10] = [note, comment]
    filled = sheet(tmp_path / "jury_rempli.csv", rows[1:])
    before = snapshot(db_url)
    assert before[("bon", "oral1")] == (5.5, None, False, "Jury (oral simulé) — Acquis : L'essentiel est observable.")

    result = import_jury_sheet(db_url, filled, catalogue, "jury.martin")
    assert (result.encoding, result.notes, result.remarks) == ("utf-8", [], ["vide"])
    assert [(m.line, m.student_id, m.points, m.comment) for m in result.marks] == [
        (2, "bon", 8.0, ""), (4, "excellent", 5.5, "Très clair, bravo."), (8, "vide", 3.0, ORAL_COMMENT_VIDE),
    ]
    assert [m.student_id for m in result.changed] == ["bon", "excellent", "vide"]
    assert result.skipped == ["ligne 6 : pas de note pour partiel, critère M1.1-C ; ligne ignorée."]

    after = snapshot(db_url)
    assert after[("bon", "oral1")] == (8.0, None, False, "Jury (oral simulé) — Acquis : L'essentiel est observable.")
    assert after[("excellent", "oral1")] == (5.5, None, False, "Très clair, bravo.")
    assert after[("vide", "oral1")] == (3.0, None, False, ORAL_COMMENT_VIDE)
    assert after[("partiel", "oral1")] == before[("partiel", "oral1")]
    oral = {("bon", "oral1"), ("excellent", "oral1"), ("vide", "oral1")}
    assert {k: v for k, v in after.items() if k not in oral | {"audit", "remarks"}} == \
        {k: v for k, v in before.items() if k not in oral | {"audit", "remarks"}}
    assert [(r.actor, r.action, r.student_id, r.assignment_id, r.grade_id, r.old_points, r.new_points, r.old_comment,
             r.new_comment, r.reason) for r in after["audit"]] == [
        ("jury.martin", "jury", "bon", "mini", "oral1", 5.5, 8.0,
         "Jury (oral simulé) — Acquis : L'essentiel est observable.",
         "Jury (oral simulé) — Acquis : L'essentiel est observable.", "feuille du jury jury_rempli.csv, ligne 2"),
        ("jury.martin", "jury", "excellent", "mini", "oral1", 5.5, 5.5,
         "Jury (oral simulé) — Acquis : L'essentiel est observable.", "Très clair, bravo.",
         "feuille du jury jury_rempli.csv, ligne 4"),
        ("jury.martin", "jury", "vide", "mini", "oral1", 0.0, 3.0,
         "Jury (oral simulé) — Non acquis : Rien d'observable.", ORAL_COMMENT_VIDE,
         "feuille du jury jury_rempli.csv, ligne 8"),
    ]
    assert [(r.student_id, r.remark, r.author) for r in after["remarks"]] == [("vide", REMARK_VIDE, "jury.martin")]

    again = import_jury_sheet(db_url, filled, catalogue, "jury.martin")
    assert (again.changed, again.remarks) == ([], [])
    assert snapshot(db_url) == after


def test_cp1252_sheet_is_accepted_with_a_note(gradebook_db, tmp_path):
    catalogue, db_url = gradebook_db
    path = sheet(tmp_path / "jury.csv", [row("partiel", "5,5", "Très bien, « posé » ; cœur du sujet traité.")],
                 encoding="cp1252")
    result = import_jury_sheet(db_url, path, catalogue, "jury.martin")
    assert result.encoding == "cp1252"
    assert result.notes == [
        f"{path} : fichier lu en Windows-1252 (cp1252) car il n'est pas en UTF-8 ; vérifiez les accents des "
        "commentaires importés. À l'avenir, enregistrez au format « CSV UTF-8 »."
    ]
    assert snapshot(db_url)[("partiel", "oral1")] == (
        5.5, None, False, "Très bien, « posé » ; cœur du sujet traité.")


BAD_ROWS = [
    (row("inconnu", "3"), "apprenant inconnu « inconnu » (absent du carnet de notes)."),
    (row("bon", "3", devoir="m99"), "devoir inconnu « m99 » (devoirs du catalogue : mini)."),
    (row("bon", "3", critere="M1.1-Z"), "critère inconnu « M1.1-Z » pour le devoir « mini »."),
    (row("bon", "3", critere="M1.1-B"), "le critère M1.1-B n'est pas un oral (écrit, corrigé par l'équipe de formation) : "
                                        "il ne se note pas sur la feuille du jury."),
    (row("bon", "3", critere="M1.1-A"), "le critère M1.1-A n'est pas un oral (corrigé automatiquement) : "
                                        "il ne se note pas sur la feuille du jury."),
    (row("bon", "9"), "9 est hors de l'échelle du critère M1.1-C (de 0 à 8)."),
    (row("bon", "-1"), "-1 est hors de l'échelle du critère M1.1-C (de 0 à 8)."),
    (row("bon", "2,5"), "2,5 ne correspond à aucun niveau du critère M1.1-C (0 ; 3 ; 5,5 ; 8)."),
    (row("bon", "5.4"), "5,4 ne correspond à aucun niveau du critère M1.1-C (0 ; 3 ; 5,5 ; 8)."),
    (row("bon", "bien"), "« bien » n'est pas une note (nombre attendu, par exemple 5,5)."),
    (row("absente", "3"), "absente n'a pas de copie du devoir « mini » dans le carnet de notes "
                          "(copie non collectée ou non corrigée automatiquement)."),
    (["bon", "", "", "", "REMARQUES", "", "", "", "3", "Bien."],
     "une ligne REMARQUES ne prend pas de note (la remarque s'écrit dans « commentaire »)."),
    ("bon;;mini;M1.1;M1.1-C;Oral;8;3", "8 colonne(s) au lieu de 10."),
]


@pytest.mark.parametrize("bad, message", BAD_ROWS, ids=[m[:30] for _, m in BAD_ROWS])
def test_each_bad_row_is_refused_and_nothing_written(gradebook_db, tmp_path, bad, message):
    catalogue, db_url = gradebook_db
    path = sheet(tmp_path / "jury.csv", [row("vide", "3", "Correct."), bad])
    before = snapshot(db_url)
    with pytest.raises(CourseError) as error:
        import_jury_sheet(db_url, path, catalogue, "jury.martin")
    assert str(error.value) == f"{path} : 1 erreur(s), rien n'a été enregistré :\n  - ligne 3 : {message}"
    assert snapshot(db_url) == before


def test_all_errors_are_listed_at_once(gradebook_db, tmp_path):
    catalogue, db_url = gradebook_db
    path = sheet(tmp_path / "jury.csv", [
        row("vide", "3"), row("partiel", ""), row("bon", "2,5"), row("vide", "8"), row("inconnu", "3"),
        ["vide", "", "", "", "REMARQUES", "", "", "", "", "Bien."], ["vide", "", "", "", "REMARQUES", "", "", "", "", "Bis."],
    ])
    before = snapshot(db_url)
    with pytest.raises(CourseError) as error:
        import_jury_sheet(db_url, path, catalogue, "jury.martin")
    assert str(error.value) == (
        f"{path} : 4 erreur(s), rien n'a été enregistré :\n"
        "  - ligne 4 : 2,5 ne correspond à aucun niveau du critère M1.1-C (0 ; 3 ; 5,5 ; 8).\n"
        "  - ligne 5 : vide, critère M1.1-C : déjà noté ligne 2.\n"
        "  - ligne 6 : apprenant inconnu « inconnu » (absent du carnet de notes).\n"
        "  - ligne 8 : deuxième ligne REMARQUES pour vide (déjà ligne 7)."
    )
    assert snapshot(db_url) == before


def test_wrong_header_and_unreadable_encoding(gradebook_db, tmp_path):
    catalogue, db_url = gradebook_db
    before = snapshot(db_url)
    header = sheet(tmp_path / "entete.csv", [row("vide", "3")], header=HEADER.replace("points_max", "points"))
    with pytest.raises(CourseError) as error:
        import_jury_sheet(db_url, header, catalogue, "jury.martin")
    assert str(error.value) == (
        f"{header} : en-tête incorrect (colonne(s) manquante(s) : points_max ; colonne(s) inattendue(s) : points). "
        f"En-tête attendu : {HEADER}."
    )
    unreadable = tmp_path / "illisible.csv"
    unreadable.write_bytes(HEADER.encode() + b"\r\nvide;;mini;M1.1;M1.1-C;Oral;8;;3;Tr\x81s bien\r\n")
    with pytest.raises(CourseError) as error:
        import_jury_sheet(db_url, unreadable, catalogue, "jury.martin")
    assert str(error.value) == (
        f"{unreadable} : encodage illisible, ni UTF-8 ni Windows-1252 (octet 0x81 en position 127). "
        "Enregistrez la feuille au format « CSV UTF-8 (délimité par des points-virgules) »."
    )
    with pytest.raises(CourseError) as error:
        import_jury_sheet(db_url, tmp_path / "absent.csv", catalogue, "jury.martin")
    assert str(error.value) == f"{tmp_path / 'absent.csv'} : fichier introuvable."
    assert snapshot(db_url) == before


def test_collective_oral_gets_one_row_per_team(tmp_path):
    """A team's oral is one performance: one row per team, on its first member, named with the whole team."""
    from course.grading.teams import Roster
    from tests.conftest import MINI_ASSIGNMENT

    assignment = copy.deepcopy(MINI_ASSIGNMENT)
    assignment["rubric"][2]["collective"] = True
    catalogue = load_catalogue(write_mini_course(tmp_path / "cours", assignment))
    roster = Roster({"mini": {"A": ("bon", "vide"), "B": ("excellent", "partiel")}})
    path = write_jury_sheet(tmp_path / "jury.csv", catalogue, INFOS, roster=roster)
    assert path.read_bytes().decode("utf-8-sig").split("\r\n")[1:] == [
        f'bon;"Zoé ""Zaza"" Quéré";;;REMARQUES;{REMARKS_LABEL};;;;',
        f"excellent;Thi Hoa Tran;;;REMARQUES;{REMARKS_LABEL};;;;",
        f"partiel;Jean, dit « Jo » Dupont-Moreau;;;REMARQUES;{REMARKS_LABEL};;;;",
        f"vide;Élodie N'Diaye;;;REMARQUES;{REMARKS_LABEL};;;;",
        'bon;"Équipe A : Zoé ""Zaza"" Quéré, Élodie N\'Diaye";mini;M1.1;M1.1-C;Oral;8;0 | 3 | 5,5 | 8;;',
        "excellent;Équipe B : Thi Hoa Tran, Jean, dit « Jo » Dupont-Moreau;mini;M1.1;M1.1-C;Oral;8;0 | 3 | 5,5 | 8;;",
        "",
    ]
