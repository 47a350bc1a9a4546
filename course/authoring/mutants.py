"""Declared wrong answers ("mutants"): proof that the hidden tests of each question can fail.

`assignments/<id>/mutants.yaml` maps the grade_id of an autograded answer cell to wrong answers a learner
might plausibly write. `casp validate` checks that each one makes at least one test cell of its question
fail, hidden tests included. The file is read by authors' tools only: it is never copied into source/ or
release/.

All the mutants of a notebook run in one kernel, in notebook order: at each question, every mutant is run
followed by the question's test cells, then the model answer and its tests restore the state the next
questions expect. A kernel per mutant would cost a second each for the same verdict.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError

from .. import yaml_io
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
        raw = yaml_io.safe_load(path.read_text(encoding="utf-8")) or {}
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


@dataclass
class MutantResult:
    answer_id: str
    why: str
    failing: list[str]  # test cells of the question that failed with this mutant


@dataclass
class MutantRun:
    results: list[MutantResult]
    model_failures: list[str]  # cells of the model notebook that raised an error (after the mutants before them)


def _failed(cell: nbformat.NotebookNode) -> bool:
    return any(output.get("output_type") == "error" for output in cell.get("outputs", []))


def run_mutants(notebook: nbformat.NotebookNode, mutants: dict[str, list[Mutant]], folder: Path,
                timeout: int = 60) -> MutantRun:
    """Run the model notebook, and every mutant at its question, in one kernel started in `folder`."""
    notebook = nbformat.from_dict(notebook)
    asked = questions(notebook)
    # IPC sockets: no TCP port to race for, and no plain-text-over-TCP warning from ipykernel. A socket path
    # must stay under ~100 characters, hence a short folder of its own.
    sockets = Path(tempfile.mkdtemp(prefix="casp-"))
    manager = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=str(sockets / "k"))
    client = NotebookClient(notebook, km=manager, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    client.owns_km = True  # shut the kernel down at the end, as when nbclient makes its own manager
    results, model_failures = [], []
    try:
        with client.setup_kernel():
            _run_in_order(client, notebook, mutants, asked, results, model_failures)
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
    return MutantRun(results, model_failures)


def _run_in_order(client: NotebookClient, notebook: nbformat.NotebookNode, mutants: dict[str, list[Mutant]],
                  asked: dict[str, list[str]], results: list[MutantResult], model_failures: list[str]) -> None:
    cells = notebook.cells
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        answer_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        for mutant in mutants.get(answer_id, []) if answer_id in asked else []:
            results.append(_run_mutant(client, notebook, index, answer_id, mutant, asked[answer_id]))
        client.execute_cell(cell, index)
        if _failed(cell):  # a test the model answer fails, or an example or widget cell that breaks
            model_failures.append(cell.metadata.get("nbgrader", {}).get("grade_id") or f"cellule {index + 1}")


def _run_mutant(client: NotebookClient, notebook: nbformat.NotebookNode, index: int, answer_id: str,
                mutant: Mutant, tests: list[str]) -> MutantResult:
    """The mutated answer, then the cells up to the question's last test; the model answer runs next."""
    cells = notebook.cells
    last = max(i for i, c in enumerate(cells) if c.metadata.get("nbgrader", {}).get("grade_id") in tests)
    client.execute_cell(apply_mutant(notebook, answer_id, mutant.code).cells[index], index, store_history=False)
    failing = []
    for later in range(index + 1, last + 1):
        if cells[later].cell_type != "code":
            continue
        trial = nbformat.from_dict(cells[later])
        client.execute_cell(trial, later, store_history=False)
        grade_id = trial.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in tests and _failed(trial):
            failing.append(grade_id)
    return MutantResult(answer_id, mutant.pourquoi, failing)
