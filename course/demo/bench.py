"""`casp bench autograde`: one cohort graded by plain nbgrader, by casp on both kernel paths, and bare.

Copies of the same scratch course (every released assignment, `learners` synthetic copies each) are
graded five ways, and the figures are printed as JSON:
- `nbgrader`: `nbgrader autograde ASSIGNMENT` for each assignment, one after the other: nbgrader's own CLI
  with the course's configuration, hence the same sandbox, each kernel a fresh Python;
- `casp_exec`: `casp autograde --all --jobs 2 --sans-prechargement` (each kernel a fresh Python);
- `casp_zygote`: `casp autograde --all --jobs 2` (kernels forked from the preloaded zygote), whose own
  start-up time is reported apart (`zygote_startup_s`);
- `floor_1` and `floor_2`: bare nbclient execution of the same notebooks in fresh kernels, without sandbox or
  grading, by 1 and 2 workers: the cost of running the learners' code at all.

For each: the wall time, per-notebook p50, p95 and maximum (every copy here is one notebook; for casp the
time of a copy's grading process, bookkeeping included), and the timeout stalls (notebooks over
STALL_SECONDS). `same_scores` says whether nbgrader and both casp paths wrote the same gradebook scores.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbgrader.api import Gradebook
from rich.console import Console

from ..catalogue import load_catalogue
from ..nbgrader_ext.api import nbgrader_api
from ..nbgrader_ext.scratch import make_scratch_course
from ..nbgrader_ext.submission_checks import STATUS_NOT_GRADED
from .cohort import fill_notebook, make_cohort, quality_for


def build_bench_course(root: Path, course_dir: Path, learners: int) -> tuple[Path, list[str], int]:
    """A scratch course with every assignment released and `learners` filled-in submissions each."""
    catalogue = load_catalogue(course_dir)
    assignment_ids = list(catalogue.assignments)
    scratch = make_scratch_course(root / "cours", course_dir, assignment_ids)
    api = nbgrader_api(scratch)
    notebooks = 0
    for assignment_id in assignment_ids:
        result = api.generate_assignment(assignment_id, force=True)
        if not result["success"]:
            raise RuntimeError(result["log"])
    for learner in make_cohort(learners):
        for assignment_id in assignment_ids:
            folder = scratch / "submitted" / learner.id / assignment_id
            folder.mkdir(parents=True)
            for index, name in enumerate(catalogue.assignment(assignment_id).notebooks):
                released = nbformat.read(scratch / "release" / assignment_id / name, as_version=4)
                source = nbformat.read(scratch / "source" / assignment_id / name, as_version=4)
                filled = fill_notebook(released, source, quality_for(learner, assignment_id), index)
                nbformat.write(filled, folder / name)
                notebooks += 1
    return scratch, assignment_ids, notebooks


STALL_SECONDS = 30.0  # no notebook of the course takes this long; a kernel that stalls does (60 s timeout)


def _stats(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    if not ordered:
        return {"p50_s": None, "p95_s": None, "max_s": None, "stalls": 0}

    def quantile(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 3)

    return {"p50_s": quantile(0.5), "p95_s": quantile(0.95), "max_s": round(ordered[-1], 3),
            "stalls": sum(s >= STALL_SECONDS for s in ordered)}


def time_nbgrader(course_dir: Path, assignment_ids: list[str]) -> dict:
    nbgrader = Path(sys.executable).with_name("nbgrader")
    started = time.perf_counter()
    for assignment_id in assignment_ids:
        subprocess.run([str(nbgrader), "autograde", assignment_id], cwd=course_dir, check=True, capture_output=True)
    return {"wall_s": round(time.perf_counter() - started, 2)}


def time_casp(course_dir: Path, assignment_ids: list[str], jobs: int, zygote: bool) -> dict:
    from ..nbgrader_ext.cohort_autograde import autograde_cohort

    timings: dict = {}
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        outcomes = autograde_cohort(course_dir, assignment_ids, jobs=jobs, console=Console(file=sink),
                                    zygote=zygote, timings=timings)
    figures = {"wall_s": round(time.perf_counter() - started, 2), **_stats([o.seconds for o in outcomes]),
               "graded": sum(o.status != STATUS_NOT_GRADED for o in outcomes)}
    if zygote:
        figures["zygote_startup_s"] = timings["zygote_startup_s"]
        figures["kernel_fallbacks"] = len(timings["kernel_fallbacks"])
    return figures


def _execute(path: Path) -> float:
    """Bare execution of one notebook, kernel start included, as nbgrader would run it (no sandbox)."""
    started = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=True,
                   extra_arguments=["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"],
                   shutdown_kernel="immediate", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - started


def time_floor(course_dir: Path, workers: int) -> dict:
    """Bare execution of every submitted notebook by `workers` processes."""
    paths = sorted((course_dir / "submitted").glob("*/*/*.ipynb"))
    started = time.perf_counter()
    if workers == 1:
        seconds = [_execute(path) for path in paths]
    else:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            seconds = pool.map(_execute, paths, chunksize=1)
    return {"wall_s": round(time.perf_counter() - started, 2), **_stats(seconds)}


def gradebook_scores(course_dir: Path, assignment_ids: list[str]) -> dict[str, float]:
    """"assignment/learner" → the copy's total score, as the gradebook holds it."""
    from ..nbgrader_ext.api import load_config

    totals = {}
    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        for assignment_id in assignment_ids:
            for submission in gradebook.assignment_submissions(assignment_id):
                totals[f"{assignment_id}/{submission.student.id}"] = round(float(submission.score), 3)
    return totals


def bench_autograde(course_dir: Path, learners: int = 40, jobs: int = 2) -> dict:
    with tempfile.TemporaryDirectory(prefix="casp-bench-") as tmp:
        root = Path(tmp)
        base, assignment_ids, notebooks = build_bench_course(root / "base", course_dir, learners)
        copies = {}
        for name in ("nbgrader", "casp_exec", "casp_zygote", "floor"):
            copies[name] = root / name / "cours"
            # nbgrader_config.py derives the gradebook and exchange paths from its own location.
            shutil.copytree(base, copies[name], symlinks=True)
        figures = {"learners": learners, "assignments": len(assignment_ids), "notebooks": notebooks,
                   "jobs": jobs, "cores": os.cpu_count()}
        figures["nbgrader"] = time_nbgrader(copies["nbgrader"], assignment_ids)
        figures["casp_exec"] = time_casp(copies["casp_exec"], assignment_ids, jobs, zygote=False)
        figures["casp_zygote"] = time_casp(copies["casp_zygote"], assignment_ids, jobs, zygote=True)
        figures["floor_1"] = time_floor(copies["floor"], 1)
        figures["floor_2"] = time_floor(copies["floor"], 2)
        scores = {name: gradebook_scores(copies[name], assignment_ids)
                  for name in ("nbgrader", "casp_exec", "casp_zygote")}
    figures["same_scores"] = (len(scores["nbgrader"]) == notebooks
                              and scores["nbgrader"] == scores["casp_exec"] == scores["casp_zygote"])
    figures["total_score"] = round(sum(scores["casp_zygote"].values()), 2)
    casp = figures["casp_zygote"]["wall_s"]
    figures["per_notebook_s"] = round(casp / notebooks, 3)
    figures["casp_over_nbgrader"] = round(casp / figures["nbgrader"]["wall_s"], 3)
    figures["casp_over_floor_half"] = round(casp / (figures["floor_1"]["wall_s"] / 2), 3)
    figures["zygote_over_exec"] = round(casp / figures["casp_exec"]["wall_s"], 3)
    return figures


def main(course_dir: Path, learners: int, jobs: int) -> int:
    print(json.dumps(bench_autograde(course_dir, learners, jobs), ensure_ascii=False))
    return 0
