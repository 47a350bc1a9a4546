"""Every assignment of the catalogue passes `casp validate`: model answers score every autograded point, a blank
copy none, and every declared mutant loses points on a test of its question (proof that hidden tests can fail)."""
from __future__ import annotations

import pytest

from course.authoring.mutants import load_mutants
from course.catalogue import load_catalogue
from course.nbgrader_ext.validate import validate_assignment
from tests.conftest import REPO

CATALOGUE = load_catalogue(REPO)


@pytest.mark.parametrize("assignment_id", list(CATALOGUE.assignments))
def test_assignment_validates(assignment_id, tmp_path):
    report = validate_assignment(REPO, assignment_id, workdir=tmp_path)
    assert [c.line() for c in report.checks if not c.ok] == []
    mutants = load_mutants(CATALOGUE.assignment_dir(CATALOGUE.assignment(assignment_id)))
    mutant_lines = [c for c in report.checks if c.label.startswith("mutant ")]
    assert len(mutant_lines) == sum(len(wrongs) for wrongs in mutants.values()) > 0
