"""The wheel a learner's environment installs holds no model answer, hidden test, mark scheme or widget content."""
from __future__ import annotations

import inspect
import re
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest

from course import data
from course.authoring import build
from course.catalogue import load_catalogue
from tests.conftest import REPO

MIN_LENGTH = 25  # shorter lines (`plt.show()`, `#### Méthode`) are not evidence of a leak
FILE_MIN_LENGTH = 40  # widget files also name public things (a partner's name) that the data use too
REGIONS = [
    re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S),
    re.compile(r"<!-- BEGIN SOLUTION -->\n(.*?)<!-- END SOLUTION -->", re.S),
    re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S),
    re.compile(r"<!-- BEGIN MARK SCHEME -->\n(.*?)<!-- END MARK SCHEME -->", re.S),
]


def public_cells() -> set[str]:
    """Every text cell of the course datasets: public by design, whatever widget file also quotes it."""
    cells = set()
    for name in data.generator_modules():
        frame = data.load(name)
        for column in frame.columns:
            cells.update(str(value).strip() for value in frame[column].dropna() if isinstance(value, str))
    return cells


def secrets() -> dict[str, str]:
    """Every line of every solution, hidden test, mark scheme and released widget file → where it comes from.

    The builder's own frame (a mark scheme's heading, the level table's header) is public and left out, and so
    is a widget file's line made of cells of a course dataset (a structure's name, a list of a survey's answers).
    """
    catalogue = load_catalogue(REPO)
    frame = inspect.getsource(build)
    public = public_cells()
    found = {}
    for assignment in catalogue.assignments.values():
        for name in assignment.notebooks:
            notebook = nbformat.read(catalogue.source_notebook(assignment, name), as_version=4)
            for cell in notebook.cells:
                for pattern in REGIONS:
                    for region in pattern.findall(cell.source):
                        for line in region.splitlines():
                            if len(line.strip()) >= MIN_LENGTH and line.strip() not in frame:
                                found[line.strip()] = f"{assignment.id}/{name}"
        for name in assignment.files:
            for line in (catalogue.assignment_dir(assignment) / name).read_text(encoding="utf-8").splitlines():
                text = line.strip().strip("-").strip().strip('"').strip()
                cells = [part.strip(' "[]') for part in text.split('", "')]  # a YAML flow list of values
                if len(text) >= FILE_MIN_LENGTH and not text.startswith("#") and not all(c in public for c in cells):
                    found[text] = f"{assignment.id}/{name}"
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """Built from a copy of the files git knows: a stale build/ in the checkout cannot slip old files in."""
    tree, out = tmp_path_factory.mktemp("arbre"), tmp_path_factory.mktemp("roue")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, tree / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(tree), "--no-deps", "--quiet", "-w", str(out)],
                   check=True, capture_output=True)
    (path,) = out.glob("casp_course-*.whl")
    return path


def test_secrets_are_collected():
    found = secrets()
    sources = {where.split("/")[0] for where in found.values()}
    assert sources == set(load_catalogue(REPO).assignments)  # every assignment has something to hide
    assert len(found) > 200


def test_wheel_holds_no_answer_hidden_test_mark_scheme_or_widget_content(wheel):
    found = secrets()
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert not [n for n in names if n.startswith("course/authoring/notebooks/")]
        leaks = []
        for name in names:
            text = archive.read(name).decode("utf-8", errors="replace")
            leaks += [f"{name} contient « {secret[:60]} » ({where})" for secret, where in found.items() if secret in text]
    assert leaks == []


def test_wheel_carries_the_prebuilt_lab_extension(wheel):
    """casp-nbgrader-fr (nbgrader's lab parts in French) installs with the course: no Node on the users' machines."""
    built = REPO / "course" / "lab" / "labextensions" / "casp-nbgrader-fr"
    expected = sorted(path.relative_to(REPO).as_posix() for path in [built / "package.json",
                                                                     *(built / "static").iterdir()])
    with zipfile.ZipFile(wheel) as archive:
        shipped = sorted(name for name in archive.namelist() if name.startswith("course/lab/labextensions/"))
        assert shipped == expected
        assert all(archive.read(name) == (REPO / name).read_bytes() for name in shipped)
