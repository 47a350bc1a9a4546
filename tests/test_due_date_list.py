"""Due dates in nbgrader's assignment list: what the learner's server (course.nbgrader_ext.due_date_list) answers,
read from the notebooks released on the exchange, and where it is enabled (the « Devoirs » tab itself:
tests/browser/test_echeances_devoirs.py)."""
from __future__ import annotations

from datetime import datetime

import nbformat

from course.config import load_config
from course.grading.deadlines import set_due_dates
from course.hub import roles as hub_roles
from course.lab import settings
from course.nbgrader_ext import due_date_list
from course.nbgrader_ext.api import ensure_tools_on_path, nbgrader_api
from course.nbgrader_ext.due_date import due_date_cell, notebook_due_date
from course.nbgrader_ext.exchange import fetch
from tests.conftest import MINI_ASSIGNMENT, write_mini_course

COURSE = "casp-rncp7426"


def test_the_learner_gets_the_due_date_of_each_released_assignment_that_has_one(tmp_path):
    ensure_tools_on_path()
    course_dir = write_mini_course(tmp_path / "cours")
    write_mini_course(course_dir, {**MINI_ASSIGNMENT, "id": "sans_date", "notebooks": ["sans_date.ipynb"]})
    api = nbgrader_api(course_dir)
    set_due_dates(load_config(course_dir).CourseDirectory.db_url, {"mini": datetime(2026, 12, 10, 17, 0)})
    for assignment_id in ("mini", "sans_date"):
        for step in (api.generate_assignment(assignment_id, force=True), api.release_assignment(assignment_id)):
            assert step["success"], step.get("log", "") + step.get("error", "")

    home = tmp_path / "alice"
    config = load_config(course_dir)
    config.CourseDirectory.student_id = "alice"
    config.Exchange.assignment_dir = str(home)
    assert due_date_list.released_due_dates(config, COURSE) == {"mini": "10 décembre 2026 à 18 h 00"}
    assert config.CourseDirectory.course_id == COURSE  # the caller's configuration is left as it was
    # Fetched: the date still comes from what was released, not from the learner's copy.
    fetch(course_dir, "mini", "alice", home)
    (home / COURSE / "mini" / "mini.ipynb").write_text("{}", encoding="utf-8")
    assert due_date_list.released_due_dates(config, COURSE) == {"mini": "10 décembre 2026 à 18 h 00"}
    assert due_date_list.released_due_dates(config, "autre-cours") == {}


def test_the_date_is_read_from_the_due_date_cell_only():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "**À rendre au plus tard le 1er mars 2027 à 9 h 00 (heure de Paris).**")])
    assert notebook_due_date(notebook) is None  # the same words, but not the course's due-date cell
    notebook.cells.insert(0, due_date_cell(datetime(2027, 3, 1, 8, 0)))
    assert notebook_due_date(notebook) == "1er mars 2027 à 9 h 00"
    notebook.cells[0].source = "Échéance : voir avec l'équipe de formation."  # a cell edited out of shape
    assert notebook_due_date(notebook) is None


def test_enabled_in_every_role_on_the_lab_and_the_hub(tmp_path):
    """The lab plugin runs in every lab: every server answers it (a trainer's list shows the dates too)."""
    expected = {"nbgrader.server_extensions.formgrader": False, "nbgrader.server_extensions.course_list": False,
                "course.nbgrader_ext.due_date_list": True}
    assert settings.server_config("apprenant", tmp_path, tmp_path)["ServerApp"]["jpserver_extensions"] == expected
    assert hub_roles.server_config("apprenant", tmp_path, tmp_path)["ServerApp"]["jpserver_extensions"] == expected
    for server in (settings.server_config("formateur", tmp_path, tmp_path)["ServerApp"],
                   *(hub_roles.server_config(role, tmp_path, tmp_path)["ServerApp"]
                     for role in ("formateur", hub_roles.GRADER_ROLE))):
        assert server["jpserver_extensions"]["course.nbgrader_ext.due_date_list"] is True
    assert due_date_list._jupyter_server_extension_points() == [{"module": "course.nbgrader_ext.due_date_list"}]
