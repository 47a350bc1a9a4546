"""Open nbgrader's API on a course directory, with that directory's nbgrader_config.py."""
from __future__ import annotations

import json
import os
import sys
import warnings
from contextlib import contextmanager
from pathlib import Path

from nbgrader.apps import NbGraderAPI
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from sqlalchemy.exc import SAWarning

from .. import CourseError
from ..config import load_config


def ensure_tools_on_path() -> None:
    """nbgrader shells out to `alembic`; make the environment's scripts findable when it is not activated.

    Called before nbgrader runs, never on import.
    """
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def quiet_nbgrader_warnings() -> None:
    """nbgrader 0.9.6's own session handling warns on every autograde; trainers cannot act on it.

    Set by the programs that run nbgrader (the CLI, grading processes), never on import.
    """
    warnings.filterwarnings("ignore", category=SAWarning)


@contextmanager
def working_directory(path: Path):
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def course_directory(course_dir: Path) -> CourseDirectory:
    """nbgrader's CourseDirectory of the course (its paths, its gradebook URL), from nbgrader_config.py."""
    return CourseDirectory(config=load_config(course_dir))


def nbgrader_api(course_dir: Path) -> NbGraderAPI:
    ensure_tools_on_path()
    return NbGraderAPI(config=load_config(course_dir))


KERNEL_START_FAILURES = ("Kernel died before replying to kernel_info", "Kernel didn't respond in")


def has_autograded_tests(course_dir: Path, assignment_id: str) -> bool:
    """Whether any source notebook of the assignment has an autograded test cell (code to execute for points)."""
    for path in sorted((Path(course_dir) / "source" / assignment_id).glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.get("cell_type") == "code" and meta.get("grade") and not meta.get("solution"):
                return True
    return False


def autograde(course_dir: Path, assignment_id: str, student_id: str, attempts: int = 3) -> dict:
    """nbgrader autograde of one submission, retried when the grading kernel failed to start.

    Kernels started side by side can race for a port and die before answering; the learner's
    work is not at fault, so the same submission is simply graded again. Assignments with
    nothing autograded (only written or oral parts) are recorded without executing anything.
    Learners' code runs in the sandbox (sandbox.py) unless CASP_SANS_BAC_A_SABLE=1.
    """
    from .sandbox import OPT_OUT_ENV, sandbox_available, unavailable_message

    if os.environ.get(OPT_OUT_ENV) != "1":
        available, reason = sandbox_available()
        if not available:  # refuse up front rather than let every kernel fail
            raise CourseError(unavailable_message(reason))
    ensure_tools_on_path()
    config = load_config(course_dir)
    if not has_autograded_tests(course_dir, assignment_id):
        config.Autograde.autograde_preprocessors = [
            p for p in Autograde.class_traits()["autograde_preprocessors"].default() if p is not Execute
        ]
    for attempt in range(attempts):
        result = NbGraderAPI(config=config).autograde(assignment_id, student_id)
        if result["success"] or not any(text in result.get("log", "") for text in KERNEL_START_FAILURES):
            return result
    return result
