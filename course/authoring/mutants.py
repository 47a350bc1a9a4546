"""Declared wrong answers ("mutants"): proof that the hidden tests of each question can fail.

`assignments/<id>/mutants.yaml` maps the grade_id of an autograded answer cell to wrong answers a learner
might plausibly write. `casp validate` grades a copy per mutant (the model answers everywhere else) and
checks that at least one test cell of that question loses points. The file is read by authors' tools only:
it is never copied into source/ or release/.
"""
from __future__ import annotations

from pathlib import Path

import nbformat
import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError

from ..catalogue import CatalogueError

MUTANTS_FILE = "mutants.yaml"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


class Mutant(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pourquoi: str = Field(min_length=1)  # the mistake it stands for, as the report names it
    code: str = Field(min_length=1)  # what the learner would have written between the solution markers


class MutantFile(RootModel[dict[str, list[Mutant]]]):
    pass


def load_mutants(folder: Path) -> dict[str, list[Mutant]]:
    path = folder / MUTANTS_FILE
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return MutantFile.model_validate(raw).root
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (ligne {mark.line + 1})" if mark else ""
        raise CatalogueError(f"{path} : YAML invalide{where} : {getattr(exc, 'problem', None) or exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CatalogueError(
            f"{path} : mutant mal décrit ({where} : {first['msg']}) ; attendu : "
            "« grade_id_de_la_reponse: [{pourquoi: ..., code: ...}] »."
        ) from None


def questions(notebook: nbformat.NotebookNode) -> dict[str, list[str]]:
    """Autograded answer cell → the test cells that follow it, up to the next answer cell."""
    found: dict[str, list[str]] = {}
    current = None
    for cell in notebook.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("solution") and not meta.get("grade"):
            current = meta["grade_id"]
            found[current] = []
        elif meta.get("grade") and not meta.get("solution") and current is not None:
            found[current].append(meta["grade_id"])
    return {answer: tests for answer, tests in found.items() if tests}


def apply_mutant(notebook: nbformat.NotebookNode, answer_id: str, code: str) -> nbformat.NotebookNode:
    """A copy of `notebook` whose answer cell holds `code` in place of the model answer."""
    mutated = nbformat.from_dict(notebook)
    for cell in mutated.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") != answer_id:
            continue
        source = cell.source
        if BEGIN in source and END in source:
            before, rest = source.split(BEGIN, 1)
            _, after = rest.split(END, 1)
            cell.source = before + code.strip("\n") + after
        else:
            cell.source = code.strip("\n")
        return mutated
    raise CatalogueError(f"réponse « {answer_id} » introuvable dans le notebook")
