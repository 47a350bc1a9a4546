"""Helpers for tests that run nbgrader for real in a scratch course directory."""
from __future__ import annotations

import shutil
from pathlib import Path

from nbgrader.api import Gradebook

from course.catalogue import Assignment
from course.nbgrader_ext.api import autograde as nbgrader_autograde
from course.nbgrader_ext.api import load_config


def place_submission(course_dir: Path, assignment: Assignment, student_id: str, folder: Path) -> None:
    """Put notebooks in submitted/<student>/<assignment>/ as nbgrader collect would."""
    dest = course_dir / "submitted" / student_id / assignment.id
    dest.mkdir(parents=True, exist_ok=True)
    for name in assignment.notebooks:
        shutil.copy(folder / name, dest / name)


def autograde(course_dir: Path, assignment_id: str, student_id: str) -> None:
    result = nbgrader_autograde(course_dir, assignment_id, student_id)
    assert result["success"], result.get("log", "") + result.get("error", "")


def scores(course_dir: Path, assignment: Assignment, student_id: str) -> dict[str, float]:
    """grade_id → score for one submission (manual cells not yet graded count 0)."""
    out = {}
    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        for name in assignment.notebooks:
            notebook = gradebook.find_submission_notebook(name.removesuffix(".ipynb"), assignment.id, student_id)
            for grade in notebook.grades:
                out[grade.name] = float(grade.score or 0)
    return out


def auto_points(assignment: Assignment, grade_scores: dict[str, float]) -> float:
    return sum(grade_scores[gid] for c in assignment.rubric if c.kind == "auto" for gid in c.grade_ids)
