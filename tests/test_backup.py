"""Gradebook backups: exact files kept after rotation, restores that bring back exact scores (SQLite and
PostgreSQL), refusal of damaged backups, and the message when pg_dump is missing."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from course import CourseError
from course.nbgrader_ext import backup as backup_module
from course.nbgrader_ext.api import ensure_tools_on_path
from course.nbgrader_ext.backup import (
    KEEP_ENV, backup_gradebook, keep_count, list_backups, restore_gradebook, slug, sqlite_path,
)
from tests.postgres import postgres_db, postgres_server, postgres_url  # noqa: F401  (fixtures)

ensure_tools_on_path()  # nbgrader creates a gradebook with `alembic`
START = datetime(2026, 3, 2, 8, 30, 0, 125000, tzinfo=timezone.utc)


def make_gradebook(db_url: str) -> None:
    """Two learners' marks on one notebook, written through nbgrader's API (no autograde needed)."""
    with Gradebook(db_url) as gradebook:
        gradebook.add_assignment("mini")
        gradebook.add_notebook("mini", "mini")
        gradebook.add_grade_cell("t1", "mini", "mini", max_score=2, cell_type="code")
        gradebook.add_grade_cell("ecrit1", "mini", "mini", max_score=8, cell_type="markdown")
        gradebook.add_solution_cell("ecrit1", "mini", "mini")
        for student_id in ("ana", "bruno"):
            gradebook.add_student(student_id)
            gradebook.add_submission("mini", student_id)
        set_marks(gradebook, {("ana", "t1"): 2.0, ("ana", "ecrit1"): 6.5, ("bruno", "t1"): 0.0,
                              ("bruno", "ecrit1"): 3.0})


def set_marks(gradebook: Gradebook, marks: dict) -> None:
    for (student_id, grade_id), points in marks.items():
        grade = gradebook.find_grade(grade_id, "mini", "mini", student_id)
        if grade_id == "t1":
            grade.auto_score = points
        else:
            grade.manual_score = points
    gradebook.db.commit()


def marks(db_url: str) -> dict[tuple[str, str], float]:
    with Gradebook(db_url) as gradebook:
        return {(g.student.id, g.name): float(g.score) for s in gradebook.assignment_submissions("mini")
                for g in gradebook.find_submission_notebook("mini", "mini", s.student.id).grades}


ORIGINAL = {("ana", "t1"): 2.0, ("ana", "ecrit1"): 6.5, ("bruno", "t1"): 0.0, ("bruno", "ecrit1"): 3.0}
CHANGED = {("ana", "t1"): 2.0, ("ana", "ecrit1"): 1.0, ("bruno", "t1"): 2.0, ("bruno", "ecrit1"): 8.0}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """One gradebook made once (nbgrader takes 2 s to create one), copied for each test."""
    path = tmp_path_factory.mktemp("modele") / "gradebook.db"
    make_gradebook(f"sqlite:///{path}")
    return path


@pytest.fixture
def course(tmp_path, template) -> tuple[Path, str]:
    course_dir = tmp_path / "cours"
    course_dir.mkdir()
    shutil.copy(template, course_dir / "gradebook.db")
    return course_dir, f"sqlite:///{course_dir / 'gradebook.db'}"


def test_rotation_keeps_exactly_the_last_ten(course):
    course_dir, db_url = course
    reasons = ["autograde-mini", "Modération B2"] * 6
    made = [backup_gradebook(db_url, course_dir, reason, now=START + timedelta(minutes=i))
            for i, reason in enumerate(reasons)]
    kept = sorted(p.name for p in (course_dir / "sauvegardes").iterdir())
    assert kept == [
        "gradebook-20260302T083200125000Z-autograde-mini.db",
        "gradebook-20260302T083300125000Z-moderation-b2.db",
        "gradebook-20260302T083400125000Z-autograde-mini.db",
        "gradebook-20260302T083500125000Z-moderation-b2.db",
        "gradebook-20260302T083600125000Z-autograde-mini.db",
        "gradebook-20260302T083700125000Z-moderation-b2.db",
        "gradebook-20260302T083800125000Z-autograde-mini.db",
        "gradebook-20260302T083900125000Z-moderation-b2.db",
        "gradebook-20260302T084000125000Z-autograde-mini.db",
        "gradebook-20260302T084100125000Z-moderation-b2.db",
    ]
    assert [p.name for p in made[2:]] == kept and not made[0].exists() and not made[1].exists()
    listed = list_backups(course_dir)
    assert [b.path.name for b in listed] == kept
    assert listed[0].created == START + timedelta(minutes=2) and listed[1].reason == "moderation-b2"
    assert marks(f"sqlite:///{kept_path(course_dir, kept[-1])}") == ORIGINAL


def kept_path(course_dir: Path, name: str) -> Path:
    return course_dir / "sauvegardes" / name


def test_rotation_count_is_configurable_and_names_keep_time_order(course, monkeypatch):
    course_dir, db_url = course
    monkeypatch.setenv(KEEP_ENV, "3")
    assert keep_count() == 3 and keep_count(5) == 5
    for _ in range(4):  # same instant: the next name is one microsecond later, never a clash
        backup_gradebook(db_url, course_dir, "autograde", now=START)
    assert [b.path.name for b in list_backups(course_dir)] == [
        "gradebook-20260302T083000125001Z-autograde.db",
        "gradebook-20260302T083000125002Z-autograde.db",
        "gradebook-20260302T083000125003Z-autograde.db",
    ]
    monkeypatch.setenv(KEEP_ENV, "zéro")
    with pytest.raises(CourseError, match="CASP_SAUVEGARDES_GARDEES='zéro'"):
        keep_count()
    assert slug("Avant restauration : « B2 » !") == "avant-restauration-b2"


def test_restore_brings_back_exact_scores_after_a_safety_backup(course):
    course_dir, db_url = course
    saved = backup_gradebook(db_url, course_dir, "avant-moderation", now=START)
    with Gradebook(db_url) as gradebook:
        set_marks(gradebook, CHANGED)
    assert marks(db_url) == CHANGED
    safety = restore_gradebook(course_dir, saved, db_url=db_url)
    assert marks(db_url) == ORIGINAL
    assert safety.name.endswith("-avant-restauration.db") and marks(f"sqlite:///{safety}") == CHANGED
    assert [b.reason for b in list_backups(course_dir)] == ["avant-moderation", "avant-restauration"]
    restore_gradebook(course_dir, safety, db_url=db_url)  # and back again
    assert marks(db_url) == CHANGED


def test_restoring_the_oldest_backup_survives_its_own_rotation(course):
    course_dir, db_url = course
    oldest = backup_gradebook(db_url, course_dir, "premiere", keep=2, now=START)
    with Gradebook(db_url) as gradebook:
        set_marks(gradebook, CHANGED)
    backup_gradebook(db_url, course_dir, "seconde", keep=2, now=START + timedelta(minutes=1))
    restore_gradebook(course_dir, oldest, db_url=db_url, keep=2)
    assert marks(db_url) == ORIGINAL
    # The two most recent, plus the one restored from, which rotation would otherwise have removed.
    assert [b.reason for b in list_backups(course_dir)] == ["premiere", "seconde", "avant-restauration"]
    backup_gradebook(db_url, course_dir, "suivante", keep=2, now=START + timedelta(minutes=5))
    assert [b.reason for b in list_backups(course_dir)] == ["avant-restauration", "suivante"]


def test_damaged_or_foreign_backups_are_refused_and_change_nothing(course, tmp_path):
    course_dir, db_url = course
    broken = tmp_path / "gradebook-abime.db"
    broken.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    with pytest.raises(CourseError, match="n'est pas une sauvegarde SQLite lisible"):
        restore_gradebook(course_dir, broken, db_url=db_url)
    other = tmp_path / "autre.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (x)")
    connection.close()
    with pytest.raises(CourseError, match="n'est pas un carnet de notes nbgrader"):
        restore_gradebook(course_dir, other, db_url=db_url)
    with pytest.raises(CourseError, match="Sauvegarde introuvable"):
        restore_gradebook(course_dir, tmp_path / "absente.db", db_url=db_url)
    assert marks(db_url) == ORIGINAL and list_backups(course_dir) == []


def test_nothing_to_save_yet_and_relative_sqlite_paths(tmp_path):
    said = []
    assert backup_gradebook(f"sqlite:///{tmp_path / 'absent.db'}", tmp_path, "autograde", notify=said.append) is None
    assert said == [f"Pas encore de carnet de notes ({tmp_path / 'absent.db'}) : aucune sauvegarde nécessaire."]
    assert sqlite_path("sqlite:///gradebook.db", tmp_path) == tmp_path.resolve() / "gradebook.db"


def test_postgresql_without_pg_dump_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(backup_module.shutil, "which", lambda name: None)
    said = []
    url = "postgresql+psycopg://casp:secret@127.0.0.1:5999/notes"
    assert backup_gradebook(url, tmp_path, "autograde", notify=said.append) is None
    assert said == ["Sauvegarde du carnet de notes impossible : `pg_dump` n'est pas installé (paquet Debian "
                    "postgresql-client). La correction continue ; faites une sauvegarde côté serveur."]
    with pytest.raises(CourseError, match="il faut `pg_restore`"):
        (tmp_path / "x.dump").write_bytes(b"")
        restore_gradebook(tmp_path, tmp_path / "x.dump", db_url=url)


def test_postgresql_backup_and_restore_round_trip(postgres_db, tmp_path):
    course_dir = tmp_path / "cours"
    course_dir.mkdir()
    make_gradebook(postgres_db)
    saved = backup_gradebook(postgres_db, course_dir, "autograde-mini", now=START)
    assert saved.name == "gradebook-20260302T083000125000Z-autograde-mini.dump" and saved.stat().st_size > 0
    with Gradebook(postgres_db) as gradebook:
        set_marks(gradebook, CHANGED)
    safety = restore_gradebook(course_dir, saved, db_url=postgres_db)
    assert marks(postgres_db) == ORIGINAL
    assert safety.name.endswith("-avant-restauration.dump")
    restore_gradebook(course_dir, safety, db_url=postgres_db)
    assert marks(postgres_db) == CHANGED
