"""nbgrader cell metadata, and the markers the MyST reader hands to the builder (Written, Oral).

`answer` and `tests` build autograded cells in code, for the tests' miniature courses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from textwrap import dedent

import nbformat.v4 as nbf

SCHEMA_VERSION = 3


def _clean(text: str) -> str:
    return dedent(text).strip("\n")


def nbgrader_meta(grade_id: str, *, grade=False, solution=False, locked=False, task=False, points=None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
        "task": task,
    }
    if points is not None:
        meta["points"] = points
    return meta


def answer(grade_id: str, solution: str, *, before: str = "", after: str = ""):
    """An autograded code answer: `solution` is replaced by nbgrader's stub in release/.

    `before`/`after` stay visible to the learner (explanations as comments, a final print).
    """
    parts = [_clean(before)] if before.strip() else []
    parts += ["### BEGIN SOLUTION", _clean(solution), "### END SOLUTION"]
    if after.strip():
        parts.append(_clean(after))
    cell = nbf.new_code_cell("\n".join(parts))
    cell.metadata["nbgrader"] = nbgrader_meta(grade_id, solution=True)
    return cell


def tests(grade_id: str, points: float, visible: str, hidden: str = ""):
    """An autograded test cell: `visible` asserts are shown, `hidden` ones only run at grading."""
    parts = [_clean(visible)]
    if hidden.strip():
        parts += ["### BEGIN HIDDEN TESTS", _clean(hidden), "### END HIDDEN TESTS"]
    cell = nbf.new_code_cell("\n".join(parts))
    cell.metadata["nbgrader"] = nbgrader_meta(grade_id, grade=True, locked=True, points=points)
    return cell


@dataclass
class Written:
    """Placeholder for a written answer: rendered from its rubric criterion at build time.

    `model` maps each expected part (as listed in the catalogue) to the model answer
    shown to graders in source/ and removed from release/.
    """

    criterion_id: str
    model: dict[str, str] = field(default_factory=dict)


@dataclass
class Oral:
    """Placeholder for an oral part: a task cell scored by the jury, rendered from its criterion."""

    criterion_id: str


@dataclass
class Production:
    """Placeholder for a production (a table the learner builds): a manually graded code cell whose model
    code sits between nbgrader's solution markers, rendered with its prompt from the criterion."""

    criterion_id: str
    code: str
