"""Cell constructors for notebooks built in code (the demo's team exercise, tests) and the MyST reader.

They hide nbgrader's metadata so that a content module reads like the notebook it makes.
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


def md(text: str):
    """Plain markdown the learner reads (not graded)."""
    return nbf.new_markdown_cell(_clean(text))


def code(source: str):
    """Plain code the learner runs as it is (demonstrations, widgets)."""
    return nbf.new_code_cell(_clean(source))


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


def written(criterion_id: str, model: dict[str, str]) -> Written:
    """A written answer; `model` gives the model answer for each part named in the catalogue."""
    return Written(criterion_id, {key: _clean(value) for key, value in model.items()})


def oral(criterion_id: str) -> Oral:
    return Oral(criterion_id)
