"""Every assignment for real through nbgrader: release/ is exactly what nbgrader generates from source/,
source/ is what the builder makes, and nothing secret reaches release/. That the model answers score every
autograded point and a blank copy none is `casp validate`'s job (tests/test_validate_catalogue.py)."""
from __future__ import annotations

import filecmp

import nbformat

import pytest

from course.authoring.build import build_sources
from course.authoring.mutants import run_mutants
from course.catalogue import load_catalogue
from course.learner.selfcheck import verifier_ma_copie
from course.nbgrader_ext.api import nbgrader_api
from course.nbgrader_ext.scratch import make_scratch_course
from tests.conftest import REPO

CATALOGUE = load_catalogue(REPO)
ASSIGNMENTS = list(CATALOGUE.assignments)


def test_source_notebooks_are_built_from_catalogue():
    assert build_sources(CATALOGUE, check=True) == [], "source/ est périmé : lancez `casp build`"


def test_source_notebooks_have_no_outputs():
    for assignment in CATALOGUE.assignments.values():
        for name in assignment.notebooks:
            text = CATALOGUE.source_notebook(assignment, name).read_text(encoding="utf-8")
            assert '"outputs": []' in text and '"output_type"' not in text, name


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def generated(request, tmp_path_factory):
    assignment = CATALOGUE.assignment(request.param)
    course_dir = make_scratch_course(tmp_path_factory.mktemp(assignment.id) / "cours", REPO, [assignment.id])
    result = nbgrader_api(course_dir).generate_assignment(assignment.id, force=True)
    assert result["success"], result["log"]
    return assignment, course_dir


def test_release_in_sync_with_source(generated):
    assignment, course_dir = generated
    fresh, committed = course_dir / "release" / assignment.id, REPO / "release" / assignment.id
    comparison = filecmp.dircmp(fresh, committed)
    assert not comparison.left_only and not comparison.right_only, "release/ n'a pas les mêmes fichiers"
    for name in assignment.notebooks:
        assert (fresh / name).read_text(encoding="utf-8") == (committed / name).read_text(encoding="utf-8"), (
            f"release/{assignment.id}/{name} n'est pas à jour : lancez `casp release {assignment.id}`"
        )


def test_self_check_passes_on_model_answers_and_flags_blank_copy(generated):
    assignment, course_dir = generated
    for name in assignment.notebooks:
        if any(c.kind == "production" for c in assignment.rubric):
            # a production is a file the model answer's code cell writes beside the notebook: run it first
            notebook = nbformat.read(course_dir / "source" / assignment.id / name, as_version=4)
            assert not run_mutants(notebook, {}, course_dir / "source" / assignment.id).model_failures
        model = verifier_ma_copie(course_dir / "source" / assignment.id / name)
        assert model.ok, model.problemes
        blank = verifier_ma_copie(course_dir / "release" / assignment.id / name)
        assert not blank.ok


def test_release_leaks_no_solution_hidden_test_or_mark_scheme(generated):
    assignment, course_dir = generated
    for name in assignment.notebooks:
        source = (course_dir / "source" / assignment.id / name).read_text(encoding="utf-8")
        release = (course_dir / "release" / assignment.id / name).read_text(encoding="utf-8")
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME", "Barème du jury"):
            assert marker not in release, f"{marker} dans release/{assignment.id}/{name}"
        assert "BEGIN SOLUTION" in source
        answers = [c for c in nbformat.reads(release, as_version=4).cells
                   if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")]
        assert sum(c.source.count("_Écrivez votre réponse ici._") for c in answers) == sum(
            len(c.writing.parts) for c in assignment.rubric if c.kind == "ecrit"
        )
        if any(c.kind == "oral" for c in assignment.rubric):
            assert "Barème du jury" in source
