"""Generate release/ from source/ through nbgrader's own API."""
from __future__ import annotations

from pathlib import Path

from .. import CourseError
from .api import nbgrader_api


def generate_release(course_dir: Path, assignment_id: str) -> None:
    api = nbgrader_api(course_dir)
    result = api.generate_assignment(assignment_id, force=True)
    if not result["success"]:
        raise CourseError(f"nbgrader generate_assignment {assignment_id} a échoué :\n{result['log']}\n{result.get('error', '')}")
