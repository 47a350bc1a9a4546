"""`casp bench autograde`: plain nbgrader, casp's parallel autograde and bare execution, on one cohort.

Three copies of the same scratch course (every released assignment, `learners` synthetic
copies each) are graded three ways, and the wall times are printed as JSON:
- `nbgrader_s`: `nbgrader autograde ASSIGNMENT` for each assignment, one after the other (nbgrader's own CLI);
- `casp_s`: `casp autograde --all --jobs 2` (course.nbgrader_ext.cohort_autograde);
- `floor_s`: bare nbclient execution of the same notebooks, one after the other — the cost of running
  the learners' code at all, below which no grader can go on one core.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from rich.console import Console

from ..catalogue import load_catalogue
from ..nbgrader_ext.api import nbgrader_api
from ..nbgrader_ext.scratch import make_scratch_course
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


def time_nbgrader(course_dir: Path, assignment_ids: list[str]) -> float:
    nbgrader = Path(sys.executable).with_name("nbgrader")
    started = time.perf_counter()
    for assignment_id in assignment_ids:
        subprocess.run([str(nbgrader), "autograde", assignment_id], cwd=course_dir, check=True, capture_output=True)
    return time.perf_counter() - started


def time_casp(course_dir: Path, assignment_ids: list[str], jobs: int) -> float:
    from .cohort_autograde import autograde_cohort

    started = time.perf_counter()
    autograde_cohort(course_dir, assignment_ids, jobs=jobs, console=Console(file=open("/dev/null", "w")))
    return time.perf_counter() - started


def time_floor(course_dir: Path) -> float:
    """Bare execution of every submitted notebook, kernel start included, as nbgrader would run it."""
    started = time.perf_counter()
    for path in sorted((course_dir / "submitted").glob("*/*/*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=60, kernel_name="python3", allow_errors=True,
                       extra_arguments=["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"],
                       shutdown_kernel="immediate", resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - started


def bench_autograde(course_dir: Path, learners: int = 40, jobs: int = 2) -> dict:
    with tempfile.TemporaryDirectory(prefix="casp-bench-") as tmp:
        root = Path(tmp)
        base, assignment_ids, notebooks = build_bench_course(root / "base", course_dir, learners)
        copies = {}
        for name in ("nbgrader", "casp", "floor"):
            copies[name] = root / name / "cours"
            # nbgrader_config.py derives the gradebook and exchange paths from its own location.
            shutil.copytree(base, copies[name], symlinks=True)
        figures = {
            "learners": learners,
            "notebooks": notebooks,
            "nbgrader_s": round(time_nbgrader(copies["nbgrader"], assignment_ids), 2),
            "casp_s": round(time_casp(copies["casp"], assignment_ids, jobs), 2),
            "floor_s": round(time_floor(copies["floor"]), 2),
        }
    figures["casp_over_nbgrader"] = round(figures["casp_s"] / figures["nbgrader_s"], 3)
    figures["casp_over_floor_half"] = round(figures["casp_s"] / (figures["floor_s"] / jobs), 3)
    return figures


def main(course_dir: Path, learners: int, jobs: int) -> int:
    print(json.dumps(bench_autograde(course_dir, learners, jobs), ensure_ascii=False))
    return 0
