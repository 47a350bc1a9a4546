"""Gradebook backups: one before every autograde or moderation batch, the last N kept, restorable.

SQLite is copied with its online backup API (consistent even while nbgrader or formgrader
write); PostgreSQL with `pg_dump` (custom format) when it is installed. Backups live in
`<course>/sauvegardes/gradebook-<UTC timestamp>-<reason>.db` (`.dump` for PostgreSQL), and
the names sort in time order.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from sqlalchemy.engine import make_url

from .. import CourseError

BACKUP_DIR = "sauvegardes"
DEFAULT_KEEP = 10
KEEP_ENV = "CASP_SAUVEGARDES_GARDEES"
RESTORE_REASON = "avant-restauration"
_TIMESTAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^gradebook-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z0-9-]+)\.(?P<ext>db|dump)$")


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime   # UTC
    reason: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def backup_dir(course_dir: Path) -> Path:
    return Path(course_dir).resolve() / BACKUP_DIR


def keep_count(keep: int | None = None) -> int:
    """How many backups rotation keeps: the argument, else $CASP_SAUVEGARDES_GARDEES, else 10."""
    if keep is None:
        raw = os.environ.get(KEEP_ENV, "").strip()
        try:
            keep = int(raw) if raw else DEFAULT_KEEP
        except ValueError:
            raise CourseError(f"{KEEP_ENV}={raw!r} : un nombre entier de sauvegardes à garder est attendu.") from None
    if keep < 1:
        raise CourseError(f"Il faut garder au moins une sauvegarde (demandé : {keep}).")
    return keep


def slug(reason: str) -> str:
    """« Modération B2 » → « moderation-b2 »: a reason that is safe in a file name."""
    text = unicodedata.normalize("NFKD", reason)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].strip("-") or "sauvegarde"


def sqlite_path(db_url: str, course_dir: Path) -> Path | None:
    """The gradebook file of a SQLite URL (relative paths are nbgrader's: from the course directory)."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:":
        raise CourseError(f"Le carnet de notes {db_url} est en mémoire : il n'y a rien à sauvegarder.")
    path = Path(url.database)
    return path if path.is_absolute() else Path(course_dir).resolve() / path


def list_backups(course_dir: Path) -> list[Backup]:
    """Backups of this course, oldest first."""
    found = []
    folder = backup_dir(course_dir)
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            created = datetime.strptime(match["stamp"], _TIMESTAMP).replace(tzinfo=timezone.utc)
            found.append(Backup(path, created, match["reason"]))
    return sorted(found, key=lambda b: b.path.name)


def _target(course_dir: Path, reason: str, ext: str, now: datetime | None) -> Path:
    folder = backup_dir(course_dir)
    folder.mkdir(parents=True, exist_ok=True)
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    latest = list_backups(course_dir)
    if latest and latest[-1].created >= moment:  # names must keep sorting in time order
        moment = latest[-1].created + timedelta(microseconds=1)
    return folder / f"gradebook-{moment.strftime(_TIMESTAMP)}-{slug(reason)}.{ext}"


def _rotate(course_dir: Path, keep: int, protect: set[Path]) -> list[Path]:
    """Remove all but the `keep` most recent backups; `protect` (the one being restored from) stays too."""
    backups = list_backups(course_dir)
    removed = []
    for backup in backups[: max(0, len(backups) - keep)]:
        if backup.path.resolve() in protect:
            continue
        backup.path.unlink()
        removed.append(backup.path)
    return removed


def _sqlite_copy(source: Path, dest: Path) -> None:
    """sqlite3's online backup: a consistent copy even while other processes write."""
    partial = dest.with_name(dest.name + ".partiel")
    partial.unlink(missing_ok=True)
    # Read-write on purpose: after a crash, opening the gradebook rolls back its hot journal first.
    with closing(sqlite3.connect(source, timeout=60)) as src, \
            closing(sqlite3.connect(partial)) as out:
        src.backup(out)
    os.replace(partial, dest)


def _pg_args(db_url: str) -> tuple[list[str], dict[str, str]]:
    url = make_url(db_url)
    args, env = [], dict(os.environ)
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    if url.password is not None:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def backup_gradebook(db_url: str, course_dir: Path, reason: str, keep: int | None = None,
                     now: datetime | None = None, notify: Callable[[str], None] | None = None,
                     protect: set[Path] | None = None) -> Path | None:
    """Copy the gradebook into sauvegardes/ and keep the last `keep`; None when no copy could be made
    (nothing to save yet, or PostgreSQL without pg_dump), with the reason given to `notify`."""
    notify = notify or _say
    keep = keep_count(keep)
    backend = make_url(db_url).get_backend_name()
    if backend == "sqlite":
        source = sqlite_path(db_url, course_dir)
        if not source.exists():
            notify(f"Pas encore de carnet de notes ({source}) : aucune sauvegarde nécessaire.")
            return None
        dest = _target(course_dir, reason, "db", now)
        _sqlite_copy(source, dest)
    elif backend == "postgresql":
        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            notify("Sauvegarde du carnet de notes impossible : `pg_dump` n'est pas installé (paquet Debian "
                   "postgresql-client). La correction continue ; faites une sauvegarde côté serveur.")
            return None
        dest = _target(course_dir, reason, "dump", now)
        args, env = _pg_args(db_url)
        partial = dest.with_name(dest.name + ".partiel")
        done = subprocess.run([pg_dump, "--format=custom", "--no-owner", "--file", str(partial), *args,
                               make_url(db_url).database], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            raise CourseError(f"pg_dump a échoué : {done.stderr.strip()}")
        os.replace(partial, dest)
    else:
        notify(f"Sauvegarde automatique non prise en charge pour une base « {backend} » : "
               "sauvegardez-la avec les outils du serveur.")
        return None
    _rotate(course_dir, keep, {p.resolve() for p in (protect or set())} | {dest.resolve()})
    return dest


def _read_only(path: Path) -> str:
    return Path(path).resolve().as_uri() + "?mode=ro"


def _check_sqlite_backup(path: Path) -> None:
    try:
        with closing(sqlite3.connect(_read_only(path), uri=True)) as connection:
            status = connection.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise CourseError(f"{path} n'est pas une sauvegarde SQLite lisible ({exc}).") from None
    if status != "ok":
        raise CourseError(f"{path} est abîmée (contrôle d'intégrité : {status}) : restauration refusée.")
    if not {"grade", "submitted_assignment", "student"} <= tables:
        raise CourseError(f"{path} n'est pas un carnet de notes nbgrader : restauration refusée.")


def restore_gradebook(course_dir: Path, backup_path: Path, db_url: str | None = None, keep: int | None = None,
                      notify: Callable[[str], None] | None = None) -> Path | None:
    """Back up the current gradebook (« avant-restauration »), then put `backup_path` in its place.

    Returns the safety backup of the gradebook as it was just before.
    """
    from ..config import load_config

    course_dir = Path(course_dir).resolve()
    backup_path = Path(backup_path).resolve()
    db_url = db_url or load_config(course_dir).CourseDirectory.db_url
    if not backup_path.is_file():
        raise CourseError(f"Sauvegarde introuvable : {backup_path}")
    backend = make_url(db_url).get_backend_name()
    if backend == "sqlite":
        if backup_path.suffix != ".db":
            raise CourseError(f"{backup_path.name} n'est pas une sauvegarde SQLite (.db) : "
                              "le carnet de notes est SQLite.")
        _check_sqlite_backup(backup_path)
        safety = backup_gradebook(db_url, course_dir, RESTORE_REASON, keep=keep, notify=notify, protect={backup_path})
        target = sqlite_path(db_url, course_dir)
        with closing(sqlite3.connect(_read_only(backup_path), uri=True)) as src, \
                closing(sqlite3.connect(target, timeout=60)) as out:
            src.backup(out)  # one step, in one transaction on the live gradebook
        return safety
    if backend == "postgresql":
        pg_restore = shutil.which("pg_restore")
        if pg_restore is None or backup_path.suffix != ".dump":
            raise CourseError("Restauration PostgreSQL : il faut `pg_restore` (paquet postgresql-client) et une "
                              "sauvegarde .dump faite par casp.")
        safety = backup_gradebook(db_url, course_dir, RESTORE_REASON, keep=keep, notify=notify, protect={backup_path})
        if safety is None:
            raise CourseError("Restauration annulée : la base actuelle n'a pas pu être sauvegardée d'abord.")
        args, env = _pg_args(db_url)
        done = subprocess.run([pg_restore, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                               "--dbname", make_url(db_url).database, *args, str(backup_path)],
                              env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise CourseError(f"pg_restore a échoué (la base est inchangée) : {done.stderr.strip()}")
        return safety
    raise CourseError(f"Restauration non prise en charge pour une base « {backend} ».")
