"""A full nbgrader cycle (generate, release, fetch, submit, collect, autograde, marking, feedback)
on a small cohort, with exact expected scores."""
from __future__ import annotations

from rich.console import Console

from course.catalogue import load_catalogue
from course.demo.cohort import Learner
from course.demo.pipeline import generate_feedback, run_cycle
from course.grading.results import cohort_results, marks_by_submission
from course.nbgrader_ext.api import load_config
from course.nbgrader_ext.scratch import make_scratch_course
from tests.conftest import MINI_ASSIGNMENT as MINI_WITH_CODE, REPO, write_mini_course

QUALITY = {"vide": "vide", "partiel": "partiel", "bon": "bon", "excellent": "excellent"}
LEARNERS = [Learner(q, q.capitalize(), "Fictif", f"{q}@formation.example", 0.0) for q in QUALITY]


def test_cycle_on_mini_course(tmp_path):
    repo = write_mini_course(tmp_path / "depot")
    course_dir = make_scratch_course(tmp_path / "cours", repo, ["mini"])
    catalogue = load_catalogue(course_dir)
    quiet = Console(file=open("/dev/null", "w"))
    run_cycle(course_dir, tmp_path / "sortie", LEARNERS, catalogue, quiet,
              jobs=2, quality_of=lambda learner, assignment_id: QUALITY[learner.id])
    generate_feedback(course_dir, ["mini"], quiet)
    rows = cohort_results(catalogue, load_config(course_dir).CourseDirectory.db_url)
    by_key = {(r.student_id, r.criterion_id): (r.points, r.level) for r in rows}
    assert by_key == EXPECTED_CRITERIA
    assert marks_by_submission(rows) == EXPECTED_MARKS
    feedback = sorted(p.relative_to(course_dir / "feedback").as_posix() for p in (course_dir / "feedback").rglob("*.html"))
    assert feedback == [f"{q}/mini/mini.html" for q in sorted(QUALITY)]
    html = (course_dir / "feedback" / "excellent" / "mini" / "mini.html").read_text(encoding="utf-8")
    assert "Maîtrisé" in html


# "bon" drops one code answer (a2, so t2 fails) and writes enough of both parts to reach "maîtrisé";
# "partiel" answers a1 only and writes too little (en cours); oral levels are the usual quality,
# shifted by the simulated jury's seeded draw (excellent → acquis, partiel → acquis here).
EXPECTED_CRITERIA = {
    ("vide", "M1.1-A"): (0.0, "non_acquis"), ("vide", "M1.1-B"): (0.0, "non_acquis"),
    ("vide", "M1.1-C"): (0.0, "non_acquis"),
    ("partiel", "M1.1-A"): (2.0, "en_cours"), ("partiel", "M1.1-B"): (3.0, "en_cours"),
    ("partiel", "M1.1-C"): (5.5, "acquis"),
    ("bon", "M1.1-A"): (2.0, "en_cours"), ("bon", "M1.1-B"): (8.0, "maitrise"), ("bon", "M1.1-C"): (5.5, "acquis"),
    ("excellent", "M1.1-A"): (4.0, "maitrise"), ("excellent", "M1.1-B"): (8.0, "maitrise"),
    ("excellent", "M1.1-C"): (5.5, "acquis"),
}
EXPECTED_MARKS = {("vide", "mini"): 0.0, ("partiel", "mini"): 10.5, ("bon", "mini"): 15.5, ("excellent", "mini"): 17.5}


def writing_only_assignment() -> dict:
    """The mini assignment without its code questions: a writing and an oral, nothing to execute."""
    import copy

    from tests.conftest import MINI_ASSIGNMENT

    assignment = copy.deepcopy(MINI_ASSIGNMENT)
    assignment.update(id="ecrit_seul", notebooks=["ecrit_seul.ipynb"])
    assignment["rubric"] = [c for c in assignment["rubric"] if c["kind"] != "auto"]
    assignment["rubric"][0].update(collective=True, points=12)
    return assignment


def test_assignment_without_autograded_tests_is_recorded_without_execution(tmp_path):
    import nbformat

    from course.nbgrader_ext.api import autograde, has_autograded_tests, nbgrader_api
    from tests.conftest import mini_notebook
    from tests.nbgrader_helpers import place_submission, scores

    writing = writing_only_assignment()
    notebook = mini_notebook(MINI_WITH_CODE)
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type == "markdown"]
    repo = write_mini_course(tmp_path / "depot")
    write_mini_course(repo, writing, notebook)
    course_dir = make_scratch_course(tmp_path / "cours", repo, ["mini", "ecrit_seul"])
    assert has_autograded_tests(course_dir, "mini") and not has_autograded_tests(course_dir, "ecrit_seul")
    assert nbgrader_api(course_dir).generate_assignment("ecrit_seul", force=True)["success"]
    assignment = load_catalogue(course_dir).assignment("ecrit_seul")
    place_submission(course_dir, assignment, "a1", course_dir / "source" / "ecrit_seul")
    assert autograde(course_dir, "ecrit_seul", "a1")["success"]
    graded = nbformat.read(course_dir / "autograded" / "a1" / "ecrit_seul" / "ecrit_seul.ipynb", as_version=4)
    assert all(not cell.get("outputs") for cell in graded.cells if cell.cell_type == "code")
    assert scores(course_dir, assignment, "a1") == {"ecrit1": 0.0, "oral1": 0.0}
