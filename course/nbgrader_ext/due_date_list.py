"""Due dates in nbgrader's assignment list: a Jupyter server extension for the learner's lab.

nbgrader's « Devoirs » tab (its assignment_list server extension and lab widget) shows no due date; the learner
reads it only once a notebook is open, in the locked cell DueDateHeader puts first (course.nbgrader_ext.due_date).
This extension answers `GET /casp/echeances?course_id=<course>` with the due date of each assignment released to
the learner, as JSON: {"m12_entretiens_accueil": "10 décembre 2026 à 18 h 00", ...}; the course's lab extension
(casp-nbgrader-fr, labextension/src/dueDates.ts) writes it into the list's rows.

The source of truth is what was released: nbgrader's own exchange listing (ExchangeList, with the configuration
nbgrader's assignment list loads, so the same assignments for the same learner) gives each assignment, and the
date is read from the due-date cell of its notebooks in the outbound exchange. No gradebook: learners have none.
An assignment whose notebooks carry no due-date cell is left out.

Enabled in every role's server (course.lab.settings, course.hub.roles): the lab plugin runs in every lab, and a
trainer's « Devoirs » tab shows the dates as the learners' does.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import nbformat
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeError, ExchangeFactory
from nbgrader.server_extensions.assignment_list.handlers import AssignmentList
from tornado import web
from traitlets.config import Config

from .due_date import notebook_due_date

URL = "/casp/echeances"  # under the server's base URL
SETTINGS_KEY = "casp_due_date_list"  # the web application's setting holding nbgrader's AssignmentList


def assignment_due_date(folder: Path) -> str | None:
    """The due date the notebooks of a released assignment's folder show (the first that has one)."""
    for path in sorted(folder.glob("*.ipynb")):
        found = notebook_due_date(nbformat.read(path, as_version=4))
        if found is not None:
            return found
    return None


def released_due_dates(config: Config, course_id: str) -> dict[str, str]:
    """{assignment id: « 10 décembre 2026 à 18 h 00 »} for the assignments of `course_id` released to the
    learner `config` describes (nbgrader's exchange listing), those with a due date only."""
    config = copy.deepcopy(config)  # the caller's stays as it was
    config.CourseDirectory.course_id = course_id
    lister = ExchangeFactory(config=config).List(
        coursedir=CourseDirectory(config=config), authenticator=Authenticator(config=config), config=config)
    dates = {}
    for assignment in lister.start():
        outbound = Path(lister.root) / assignment["course_id"] / "outbound" / assignment["assignment_id"]
        found = assignment_due_date(outbound)
        if found is not None:
            dates[assignment["assignment_id"]] = found
    return dict(sorted(dates.items()))


class DueDatesHandler(APIHandler):
    """GET ?course_id=…: the due dates of that course's assignments released to this learner."""

    @web.authenticated
    def get(self) -> None:
        course_id = self.get_argument("course_id")
        with self.settings[SETTINGS_KEY].get_assignment_dir_config() as config:
            try:
                dates = released_due_dates(config, course_id)
            except ExchangeError as error:
                self.log.warning("Échéances : échange de nbgrader illisible (%s), aucune échéance affichée.",
                                 error)
                dates = {}
        self.finish(json.dumps(dates, ensure_ascii=False))


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": __name__}]


def _load_jupyter_server_extension(serverapp) -> None:
    """Serve the due dates, with nbgrader's assignment list's own configuration loader, rooted as it is."""
    web_app = serverapp.web_app
    manager = AssignmentList(parent=serverapp)
    manager.root_dir = serverapp.root_dir
    web_app.settings[SETTINGS_KEY] = manager
    pattern = url_path_join(web_app.settings["base_url"], URL)
    web_app.add_handlers(".*$", [(pattern, DueDatesHandler)])
