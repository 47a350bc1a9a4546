"""A small collective exercise added to the demo's scratch course to show team marking.

The certification's collective modalities (M2.3, M5.2, M5.3) get their notebooks with their
blocs; until then this formative exercise carries one collective criterion, marked once per
team, and one individual criterion, so that the mechanism runs end to end in `casp demo`.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ..authoring.build import build_sources
from ..catalogue import load_catalogue

ASSIGNMENT_ID = "demo_travail_equipe"
NOTEBOOK = "travail_equipe.ipynb"
TEAM_SIZE = 3
# Written as text like every assignment, outside the package; `_` keeps it out of the course's catalogue.
EXERCISE_FOLDER = "_" + ASSIGNMENT_ID


def install(course_dir: Path, repo_dir: Path | None = None) -> None:
    """Copy the exercise's folder into a scratch course directory and build its source notebook."""
    repo_dir = Path(repo_dir) if repo_dir else load_catalogue().course_dir
    shutil.copytree(repo_dir / "assignments" / EXERCISE_FOLDER, Path(course_dir) / "assignments" / ASSIGNMENT_ID)
    build_sources(load_catalogue(course_dir), only=[ASSIGNMENT_ID])


def teams_for(learner_ids: list[str]) -> dict[str, list[str]]:
    """Teams of three in cohort order, named A, B, C…"""
    return {
        chr(ord("A") + index // TEAM_SIZE): learner_ids[index:index + TEAM_SIZE]
        for index in range(0, len(learner_ids), TEAM_SIZE)
        if len(learner_ids[index:index + TEAM_SIZE]) > 1
    }
