"""Double marking, marker agreement and moderation, on a real nbgrader gradebook.

The mini course is run once per module (4 learners: vide, partiel, bon, excellent); each test
works on its own copy of the gradebook. First marks given by the simulated marker
(see tests/test_cycle.py), as levels 0 non acquis … 3 maîtrisé:
    vide      M1.1-B 0 pt (0)   M1.1-C 0 pt (0)
    partiel   M1.1-B 3 pt (1)   M1.1-C 5,5 pt (2)
    bon       M1.1-B 8 pt (3)   M1.1-C 5,5 pt (2)
    excellent M1.1-B 8 pt (3)   M1.1-C 5,5 pt (2)
Both criteria are worth 8 points: levels at 0, 3, 5,5 and 8 points.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from rich.console import Console
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from course import CourseError
from course.catalogue import load_catalogue
from course.demo.pipeline import run_cycle
from course.grading import moderation as moderation_module
from course.grading.agreement import (
    AgreementRow, agreement_report, exact_agreement, kappa_from_table, weighted_kappa,
)
from course.grading.double_marking import (
    MarkPair, first_and_second_marks, import_second_marks_csv, record_second_mark,
)
from course.grading.moderation import (
    apply_moderation, audit_trail, import_moderation_csv, moderation_list,
)
from course.grading.results import cohort_results, marks_by_submission
from course.grading.store import audit, open_store, second_marks
from course.nbgrader_ext.scratch import make_scratch_course
from course.rubric import LEVEL_KEYS
from tests.conftest import write_mini_course
from tests.test_cycle import LEARNERS, QUALITY

SECOND_SHEET = (
    "apprenant;devoir;critère;points;commentaire\n"
    "vide;mini;M1.1-B;0;\n"
    "vide;mini;M1.1-C;3;Quelques éléments à l'oral.\n"
    "partiel;mini;M1.1-B;5,5;L'essentiel y est.\n"
    "partiel;mini;M1.1-C;5,5;\n"
    "bon;mini;M1.1-B;3;Hypothèses absentes.\n"
    "bon;mini;M1.1-C;8;\n"
    "excellent;mini;M1.1-B;8;\n"
    "excellent;mini;M1.1-C;0;Hors sujet à l'oral.\n"
)
LEVELS_B = "niveaux : Non acquis 0 ; En cours d'acquisition 3 ; Acquis 5,5 ; Maîtrisé 8"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A real gradebook after the full nbgrader cycle, built once for the module."""
    root = tmp_path_factory.mktemp("double")
    repo = write_mini_course(root / "depot")
    course_dir = make_scratch_course(root / "cours", repo, ["mini"])
    catalogue = load_catalogue(course_dir)
    with open("/dev/null", "w") as sink:
        run_cycle(course_dir, root / "sortie", LEARNERS, catalogue, Console(file=sink), jobs=2,
                  quality_of=lambda learner, assignment_id: QUALITY[learner.id])
    return course_dir, catalogue


@pytest.fixture
def catalogue(course):
    return course[1]


@pytest.fixture
def db(course, tmp_path) -> str:
    """This test's own copy of the gradebook."""
    copy = tmp_path / "gradebook.db"
    shutil.copy(course[0] / "gradebook.db", copy)
    return f"sqlite:///{copy}"


def count(db_url: str, table) -> int:
    engine = open_store(db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


def stored_second_marks(db_url: str) -> list[tuple]:
    engine = open_store(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(second_marks).order_by(second_marks.c.id)).all()
    finally:
        engine.dispose()
    return [(r.student_id, r.assignment_id, r.notebook_id, r.grade_id, r.marker, r.points, r.comment) for r in rows]


def gradebook_mark(db_url: str, student_id: str, grade_id: str) -> tuple:
    with Gradebook(db_url) as gradebook:
        grade = gradebook.find_grade(grade_id, "mini", "mini", student_id)
        comment = gradebook.find_comment(grade_id, "mini", "mini", student_id)
        return grade.score, grade.manual_score, grade.needs_manual_grade, comment.manual_comment


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def nothing_written(db_url: str) -> bool:
    return count(db_url, second_marks) == 0 and count(db_url, audit) == 0


# --- recording second marks -------------------------------------------------------------------------

def test_record_then_replace_a_second_mark(db, catalogue):
    record_second_mark(db, student_id="vide", assignment_id="mini", grade_id="oral1", marker="m.durand",
                       points=3, comment="Quelques éléments.", catalogue=catalogue)
    assert stored_second_marks(db) == [("vide", "mini", "mini", "oral1", "m.durand", 3.0, "Quelques éléments.")]
    assert count(db, audit) == 0

    record_second_mark(db, student_id="vide", assignment_id="mini", grade_id="oral1", marker="m.durand",
                       points=0, catalogue=catalogue)
    assert stored_second_marks(db) == [("vide", "mini", "mini", "oral1", "m.durand", 0.0, "")]
    [row] = audit_trail(db)
    assert {k: row[k] for k in ("actor", "action", "student_id", "assignment_id", "grade_id", "old_points",
                                "new_points", "old_comment", "new_comment", "reason")} == {
        "actor": "m.durand", "action": "second_mark", "student_id": "vide", "assignment_id": "mini",
        "grade_id": "oral1", "old_points": 3.0, "new_points": 0.0, "old_comment": "Quelques éléments.",
        "new_comment": "", "reason": "nouvelle saisie du second correcteur",
    }
    assert row["at"] is not None

    # Another marker on the same cell is a mark of its own, not a replacement.
    record_second_mark(db, student_id="vide", assignment_id="mini", grade_id="oral1", marker="l.petit",
                       points=5.5, catalogue=catalogue)
    assert [(m[4], m[5]) for m in stored_second_marks(db)] == [("m.durand", 0.0), ("l.petit", 5.5)]
    assert count(db, audit) == 1
    # nbgrader's own (first) mark is untouched.
    assert gradebook_mark(db, "vide", "oral1")[:3] == (0.0, 0.0, False)


@pytest.mark.parametrize("changes, message", [
    ({"student_id": "xx"}, "Apprenant inconnu « xx »."),
    ({"assignment_id": "maxi"}, "Devoir inconnu « maxi »."),
    ({"grade_id": "ecrit9"}, "Cellule notée inconnue « ecrit9 » pour le devoir « mini »."),
    ({"grade_id": "t1", "points": 1.5},
     "Le critère M1.1-A est corrigé automatiquement : seuls les écrits, les productions et les oraux se notent à la main."),
    ({"points": 9}, "9 points hors de l'échelle 0–8 du critère M1.1-B."),
    ({"points": -3}, "-3 points hors de l'échelle 0–8 du critère M1.1-B."),
    ({"points": 4}, f"4 points ne correspondent à aucun niveau du critère M1.1-B ({LEVELS_B})."),
    ({"points": 5.6}, f"5,6 points ne correspondent à aucun niveau du critère M1.1-B ({LEVELS_B})."),
    ({"points": "5,5"}, "Points « 5,5 » : nombre attendu."),
    ({"marker": "  "}, "Nom du second correcteur manquant."),
])
def test_record_second_mark_refuses_bad_input(db, catalogue, changes, message):
    arguments = {"student_id": "bon", "assignment_id": "mini", "grade_id": "ecrit1", "marker": "m.durand",
                 "points": 5.5, "catalogue": catalogue} | changes
    with pytest.raises(CourseError) as error:
        record_second_mark(db, **arguments)
    assert str(error.value) == message
    assert nothing_written(db)


def test_second_mark_needs_a_submission(db, catalogue):
    with Gradebook(db) as gradebook:
        gradebook.update_or_create_student("absent", first_name="Alix", last_name="Fictif")
    with pytest.raises(CourseError) as error:
        record_second_mark(db, student_id="absent", assignment_id="mini", grade_id="ecrit1", marker="m.durand",
                           points=3, catalogue=catalogue)
    assert str(error.value) == "Aucune copie de « absent » pour le devoir « mini » dans le carnet de notes."
    assert nothing_written(db)


# --- CSV sheets ---------------------------------------------------------------------------------

def test_semicolon_sheet_with_decimal_comma_and_bom(db, catalogue, tmp_path, caplog):
    sheet = write(tmp_path / "second.csv", SECOND_SHEET, "utf-8-sig")
    with caplog.at_level(logging.WARNING):
        assert import_second_marks_csv(db, sheet, catalogue, "m.durand") == 8
    assert caplog.records == []  # UTF-8, with or without BOM, needs no note
    assert {(m[0], m[3]): (m[5], m[6]) for m in stored_second_marks(db)} == {
        ("vide", "ecrit1"): (0.0, ""), ("vide", "oral1"): (3.0, "Quelques éléments à l'oral."),
        ("partiel", "ecrit1"): (5.5, "L'essentiel y est."), ("partiel", "oral1"): (5.5, ""),
        ("bon", "ecrit1"): (3.0, "Hypothèses absentes."), ("bon", "oral1"): (8.0, ""),
        ("excellent", "ecrit1"): (8.0, ""), ("excellent", "oral1"): (0.0, "Hors sujet à l'oral."),
    }
    assert {m[4] for m in stored_second_marks(db)} == {"m.durand"}
    assert count(db, audit) == 0

    # The same sheet again replaces every mark: eight audit rows, still eight marks.
    assert import_second_marks_csv(db, sheet, catalogue, "m.durand") == 8
    assert count(db, second_marks) == 8
    assert count(db, audit) == 8


def test_windows_1252_sheet_is_read_with_a_note(db, catalogue, tmp_path, caplog):
    sheet = write(tmp_path / "excel.csv", "apprenant,devoir,critere,points,commentaire\n"
                                          "bon,mini,M1.1-B,\"5,5\",Très bien argumenté\n", "cp1252")
    with caplog.at_level(logging.WARNING):
        assert import_second_marks_csv(db, sheet, catalogue, "m.durand") == 1
    assert stored_second_marks(db) == [("bon", "mini", "mini", "ecrit1", "m.durand", 5.5, "Très bien argumenté")]
    assert [r.getMessage() for r in caplog.records] == [
        f"{sheet} : fichier lu en Windows-1252 (Latin-1), pas en UTF-8 ; vérifiez les accents et "
        "enregistrez-le de préférence au format « CSV UTF-8 »."
    ]


def test_unreadable_encoding_is_refused(db, catalogue, tmp_path):
    sheet = write(tmp_path / "utf16.csv", "apprenant;devoir;critere;points\nbon;mini;M1.1-B;3\n", "utf-16")
    with pytest.raises(CourseError) as error:
        import_second_marks_csv(db, sheet, catalogue, "m.durand")
    assert str(error.value) == (f"{sheet} : encodage non reconnu (ni UTF-8 ni Windows-1252) ; enregistrez la "
                                "feuille au format « CSV UTF-8 ».")
    assert nothing_written(db)


def test_every_bad_line_is_listed_and_nothing_is_written(db, catalogue, tmp_path):
    sheet = write(tmp_path / "erreurs.csv", (
        "apprenant,devoir,critere,points,commentaire\n"
        "bon,mini,M1.1-B,3,\n"            # line 2 is fine, but is not written either
        "xx,mini,M1.1-B,3,\n"
        "vide,maxi,M1.1-B,3,\n"
        "vide,mini,M1.1-Z,3,\n"
        "vide,mini,M1.1-A,3,\n"
        "\n"
        "vide,mini,M1.1-B,9,\n"
        "vide,mini,M1.1-B,4,\n"
        "vide,mini,M1.1-B,5,5,\n"
        "vide,mini,M1.1-B,5,5,Bien\n"
        "vide,mini,M1.1-B,trois,\n"
        "vide,mini,,3,\n"
        "bon,mini,M1.1-B,8,doublon\n"
    ))
    with pytest.raises(CourseError) as error:
        import_second_marks_csv(db, sheet, catalogue, "m.durand")
    assert str(error.value) == "\n".join([
        f"{sheet} : 11 erreur(s), rien n'a été enregistré.",
        "ligne 3 : apprenant inconnu « xx »",
        "ligne 4 : devoir inconnu « maxi »",
        "ligne 5 : critère inconnu « M1.1-Z » pour le devoir « mini »",
        "ligne 6 : le critère M1.1-A est corrigé automatiquement : seuls les écrits, les productions et les oraux se notent "
        "à la main",
        "ligne 8 : 9 points hors de l'échelle 0–8 du critère M1.1-B",
        f"ligne 9 : 4 points ne correspondent à aucun niveau du critère M1.1-B ({LEVELS_B})",
        "ligne 10 : « 5,5 » lu comme deux colonnes (points puis commentaire) ; avec le séparateur « , », écrivez "
        "les décimales avec un point ou entre guillemets",
        "ligne 11 : 6 valeurs pour 5 colonnes ; avec le séparateur « , », écrivez les décimales avec un point "
        "ou entre guillemets",
        "ligne 12 : points « trois » : nombre attendu",
        "ligne 13 : colonne « critère » vide",
        "ligne 14 : même apprenant, devoir et critère qu'à la ligne 2",
    ])
    assert nothing_written(db)


@pytest.mark.parametrize("text, problem", [
    ("apprenant;devoir;points\nbon;mini;3\n",
     "en-tête invalide, colonne(s) manquante(s) : critère (colonnes attendues : apprenant, devoir, critère, "
     "points, commentaire)."),
    ("apprenant;devoir;critere;points;note\nbon;mini;M1.1-B;3;x\n",
     "en-tête invalide, colonne(s) inconnue(s) : « note » (colonnes attendues : apprenant, devoir, critère, "
     "points, commentaire)."),
    ("", "feuille vide ; colonnes attendues : apprenant, devoir, critère, points, commentaire."),
    ("apprenant;devoir;critere;points\n\n", "aucune note à importer sous l'en-tête."),
])
def test_sheet_level_problems(db, catalogue, tmp_path, text, problem):
    sheet = write(tmp_path / "feuille.csv", text)
    with pytest.raises(CourseError) as error:
        import_second_marks_csv(db, sheet, catalogue, "m.durand")
    assert str(error.value) == f"{sheet} : {problem}"
    assert nothing_written(db)


def test_missing_sheet(db, catalogue, tmp_path):
    with pytest.raises(CourseError) as error:
        import_second_marks_csv(db, tmp_path / "absente.csv", catalogue, "m.durand")
    assert str(error.value) == f"{tmp_path / 'absente.csv'} : fichier introuvable."


# --- pairs, agreement and moderation list on the real gradebook ------------------------------------

def test_pairs_and_agreement_on_the_gradebook(db, catalogue, tmp_path):
    import_second_marks_csv(db, write(tmp_path / "second.csv", SECOND_SHEET), catalogue, "m.durand")
    pairs = first_and_second_marks(db, catalogue)
    assert [(p.student_id, p.criterion_id, p.grade_id, p.first_points, p.second_points, p.first_level,
             p.second_level) for p in pairs] == [
        ("bon", "M1.1-B", "ecrit1", 8.0, 3.0, "maitrise", "en_cours"),
        ("bon", "M1.1-C", "oral1", 5.5, 8.0, "acquis", "maitrise"),
        ("excellent", "M1.1-B", "ecrit1", 8.0, 8.0, "maitrise", "maitrise"),
        ("excellent", "M1.1-C", "oral1", 5.5, 0.0, "acquis", "non_acquis"),
        ("partiel", "M1.1-B", "ecrit1", 3.0, 5.5, "en_cours", "acquis"),
        ("partiel", "M1.1-C", "oral1", 5.5, 5.5, "acquis", "acquis"),
        ("vide", "M1.1-B", "ecrit1", 0.0, 0.0, "non_acquis", "non_acquis"),
        ("vide", "M1.1-C", "oral1", 0.0, 3.0, "non_acquis", "en_cours"),
    ]
    assert {(p.assignment_id, p.modality, p.first_marker, p.second_marker) for p in pairs} == {
        ("mini", "M1.1", "formgrader", "m.durand")}
    assert all(p.marked_at is not None for p in pairs)

    # Hand calculation, levels as (first, second):
    #   M1.1-B: (3,1) (3,3) (1,2) (0,0)   M1.1-C: (2,3) (2,0) (2,2) (0,1)
    # Overall, N = 8: first-marker margins r = [2,1,3,2], second-marker margins c = [2,2,2,2].
    #   Linear: observed Σ|i−j| = 2+0+1+0+1+2+0+1 = 7 → 7/3/8 = 7/24;
    #     expected Σ r_i c_j |i−j| = 2·(2·6 + 1·4 + 3·4 + 2·6) = 80 → 80/3/64 = 5/12;
    #     kappa = 1 − (7/24)/(5/12) = 0.3.
    #   Quadratic: observed Σ(i−j)² = 11 → 11/9/8 = 11/72; expected 2·(2·14 + 6 + 3·6 + 2·14) = 160 → 160/9/64
    #     = 5/18; kappa = 1 − (11/72)/(5/18) = 0.45.
    # M1.1-B, N = 4: r = [1,1,0,2], c = [1,1,1,1]. Linear: observed 3/3/4 = 1/4, expected (6+4+2·6)/3/16 = 11/24,
    #   kappa = 1 − 6/11 = 5/11 = 0.4545. Quadratic: observed 5/9/4 = 5/36, expected (14+6+2·14)/9/16 = 1/3,
    #   kappa = 7/12 = 0.5833.
    # M1.1-C, N = 4: r = [1,0,3,0], c = [1,1,1,1]. Linear: observed 4/3/4 = 1/3, expected (6+3·4)/3/16 = 3/8,
    #   kappa = 1/9 = 0.1111. Quadratic: observed 6/9/4 = 1/6, expected (14+3·6)/9/16 = 2/9, kappa = 0.25.
    rounded = [AgreementRow(r.scope, r.id, r.n, round(r.exact_agreement, 4), round(r.kappa_linear, 4),
                            round(r.kappa_quadratic, 4)) for r in agreement_report(pairs)]
    assert rounded == [
        AgreementRow("modality", "M1.1", 8, 0.375, 0.3, 0.45),
        AgreementRow("criterion", "M1.1-B", 4, 0.5, 0.4545, 0.5833),
        AgreementRow("criterion", "M1.1-C", 4, 0.25, 0.1111, 0.25),
        AgreementRow("overall", "ensemble", 8, 0.375, 0.3, 0.45),
    ]

    assert [(p.student_id, p.criterion_id) for p in moderation_list(pairs)] == [
        ("bon", "M1.1-B"), ("excellent", "M1.1-C")]
    assert len(moderation_list(pairs, threshold=1)) == 5
    assert moderation_list(pairs, threshold=3) == []
    with pytest.raises(CourseError) as error:
        moderation_list(pairs, threshold=0)
    assert str(error.value) == "Seuil de modération invalide (0) : entre 1 et 3 niveaux."


def test_pending_first_marks_are_left_out(db, catalogue):
    record_second_mark(db, student_id="bon", assignment_id="mini", grade_id="oral1", marker="m.durand", points=8,
                       catalogue=catalogue)
    with Gradebook(db) as gradebook:
        gradebook.find_grade("oral1", "mini", "mini", "bon").needs_manual_grade = True
        gradebook.db.commit()
    assert first_and_second_marks(db, catalogue) == []


# --- moderation ---------------------------------------------------------------------------------

def test_apply_moderation_changes_nbgrader_and_audits(db, catalogue, tmp_path):
    import_second_marks_csv(db, write(tmp_path / "second.csv", SECOND_SHEET), catalogue, "m.durand")
    assert gradebook_mark(db, "bon", "ecrit1") == (8.0, 8.0, False, "Maîtrisé : Tout est observable et argumenté.")

    decision = apply_moderation(db, catalogue, student_id="bon", assignment_id="mini", grade_id="ecrit1",
                                points=5.5, moderator="c.martin", reason="Deux niveaux d'écart entre correcteurs",
                                comment="Acquis : les hypothèses restent à étayer.")
    assert (decision.criterion_id, decision.old_points, decision.new_points, decision.old_level,
            decision.new_level) == ("M1.1-B", 8.0, 5.5, "maitrise", "acquis")
    assert gradebook_mark(db, "bon", "ecrit1") == (5.5, 5.5, False, "Acquis : les hypothèses restent à étayer.")

    [row] = [r for r in audit_trail(db) if r["action"] == "moderation"]
    assert count(db, audit) == 1
    assert {k: v for k, v in row.items() if k not in ("id", "at")} == {
        "actor": "c.martin", "action": "moderation", "student_id": "bon", "assignment_id": "mini",
        "grade_id": "ecrit1", "old_points": 8.0, "new_points": 5.5,
        "old_comment": "Maîtrisé : Tout est observable et argumenté.",
        "new_comment": "Acquis : les hypothèses restent à étayer.",
        "reason": "Deux niveaux d'écart entre correcteurs",
    }
    assert row["at"] is not None

    rows = cohort_results(catalogue, db)
    assert {(r.student_id, r.criterion_id): (r.points, r.level) for r in rows if r.student_id == "bon"} == {
        ("bon", "M1.1-A"): (2.0, "en_cours"), ("bon", "M1.1-B"): (5.5, "acquis"), ("bon", "M1.1-C"): (5.5, "acquis"),
    }
    assert marks_by_submission(rows)[("bon", "mini")] == 13.0

    # Agreement still compares the two markers: the first mark is the one from before moderation.
    [pair] = [p for p in first_and_second_marks(db, catalogue) if (p.student_id, p.grade_id) == ("bon", "ecrit1")]
    assert (pair.first_points, pair.first_level, pair.second_points) == (8.0, "maitrise", 3.0)


def test_moderation_without_comment_keeps_the_markers_comment(db, catalogue):
    apply_moderation(db, catalogue, student_id="excellent", assignment_id="mini", grade_id="oral1", points=3,
                     moderator="c.martin", reason="Écart de deux niveaux")
    assert gradebook_mark(db, "excellent", "oral1") == (
        3.0, 3.0, False, "Jury (oral simulé) — Acquis : L'essentiel est observable.")
    [row] = audit_trail(db, student_id="excellent")
    assert (row["old_points"], row["new_points"], row["old_comment"], row["new_comment"]) == (
        5.5, 3.0, "Jury (oral simulé) — Acquis : L'essentiel est observable.",
        "Jury (oral simulé) — Acquis : L'essentiel est observable.")
    assert audit_trail(db, student_id="bon") == []


@pytest.mark.parametrize("changes, message", [
    ({"points": 4}, f"4 points ne correspondent à aucun niveau du critère M1.1-B ({LEVELS_B})."),
    ({"grade_id": "t2", "points": 2},
     "Le critère M1.1-A est corrigé automatiquement : seuls les écrits, les productions et les oraux se notent à la main."),
    ({"student_id": "xx"}, "Apprenant inconnu « xx »."),
    ({"reason": " "}, "Motif de la modération manquant."),
    ({"moderator": ""}, "Nom du modérateur manquant."),
])
def test_apply_moderation_refuses_bad_input(db, catalogue, changes, message):
    arguments = {"student_id": "bon", "assignment_id": "mini", "grade_id": "ecrit1", "points": 5.5,
                 "moderator": "c.martin", "reason": "Écart"} | changes
    with pytest.raises(CourseError) as error:
        apply_moderation(db, catalogue, **arguments)
    assert str(error.value) == message
    assert count(db, audit) == 0
    assert gradebook_mark(db, "bon", "ecrit1")[:3] == (8.0, 8.0, False)


def test_failed_gradebook_write_rolls_back_the_audit_row(db, catalogue, monkeypatch):
    real_set_mark = moderation_module._set_mark

    def set_mark_then_fail(gradebook, target, comment):
        real_set_mark(gradebook, target, comment)
        raise RuntimeError("disque plein")

    monkeypatch.setattr(moderation_module, "_set_mark", set_mark_then_fail)
    with pytest.raises(RuntimeError):
        apply_moderation(db, catalogue, student_id="bon", assignment_id="mini", grade_id="ecrit1", points=5.5,
                         moderator="c.martin", reason="Écart")
    assert count(db, audit) == 0
    assert gradebook_mark(db, "bon", "ecrit1") == (8.0, 8.0, False, "Maîtrisé : Tout est observable et argumenté.")


def test_failed_audit_insert_leaves_the_mark_unchanged(db, catalogue, monkeypatch):
    def failing_audit(connection, **values):
        raise OperationalError("INSERT INTO casp_audit", {}, Exception("database is locked"))

    monkeypatch.setattr(moderation_module, "record_audit", failing_audit)
    with pytest.raises(CourseError) as error:
        apply_moderation(db, catalogue, student_id="bon", assignment_id="mini", grade_id="ecrit1", points=5.5,
                         moderator="c.martin", reason="Écart")
    assert str(error.value) == "Modération non enregistrée, rien n'a changé : erreur de la base (database is locked)."
    assert count(db, audit) == 0
    assert gradebook_mark(db, "bon", "ecrit1")[:3] == (8.0, 8.0, False)


def test_import_moderation_sheet(db, catalogue, tmp_path):
    sheet = write(tmp_path / "moderation.csv", (
        "apprenant;devoir;critere;points;motif;commentaire\n"
        "bon;mini;M1.1-B;5,5;Deux niveaux d'écart;\n"
        "excellent;mini;M1.1-C;3;Deux niveaux d'écart;Présentation trop brève.\n"
    ), "cp1252")
    assert import_moderation_csv(db, sheet, catalogue, "c.martin") == 2
    assert gradebook_mark(db, "bon", "ecrit1") == (5.5, 5.5, False, "Maîtrisé : Tout est observable et argumenté.")
    assert gradebook_mark(db, "excellent", "oral1") == (3.0, 3.0, False, "Présentation trop brève.")
    assert [(r["actor"], r["student_id"], r["grade_id"], r["old_points"], r["new_points"], r["reason"])
            for r in audit_trail(db)] == [
        ("c.martin", "bon", "ecrit1", 8.0, 5.5, "Deux niveaux d'écart"),
        ("c.martin", "excellent", "oral1", 5.5, 3.0, "Deux niveaux d'écart"),
    ]


def test_bad_moderation_sheet_changes_nothing(db, catalogue, tmp_path):
    sheet = write(tmp_path / "moderation.csv", (
        "apprenant,devoir,critere,points,motif,commentaire\n"
        "bon,mini,M1.1-B,5.5,Écart,\n"
        "excellent,mini,M1.1-C,3,,\n"
        "partiel,mini,M1.1-C,2,Écart,\n"
    ))
    with pytest.raises(CourseError) as error:
        import_moderation_csv(db, sheet, catalogue, "c.martin")
    assert str(error.value) == "\n".join([
        f"{sheet} : 2 erreur(s), rien n'a été enregistré.",
        "ligne 3 : colonne « motif » vide",
        "ligne 4 : 2 points ne correspondent à aucun niveau du critère M1.1-C (niveaux : Non acquis 0 ; "
        "En cours d'acquisition 3 ; Acquis 5,5 ; Maîtrisé 8)",
    ])
    assert count(db, audit) == 0
    assert gradebook_mark(db, "bon", "ecrit1")[:3] == (8.0, 8.0, False)


# --- agreement on hand-built pairs ---------------------------------------------------------------

def pair(first: int, second: int, criterion: str = "M1.1-B", modality: str = "M1.1") -> MarkPair:
    """A pair from level indexes (0 non acquis … 3 maîtrisé); points are irrelevant to agreement."""
    return MarkPair("x", "mini", modality, criterion, "g", 0.0, 0.0, LEVEL_KEYS[first], LEVEL_KEYS[second],
                    second_marker="m.durand")


def pairs_from_table(table: list[list[int]]) -> list[MarkPair]:
    return [pair(i, j) for i, row in enumerate(table) for j, n in enumerate(row) for _ in range(n)]


def test_perfect_agreement_is_one():
    pairs = [pair(0, 0), pair(1, 1), pair(2, 2), pair(3, 3), pair(2, 2)]
    assert exact_agreement(pairs) == 1.0
    assert weighted_kappa(pairs, "linear") == 1.0
    assert weighted_kappa(pairs, "quadratic") == 1.0


def test_degenerate_single_level_is_one():
    # Both markers always say « acquis »: expected disagreement is 0, observed too → 1.0 by convention.
    pairs = [pair(2, 2)] * 5
    assert weighted_kappa(pairs, "linear") == 1.0
    assert weighted_kappa(pairs, "quadratic") == 1.0


def test_systematic_disagreement_is_negative():
    # (0,3) (3,0) (1,2) (2,1): margins all [1,1,1,1].
    # Linear: observed (3+3+1+1)/3/4 = 2/3, expected (6+4+4+6)/3/16 = 5/12, kappa = 1 − 8/5 = −0.6.
    # Quadratic: observed (9+9+1+1)/9/4 = 5/9, expected (14+6+6+14)/9/16 = 5/18, kappa = 1 − 2 = −1.
    pairs = [pair(0, 3), pair(3, 0), pair(1, 2), pair(2, 1)]
    assert exact_agreement(pairs) == 0.0
    assert round(weighted_kappa(pairs, "linear"), 4) == -0.6
    assert round(weighted_kappa(pairs, "quadratic"), 4) == -1.0


def test_hand_calculated_kappa():
    # (0,0) (0,1) (1,1) (2,1) (3,3) (3,2): r = [2,1,1,2], c = [1,3,1,1], N = 6.
    # Linear: observed Σ|i−j| = 0+1+0+1+0+1 = 3 → 3/3/6 = 1/6.
    #   Σ_j c_j|i−j| per row: i=0: 0+3+2+3 = 8; i=1: 1+0+1+2 = 4; i=2: 2+3+0+1 = 6; i=3: 3+6+1+0 = 10.
    #   expected = (2·8 + 1·4 + 1·6 + 2·10)/3/36 = 46/108; kappa = 1 − (1/6)/(46/108) = 1 − 18/46 = 0.6087.
    # Quadratic: observed 3/9/6 = 1/18. Σ_j c_j(i−j)²: i=0: 0+3+4+9 = 16; i=1: 1+0+1+4 = 6; i=2: 4+3+0+1 = 8;
    #   i=3: 9+12+1+0 = 22. expected = (32+6+8+44)/9/36 = 90/324; kappa = 1 − (1/18)/(90/324) = 1 − 0.2 = 0.8.
    pairs = [pair(0, 0), pair(0, 1), pair(1, 1), pair(2, 1), pair(3, 3), pair(3, 2)]
    assert round(exact_agreement(pairs), 4) == 0.5
    assert round(weighted_kappa(pairs, "linear"), 4) == 0.6087
    assert round(weighted_kappa(pairs, "quadratic"), 4) == 0.8


def test_published_examples():
    # Wikipedia « Cohen's kappa », 50 proposals read by two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15,
    # kappa = 0.4. On two adjacent levels any weighting gives Cohen's unweighted kappa.
    wikipedia = pairs_from_table([[20, 5], [10, 15]])
    assert round(weighted_kappa(wikipedia, "linear"), 4) == 0.4
    assert round(weighted_kappa(wikipedia, "quadratic"), 4) == 0.4
    # SAS PROC FREQ weighted kappa (Cicchetti–Allison weights, i.e. linear) on [[0,4,1],[0,8,0],[0,1,5]]:
    # 0.4701, as printed by SAS and checked in statsmodels' test_inter_rater.py.
    assert round(weighted_kappa(pairs_from_table([[0, 4, 1], [0, 8, 0], [0, 1, 5]]), "linear"), 4) == 0.4701
    # Four categories: 85 xeromammograms read by two radiologists (Boyd et al. 1982, in Altman 1991 and in
    # Stata's `kap` manual, whose linear-weighted kappa is 0.5684). By hand, margins r = [33,22,29,1],
    # c = [28,38,16,3]. Linear: observed Σ n_ij|i−j| = 12+4+1+3·2+9+2 = 34 → 34/3/85;
    #   Σ_j c_j|i−j| = 79, 50, 97, 176 → expected (33·79 + 22·50 + 29·97 + 176)/3/85² = 6696/3/7225;
    #   kappa = 1 − (34/255)/(6696/21675) = 0.5684.
    # Quadratic: observed 12+4+1+4·3+9+2 = 40 → 40/9/85; Σ_j c_j(i−j)² = 129, 56, 153, 420 →
    #   expected (33·129 + 22·56 + 29·153 + 420)/9/7225 = 10346/65025; kappa = 1 − (40/765)/(10346/65025) = 0.6714.
    radiologists = [[21, 12, 0, 0], [4, 17, 1, 0], [3, 9, 15, 2], [0, 0, 0, 1]]
    assert round(kappa_from_table(radiologists, "linear"), 4) == 0.5684
    assert round(weighted_kappa(pairs_from_table(radiologists), "quadratic"), 4) == 0.6714


def test_agreement_report_groups_modalities_and_criteria():
    pairs = [pair(0, 0, "M2.1-A", "M2.1"), pair(1, 1, "M2.1-A", "M2.1"), pair(1, 2, "M1.1-B", "M1.1"),
             pair(2, 1, "M1.1-B", "M1.1"), pair(3, 3, "F-A", "")]
    report = agreement_report(pairs)
    assert [(r.scope, r.id, r.n, r.exact_agreement) for r in report] == [
        ("modality", "M1.1", 2, 0.0), ("modality", "M2.1", 2, 1.0), ("modality", "formatif", 1, 1.0),
        ("criterion", "F-A", 1, 1.0), ("criterion", "M1.1-B", 2, 0.0), ("criterion", "M2.1-A", 2, 1.0),
        ("overall", "ensemble", 5, 0.6),
    ]
    assert agreement_report([]) == []


def test_agreement_refuses_empty_or_unknown_weights():
    with pytest.raises(CourseError) as error:
        weighted_kappa([], "linear")
    assert str(error.value) == "Aucune paire de notes à comparer."
    with pytest.raises(CourseError) as error:
        weighted_kappa([pair(0, 0)], "cubic")
    assert str(error.value) == "Pondération inconnue « cubic » (attendu : linear, quadratic)."
