"""Feedback generated in parallel across learners (course/nbgrader_ext/parallel_feedback.py) is byte for byte
the feedback of nbgrader's own `generate_feedback`, run per assignment as course/nbgrader_ext/api.py runs it;
a broken copy is reported in French, by learner and assignment, and the others' feedback is still written.

Nothing in the HTML depends on the run: no date, no path, no file time (the parallel copy's notebooks are given
another modification time to show it), and no random id. nbconvert's classic template gives every JavaScript and
widget output a `<div id>` drawn with `uuid4()`; the course's feedback template (course/nbgrader_ext/templates/
nbconvert/feedback/) draws them as a French sentence instead, since the page loads no script that could show them.
The graded course gets such outputs so that this is exercised.
"""
from __future__ import annotations

import copy
import json
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from rich.console import Console

from course import CourseError
from course.catalogue import load_catalogue
from course.cli import main
from course.demo.cohort import Learner
from course.demo.pipeline import generate_feedback, run_cycle
from course.nbgrader_ext import parallel_feedback
from course.nbgrader_ext.api import nbgrader_api
from course.nbgrader_ext.parallel_feedback import (
    autograded_copies, generate_feedback_parallel, written_feedback,
)
from course.nbgrader_ext.scratch import make_scratch_course
from tests.conftest import MINI_ASSIGNMENT, mini_notebook, write_mini_course

LEARNERS = ["bon", "excellent", "partiel"]
ASSIGNMENTS = ["mini", "ecrit_seul"]
WIDGET = {"model_id": "3c8a1e2f9b7d4c6a8e5f1a2b3c4d5e6f", "version_major": 2, "version_minor": 0}


def writing_only() -> tuple[dict, object]:
    """A second assignment, written and oral parts only: nothing executed, a different rubric."""
    assignment = copy.deepcopy(MINI_ASSIGNMENT)
    assignment.update(id="ecrit_seul", notebooks=["ecrit_seul.ipynb"])
    assignment["rubric"] = [c for c in assignment["rubric"] if c["kind"] != "auto"]
    assignment["rubric"][0]["points"] = 12
    notebook = mini_notebook(assignment)
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type == "markdown"]
    return assignment, notebook


def add_browser_outputs(path: Path) -> None:
    """A widget view (with its saved state) and a JavaScript output under the first answer, as the course's
    widget cells leave them in a graded copy."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    cell["outputs"] += [
        {"output_type": "execute_result", "execution_count": 1, "metadata": {},
         "data": {"application/vnd.jupyter.widget-view+json": WIDGET, "text/plain": "Fiche(...)"}},
        {"output_type": "display_data", "metadata": {},
         "data": {"application/javascript": "element.text('ok');", "text/plain": "<Javascript>"}},
    ]
    nb["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {
        "state": {WIDGET["model_id"]: {"model_name": "LabelModel", "model_module": "@jupyter-widgets/controls",
                                       "model_module_version": "2.0.0", "state": {"value": "ok"}}},
        "version_major": 2, "version_minor": 0}}
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """3 learners × 2 assignments through the real cycle (autograde, marking), no feedback yet."""
    root = tmp_path_factory.mktemp("retours")
    repo = write_mini_course(root / "depot")
    write_mini_course(repo, *writing_only())
    course_dir = make_scratch_course(root / "cours", repo, ASSIGNMENTS)
    learners = [Learner(q, q.capitalize(), "Fictif", f"{q}@formation.example", 0.0) for q in LEARNERS]
    run_cycle(course_dir, root / "sortie", learners, load_catalogue(course_dir), Console(file=open(os.devnull, "w")),
              jobs=2, quality_of=lambda learner, assignment_id: learner.id)
    for learner in LEARNERS:
        add_browser_outputs(course_dir / "autograded" / learner / "mini" / "mini.ipynb")
    assert not (course_dir / "feedback").exists()
    return course_dir


def course_copy(graded: Path, dest: Path) -> Path:
    shutil.copytree(graded, dest, symlinks=True)
    return dest


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def grades(course_dir: Path) -> list:
    with closing(sqlite3.connect(course_dir / "gradebook.db")) as db:
        return [db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in ("grade", "comment")]


EXPECTED = [f"{learner}/{aid}/{name}" for learner in LEARNERS for aid in sorted(ASSIGNMENTS)
            for name in (f"{aid}.html", "submission_secret.txt", "timestamp.txt")]


def test_parallel_feedback_is_byte_identical_to_nbgrader(graded, tmp_path):
    sequential = course_copy(graded, tmp_path / "sequentiel")
    parallel = course_copy(graded, tmp_path / "parallele")
    for path in (parallel / "autograded").rglob("*.ipynb"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    before = grades(parallel)

    for aid in ASSIGNMENTS:
        result = nbgrader_api(sequential).generate_feedback(aid)
        assert result["success"], result.get("log", "") + result.get("error", "")
    seen = []
    outcomes = generate_feedback_parallel(parallel, ASSIGNMENTS, jobs=2, progress=seen.append)

    assert [(o.assignment_id, o.student_id, o.success, o.message) for o in outcomes] == [
        (aid, learner, True, "") for aid in sorted(ASSIGNMENTS) for learner in LEARNERS]
    assert sorted((o.assignment_id, o.student_id) for o in seen) == sorted(autograded_copies(parallel, ASSIGNMENTS))
    assert tree(sequential / "feedback") == tree(parallel / "feedback") == EXPECTED
    assert sorted(f for o in outcomes for f in o.files) == [f"feedback/{name}" for name in EXPECTED]
    assert written_feedback(outcomes) == 6
    for name in EXPECTED:
        assert (parallel / "feedback" / name).read_bytes() == (sequential / "feedback" / name).read_bytes(), name
        assert (parallel / "feedback" / name).stat().st_mode == (sequential / "feedback" / name).stat().st_mode
    html = (parallel / "feedback" / "bon" / "mini" / "mini.html").read_text(encoding="utf-8")
    assert ('<div class="output_subarea output_widget_view output_execute_result">\n<p class="static-output">Ici, le '
            "carnet affichait un module interactif : il ne s'affiche que dans le carnet ouvert dans JupyterLab.</p>"
            ) in html  # the course's template ran in the workers
    assert ('<div class="output_subarea output_javascript">\n<p class="static-output">Ici, le carnet affichait un '
            "contenu animé par JavaScript : il ne s'affiche que dans le carnet ouvert dans JupyterLab.</p>") in html
    assert "Grille : critère M1.1-B" in html  # RubricFeedback ran in the workers too
    assert grades(parallel) == before  # feedback reads the gradebook, never writes a grade


def test_broken_copy_is_reported_and_the_others_get_their_feedback(graded, tmp_path):
    course_dir = course_copy(graded, tmp_path / "casse")
    (course_dir / "autograded" / "bon" / "mini" / "mini.ipynb").write_text('{"cells": [', encoding="utf-8")
    message = ("retour non généré pour l'apprenant « bon », devoir « mini » (carnet « mini.ipynb ») : carnet "
               "corrigé illisible (fichier JSON invalide ou tronqué) ; "
               "relancez la correction automatique de cette copie")

    outcomes = generate_feedback_parallel(course_dir, ASSIGNMENTS, jobs=2)

    assert [o.message for o in outcomes if not o.success] == [message]
    assert [name for name in tree(course_dir / "feedback") if name.endswith(".html")] == [
        f"{learner}/{aid}/{aid}.html" for learner in LEARNERS for aid in sorted(ASSIGNMENTS)
        if (learner, aid) != ("bon", "mini")]
    with pytest.raises(CourseError) as raised:
        generate_feedback(course_dir, ASSIGNMENTS, Console(file=open(os.devnull, "w")), jobs=2)
    assert str(raised.value) == "la génération des retours n'a pas abouti :\n" + message


def test_a_worker_that_dies_costs_only_the_copy_it_held(graded, tmp_path, monkeypatch):
    course_dir = course_copy(graded, tmp_path / "mort")
    convert = parallel_feedback.convert_copy

    def dies_on_bon_mini(converter, buffer, assignment_id, student_id):
        if (assignment_id, student_id) == ("mini", "bon"):
            os._exit(3)
        return convert(converter, buffer, assignment_id, student_id)

    monkeypatch.setattr(parallel_feedback, "convert_copy", dies_on_bon_mini)
    outcomes = generate_feedback_parallel(course_dir, ASSIGNMENTS, jobs=2)
    assert [o.message for o in outcomes if not o.success] == [
        "retour non généré pour l'apprenant « bon », devoir « mini » : le processus de génération des retours "
        "s'est arrêté brutalement (code 3) sur cette copie : relancez la génération"]
    assert len(outcomes) == 6
    assert tree(course_dir / "feedback") == [name for name in EXPECTED if not name.startswith("bon/mini/")]


def test_a_converter_that_cannot_be_built_fails_every_copy_once(graded, tmp_path, monkeypatch):
    course_dir = course_copy(graded, tmp_path / "config")

    def broken(course_dir):
        raise ValueError("nbgrader_config.py illisible")

    monkeypatch.setattr(parallel_feedback, "build_converter", broken)
    outcomes = generate_feedback_parallel(course_dir, ASSIGNMENTS, jobs=2)
    assert [(o.assignment_id, o.student_id) for o in outcomes] == [
        (aid, learner) for aid in sorted(ASSIGNMENTS) for learner in LEARNERS]
    assert {o.message.split(" : ", 1)[1] for o in outcomes} == {
        "préparation de nbgrader impossible (ValueError : nbgrader_config.py illisible)"}
    assert not (course_dir / "feedback").exists()


def test_casp_autograde_feedback(graded, tmp_path, capsys):
    course_dir = course_copy(graded, tmp_path / "cli")
    code = main(["--course-dir", str(course_dir), "autograde", "--all", "--jobs", "2", "--sans-bac-a-sable",
                 "--feedback"])
    out = capsys.readouterr().out
    assert code == 0, out
    line = next(line for line in out.splitlines() if line.startswith("Retours : "))
    assert line.startswith("Retours : 6 fichier(s) de retour écrit(s) pour 6 copie(s) en ")
    assert line.endswith(" s (2 processus).")
    assert tree(course_dir / "feedback") == EXPECTED
