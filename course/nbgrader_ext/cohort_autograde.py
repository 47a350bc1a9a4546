"""`casp autograde`: grade a whole cohort in parallel, survive broken submissions, lose no manual grade.

Each submission is checked first (submission_checks), a vetted or repaired copy is written to
`copies_de_correction/<student>/<assignment>/`, and nbgrader autogrades that copy in its own
process, `jobs` at a time: a submission that fails or crashes its process is reported and the
others go on. Around each run the manual part of the gradebook (manual scores, extra credit,
comments, the « needs manual grade » flag) is saved to a journal file and put back, so a re-run
or a run killed half-way and started again never undoes a trainer's marking.

Grading processes are forked from the batch (warm: nbgrader takes 3 s to import), or started from
a forkserver when the caller holds an SQLite connection open, which SQLite forbids to carry across
fork(); each one dies with the batch (PR_SET_PDEATHSIG), and its kernel with it.

The gradebook is backed up first. nbgrader creates its own SQLAlchemy engines, so connect_args
cannot reach them; instead each grading process registers a `connect` listener on SQLAlchemy's
Engine class that gives every SQLite connection a 30 s busy timeout (writers wait for each other
instead of failing), and a submission whose run still met « database is locked » is run again.
Nothing else assumes SQLite: a PostgreSQL db_url is used as it is (the listener ignores it).
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import multiprocessing
import multiprocessing.connection
import os
import random
import re
import shutil
import sqlite3
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from rich.console import Console
from rich.table import Table
from sqlalchemy import event
from sqlalchemy.engine import Engine
from traitlets.config import Config

from .. import CourseError
from ..catalogue import load_catalogue
from ..grading.autograde_statuses import PENDING as STATUS_PENDING
from ..grading.autograde_statuses import STATUS_HEADERS, read_status_file, status_path
from . import api
from .backup import backup_gradebook
from .workers import die_with_parent, worker_context
from .submission_checks import (
    BLOCKING, STATUS_GRADED, STATUS_NOT_GRADED, STATUS_RESERVED, check_submission, load_definitions,
    released_files, write_grading_copy,
)

STAGING_DIR = "copies_de_correction"
JOURNAL_DIR = ".reprise"
BUSY_TIMEOUT_SECONDS = 30
LOCK_ATTEMPTS = 5
LOCK_MARKERS = ("database is locked", "database table is locked")


@dataclass
class SubmissionOutcome:
    student_id: str
    assignment_id: str
    status: str
    reasons: list[str] = field(default_factory=list)
    seconds: float = 0.0


# --------------------------------------------------------------------------- configuration


_busy_timeout_installed = False


def install_sqlite_busy_timeout(seconds: int = BUSY_TIMEOUT_SECONDS) -> None:
    """Every SQLite connection this process opens, nbgrader's included, waits up to `seconds` for a lock."""
    global _busy_timeout_installed
    if _busy_timeout_installed:
        return

    @event.listens_for(Engine, "connect")
    def _busy_timeout(dbapi_connection, _record) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    _busy_timeout_installed = True


def _sandbox_module():
    try:
        from . import sandbox
    except ImportError:
        return None
    return sandbox


def sandbox_label(unsandboxed: bool) -> str:
    """What the status table says about the sandbox; refuses to go on when it was asked for and cannot start."""
    sandbox = _sandbox_module()
    if sandbox is None:
        return "indisponible (module absent)"
    if unsandboxed:
        return "désactivé"
    ok, reason = sandbox.sandbox_available()
    if not ok:
        raise CourseError(sandbox.unavailable_message(reason))
    return "actif"


ZYGOTE_NOTE = "noyau démarré sans préchargement"  # in the statuses of a copy whose kernel missed the zygote


@contextlib.contextmanager
def batch_zygote(wanted: bool, console: Console):
    """The batch's zygote, shared by its grading processes through SOCKET_ENV; yields it, or None when it
    was not wanted or cannot start (then said once, and kernels start the usual way)."""
    if not wanted:
        yield None
        return
    from . import zygote

    try:
        started = zygote.start_zygote()
    except zygote.ZygoteError as exc:
        console.print(f"Noyaux préchargés indisponibles : {exc}. Chaque copie est exécutée par un Python neuf "
                      "dans le bac à sable (plus lent, aussi sûr).")
        yield None
        return
    previous = os.environ.get(zygote.SOCKET_ENV)
    os.environ[zygote.SOCKET_ENV] = started.socket_path
    try:
        yield started
    finally:
        if previous is None:
            os.environ.pop(zygote.SOCKET_ENV, None)
        else:
            os.environ[zygote.SOCKET_ENV] = previous
        started.stop()


def _declared_learner_files(course_dir: Path) -> dict[str, list[str]]:
    """Each assignment's `learner_files` patterns from the catalogue (none when it cannot be read)."""
    try:
        catalogue = load_catalogue(course_dir)
    except CourseError:
        return {}
    return {aid: list(a.learner_files) for aid, a in catalogue.assignments.items()}


def submitted_assignments(course_dir: Path) -> list[str]:
    """Assignments of the gradebook that have at least one submission folder (for `--all`)."""
    coursedir = api.course_directory(Path(course_dir).resolve())
    submitted = Path(coursedir.root) / coursedir.submitted_directory
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        known = [assignment.name for assignment in gradebook.assignments]
    return [aid for aid in known if submitted.is_dir() and any((s / aid).is_dir() for s in submitted.iterdir())]


def count_submissions(course_dir: Path, assignment_ids: list[str]) -> int:
    """How many submission folders a batch will look at (for a progress bar)."""
    coursedir = api.course_directory(Path(course_dir).resolve())
    submitted = Path(coursedir.root) / coursedir.submitted_directory
    if not submitted.is_dir():
        return 0
    return sum(1 for student in submitted.iterdir() if student.is_dir() for aid in assignment_ids
               if (student / aid).exists() or (student / aid).is_symlink())


# --------------------------------------------------------------------------- manual grades kept across runs


def _locked(error: Exception | str) -> bool:
    return any(marker in str(error) for marker in LOCK_MARKERS)


def _retry_locked(action: Callable, attempts: int = LOCK_ATTEMPTS):
    for attempt in range(attempts):
        try:
            return action()
        except Exception as exc:  # sqlalchemy.exc.OperationalError, whatever the driver
            if not _locked(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.5 * (attempt + 1) + random.random())


def snapshot_manual_state(db_url: str, course_id: str, assignment_id: str, student_id: str) -> dict:
    """What a trainer put in the gradebook for one submission (empty when never graded)."""
    state = {"grades": [], "comments": []}
    with Gradebook(db_url, course_id) as gradebook:
        try:
            submission = gradebook.find_submission(assignment_id, student_id)
        except MissingEntry:
            return state
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.manual_score is None and grade.extra_credit is None:
                    continue
                state["grades"].append({
                    "notebook": notebook.name, "grade_id": grade.name, "manual_score": grade.manual_score,
                    "extra_credit": grade.extra_credit, "needs_manual_grade": bool(grade.needs_manual_grade),
                    "auto_score": grade.auto_score,
                })
            for comment in notebook.comments:
                if comment.manual_comment:
                    state["comments"].append({"notebook": notebook.name, "grade_id": comment.name,
                                              "manual_comment": comment.manual_comment})
    return state


def _merge_journal(journal: Path, current: dict) -> dict:
    """After an interrupted run, the journal holds the flags nbgrader may already have reset;
    values a trainer changed since then (the gradebook's) win."""
    try:
        saved = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return current
    by_key = {(g["notebook"], g["grade_id"]): g for g in saved.get("grades", [])}
    grades = []
    for grade in current["grades"]:
        old = by_key.get((grade["notebook"], grade["grade_id"]))
        same = old and old["manual_score"] == grade["manual_score"] and old["extra_credit"] == grade["extra_credit"]
        grades.append(old if same else grade)
    known = {(g["notebook"], g["grade_id"]) for g in grades}
    grades += [g for key, g in by_key.items() if key not in known]
    comments = {(c["notebook"], c["grade_id"]): c for c in saved.get("comments", [])}
    comments.update({(c["notebook"], c["grade_id"]): c for c in current["comments"]})
    return {"grades": grades, "comments": list(comments.values())}


def restore_manual_state(db_url: str, course_id: str, assignment_id: str, student_id: str, state: dict) -> list[str]:
    """Put the trainer's marks back after nbgrader; returns French notes for what needs a second look.

    nbgrader 0.9.6 keeps manual_score and comments but sets needs_manual_grade back to True on
    every re-run (SaveAutoGrades), so marked work would show as « to grade » again: the flag is
    restored when the automatic score did not change, and left raised (with a note) when it did.
    """
    notes = []
    if not state["grades"] and not state["comments"]:
        return notes
    with Gradebook(db_url, course_id) as gradebook:
        for saved in state["grades"]:
            try:
                grade = gradebook.find_grade(saved["grade_id"], saved["notebook"], assignment_id, student_id)
            except MissingEntry:
                notes.append(f"note manuelle de « {saved['grade_id']} » ({saved['manual_score']}) sans cellule "
                             "correspondante dans le sujet actuel : conservée dans la sauvegarde seulement")
                continue
            grade.manual_score = saved["manual_score"]
            grade.extra_credit = saved["extra_credit"]
            before, after = saved["auto_score"], grade.auto_score
            if before == after or (before is not None and after is not None and float(before) == float(after)):
                grade.needs_manual_grade = saved["needs_manual_grade"]
            else:
                grade.needs_manual_grade = True
                notes.append(f"note manuelle de « {saved['grade_id']} » conservée ; le score automatique a changé "
                             f"({_points(before)} → {_points(after)}) : à revoir")
        for saved in state["comments"]:
            try:
                comment = gradebook.find_comment(saved["grade_id"], saved["notebook"], assignment_id, student_id)
            except MissingEntry:
                continue
            comment.manual_comment = saved["manual_comment"]
        gradebook.db.commit()
    return notes


def _points(value) -> str:
    return "—" if value is None else f"{float(value):g}"


# --------------------------------------------------------------------------- one submission, in its own process


def _write_json_atomic(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partiel")
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def _journal(course_dir: Path, assignment_id: str, student_id: str) -> Path:
    return Path(course_dir) / STAGING_DIR / JOURNAL_DIR / assignment_id / f"{student_id}.json"


def _autograde_copy(course_dir: Path, assignment_id: str, student_id: str, overrides: Config,
                    unsandboxed: bool, zygote: bool = False) -> dict:
    """`api.autograde` (kernel retries, no kernel without autograded tests) on the vetted copy,
    learners' code in the sandbox unless `unsandboxed`, its kernels forked from the batch's zygote with `zygote`."""
    original = api.load_config
    sandbox = _sandbox_module()
    if sandbox is not None and unsandboxed:
        os.environ[sandbox.OPT_OUT_ENV] = "1"  # for a nbgrader_config.py that reads it

    def load_config(path):
        config = original(path)
        config.merge(overrides)
        if sandbox is not None:
            sandbox.configure_sandbox(config, Path(path), enabled=not unsandboxed, check=False,
                                      zygote=zygote and not unsandboxed)
        return config

    api.load_config = load_config
    try:
        return api.autograde(course_dir, assignment_id, student_id)
    finally:
        api.load_config = original


def _record_absent(coursedir: CourseDirectory, db_url: str, assignment_id: str, student_id: str) -> dict:
    """No expected notebook at all: record 0 everywhere, as nbgrader does for each missing notebook."""
    timestamp = coursedir.get_existing_timestamp(
        os.path.join(coursedir.root, STAGING_DIR, student_id, assignment_id))
    with Gradebook(db_url, coursedir.course_id) as gradebook:
        gradebook.update_or_create_student(student_id)
        extra = {"timestamp": timestamp} if timestamp else {}
        gradebook.update_or_create_submission(assignment_id, student_id, **extra)
        for notebook in gradebook.find_assignment(assignment_id).notebooks:
            for grade in gradebook.find_submission_notebook(notebook.name, assignment_id, student_id).grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
        gradebook.db.commit()
    stale = Path(coursedir.root) / coursedir.autograded_directory / student_id / assignment_id
    if stale.is_dir():
        shutil.rmtree(stale)  # what nbgrader's force=True does before grading again
    return {"success": True}


def grade_submission(course_dir: str, assignment_id: str, student_id: str, has_notebooks: bool,
                     unsandboxed: bool, zygote: bool = False) -> dict:
    """Autograde one vetted copy, keeping the trainer's marks; returns success, error, notes and the reasons
    why kernels started without the zygote (`kernel_fallbacks`)."""
    install_sqlite_busy_timeout()
    course_dir = Path(course_dir)
    coursedir = api.course_directory(course_dir)
    db_url = coursedir.db_url
    course_id = coursedir.course_id
    journal = _journal(course_dir, assignment_id, student_id)
    state = _retry_locked(lambda: snapshot_manual_state(db_url, course_id, assignment_id, student_id))
    if journal.exists():
        state = _merge_journal(journal, state)
    if state["grades"] or state["comments"]:
        _write_json_atomic(journal, state)
    overrides = Config()
    overrides.CourseDirectory.submitted_directory = STAGING_DIR
    result: dict = {"success": False}
    for attempt in range(LOCK_ATTEMPTS):
        if has_notebooks:
            result = _autograde_copy(course_dir, assignment_id, student_id, overrides, unsandboxed, zygote)
        else:
            result = _retry_locked(lambda: _record_absent(coursedir, db_url, assignment_id, student_id))
        if result["success"] or not _locked(result.get("log", "") + result.get("error", "")):
            break
        time.sleep(0.5 * (attempt + 1) + random.random())
    notes = _retry_locked(lambda: restore_manual_state(db_url, course_id, assignment_id, student_id, state))
    journal.unlink(missing_ok=True)
    text = (result.get("log") or "") + "\n" + (result.get("error") or "")
    from .zygote import FALLBACKS

    return {"success": bool(result["success"]), "failure": "" if result["success"] else failure_reason(text),
            "notes": notes, "kernel_fallbacks": list(dict.fromkeys(FALLBACKS))}


def failure_reason(text: str) -> str:
    """nbgrader's failure, in words a trainer can act on."""
    if "Kernel died before replying to kernel_info" in text or "Kernel didn't respond" in text:
        return "le noyau Python n'a pas démarré (3 essais) : relancez la correction"
    if "DeadKernelError" in text or "Kernel died" in text:
        return ("le noyau Python s'est arrêté pendant l'exécution : le code de l'apprenant l'a fait planter "
                "ou a épuisé la mémoire ; ouvrez la copie pour voir la cellule en cause")
    if "UnresponsiveKernelError" in text or "kernel became unresponsive" in text:
        return "une cellule tourne sans fin et le noyau ne répond plus (boucle infinie ?)"
    if _locked(text):
        return f"carnet de notes verrouillé par un autre programme ({LOCK_ATTEMPTS} essais) : relancez la correction"
    for line in reversed(text.splitlines()):
        match = re.match(r"\s*([\w.]*(?:Error|Exception|Exit)): (.+)", line)
        if match and not match.group(1).endswith("NbGraderException"):
            return f"échec de nbgrader : {match.group(1).rsplit('.', 1)[-1]} : {match.group(2).strip()}"
    return "échec de nbgrader (voir son journal en relançant `nbgrader autograde`)"


EXECUTED = "exécuté"  # what a grading process sends once its last notebook ran and its kernel stopped


def _announce_execution(writer, notebooks: int) -> None:
    """Tell the batch when this copy's last kernel is gone, so that it can start the next copy's kernel
    while this one's grades are written: `jobs` notebooks execute at a time, the bookkeeping overlaps."""
    from . import sandbox

    remaining = [notebooks]

    def hook() -> None:
        remaining[0] -= 1
        if remaining[0] == 0:
            try:
                writer.send(EXECUTED)
            except OSError:
                pass

    sandbox.EXECUTION_DONE_HOOKS.append(hook)


def _child_main(writer, task: dict) -> None:
    die_with_parent()
    started = time.monotonic()
    task = dict(task)
    notebooks = task.pop("notebooks_to_execute", 0)
    if notebooks:
        _announce_execution(writer, notebooks)
    try:
        result = grade_submission(**task)
    except BaseException as exc:  # the batch must hear about every failure, whatever it is
        result = {"success": False, "failure": f"erreur inattendue : {type(exc).__name__} : {exc}", "notes": []}
    result["seconds"] = time.monotonic() - started
    writer.send(result)
    writer.close()


PRELOAD = ["course.nbgrader_ext.cohort_autograde", "jupyter_client.manager", "nbclient", "nbgrader.converters",
           "nbgrader.preprocessors", "nbconvert.exporters", "zmq.asyncio"]


def _run_processes(tasks: list[dict], jobs: int, on_result: Callable[[dict, dict | None, int | None], None]) -> None:
    """Each task in a fresh process, `jobs` executing notebooks at a time; a dead process only costs its own task.

    A process that has announced the end of its execution (EXECUTED) no longer counts against `jobs`:
    the next one starts while it writes its grades.
    """
    context = worker_context(PRELOAD)
    pending = deque(tasks)
    running: list[dict] = []  # {"task", "process", "reader", "executed"}
    try:
        while pending or running:
            while pending and sum(not r["executed"] for r in running) < jobs:
                task = pending.popleft()
                reader, writer = context.Pipe(duplex=False)
                process = context.Process(target=_child_main, args=(writer, task),
                                          name=f"casp-autograde-{task['student_id']}")
                process.start()
                writer.close()
                running.append({"task": task, "process": process, "reader": reader, "executed": False})
            multiprocessing.connection.wait([r["reader"] for r in running] + [r["process"].sentinel for r in running],
                                            timeout=5)
            still = []
            for entry in running:
                process, reader = entry["process"], entry["reader"]
                result, done = None, False
                while reader.poll():
                    try:
                        message = reader.recv()
                    except (EOFError, OSError):
                        done = True
                        break
                    if message == EXECUTED:
                        entry["executed"] = True
                        continue
                    result, done = message, True
                    break
                if not done and not process.is_alive():
                    done = True
                if not done:
                    still.append(entry)
                    continue
                process.join(timeout=30)
                reader.close()
                on_result(entry["task"], result, process.exitcode)
            running = still
    finally:
        for entry in running:
            entry["process"].kill()
            entry["process"].join()
            entry["reader"].close()


# --------------------------------------------------------------------------- statuses for trainers


class StatusFile:
    """`autograded/statuts_<assignment>.csv` (apprenant;statut;motifs), rewritten after each submission
    so that an interrupted batch still says what was done and what is « en attente »."""

    def __init__(self, path: Path):
        self.path = path
        self.rows: dict[str, tuple[str, str]] = {}

    def set(self, student_id: str, status: str, reasons: list[str]) -> None:
        self.rows[student_id] = (status, " ; ".join(reasons))
        self.write()

    def write(self) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(STATUS_HEADERS)
        for student_id in sorted(self.rows):
            writer.writerow([student_id, *self.rows[student_id]])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partiel")
        partial.write_bytes(buffer.getvalue().encode("utf-8-sig"))
        os.replace(partial, self.path)


def read_statuses(path: Path) -> dict[str, tuple[str, str]]:
    """apprenant → (statut, motifs), as the exports read them back (course.grading.autograde_statuses)."""
    return {student: (status.status, status.reasons) for student, status in read_status_file(path).items()}


def status_table(outcomes: list[SubmissionOutcome], sandbox: str) -> Table:
    table = Table(title=f"Correction automatique (bac à sable : {sandbox})", show_lines=True)
    for column, options in (("Devoir", {}), ("Apprenant", {}), ("Statut", {}),
                            ("Motifs", {"overflow": "fold"}), ("Durée", {"justify": "right"})):
        table.add_column(column, **options)
    style = {STATUS_GRADED: "green", STATUS_RESERVED: "yellow", STATUS_NOT_GRADED: "bold red"}
    for outcome in sorted(outcomes, key=lambda o: (o.assignment_id, o.student_id)):
        table.add_row(outcome.assignment_id, outcome.student_id,
                      f"[{style.get(outcome.status, 'white')}]{outcome.status}[/]",
                      "\n".join(outcome.reasons) or "—", f"{outcome.seconds:.1f} s")
    return table


def summary(outcomes: list[SubmissionOutcome]) -> str:
    counts = {status: sum(o.status == status for o in outcomes)
              for status in (STATUS_GRADED, STATUS_RESERVED, STATUS_NOT_GRADED)}
    return (f"{len(outcomes)} copie(s) : {counts[STATUS_GRADED]} corrigée(s), {counts[STATUS_RESERVED]} corrigée(s) "
            f"avec réserves, {counts[STATUS_NOT_GRADED]} non corrigée(s).")


# --------------------------------------------------------------------------- the batch


def autograde_cohort(course_dir: Path, assignment_ids: list[str], jobs: int = 2, unsandboxed: bool = False,
                     progress: Callable[[SubmissionOutcome], None] | None = None, *,
                     console: Console | None = None, keep_backups: int | None = None,
                     only_problems: bool = False, zygote: bool = True,
                     timings: dict | None = None) -> list[SubmissionOutcome]:
    """Check, back up, then autograde every submission of `assignment_ids`, `jobs` at a time.

    `progress(outcome)` is called as each submission is done. Returns the outcomes sorted by
    assignment and learner; writes `autograded/statuts_<assignment>.csv` and prints a table
    (of the copies not simply « corrigée » only, with `only_problems`). Sandboxed kernels are forked from
    a preloaded zygote unless `zygote` is False; `timings`, if given, receives `zygote_startup_s` (None
    without a zygote) and `kernel_fallbacks` (copies whose kernel started the usual way).
    """
    if jobs < 1:
        raise CourseError(f"--jobs doit valoir au moins 1 (reçu : {jobs}).")
    console = console or Console()
    course_dir = Path(course_dir).resolve()
    coursedir = api.course_directory(course_dir)
    config = api.load_config(course_dir)
    ignore = list(coursedir.ignore)
    learner_files = dict(config.Autograde.exclude_overwriting) if "exclude_overwriting" in config.Autograde else {}
    declared = _declared_learner_files(course_dir)
    learner_files = {aid: [*learner_files.get(aid, []), *declared.get(aid, [])] for aid in assignment_ids}
    submitted = course_dir / coursedir.submitted_directory
    definitions = {aid: load_definitions(coursedir.db_url, course_dir, aid, coursedir.release_directory,
                                         coursedir.course_id)
                   for aid in assignment_ids}
    executes = {aid: api.has_autograded_tests(course_dir, aid) for aid in assignment_ids}
    released = {aid: released_files(course_dir, aid, coursedir.release_directory) for aid in assignment_ids}
    with Gradebook(coursedir.db_url, coursedir.course_id) as gradebook:
        graded_before = {(aid, s.student.id) for aid in assignment_ids for s in gradebook.assignment_submissions(aid)}
    sandbox = sandbox_label(unsandboxed)
    install_sqlite_busy_timeout()
    backup_gradebook(coursedir.db_url, course_dir, "autograde-" + "-".join(assignment_ids), keep=keep_backups,
                     notify=console.print)

    outcomes: list[SubmissionOutcome] = []
    status_files = {aid: StatusFile(status_path(course_dir, aid, coursedir.autograded_directory))
                    for aid in assignment_ids}
    checks, tasks = {}, []

    def finish(outcome: SubmissionOutcome) -> None:
        outcomes.append(outcome)
        status_files[outcome.assignment_id].set(outcome.student_id, outcome.status, outcome.reasons)
        if progress:
            progress(outcome)

    students = sorted(p.name for p in submitted.iterdir() if p.is_dir()) if submitted.is_dir() else []
    for aid in assignment_ids:
        for student_id in students:
            folder = submitted / student_id / aid
            if not (folder.exists() or folder.is_symlink()):
                continue
            started = time.monotonic()
            try:
                check = check_submission(folder, student_id, aid, definitions[aid], ignore,
                                         learner_files.get(aid, []), released[aid])
                if check.gradable:
                    write_grading_copy(check, course_dir / STAGING_DIR / student_id / aid)
            except Exception as exc:  # one unreadable folder must not stop the batch
                finish(SubmissionOutcome(student_id, aid, STATUS_NOT_GRADED,
                                         [f"vérification de la copie impossible ({type(exc).__name__} : {exc})"],
                                         time.monotonic() - started))
                continue
            if not check.gradable:
                reasons = ([f.message for f in check.findings if f.severity == BLOCKING]
                           + [f.message for f in check.findings if f.severity != BLOCKING])
                if (aid, student_id) in graded_before:
                    reasons.append("la correction précédente de cette copie reste dans le carnet de notes")
                finish(SubmissionOutcome(student_id, aid, STATUS_NOT_GRADED, reasons, time.monotonic() - started))
                continue
            checks[(aid, student_id)] = check
            status_files[aid].rows[student_id] = (STATUS_PENDING, "")
            tasks.append({"course_dir": str(course_dir), "assignment_id": aid, "student_id": student_id,
                          "has_notebooks": bool(check.notebooks), "unsandboxed": unsandboxed,
                          "notebooks_to_execute": len(check.notebooks) if executes[aid] else 0})
    kernel_fallbacks: list[str] = []
    for status_file in status_files.values():
        status_file.write()

    def on_result(task: dict, result: dict | None, exitcode: int | None) -> None:
        check = checks[(task["assignment_id"], task["student_id"])]
        reasons = list(check.reasons)
        if result is None:
            status = STATUS_NOT_GRADED
            reasons.insert(0, f"le processus de correction s'est arrêté brutalement (code {exitcode}) : "
                              "relancez la correction de cette copie")
            seconds = 0.0
        else:
            seconds = result["seconds"]
            reasons += result["notes"]
            if not result["success"]:
                status = STATUS_NOT_GRADED
                reasons.insert(0, result["failure"])
            elif check.status == STATUS_RESERVED or result["notes"]:
                status = STATUS_RESERVED
            else:
                status = STATUS_GRADED
            fallbacks = result.get("kernel_fallbacks") or []
            if fallbacks and task.get("zygote"):
                # Graded as safely, only more slowly: said in the statuses, the status itself unchanged.
                reasons.append(f"{ZYGOTE_NOTE} ({fallbacks[0]})")
                if not kernel_fallbacks:
                    console.print(f"Noyau préchargé indisponible pour {task['student_id']} ({task['assignment_id']}) : "
                                  f"{fallbacks[0]} ; la copie est exécutée par un Python neuf, et les suivantes "
                                  "aussi quand il le faut (motif dans les statuts).")
                kernel_fallbacks.append(f"{task['assignment_id']}/{task['student_id']}")
        finish(SubmissionOutcome(task["student_id"], task["assignment_id"], status, reasons, seconds))

    with batch_zygote(zygote and not unsandboxed and any(t["notebooks_to_execute"] for t in tasks),
                      console) as started:
        for task in tasks:
            task["zygote"] = started is not None
        if started is not None:
            sandbox += ", noyaux préchargés"
        _run_processes(tasks, jobs, on_result)
    if timings is not None:
        timings["zygote_startup_s"] = round(started.startup_seconds, 3) if started is not None else None
        timings["kernel_fallbacks"] = kernel_fallbacks
    outcomes.sort(key=lambda o: (o.assignment_id, o.student_id))
    if outcomes:
        shown = [o for o in outcomes if o.status != STATUS_GRADED] if only_problems else outcomes
        if shown:
            console.print(status_table(shown, sandbox))
        console.print(summary(outcomes) + (f" Bac à sable : {sandbox}." if only_problems else ""))
    else:
        console.print("Aucune copie déposée pour " + ", ".join(assignment_ids) + ".")
    return outcomes
