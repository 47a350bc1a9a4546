"""The due date at the top of the learner's notebook, written by nbgrader's generate_assignment.

nbgrader keeps an assignment's due date in its gradebook (`casp echeances` sets it) but shows it only in
formgrader; its lab's assignment list does not (course.nbgrader_ext.due_date_list adds it there, read from
the released notebooks with `notebook_due_date`). DueDateHeader, a GenerateAssignment preprocessor run
right after the course header is included, reads that date and puts one locked Markdown cell first in
each released notebook: « À rendre au plus tard le 15 décembre 2026 à 18 h 00 (heure de Paris). »
Without a due date the notebook is left as it is, so release/ stays what source/ gives. A due date
changed after a release reaches learners with the next `casp release` and nbgrader release_assignment.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone

import nbformat.v4 as nbf
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters.generate_assignment import GenerateAssignment
from nbgrader.preprocessors import IncludeHeaderFooter, NbGraderPreprocessor

from ..formatting import date_fr
from ..grading.deadlines import PARIS

CELL_MARK = "casp_echeance"  # cell metadata key: the cell this preprocessor owns (replaced, never doubled)


def due_date_words(duedate: datetime) -> str:
    """nbgrader's naive UTC due date → « 15 décembre 2026 à 18 h 00 », in Paris time."""
    local = duedate.replace(tzinfo=timezone.utc).astimezone(PARIS)
    return f"{date_fr(local.date())} à {local.hour} h {local.minute:02d}"


def due_date_text(duedate: datetime) -> str:
    """nbgrader's naive UTC due date → the French sentence learners read, in Paris time."""
    return (f"**À rendre au plus tard le {due_date_words(duedate)} (heure de Paris).** Une copie rendue "
            "après cette heure est signalée comme en retard au jury, sauf prolongation accordée par l'équipe "
            "de formation.")


# The date in the sentence above, as a released notebook carries it.
DUE_DATE_IN_CELL = re.compile(r"\*\*À rendre au plus tard le (.+?) \(heure de Paris\)\.\*\*")


def notebook_due_date(nb: NotebookNode) -> str | None:
    """The due date a released notebook shows (« 15 décembre 2026 à 18 h 00 »), None when it has none."""
    for cell in nb.cells:
        if cell.metadata.get(CELL_MARK):
            found = DUE_DATE_IN_CELL.match(cell.source)
            return found.group(1) if found else None
    return None


def due_date_cell(duedate: datetime) -> NotebookNode:
    cell = nbf.new_markdown_cell(due_date_text(duedate))
    cell.metadata[CELL_MARK] = True
    cell.metadata["deletable"] = False
    cell.metadata["editable"] = False
    return cell


class DueDateHeader(NbGraderPreprocessor):
    """Puts the assignment's due date, from the gradebook, first in the notebook."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            try:
                duedate = gradebook.find_assignment(info["assignment"]).duedate
            except MissingEntry:
                duedate = None
        nb.cells = [cell for cell in nb.cells if not cell.metadata.get(CELL_MARK)]
        if duedate is not None:
            nb.cells.insert(0, due_date_cell(duedate))
        return nb, resources


def generate_preprocessors() -> list:
    """nbgrader's default GenerateAssignment preprocessors, with DueDateHeader right after IncludeHeaderFooter."""
    defaults = list(GenerateAssignment.class_traits()["preprocessors"].default())
    index = defaults.index(IncludeHeaderFooter) + 1
    return [*defaults[:index], DueDateHeader, *defaults[index:]]


def configure_due_date(c) -> None:
    """In nbgrader_config.py: released notebooks show their due date."""
    c.GenerateAssignment.preprocessors = generate_preprocessors()
