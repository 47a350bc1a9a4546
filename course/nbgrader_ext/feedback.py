"""nbgrader feedback that shows the rubric to the learner.

nbgrader's HTML feedback gives a score per cell; a learner in social work is assessed against
a rubric. `RubricFeedback` runs in `nbgrader generate_feedback`, right after `GetGrades`, and
inserts after the last graded cell of each rubric criterion (the last test cell of an autograded
criterion, the written answer, the oral task cell) a French note: the level reached, its points,
what that level means and the grader's comment. The numbers are those of the gradebook read
against the catalogue (`course.grading.results`), so feedback, exports and jury reports agree.
nbgrader's own cells, scores and comments are left as they are.

The page itself is the course's French template « feedback » (course/nbgrader_ext/html_pages.py: nbgrader's
feedback template translated and made accessible), found before nbgrader's through
`HTMLExporter.extra_template_basedirs`. Both are set in nbgrader_config.py, which every way feedback is generated
reads (`casp autograde --feedback`, the demo and parallel_feedback, `nbgrader generate_feedback`, formgrader's
« Générer les retours » buttons):

    from course.nbgrader_ext.feedback import configure_feedback
    configure_feedback(c)
"""
from __future__ import annotations

import re
from pathlib import Path

import nbformat.v4 as nbf
from traitlets import List
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.converters.generate_feedback import GenerateFeedback
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme, GetGrades, NbGraderPreprocessor

from ..catalogue import Assignment, Catalogue, CatalogueError, load_catalogue
from ..formatting import rounded_fr
from ..grading.results import CriterionResult, submission_results
from ..rubric import Criterion
from .html_pages import template_basedirs

METADATA_KEY = "rubric_feedback"  # under cell.metadata["casp"]: the criterion the inserted cell describes


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def rubric_text(criterion: Criterion, result: CriterionResult) -> str:
    """The French note for one criterion, as a markdown blockquote."""
    title = f"Grille : critère {criterion.id} — {criterion.label}"
    if result.needs_manual_grade:
        paragraphs = [f"{title} : correction en attente ; le niveau sera indiqué quand un formateur "
                      "aura noté cette partie."]
    else:
        unit = "points" if criterion.points >= 2 else "point"
        paragraphs = [
            f"{title} : niveau **{result.level_label}** "
            f"({rounded_fr(result.points)}/{rounded_fr(criterion.points)} {unit}).",
            f"Ce niveau signifie : {_sentence(result.descriptor)}",
        ]
    if result.comment.strip():
        paragraphs.append(f"Commentaire du correcteur : {result.comment.strip()}")
    lines: list[str] = []
    for paragraph in paragraphs:
        if lines:
            lines.append(">")
        # A grader's line breaks stay line breaks (two trailing spaces), blank lines stay paragraphs.
        rows = [row.strip() for row in paragraph.splitlines()]
        for number, row in enumerate(rows):
            hard_break = number + 1 < len(rows) and row and rows[number + 1]
            lines.append(f"> {row}  " if hard_break else f"> {row}".rstrip())
    return "\n".join(lines)


def _cell_id(criterion_id: str) -> str:
    return ("casp-grille-" + re.sub(r"[^A-Za-z0-9_-]", "-", criterion_id))[:64]


def rubric_cell(criterion: Criterion, result: CriterionResult) -> NotebookNode:
    cell = nbf.new_markdown_cell(rubric_text(criterion, result))
    cell["id"] = _cell_id(criterion.id)
    cell.metadata["casp"] = {METADATA_KEY: criterion.id}
    return cell


def _is_rubric_cell(cell: NotebookNode) -> bool:
    return METADATA_KEY in cell.get("metadata", {}).get("casp", {})


def insert_rubric_feedback(nb: NotebookNode, assignment: Assignment, results: list[CriterionResult]) -> NotebookNode:
    """Insert one rubric note after the last graded cell of each criterion found in `nb`."""
    nb.cells = [cell for cell in nb.cells if not _is_rubric_cell(cell)]
    owners = assignment.grade_ids
    last: dict[str, int] = {}
    for index, cell in enumerate(nb.cells):
        if not (utils.is_grade(cell) or utils.is_task(cell)):
            continue
        criterion = owners.get(cell.metadata["nbgrader"].get("grade_id"))
        if criterion is not None:
            last[criterion.id] = index
    by_criterion = {result.criterion_id: result for result in results}
    keep_ids = nb.get("nbformat", 4) > 4 or nb.get("nbformat_minor", 0) >= 5
    for criterion_id, index in sorted(last.items(), key=lambda item: item[1], reverse=True):
        if criterion_id not in by_criterion:
            continue
        cell = rubric_cell(assignment.criterion(criterion_id), by_criterion[criterion_id])
        if not keep_ids:
            del cell["id"]
        nb.cells.insert(index + 1, cell)
    return nb


class RubricFeedback(NbGraderPreprocessor):
    """Show each rubric criterion's level, descriptor and comment in the learner's feedback."""

    # As in GetGrades: configurable, so that nbconvert's own setting of it raises no warning.
    display_data_priority = List(NbGraderPreprocessor.display_data_priority.default()).tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._catalogues: dict[Path, Catalogue | None] = {}

    def _course_dir(self) -> Path:
        """The course directory of the converter running us (GenerateFeedback has a `coursedir`)."""
        node = self.parent
        while node is not None:
            coursedir = getattr(node, "coursedir", None)
            if coursedir is not None:
                return Path(coursedir.root)
            node = getattr(node, "parent", None)
        if "root" in self.config.CourseDirectory:
            return Path(self.config.CourseDirectory.root)
        return Path.cwd()  # nbgrader's converters run from the course directory

    def _catalogue(self) -> Catalogue | None:
        course_dir = self._course_dir().resolve()
        if course_dir not in self._catalogues:
            try:
                self._catalogues[course_dir] = load_catalogue(course_dir)
            except CatalogueError as exc:
                self.log.warning("Retour sans grille d'évaluation : catalogue illisible.\n%s", exc)
                self._catalogues[course_dir] = None
        return self._catalogues[course_dir]

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources.get("nbgrader", {})
        catalogue = self._catalogue()
        if catalogue is None or info.get("assignment") not in catalogue.assignments:
            return nb, resources
        assignment = catalogue.assignments[info["assignment"]]
        with Gradebook(info["db_url"]) as gradebook:
            results = submission_results(gradebook, assignment, info["student"])
        return insert_rubric_feedback(nb, assignment, results), resources


class QuietOnConvert(NbGraderPreprocessor):
    """As in GetGrades: display_data_priority configurable, so that nbconvert's own setting of it raises no warning."""

    display_data_priority = List(NbGraderPreprocessor.display_data_priority.default()).tag(config=True)


class FeedbackClearHiddenTests(QuietOnConvert, ClearHiddenTests):
    """nbgrader's ClearHiddenTests, run on the feedback."""


class FeedbackClearMarkScheme(QuietOnConvert, ClearMarkScheme):
    """nbgrader's ClearMarkScheme, run on the feedback."""


class FailedTestMessagesOnly(QuietOnConvert):
    """A failed test's error shows its message, not the traceback, whose context lines quote the test's code."""

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict, index: int):
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Erreur')}: {output.get('evalue', '')}"]
        return cell, resources


def feedback_preprocessors() -> list:
    """nbgrader's default GenerateFeedback preprocessors, with RubricFeedback right after GetGrades, then what
    keeps the assessment's secrets out of a page learners keep and pass on: hidden tests (ClearHiddenTests)
    with the lines of them a traceback quotes (FailedTestMessagesOnly), and the jury's mark schemes (ClearMarkScheme)."""
    defaults = list(GenerateFeedback.class_traits()["preprocessors"].default())
    index = defaults.index(GetGrades) + 1
    return [*defaults[:index], RubricFeedback, FeedbackClearHiddenTests, FailedTestMessagesOnly, FeedbackClearMarkScheme,
            *defaults[index:]]


def configure_feedback(c) -> None:
    """The course's feedback, in nbgrader_config.py: the rubric notes, on the course's French pages.

    The template folders apply to every HTMLExporter nbgrader builds from this configuration: formgrader's
    grading page (the template « formgrade ») is French too.
    """
    c.GenerateFeedback.preprocessors = feedback_preprocessors()
    # nbgrader's GenerateFeedback adds its own folder only when none is configured: both are given here.
    c.HTMLExporter.extra_template_basedirs = template_basedirs()
