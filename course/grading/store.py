"""casp's own tables, kept in nbgrader's gradebook database beside nbgrader's tables.

nbgrader has no column for a second marker, an audit trail, teams or jury remarks, so we
add tables prefixed `casp_` to the same database (SQLite or PostgreSQL). Migration story:
`casp_schema` holds the schema version; `open_store` creates missing tables and runs the
steps of MIGRATIONS above the stored version, in order, inside one transaction.
nbgrader's own tables are never altered.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Column, DateTime, Float, Integer, MetaData, String, Table, Text, UniqueConstraint, create_engine, insert, select,
    text,
)
from sqlalchemy.engine import Engine

SCHEMA_VERSION = 1
POSTGRES_LOCK_KEY = 0x63617370  # "casp": the advisory lock serialising open_store on PostgreSQL
metadata = MetaData()

schema = Table("casp_schema", metadata, Column("version", Integer, nullable=False))

second_marks = Table(
    "casp_second_marks", metadata,
    Column("id", Integer, primary_key=True),
    Column("student_id", String(128), nullable=False),
    Column("assignment_id", String(128), nullable=False),
    Column("notebook_id", String(128), nullable=False),
    Column("grade_id", String(128), nullable=False),
    Column("marker", String(128), nullable=False),
    Column("points", Float, nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("marked_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("student_id", "assignment_id", "grade_id", "marker", name="uq_casp_second_mark"),
)

audit = Table(
    "casp_audit", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(128), nullable=False),
    Column("action", String(64), nullable=False),  # e.g. moderation, jury, team
    Column("student_id", String(128), nullable=False),
    Column("assignment_id", String(128), nullable=False),
    Column("grade_id", String(128), nullable=False),
    Column("old_points", Float),
    Column("new_points", Float),
    Column("old_comment", Text),
    Column("new_comment", Text),
    Column("reason", Text, nullable=False, default=""),
)

team_members = Table(
    "casp_team_members", metadata,
    Column("assignment_id", String(128), primary_key=True),
    Column("team_id", String(128), primary_key=True),
    Column("student_id", String(128), primary_key=True),
)

jury_remarks = Table(
    "casp_jury_remarks", metadata,
    Column("student_id", String(128), primary_key=True),
    Column("remark", Text, nullable=False),
    Column("author", String(128), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

extensions = Table(
    "casp_extensions", metadata,  # why a learner has more time; nbgrader's SubmittedAssignment.extension has no reason
    Column("student_id", String(128), primary_key=True),
    Column("assignment_id", String(128), primary_key=True),
    Column("days", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", String(128), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

# The jury's deliberation (course.grading.deliberation): a session, its procès-verbaux (one row per version
# issued, with its members), and per candidate × bloc the computed decision and the jury's own when it departs.
jury_sessions = Table(
    "casp_jury_sessions", metadata,
    Column("name", String(200), primary_key=True),
    Column("status", String(16), nullable=False),  # ouverte, close (PV émis), rouverte
    Column("created_at", DateTime(timezone=True), nullable=False),
)

jury_minutes = Table(
    "casp_jury_minutes", metadata,
    Column("session", String(200), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("day", String(10), nullable=False),  # the deliberation's date, AAAA-MM-JJ
    Column("place", Text, nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
)

jury_members = Table(
    "casp_jury_members", metadata,
    Column("session", String(200), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("member", Text, nullable=False),  # name and quality, as the minutes print it
)

jury_decisions = Table(
    "casp_jury_decisions", metadata,
    Column("session", String(200), primary_key=True),
    Column("student_id", String(128), primary_key=True),
    Column("bloc_id", String(16), primary_key=True),
    Column("computed_decision", String(16), nullable=False),
    Column("computed_reason", Text, nullable=False),
    Column("final_decision", String(16)),  # NULL: the jury kept the computed decision
    Column("final_reason", Text),
    Column("decided_by", String(128)),
    Column("decided_at", DateTime(timezone=True)),
)

anonymous_codes = Table(
    "casp_anonymous_codes", metadata,  # blind second marking: the key only moderator-side code reads (blind.py)
    Column("assignment_id", String(128), primary_key=True),
    Column("student_id", String(128), primary_key=True),
    Column("code", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("assignment_id", "code", name="uq_casp_anonymous_code"),
)

# version → list of SQL statements bringing the schema from version-1 to version.
MIGRATIONS: dict[int, list[str]] = {}


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def open_store(db_url: str) -> Engine:
    """An engine on the gradebook database with casp's tables present and migrated."""
    engine = create_engine(db_url, future=True)
    postgres = engine.dialect.name == "postgresql"
    if not postgres:
        metadata.create_all(engine)
    with engine.begin() as connection:
        if postgres:
            # Processes opening a new gradebook together would all create the tables (duplicate key on
            # pg_type): they queue on a lock held until commit; the DDL commits with the version row.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY})
            metadata.create_all(connection)
        row = connection.execute(select(schema.c.version)).first()
        if row is None:
            connection.execute(insert(schema).values(version=SCHEMA_VERSION))
            return engine
        for version in range(row.version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS.get(version, []):
                connection.exec_driver_sql(statement)
            connection.execute(schema.update().values(version=version))
    return engine


def record_audit(connection, *, actor: str, action: str, student_id: str, assignment_id: str, grade_id: str,
                 old_points: float | None, new_points: float | None, old_comment: str | None = None,
                 new_comment: str | None = None, reason: str = "") -> None:
    connection.execute(insert(audit).values(
        at=now(), actor=actor, action=action, student_id=student_id, assignment_id=assignment_id,
        grade_id=grade_id, old_points=old_points, new_points=new_points, old_comment=old_comment,
        new_comment=new_comment, reason=reason,
    ))
