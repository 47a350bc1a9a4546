"""Read one assignment folder's text sources: MyST notebooks whose placeholders come from `attendus.py`.

An assignment is written as jupytext `md:myst` notebooks (one per nbgrader notebook), so that a trainer
edits prose as prose and opens the same file as a notebook in JupyterLab. Expected values (hidden-test
figures, numbers quoted in model answers) are computed by `attendus.py` from the committed data and
filled into Jinja placeholders (`{{ nb_lignes }}`) before jupytext parses the text: the content needs no
escaping, and the figures always match the data the learners load.

Cell options carry nbgrader's own metadata keys (`grade_id`, `solution`, `grade`, `locked`, `points`,
`task`); the builder completes the rest. Options mark what the catalogue renders: on markdown cells `ecrit`
(a written answer, whose body holds the model answer under one `#### <part>` heading per expected part)
and `oral` (a task cell scored by the jury); on a code cell `production` (a table the learner builds, graded
by hand; the cell holds the model code).
"""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import jinja2
import jupytext
import nbformat
import nbformat.v4 as nbf

from ..catalogue import CatalogueError
from ..formatting import decimal_fr
from .cells import Oral, Production, Written, nbgrader_meta

EXPECTED_FILE = "attendus.py"
NBGRADER_KEYS = {"grade_id", "grade", "solution", "locked", "task", "points"}
# Metadata that JupyterLab or jupytext may add when a trainer saves the file: not content, dropped.
EDITOR_KEYS = {"tags", "editable", "deletable", "collapsed", "scrolled", "trusted", "execution",
               "jp-MarkdownHeadingCollapsed", "vscode"}
PART_HEADING = re.compile(r"^#### (.+)$", re.MULTILINE)


def notebook_text_path(folder: Path, notebook: str) -> Path:
    """`recit_de_vie.ipynb` is written as `recit_de_vie.md` in the assignment folder."""
    return folder / (Path(notebook).stem + ".md")


def expected_values(folder: Path) -> dict:
    """Run `attendus.py`'s `attendus()`; no file means no placeholders."""
    path = folder / EXPECTED_FILE
    if not path.exists():
        return {}
    spec = importlib.util.spec_from_file_location(f"casp_attendus_{folder.name}", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # an author's file: report it, with its own message
        raise CatalogueError(f"{path} : erreur à l'exécution ({type(exc).__name__} : {exc}).") from exc
    if not callable(getattr(module, "attendus", None)):
        raise CatalogueError(f"{path} : il faut une fonction attendus() qui renvoie un dictionnaire de valeurs.")
    values = module.attendus()
    if not isinstance(values, dict):
        raise CatalogueError(f"{path} : attendus() doit renvoyer un dictionnaire, pas {type(values).__name__}.")
    return values


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        # `{#` opens a Markdown attribute or a Python set far more often than a comment: comments use {##.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["py"] = repr
    env.filters["fr"] = decimal_fr  # {{ x | fr }} → « 12,5 » ; {{ x | fr(1) }} → « 12,3 »
    return env


def render_text(path: Path, values: dict) -> str:
    """Fill the placeholders; an unknown name or a syntax error names the file and the line."""
    text = path.read_text(encoding="utf-8")
    try:
        return _environment().from_string(text).render(values)
    except jinja2.TemplateSyntaxError as exc:
        raise CatalogueError(f"{path}, ligne {exc.lineno} : espace réservé mal écrit ({exc.message}).") from None
    except jinja2.UndefinedError as exc:
        name = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", exc.message or "")
        what = f"« {name.group(2) or name.group(1)} »" if name else f"({exc.message})"
        raise CatalogueError(
            f"{path} : l'espace réservé {what} n'a pas de valeur ; ajoutez-la au dictionnaire renvoyé par "
            f"{EXPECTED_FILE}."
        ) from None


def _written(path: Path, criterion_id: str, source: str) -> Written:
    headings = list(PART_HEADING.finditer(source))
    if not headings or source[: headings[0].start()].strip():
        raise CatalogueError(
            f"{path} : le corrigé de l'écrit {criterion_id} doit commencer par un titre « #### <partie> » "
            "pour chaque partie attendue."
        )
    model = {}
    for match, following in zip(headings, [*headings[1:], None]):
        end = following.start() if following else len(source)
        model[match.group(1).strip()] = source[match.end(): end].strip("\n")
    return Written(criterion_id, model)


def cell_to_item(path: Path, number: int, cell: nbformat.NotebookNode):
    """A parsed cell → what the builder places: a plain or nbgrader cell, or a Written/Oral marker."""
    options = {key: value for key, value in cell.metadata.items() if key not in EDITOR_KEYS}
    where = f"{path}, cellule {number}"
    if cell.cell_type == "markdown":
        if "ecrit" in options:
            return _written(path, options["ecrit"], cell.source)
        if "oral" in options:
            return Oral(options["oral"])
    if cell.cell_type == "code" and "production" in options:
        return Production(options["production"], cell.source)
    unknown = sorted(set(options) - {"nbgrader"})
    if unknown:
        raise CatalogueError(
            f"{where} : option(s) inconnue(s) {', '.join(unknown)} (attendu : nbgrader, ecrit, oral, production)."
        )
    if cell.cell_type == "markdown":
        new = nbf.new_markdown_cell(cell.source)
    elif cell.cell_type == "code":
        new = nbf.new_code_cell(cell.source)
    else:
        raise CatalogueError(f"{where} : cellule de type « {cell.cell_type} » non prise en charge.")
    if "nbgrader" in options:
        given = options["nbgrader"]
        if not isinstance(given, dict) or "grade_id" not in given or set(given) - NBGRADER_KEYS:
            raise CatalogueError(
                f"{where} : l'option nbgrader doit donner grade_id et seulement {', '.join(sorted(NBGRADER_KEYS))}."
            )
        given = dict(given)
        new.metadata["nbgrader"] = nbgrader_meta(given.pop("grade_id"), **given)
    return new


def read_notebook(path: Path, values: dict) -> list:
    if not path.exists():
        raise CatalogueError(f"{path} : notebook introuvable (annoncé dans devoir.yaml).")
    notebook = jupytext.reads(render_text(path, values), fmt="md:myst")
    return [cell_to_item(path, number, cell) for number, cell in enumerate(notebook.cells, 1)]


def read_contents(folder: Path, notebooks: list[str]) -> dict[str, list]:
    """Every notebook of one assignment folder, as the builder's items."""
    values = expected_values(folder)
    return {name: read_notebook(notebook_text_path(folder, name), values) for name in notebooks}
