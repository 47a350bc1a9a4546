"""Teams: roster validation and storage, and collective marks copied to every member of a real gradebook."""
from __future__ import annotations

import copy
import logging
import shutil

import pytest
from nbgrader.api import Gradebook
from rich.console import Console
from sqlalchemy import select

from course import CourseError
from course.catalogue import load_catalogue
from course.demo.cohort import Learner
from course.demo.pipeline import run_cycle
from course.grading.marking import record_manual_mark
from course.grading.store import audit, open_store
from course.grading.teams import Roster, apply_collective_marks, load_roster, roster_from_db, save_roster
from course.nbgrader_ext.api import load_config
from course.nbgrader_ext.scratch import make_scratch_course
from tests.conftest import MINI_ASSIGNMENT, write_mini_course

LEARNERS = [Learner(q, q.capitalize(), "Fictif", f"{q}@formation.example", 0.0)
            for q in ("vide", "partiel", "bon", "excellent")]
STUDENTS = [learner.id for learner in LEARNERS]


def collective_assignment() -> dict:
    assignment = copy.deepcopy(MINI_ASSIGNMENT)
    assignment["rubric"][1]["collective"] = True  # M1.1-B, the written part
    return assignment


@pytest.fixture
def catalogue(tmp_path):
    return load_catalogue(write_mini_course(tmp_path / "cours", collective_assignment()))


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


# --- roster --------------------------------------------------------------------------------------------------------

def test_load_roster_semicolon_with_bom_and_comma(tmp_path, catalogue):
    expected = {"mini": {"A": ("bon", "partiel"), "B": ("excellent", "vide")}}
    semicolon = write(tmp_path / "equipes.csv",
                      "devoir;equipe;apprenant\r\nmini;A;partiel\r\nmini;A;bon\r\n\r\nmini;B;vide\r\nmini;B;excellent\r\n",
                      "utf-8-sig")
    comma = write(tmp_path / "equipes2.csv", "devoir,equipe,apprenant\nmini,B,vide\nmini,B,excellent\nmini,A,bon\n"
                                             "mini,A,partiel\n")
    assert load_roster(semicolon, catalogue, STUDENTS).teams == expected
    roster = load_roster(comma, catalogue, STUDENTS)
    assert roster.teams == expected
    assert roster.team_of("mini", "vide") == "B"
    assert roster.team_of("mini", "inconnu") is None


def test_load_roster_lists_every_error_with_its_line(tmp_path, catalogue):
    path = write(tmp_path / "equipes.csv", (
        "devoir,equipe,apprenant\n"
        "mini,A,bon\n"
        "mini,A,partiel\n"
        "m99,A,vide\n"
        "mini,B,inconnu\n"
        "mini,B,bon\n"
        "mini,C,vide\n"
        "mini,A,partiel\n"
        "mini,,excellent\n"
        "mini,D\n"
    ))
    with pytest.raises(CourseError) as error:
        load_roster(path, catalogue, STUDENTS)
    assert str(error.value) == (
        f"{path} : 7 erreur(s), aucune équipe n'a été enregistrée :\n"
        "  - ligne 4 : devoir inconnu « m99 » (devoirs du catalogue : mini).\n"
        "  - ligne 5 : apprenant inconnu « inconnu » (absent du carnet de notes).\n"
        "  - ligne 6 : « bon » est déjà dans l'équipe « A » du devoir « mini » (ligne 2) : un apprenant n'appartient "
        "qu'à une équipe par devoir.\n"
        "  - ligne 7 : l'équipe « C » du devoir « mini » n'a qu'un membre (« vide ») : une équipe compte au moins "
        "deux apprenants.\n"
        "  - ligne 8 : « partiel » figure déjà dans l'équipe « A » (ligne 3).\n"
        "  - ligne 9 : champ vide (devoir, equipe et apprenant sont obligatoires).\n"
        "  - ligne 10 : 2 colonne(s) au lieu de 3 (devoir, equipe, apprenant)."
    )


def test_load_roster_bad_header_and_encoding(tmp_path, catalogue):
    header = write(tmp_path / "h.csv", "devoir;groupe;apprenant\nmini;A;bon\n")
    with pytest.raises(CourseError) as error:
        load_roster(header, catalogue, STUDENTS)
    assert str(error.value) == (
        f"{header} : en-tête attendu « devoir;equipe;apprenant » (séparateur « ; » ou « , »), "
        "trouvé « devoir;groupe;apprenant »."
    )
    unreadable = tmp_path / "l.csv"
    unreadable.write_bytes(b"devoir;equipe;apprenant\nmini;A;b\x81n\n")  # 0x81: neither UTF-8 nor Windows-1252
    with pytest.raises(CourseError) as error:
        load_roster(unreadable, catalogue, STUDENTS)
    assert str(error.value) == (
        f"{unreadable} : encodage illisible, ni UTF-8 ni Windows-1252 (octet 0x81 en position 32). "
        "Enregistrez la feuille au format « CSV UTF-8 (délimité par des points-virgules) »."
    )


def test_load_roster_saved_in_windows_1252_is_read_with_the_jury_note(tmp_path, catalogue, caplog):
    """Excel's « CSV » on French Windows is Windows-1252: accents read right, and the jury sheet's note."""
    path = write(tmp_path / "equipes.csv", (
        "devoir;équipe;apprenant\r\n"
        "mini;Rouge;Élodie\r\n"
        "mini;Rouge;Léa\r\n"
        "mini;Bleue;bon\r\n"
        "mini;Bleue;partiel\r\n"
    ), "cp1252")
    with caplog.at_level(logging.WARNING):
        roster = load_roster(path, catalogue, ["Élodie", "Léa", "bon", "partiel"])
    assert roster.teams == {"mini": {"Bleue": ("bon", "partiel"), "Rouge": ("Léa", "Élodie")}}
    assert roster.team_of("mini", "Élodie") == "Rouge"
    assert [record.getMessage() for record in caplog.records] == [
        f"{path} : fichier lu en Windows-1252 (cp1252) car il n'est pas en UTF-8 ; vérifiez les accents des "
        "commentaires importés. À l'avenir, enregistrez au format « CSV UTF-8 »."
    ]


def test_save_roster_replaces_only_that_assignment(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    save_roster(db_url, Roster({"autre": {"X": ("bon", "vide")}}))
    save_roster(db_url, Roster({"mini": {"A": ("bon", "partiel"), "B": ("excellent", "vide")}}))
    save_roster(db_url, Roster({"mini": {"Z": ("excellent", "partiel")}}))
    assert roster_from_db(db_url).teams == {"autre": {"X": ("bon", "vide")}, "mini": {"Z": ("excellent", "partiel")}}


# --- collective marks on a real gradebook ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    """The real nbgrader cycle once, on the mini course whose written criterion M1.1-B is collective."""
    root = tmp_path_factory.mktemp("equipes")
    repo = write_mini_course(root / "depot", collective_assignment())
    course_dir = make_scratch_course(root / "cours", repo, ["mini"])
    catalogue = load_catalogue(course_dir)
    run_cycle(course_dir, root / "sortie", LEARNERS, catalogue, Console(file=open("/dev/null", "w")), jobs=2,
              quality_of=lambda learner, assignment_id: learner.id)
    return catalogue, load_config(course_dir).CourseDirectory.db_url.removeprefix("sqlite:///")


@pytest.fixture
def gradebook_db(cycle, tmp_path):
    """A private copy of the cycle's gradebook where no one has marked ecrit1 yet (a collective part).

    nbgrader gives an unchanged answer cell (« vide ») an automatic 0 and no pending manual grade.
    """
    catalogue, source = cycle
    path = tmp_path / "gradebook.db"
    shutil.copy(source, path)
    db_url = f"sqlite:///{path}"
    with Gradebook(db_url) as gradebook:
        for student_id in STUDENTS:
            grade = gradebook.find_grade("ecrit1", "mini", "mini", student_id)
            grade.manual_score, grade.needs_manual_grade = None, grade.auto_score is None
            gradebook.find_comment("ecrit1", "mini", "mini", student_id).manual_comment = None
        gradebook.db.commit()
    return catalogue, db_url


def snapshot(db_url):
    """(student, grade_id) → (manual, auto, needs_manual_grade, comment) for every graded cell of every submission."""
    state = {}
    with Gradebook(db_url) as gradebook:
        for student in gradebook.students:
            try:
                notebook = gradebook.find_submission_notebook("mini", "mini", student.id)
            except Exception:
                continue
            comments = {c.name: c.manual_comment for c in notebook.comments}
            for grade in notebook.grades:
                state[(student.id, grade.name)] = (
                    grade.manual_score, grade.auto_score, grade.needs_manual_grade, comments.get(grade.name))
    return state


def mark(db_url, student_id, points, comment):
    with Gradebook(db_url) as gradebook:
        record_manual_mark(gradebook, "mini", "mini", student_id, "ecrit1", points, comment)


def audit_rows(db_url):
    with open_store(db_url).connect() as connection:
        return [
            (r.actor, r.action, r.student_id, r.assignment_id, r.grade_id, r.old_points, r.new_points, r.old_comment,
             r.new_comment, r.reason)
            for r in connection.execute(select(audit).order_by(audit.c.id))
        ]


ROSTER = Roster({"mini": {"A": ("bon", "partiel"), "B": ("excellent", "vide")}})
TEAM_A = "Note collective de l'équipe A : Hypothèses partagées, parcours bien daté."


def test_one_member_marked_gives_the_mark_to_the_team(gradebook_db):
    catalogue, db_url = gradebook_db
    mark(db_url, "partiel", 5.5, "Hypothèses partagées, parcours bien daté.")
    before = snapshot(db_url)
    result = apply_collective_marks(db_url, catalogue, ROSTER, "formatrice.dupont")
    assert [(p.team_id, p.criterion_id, p.grade_id, p.status, p.points, p.updated, p.missing, p.message)
            for p in result] == [
        ("A", "M1.1-B", "ecrit1", "appliquee", 5.5, ("bon", "partiel"), (),
         "mini, équipe A, critère M1.1-B : note collective 5,5 attribuée à bon, partiel (2 modifiée(s) : bon, partiel)."),
        ("B", "M1.1-B", "ecrit1", "non_notee", None, (), (),
         "mini, équipe B, critère M1.1-B : aucun membre n'est encore noté."),
    ]
    after = snapshot(db_url)
    assert after[("partiel", "ecrit1")] == (5.5, None, False, TEAM_A)
    assert after[("bon", "ecrit1")] == (5.5, None, False, TEAM_A)
    assert after[("excellent", "ecrit1")] == (None, None, True, None)
    assert after[("vide", "ecrit1")] == (None, 0.0, False, None)
    changed = {("partiel", "ecrit1"), ("bon", "ecrit1")}
    assert {k: v for k, v in after.items() if k not in changed} == {k: v for k, v in before.items() if k not in changed}
    assert len(after) == 4 * 4  # t1, t2, ecrit1, oral1 for each learner
    assert audit_rows(db_url) == [
        ("formatrice.dupont", "equipe", "bon", "mini", "ecrit1", None, 5.5, None, TEAM_A,
         "note collective de l'équipe A"),
        ("formatrice.dupont", "equipe", "partiel", "mini", "ecrit1", 5.5, 5.5,
         "Hypothèses partagées, parcours bien daté.", TEAM_A, "note collective de l'équipe A"),
    ]

    # Running again changes nothing and writes no audit row.
    again = apply_collective_marks(db_url, catalogue, ROSTER, "formatrice.dupont")
    assert [(p.status, p.updated, p.message) for p in again][0] == (
        "a_jour", (), "mini, équipe A, critère M1.1-B : note collective 5,5 déjà attribuée à bon, partiel.")
    assert snapshot(db_url) == after
    assert len(audit_rows(db_url)) == 2

    # A trainer revises one member in formgrader: that mark becomes the team's on the next run.
    mark(db_url, "bon", 8.0, "Après relecture : analyse complète.")
    revised = apply_collective_marks(db_url, catalogue, ROSTER, "formateur.martin")
    assert (revised[0].status, revised[0].points, revised[0].updated) == ("appliquee", 8.0, ("bon", "partiel"))
    final = snapshot(db_url)
    team_comment = "Note collective de l'équipe A : Après relecture : analyse complète."
    assert final[("bon", "ecrit1")] == (8.0, None, False, team_comment)
    assert final[("partiel", "ecrit1")] == (8.0, None, False, team_comment)
    assert audit_rows(db_url)[2:] == [
        ("formateur.martin", "equipe", "bon", "mini", "ecrit1", 8.0, 8.0, "Après relecture : analyse complète.",
         team_comment, "note collective de l'équipe A"),
        ("formateur.martin", "equipe", "partiel", "mini", "ecrit1", 5.5, 8.0, TEAM_A, team_comment,
         "note collective de l'équipe A"),
    ]


def test_disagreeing_members_are_a_conflict_and_nothing_is_written(gradebook_db):
    catalogue, db_url = gradebook_db
    mark(db_url, "partiel", 5.5, "Bien.")
    mark(db_url, "bon", 3.0, "Trop court.")
    mark(db_url, "excellent", 8.0, "")
    mark(db_url, "vide", 8.0, "")
    before = snapshot(db_url)
    result = apply_collective_marks(db_url, catalogue, ROSTER, "formatrice.dupont")
    assert [(p.team_id, p.status, p.points, p.updated, p.message) for p in result] == [
        ("A", "conflit", None, (), "mini, équipe A, critère M1.1-B : notes divergentes (bon : 3 ; partiel : 5,5) ; "
                                   "rien n'a été écrit pour cette équipe. Harmonisez la note dans formgrader puis relancez."),
        ("B", "appliquee", 8.0, ("excellent", "vide"),
         "mini, équipe B, critère M1.1-B : note collective 8 attribuée à excellent, vide "
         "(2 modifiée(s) : excellent, vide)."),
    ]
    after = snapshot(db_url)
    assert {k: v for k, v in after.items() if k[0] in ("bon", "partiel")} == \
        {k: v for k, v in before.items() if k[0] in ("bon", "partiel")}
    assert after[("excellent", "ecrit1")] == (8.0, None, False, "Note collective de l'équipe B.")
    assert [(row[2], row[5], row[6], row[8]) for row in audit_rows(db_url)] == [
        ("excellent", 8.0, 8.0, "Note collective de l'équipe B."),
        ("vide", 8.0, 8.0, "Note collective de l'équipe B."),
    ]


def test_member_without_submission_is_reported(gradebook_db):
    catalogue, db_url = gradebook_db
    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_student("absente", first_name="Inès", last_name="Fictive")
    mark(db_url, "excellent", 5.5, "Enquête bien menée.")
    roster = Roster({"mini": {"B": ("absente", "excellent", "vide")}})
    result = apply_collective_marks(db_url, catalogue, roster, "formatrice.dupont")
    assert [(p.status, p.updated, p.missing, p.message) for p in result] == [
        ("appliquee", ("excellent", "vide"), ("absente",),
         "mini, équipe B, critère M1.1-B : note collective 5,5 attribuée à excellent, vide (2 modifiée(s) : "
         "excellent, vide). Sans copie dans le carnet de notes : absente ; la note collective ne leur est pas "
         "attribuée."),
    ]
    after = snapshot(db_url)
    assert after[("vide", "ecrit1")] == (5.5, 0.0, False, "Note collective de l'équipe B : Enquête bien menée.")
    assert not any(key[0] == "absente" for key in after)
    assert [row[2] for row in audit_rows(db_url)] == ["excellent", "vide"]
