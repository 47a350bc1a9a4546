"""nbgrader's HTML pages in French: the course's nbconvert templates, and what they need besides nbgrader's resources.

nbgrader renders two pages with nbconvert's HTMLExporter and a template it names: a learner's feedback
(« feedback ») and formgrader's grading page (« formgrade »). nbconvert looks a template up by name in each
folder of `HTMLExporter.extra_template_basedirs`, in order; `templates/nbconvert/` holds a French version of
both, and comes before nbgrader's own folder (course.nbgrader_ext.feedback.configure_feedback, in
nbgrader_config.py). nbgrader's files are not touched.

Each template's `conf.json` declares `PageResources`, nbconvert's way for a template to bring its preprocessors:
the palette as CSS custom properties, the French number format, and a French text alternative for a figure that
has none (nbconvert's fallback is « No description has been provided for this image »).
"""
from __future__ import annotations

from pathlib import Path

import nbgrader
from nbconvert.exporters.exporter import ResourcesDict
from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode

from ..formatting import trimmed_fr
from ..palette import css_variables

TEMPLATES = Path(__file__).resolve().parent / "templates" / "nbconvert"
NBGRADER_TEMPLATES = Path(nbgrader.__file__).resolve().parent / "server_extensions" / "formgrader" / "templates"

IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
FIGURE_ALT = "Figure produite par le code de cette cellule (aucune description n'a été fournie)."


def template_basedirs() -> list[str]:
    """Where nbconvert looks for a template by name: the course's French ones first, then nbgrader's."""
    return [str(TEMPLATES), str(NBGRADER_TEMPLATES)]


def has_alt(cell: NotebookNode, output: NotebookNode, mimetype: str) -> bool:
    """Whether nbconvert's templates find a text alternative for this figure (output, then cell metadata)."""
    metadata = output.get("metadata") or {}
    return bool((metadata.get(mimetype) or {}).get("alt") or metadata.get("alt") or cell.get("metadata", {}).get("alt"))


class PageResources(Preprocessor):
    """`resources["casp"]` for the course's templates, and a French text alternative for every figure."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        # The template calls `number` as it writes each mark, after nbgrader's GetGrades has read them.
        resources["casp"] = {"css_variables": css_variables(), "number": trimmed_fr}
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                for mimetype in IMAGE_TYPES:
                    if mimetype in output.get("data", {}) and not has_alt(cell, output, mimetype):
                        output.setdefault("metadata", {}).setdefault(mimetype, {})["alt"] = FIGURE_ALT
        return nb, resources
