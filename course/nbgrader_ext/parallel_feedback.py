"""Learners' feedback generated in parallel across learners, with nbgrader's own GenerateFeedback converter.

`nbgrader generate_feedback <assignment>` converts one assignment's copies one after the other: one
process per assignment leaves a core idle whenever fewer assignments than cores remain (a single
assignment, as after `casp autograde <devoir>`, uses one core). Here `jobs` forked workers share the
(assignment, learner) copies themselves. Each worker builds a single GenerateFeedback converter (its HTML
exporter, Jinja templates and preprocessors, RubricFeedback included) and reuses it for every copy it is
given: per copy it only points the converter's CourseDirectory at that assignment and learner, then calls
nbgrader's `init_notebooks` and `convert_notebooks`, exactly what `nbgrader generate_feedback` does for
them, so the HTML is the one nbgrader writes, on the course's French template (tests/test_parallel_feedback.py
compares it byte for byte). Copies are handed out one at a time, largest first,
to whichever worker is free: a copy costs 0.25 to 0.9 s of CPU (nbconvert's rendering), so a fixed
split would leave one worker finishing alone.

A copy that fails (unreadable notebook, copy missing from the gradebook…) is reported with a French
message naming the learner, the assignment and the problem; nbgrader removes its partial output and the
other copies go on. A worker that dies costs only the copy it held; another takes its place. Feedback
only reads the gradebook: no grade is written, none can be lost.

Workers are forked (warm: nbgrader takes seconds to import) unless the caller holds an SQLite
connection open, which SQLite forbids to carry across fork(); then they start from a forkserver.
Each one dies with its parent (PR_SET_PDEATHSIG).
"""
from __future__ import annotations

import glob
import io
import logging
import multiprocessing
import multiprocessing.connection
import os
import re
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import CourseError
from ..config import load_config
from .api import course_directory
from .workers import die_with_parent, worker_context

PRELOAD = ["course.nbgrader_ext.parallel_feedback", "nbgrader.converters", "nbgrader.preprocessors",
           "nbconvert.exporters"]


@dataclass
class FeedbackOutcome:
    student_id: str
    assignment_id: str
    success: bool
    files: list[str] = field(default_factory=list)  # feedback files written, relative to the course directory
    message: str = ""  # for a trainer, in French, when the copy's feedback was not written
    seconds: float = 0.0


# --------------------------------------------------------------------------- which copies


def autograded_copies(course_dir: Path, assignment_ids: list[str]) -> list[tuple[str, str]]:
    """(assignment, learner) of every autograded copy holding a notebook, as nbgrader's own glob finds them."""
    coursedir = course_directory(Path(course_dir).resolve())
    copies = []
    for aid in assignment_ids:
        pattern = coursedir.format_path(coursedir.autograded_directory, "*", glob.escape(aid))
        regexp = coursedir.format_path(coursedir.autograded_directory, "(?P<student_id>[^/]+)", re.escape(aid),
                                      escape=True)
        for folder in glob.glob(pattern):
            match = re.fullmatch(regexp, folder)
            if match and os.path.isdir(folder) and glob.glob(os.path.join(glob.escape(folder), "*.ipynb")):
                copies.append((aid, match.group("student_id")))
    return sorted(copies)


def _size(coursedir, copy: tuple[str, str]) -> int:
    """Bytes of a copy's notebooks: the larger, the longer nbconvert takes (to hand out the largest first)."""
    folder = coursedir.format_path(coursedir.autograded_directory, copy[1], copy[0])
    return sum(os.path.getsize(path) for path in glob.glob(os.path.join(glob.escape(folder), "*.ipynb")))


# --------------------------------------------------------------------------- in a worker


def build_converter(course_dir: Path):
    """One GenerateFeedback converter, configured as NbGraderAPI.generate_feedback configures it, with the
    writer and exporter that BaseConverter.start() would build, ready to convert copy after copy.

    Returns (converter, log buffer): the converter logs to its own logger, captured in the buffer, as
    nbgrader's `capture_log` does, so that a failing copy's traceback can be read back.
    """
    from nbconvert.writers import FilesWriter
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    from .cohort_autograde import install_sqlite_busy_timeout

    install_sqlite_busy_timeout()  # readers only, but a first Gradebook() may insert its course row
    course_dir = Path(course_dir).resolve()
    config = load_config(course_dir)
    buffer = io.StringIO()
    log = logging.getLogger(f"casp.retours.{os.getpid()}")
    log.handlers[:] = [logging.StreamHandler(buffer)]
    log.setLevel(logging.INFO)
    log.propagate = False
    coursedir = CourseDirectory(config=config, log=log)
    converter = GenerateFeedback(coursedir=coursedir, config=config, log=log)
    overrides = Config()
    overrides.HTMLExporter.template_name = "feedback"  # as NbGraderAPI.generate_feedback sets it
    converter.update_config(overrides)
    converter.force = True  # NbGraderAPI.generate_feedback's default: rewrite existing feedback
    converter.writer = FilesWriter(parent=converter, config=converter.config)
    converter.exporter = converter.exporter_class(parent=converter, config=converter.config)
    for preprocessor in converter.preprocessors:
        converter.exporter.register_preprocessor(preprocessor)
    os.chdir(coursedir.root)  # BaseConverter.start() converts from the course directory
    return converter, buffer


def _problem(log_text: str, exc: BaseException) -> str:
    """The failure, in words a trainer can act on, from nbgrader's log (its traceback) or the exception."""
    text = log_text + "\n" + f"{type(exc).__name__}: {exc}"
    if "NotJSONError" in text or "JSONDecodeError" in text or "does not appear to be JSON" in text:
        return ("carnet corrigé illisible (fichier JSON invalide ou tronqué) ; "
                "relancez la correction automatique de cette copie")
    if "MissingEntry" in text:
        return "copie absente du carnet de notes ; relancez la correction automatique de cette copie"
    if "SchemaTooOldError" in text or "SchemaTooNewError" in text:
        return "métadonnées nbgrader du carnet dans une version non prise en charge"
    if "nbformat" in text and "ValidationError" in text:
        return "carnet corrigé non conforme au format Jupyter"
    if "database is locked" in text:
        return "carnet de notes verrouillé par un autre programme ; relancez la génération des retours"
    for line in reversed(text.splitlines()):
        match = re.match(r"\s*([\w.]*(?:Error|Exception|Exit|Entry)): (.+)", line)
        if match and not match.group(1).endswith("NbGraderException"):
            return f"échec de nbgrader : {match.group(1).rsplit('.', 1)[-1]} : {match.group(2).strip()[:300]}"
    return f"échec de nbgrader : {type(exc).__name__} : {str(exc)[:300]}"


def failure_message(student_id: str, assignment_id: str, problem: str, notebook: str | None = None) -> str:
    where = f" (carnet « {notebook} »)" if notebook else ""
    return f"retour non généré pour l'apprenant « {student_id} », devoir « {assignment_id} »{where} : {problem}"


def convert_copy(converter, buffer: io.StringIO, assignment_id: str, student_id: str) -> FeedbackOutcome:
    """nbgrader's generate_feedback for one copy, on an already built converter."""
    started = time.monotonic()
    buffer.seek(0)
    buffer.truncate()
    coursedir = converter.coursedir
    coursedir.assignment_id = glob.escape(assignment_id)  # init_notebooks globs them
    coursedir.student_id = glob.escape(student_id)
    dest = Path(coursedir.format_path(coursedir.feedback_directory, student_id, assignment_id))
    try:
        converter.init_notebooks()
        converter.convert_notebooks()
    except Exception as exc:  # one copy's failure is reported, the worker goes on
        log_text = buffer.getvalue()
        converting = re.findall(r"Converting notebook (.+)", log_text)
        notebook = Path(converting[-1].strip()).name if converting else None
        return FeedbackOutcome(student_id, assignment_id, False, [],
                               failure_message(student_id, assignment_id, _problem(log_text, exc), notebook),
                               time.monotonic() - started)
    root = Path(coursedir.root)
    files = sorted(p.relative_to(root).as_posix() for p in dest.rglob("*") if p.is_file()) if dest.is_dir() else []
    return FeedbackOutcome(student_id, assignment_id, True, files, "", time.monotonic() - started)


READY, DONE, BROKEN = "prêt", "fait", "hors service"  # worker → batch; the batch answers a copy or None


def _worker(conn, course_dir: str) -> None:
    """Build one converter, then convert each copy the batch sends until it sends None."""
    die_with_parent()
    from .api import ensure_tools_on_path, quiet_nbgrader_warnings

    ensure_tools_on_path()
    quiet_nbgrader_warnings()
    try:
        converter, buffer = build_converter(Path(course_dir))
    except BaseException as exc:  # the batch must hear why no copy can be converted
        conn.send((BROKEN, f"préparation de nbgrader impossible ({type(exc).__name__} : {exc})"))
        conn.close()
        return
    conn.send((READY, None))
    while (copy := conn.recv()) is not None:
        aid, sid = copy
        try:
            outcome = convert_copy(converter, buffer, aid, sid)
        except BaseException as exc:  # not nbgrader's: still this copy only
            outcome = FeedbackOutcome(sid, aid, False, [],
                                      failure_message(sid, aid, f"erreur inattendue : {type(exc).__name__} : {exc}"))
        conn.send((DONE, outcome))
    conn.close()


# --------------------------------------------------------------------------- the batch


def generate_feedback_parallel(course_dir: Path, assignment_ids: list[str], jobs: int = 2,
                               progress: Callable[[FeedbackOutcome], None] | None = None,
                               copies: list[tuple[str, str]] | None = None) -> list[FeedbackOutcome]:
    """Feedback of every autograded copy of `assignment_ids` (or of `copies`), `jobs` workers sharing the copies.

    `progress(outcome)` is called as each copy is done. Returns one outcome per copy, sorted by assignment
    and learner; failures carry a French message and never stop the other copies.
    """
    if jobs < 1:
        raise CourseError(f"--jobs doit valoir au moins 1 (reçu : {jobs}).")
    course_dir = Path(course_dir).resolve()
    if copies is None:
        copies = autograded_copies(course_dir, assignment_ids)
    coursedir = course_directory(course_dir)
    pending = deque(sorted(copies, key=lambda copy: (-_size(coursedir, copy), copy)))
    outcomes: list[FeedbackOutcome] = []

    def finish(outcome: FeedbackOutcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(outcome)

    def fail_pending(problem: str) -> None:
        while pending:
            aid, sid = pending.popleft()
            finish(FeedbackOutcome(sid, aid, False, [], failure_message(sid, aid, problem)))

    context = worker_context(PRELOAD) if pending else None
    workers: list[dict] = []  # {"process", "conn", "copy": the copy it is converting, or None}

    def start_worker() -> None:
        conn, child = context.Pipe()
        process = context.Process(target=_worker, args=(child, str(course_dir)), name="casp-retours")
        process.start()
        child.close()
        workers.append({"process": process, "conn": conn, "copy": None, "done": 0})

    try:
        for _ in range(min(jobs, len(pending))):
            start_worker()
        while workers:
            multiprocessing.connection.wait([w["conn"] for w in workers] + [w["process"].sentinel for w in workers],
                                            timeout=5)
            for worker in list(workers):
                alive, closed = worker["process"].is_alive(), False
                try:
                    while worker["conn"].poll():
                        kind, payload = worker["conn"].recv()
                        if kind == BROKEN:  # the same configuration would fail in every worker
                            fail_pending(payload)
                            continue
                        if kind == DONE:
                            worker["copy"], worker["done"] = None, worker["done"] + 1
                        following = pending.popleft() if pending else None  # the next copy first, then report
                        try:
                            worker["conn"].send(following)
                        except OSError:  # it died meanwhile: the copy goes back to the others
                            if following is not None:
                                pending.appendleft(following)
                            following, closed = None, True
                        worker["copy"] = following
                        if kind == DONE:
                            finish(payload)
                        if closed:
                            break
                except (EOFError, OSError):
                    closed = True
                if alive and not closed:
                    continue
                worker["process"].join(timeout=30)
                worker["conn"].close()
                workers.remove(worker)
                if worker["copy"] is not None:  # it died on this copy: the copy is lost, not the batch
                    aid, sid = worker["copy"]
                    finish(FeedbackOutcome(sid, aid, False, [], failure_message(
                        sid, aid, f"le processus de génération des retours s'est arrêté brutalement "
                                  f"(code {worker['process'].exitcode}) sur cette copie : relancez la génération")))
                if pending and (worker["copy"] is not None or worker["done"]):  # each restart follows a copy
                    start_worker()
        fail_pending("le processus de génération des retours s'est arrêté avant de commencer : "
                     "relancez la génération")
    finally:
        for worker in workers:
            worker["process"].kill()
            worker["process"].join()
            worker["conn"].close()
    return sorted(outcomes, key=lambda o: (o.assignment_id, o.student_id))


def written_feedback(outcomes: list[FeedbackOutcome]) -> int:
    """How many HTML feedback pages the outcomes wrote (the pages learners open)."""
    return sum(name.endswith(".html") for outcome in outcomes for name in outcome.files)
