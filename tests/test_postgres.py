"""PostgreSQL as the gradebook (`c.CourseDirectory.db_url`), on a real server the tests start (tests/postgres.py).

The mini course's full nbgrader cycle runs once per module on a fresh PostgreSQL database and must
give exactly the SQLite results of tests/test_cycle.py; the grading layer (cohort, second marks,
moderation and its audit, jury sheet) then works on a copy of that database (CREATE DATABASE …
TEMPLATE), and two autogrades write to one PostgreSQL gradebook at the same time.
"""
from __future__ import annotations

import csv
import io
import os
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from nbgrader.api import Gradebook
from rich.console import Console
from sqlalchemy import create_engine, inspect, text

from course.catalogue import load_catalogue
from course.demo.pipeline import generate_feedback, run_cycle
from course.grading.cohort import load_cohort
from course.grading.double_marking import first_and_second_marks, record_second_mark
from course.grading.jury import import_jury_sheet, write_jury_sheet
from course.grading.moderation import apply_moderation, audit_trail
from course.grading.results import cohort_results, marks_by_submission
from course.grading.store import open_store
from course.nbgrader_ext.api import autograde, load_config, nbgrader_api
from course.nbgrader_ext.scratch import make_scratch_course
from tests.conftest import write_mini_course
from tests.nbgrader_helpers import place_submission, scores
from tests.postgres import (  # noqa: F401  (fixtures)
    PostgresUnavailable, create_database, database_name, find_bindir, postgres_db, postgres_server, postgres_url,
)
from tests.test_cycle import EXPECTED_CRITERIA, EXPECTED_MARKS, LEARNERS, QUALITY

STAMP_B = "Maîtrisé : Tout est observable et argumenté."  # the simulated marker's comment on bon's M1.1-B
ORAL_ACQUIS = "Jury (oral simulé) — Acquis : L'essentiel est observable."
ORAL_NON_ACQUIS = "Jury (oral simulé) — Non acquis : Rien d'observable."
REMARK = "Élodie a beaucoup progressé ; « bravo »."


def use_database(course_dir: Path, db_url: str) -> None:
    """Point the scratch course at `db_url`, after the scratch config's own SQLite line."""
    with open(course_dir / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"c.CourseDirectory.db_url = {db_url!r}\n")


def query(db_url: str, sql: str) -> list[tuple]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def cycle(postgres_url, tmp_path_factory):
    """The mini course's full cycle (4 learners, marking, feedback) on its own PostgreSQL database."""
    root = tmp_path_factory.mktemp("postgres")
    course_dir = make_scratch_course(root / "cours", write_mini_course(root / "depot"), ["mini"])
    db_url = create_database(postgres_url, "cycle")
    use_database(course_dir, db_url)
    catalogue = load_catalogue(course_dir)
    with open(os.devnull, "w") as sink:
        quiet = Console(file=sink)
        run_cycle(course_dir, root / "sortie", LEARNERS, catalogue, quiet, jobs=2,
                  quality_of=lambda learner, assignment_id: QUALITY[learner.id])
        generate_feedback(course_dir, ["mini"], quiet)
    return course_dir, catalogue, db_url


def test_server_is_a_private_loopback_cluster(postgres_server, postgres_url):
    assert postgres_server.version.startswith("postgres (PostgreSQL) ")
    assert postgres_server.start_seconds < 30
    assert query(postgres_url, "SHOW listen_addresses") == [("127.0.0.1",)]
    assert query(postgres_url, "SHOW server_encoding") == [("UTF8",)]
    assert query(postgres_url, "SELECT current_user") == [("casp",)]
    assert postgres_server.data.stat().st_uid != 0  # PostgreSQL never runs as root
    with pytest.raises(psycopg.OperationalError, match='password authentication failed for user "casp"'):
        psycopg.connect(host="127.0.0.1", port=postgres_server.port, user="casp", password="faux", dbname="postgres")


def test_missing_server_binaries_fail_naming_the_debian_package(tmp_path, monkeypatch):
    monkeypatch.delenv("CASP_PG_BINDIR", raising=False)
    pattern = str(tmp_path / "*" / "bin")
    (tmp_path / "15" / "bin").mkdir(parents=True)  # a version directory without its binaries
    with pytest.raises(PostgresUnavailable) as error:
        find_bindir(pattern)
    assert str(error.value) == (
        f"Serveur PostgreSQL introuvable ({pattern}/initdb, avec pg_ctl et postgres) : installez le paquet Debian "
        "« postgresql » (apt-get install -y postgresql, ou `make system-deps`)."
    )


def test_cycle_on_postgres_gives_the_sqlite_results(cycle):
    course_dir, catalogue, db_url = cycle
    assert load_config(course_dir).CourseDirectory.db_url == db_url
    assert db_url.startswith("postgresql+psycopg://casp:") and database_name(db_url) == "cycle"
    assert not (course_dir / "gradebook.db").exists()  # nothing fell back to SQLite

    rows = cohort_results(catalogue, db_url)
    assert {(r.student_id, r.criterion_id): (r.points, r.level) for r in rows} == EXPECTED_CRITERIA
    assert marks_by_submission(rows) == EXPECTED_MARKS
    feedback_dir = course_dir / "feedback"
    feedback = sorted(p.relative_to(feedback_dir).as_posix() for p in feedback_dir.rglob("*.html"))
    assert feedback == [f"{q}/mini/mini.html" for q in sorted(QUALITY)]

    # The rows really are in PostgreSQL, in nbgrader's own tables.
    assert {"alembic_version", "assignment", "grade", "comment", "student", "submitted_assignment"} <= set(
        inspect(create_engine(db_url)).get_table_names())
    assert query(db_url, "SELECT id, first_name FROM student ORDER BY id") == [
        ("bon", "Bon"), ("excellent", "Excellent"), ("partiel", "Partiel"), ("vide", "Vide")]
    assert query(db_url, "SELECT c.name, count(*), sum(coalesce(g.manual_score, g.auto_score)) FROM grade g "
                         "JOIN base_cell c ON c.id = g.cell_id GROUP BY c.name ORDER BY c.name") == [
        ("ecrit1", 4, 19.0), ("oral1", 4, 16.5), ("t1", 4, 6.0), ("t2", 4, 2.0)]


def test_grading_layer_on_postgres(cycle, postgres_url, tmp_path):
    course_dir, catalogue, cycle_url = cycle
    db = create_database(postgres_url, "grading", template=database_name(cycle_url))

    cohort = load_cohort(catalogue, db)
    assert [(l.id, l.name, l.email) for l in cohort.learners] == [
        (q, f"{q.capitalize()} Fictif", f"{q}@formation.example") for q in sorted(QUALITY)]
    assert {(r.student_id, r.criterion_id): (r.points, r.level) for r in cohort.rows} == EXPECTED_CRITERIA
    assert (cohort.flags, cohort.remarks) == ([], {})
    assert query(db, "SELECT version FROM casp_schema") == [(1,)]  # casp's tables, created beside nbgrader's

    # Second marks: one recorded, then replaced (an audit row), beside the first marker's.
    record_second_mark(db, student_id="bon", assignment_id="mini", grade_id="ecrit1", marker="m.durand", points=0,
                       catalogue=catalogue)
    record_second_mark(db, student_id="bon", assignment_id="mini", grade_id="ecrit1", marker="m.durand", points=3,
                       comment="Hypothèses absentes.", catalogue=catalogue)
    assert query(db, "SELECT student_id, assignment_id, notebook_id, grade_id, marker, points, comment "
                     "FROM casp_second_marks") == [
        ("bon", "mini", "mini", "ecrit1", "m.durand", 3.0, "Hypothèses absentes.")]
    [pair] = first_and_second_marks(db, catalogue)
    assert (pair.student_id, pair.criterion_id, pair.first_points, pair.second_points, pair.first_level,
            pair.second_level, pair.second_marker) == ("bon", "M1.1-B", 8.0, 3.0, "maitrise", "en_cours", "m.durand")
    assert pair.marked_at.utcoffset() == timedelta(0)  # timestamptz on PostgreSQL, read back in UTC

    # Moderation: the decision becomes nbgrader's mark, with its audit row, in one transaction.
    decision = apply_moderation(db, catalogue, student_id="bon", assignment_id="mini", grade_id="ecrit1", points=5.5,
                                moderator="c.martin", reason="Deux niveaux d'écart entre correcteurs",
                                comment="Acquis : les hypothèses restent à étayer.")
    assert (decision.criterion_id, decision.old_points, decision.new_points, decision.old_level,
            decision.new_level) == ("M1.1-B", 8.0, 5.5, "maitrise", "acquis")
    with Gradebook(db) as gradebook:
        grade = gradebook.find_grade("ecrit1", "mini", "mini", "bon")
        comment = gradebook.find_comment("ecrit1", "mini", "mini", "bon")
        assert (grade.score, grade.manual_score, grade.needs_manual_grade, comment.manual_comment) == (
            5.5, 5.5, False, "Acquis : les hypothèses restent à étayer.")
    # Agreement still compares the two markers: the first mark from before moderation.
    [pair] = first_and_second_marks(db, catalogue)
    assert (pair.first_points, pair.second_points) == (8.0, 3.0)

    # Jury sheet: the blank sheet filled in as a jury would, then imported.
    blank = write_jury_sheet(tmp_path / "jury.csv", catalogue, cohort.learners)
    rows = list(csv.reader(io.StringIO(blank.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [(r[0], r[4]) for r in rows[1:]] == [(q, c) for q in sorted(QUALITY) for c in ("M1.1-C", "REMARQUES")]
    rows[1][8:10] = ["8", "Très clair, bravo."]  # bon
    rows[7][8:10] = ["3", ""]  # vide
    rows[8][9] = REMARK  # vide's general remark
    filled = tmp_path / "jury_rempli.csv"
    with filled.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    result = import_jury_sheet(db, filled, catalogue, "jury.martin")
    assert [(m.line, m.student_id, m.points, m.comment) for m in result.changed] == [
        (2, "bon", 8.0, "Très clair, bravo."), (8, "vide", 3.0, "")]
    assert result.remarks == ["vide"]
    assert sorted(result.skipped) == [
        "ligne 4 : pas de note pour excellent, critère M1.1-C ; ligne ignorée.",
        "ligne 6 : pas de note pour partiel, critère M1.1-C ; ligne ignorée.",
    ]

    trail = audit_trail(db)
    assert [{k: v for k, v in row.items() if k not in ("id", "at")} for row in trail] == [
        {"actor": "m.durand", "action": "second_mark", "student_id": "bon", "assignment_id": "mini",
         "grade_id": "ecrit1", "old_points": 0.0, "new_points": 3.0, "old_comment": "",
         "new_comment": "Hypothèses absentes.", "reason": "nouvelle saisie du second correcteur"},
        {"actor": "c.martin", "action": "moderation", "student_id": "bon", "assignment_id": "mini",
         "grade_id": "ecrit1", "old_points": 8.0, "new_points": 5.5, "old_comment": STAMP_B,
         "new_comment": "Acquis : les hypothèses restent à étayer.",
         "reason": "Deux niveaux d'écart entre correcteurs"},
        {"actor": "jury.martin", "action": "jury", "student_id": "bon", "assignment_id": "mini", "grade_id": "oral1",
         "old_points": 5.5, "new_points": 8.0, "old_comment": ORAL_ACQUIS, "new_comment": "Très clair, bravo.",
         "reason": "feuille du jury jury_rempli.csv, ligne 2"},
        {"actor": "jury.martin", "action": "jury", "student_id": "vide", "assignment_id": "mini", "grade_id": "oral1",
         "old_points": 0.0, "new_points": 3.0, "old_comment": ORAL_NON_ACQUIS, "new_comment": ORAL_NON_ACQUIS,
         "reason": "feuille du jury jury_rempli.csv, ligne 8"},
    ]
    assert all(row["at"].utcoffset() == timedelta(0) for row in trail)

    after = load_cohort(catalogue, db)
    changed = {("bon", "M1.1-B"): (5.5, "acquis"), ("bon", "M1.1-C"): (8.0, "maitrise"),
               ("vide", "M1.1-C"): (3.0, "en_cours")}
    assert {(r.student_id, r.criterion_id): (r.points, r.level) for r in after.rows} == EXPECTED_CRITERIA | changed
    assert marks_by_submission(after.rows) == EXPECTED_MARKS | {("bon", "mini"): 15.5, ("vide", "mini"): 3.0}
    assert after.remarks == {"vide": REMARK}
    # The cycle's own database is untouched by work on the copy.
    assert marks_by_submission(cohort_results(catalogue, cycle_url)) == EXPECTED_MARKS


def timed_autograde(course_dir: str, assignment_id: str, student_id: str) -> tuple[str, bool, float, float, str]:
    started = time.time()
    result = autograde(Path(course_dir), assignment_id, student_id)
    return student_id, bool(result["success"]), started, time.time(), result.get("log", "") + result.get("error", "")


def test_two_concurrent_autogrades_on_postgres(postgres_db, tmp_path):
    course_dir = make_scratch_course(tmp_path / "cours", write_mini_course(tmp_path / "depot"), ["mini"])
    use_database(course_dir, postgres_db)
    assert nbgrader_api(course_dir).generate_assignment("mini", force=True)["success"]
    assignment = load_catalogue(course_dir).assignment("mini")
    with Gradebook(postgres_db) as gradebook:
        for student_id in ("juste", "vierge"):
            gradebook.update_or_create_student(student_id)
    place_submission(course_dir, assignment, "juste", course_dir / "source" / "mini")  # the model answers
    place_submission(course_dir, assignment, "vierge", course_dir / "release" / "mini")  # handed in untouched

    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(timed_autograde, str(course_dir), "mini", sid) for sid in ("juste", "vierge")]
        results = {f.result()[0]: f.result()[1:] for f in futures}
    assert {sid: ok for sid, (ok, *_rest) in results.items()} == {"juste": True, "vierge": True}, results
    (_, start_a, end_a, _), (_, start_b, end_b, _) = results.values()
    assert max(start_a, start_b) < min(end_a, end_b)  # the two autogrades did overlap

    assert scores(course_dir, assignment, "juste") == {"t1": 2.0, "t2": 2.0, "ecrit1": 0.0, "oral1": 0.0}
    assert scores(course_dir, assignment, "vierge") == {"t1": 0.0, "t2": 0.0, "ecrit1": 0.0, "oral1": 0.0}
    assert query(postgres_db, "SELECT s.student_id, count(g.id) FROM submitted_assignment s "
                              "JOIN submitted_notebook n ON n.assignment_id = s.id "
                              "JOIN grade g ON g.notebook_id = n.id GROUP BY s.student_id ORDER BY s.student_id") == [("juste", 4), ("vierge", 4)]
    assert not (course_dir / "gradebook.db").exists()


def open_and_close_store(db_url: str) -> str:
    try:
        open_store(db_url).dispose()
    except Exception as exc:  # reported, so that the assertion shows what PostgreSQL said
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_processes_opening_a_new_store_together_all_succeed(postgres_db):
    # Without open_store's advisory lock, concurrent CREATE TABLEs fail on PostgreSQL with
    # « duplicate key value violates unique constraint "pg_type_typname_nsp_index" ».
    with ProcessPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(open_and_close_store, [postgres_db] * 4)) == ["ok"] * 4
    assert query(postgres_db, "SELECT version FROM casp_schema") == [(1,)]
