"""Shared fixtures: a miniature course directory built from the same models as the real one."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import nbformat.v4 as nbf
import pytest

from course.authoring.build import KERNELSPEC, dumps, render_oral, render_written_answer
from course.authoring.cells import answer, tests as test_cell
from course.catalogue import write_entry
from course.rubric import Criterion

REPO = Path(__file__).resolve().parents[1]
os.environ.setdefault("LC_ALL", "C.UTF-8")

LEVELS = {
    "non_acquis": "Rien d'observable.",
    "en_cours": "Quelques éléments observables.",
    "acquis": "L'essentiel est observable.",
    "maitrise": "Tout est observable et argumenté.",
}

MINI_ASSIGNMENT = {
    "id": "mini",
    "title": "Devoir miniature",
    "modality": "M1.1",
    "duration_minutes": 30,
    "notebooks": ["mini.ipynb"],
    "instructions": "Répondez aux questions.",
    "rubric": [
        {"id": "M1.1-A", "label": "Calcul", "kind": "auto", "competences": ["C1.3", "C5.1"], "points": 4,
         "grade_ids": ["t1", "t2"], "levels": LEVELS},
        {"id": "M1.1-B", "label": "Récit", "kind": "ecrit", "competences": ["C1.1", "C1.2"], "points": 8,
         "grade_ids": ["ecrit1"], "levels": LEVELS, "consigne": "Racontez.",
         "writing": {"words": [20, 80], "parts": ["Parcours", "Hypothèses"]}},
        {"id": "M1.1-C", "label": "Oral", "kind": "oral", "competences": ["C1.4", "C1.5"], "points": 8,
         "grade_ids": ["oral1"], "levels": LEVELS, "consigne": "Présentez à l'oral."},
    ],
}

MODEL_TEXT = {
    "Parcours": (
        "Madame K. a travaillé vingt ans dans la logistique avant un licenciement économique. "
        "Elle s'est séparée deux ans plus tard et vit depuis chez sa sœur. "
        "Elle perçoit le RSA depuis six mois."
    ),
    "Hypothèses": (
        "La perte d'emploi et la séparation se renforcent l'une l'autre. "
        "Le mal de dos limite les métiers possibles. "
        "Un appui de la CAF et de France Travail est proposé."
    ),
}


def mini_notebook(assignment: dict) -> nbformat.NotebookNode:
    criteria = {c["id"]: Criterion.model_validate(c) for c in assignment["rubric"]}
    cells = [
        answer("a1", "x = 2 + 2"),
        test_cell("t1", 2, "assert x == 4"),
        answer("a2", "y = x * 10"),
        test_cell("t2", 2, "assert y == 40", hidden="assert isinstance(y, int)"),
        render_written_answer(criteria["M1.1-B"], MODEL_TEXT),
        render_oral(criteria["M1.1-C"]),
    ]
    for index, cell in enumerate(cells):
        cell["id"] = f"c{index}"
    notebook = nbf.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}}
    return notebook


def write_mini_course(root: Path, assignment: dict | None = None, notebook=None) -> Path:
    assignment = assignment or MINI_ASSIGNMENT
    (root / "assignments").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    write_entry(root, assignment)
    path = root / "source" / assignment["id"] / assignment["notebooks"][0]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(notebook if notebook is not None else mini_notebook(assignment)), encoding="utf-8")
    return root


@pytest.fixture
def mini_course(tmp_path) -> Path:
    return write_mini_course(tmp_path / "cours")


POSTGRES_FIXTURES = {"postgres_server", "postgres_url", "postgres_db"}
SLOW_MODULES = {"test_demo.py", "test_validate_catalogue.py"}


def pytest_collection_modifyitems(items):
    """Tiers: `browser` (tests/browser/), `postgres` (a throwaway server), `slow` (the whole demo, every mutant).

    `make test-fast` deselects the three; `make test` runs everything.
    """
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        if POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
        if item.path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
