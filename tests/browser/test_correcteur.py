"""A trainer's lab shows all of nbgrader; a grader marks a written answer in formgrader and the gradebook keeps it."""
from __future__ import annotations

import nbformat
from nbgrader.api import Gradebook
from playwright.sync_api import expect

from course.demo.cohort import fill_notebook
from course.lab import prepare_role, start_lab
from course.nbgrader_ext.api import autograde, load_config, nbgrader_api
from course.nbgrader_ext.exchange import fetch, submit
from tests.browser.conftest import bloc1_course

ASSIGNMENT = "m13_cas_accueil_orientation"
NOTEBOOK = "cas_accueil_orientation"
LEARNER = ("apprenant01", "Amina", "Abadie")
GRADE_ID = "ecrit_redaction_cas"  # Écrit 1, criterion M1.3-B, 4 points
POINTS = 3.0  # « acquis » (from 2.8 points out of 4)
COMMENT = ("Situation claire et factuelle ; la reformulation est juste. "
           "Vérifiez avec Yanis qu'il la reconnaît comme la sienne.")


def collected_and_autograded(course_dir, home) -> None:
    """One learner's M1.3, completed, submitted, collected and autograded through the course's Python API."""
    api = nbgrader_api(course_dir)
    for step in (api.generate_assignment(ASSIGNMENT, force=True), api.release_assignment(ASSIGNMENT)):
        assert step["success"], step.get("log", "") + step.get("error", "")
    login, first_name, last_name = LEARNER
    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        gradebook.update_or_create_student(login, first_name=first_name, last_name=last_name)
    folder = fetch(course_dir, ASSIGNMENT, login, home)
    path = folder / f"{NOTEBOOK}.ipynb"
    source = nbformat.read(course_dir / "source" / ASSIGNMENT / path.name, as_version=4)
    nbformat.write(fill_notebook(nbformat.read(path, as_version=4), source, "excellent", seed=1), path)
    submit(course_dir, ASSIGNMENT, login, home)
    assert api.collect(ASSIGNMENT)["success"]
    result = autograde(course_dir, ASSIGNMENT, login)
    assert result["success"], result.get("log", "") + result.get("error", "")


def menu_items(page, menu: str) -> list[str]:
    page.locator(".lm-MenuBar-item", has_text=menu).click()
    page.locator(".lm-Menu").first.wait_for()
    return [label for label in page.locator(
        ".lm-Menu-content .lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel").all_inner_texts() if label]


def test_trainer_lab_and_manual_grading_in_formgrader(tmp_path, browser_page, monkeypatch):
    page = browser_page.page
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))  # nbgrader's submit cache, not the user's
    course_dir = bloc1_course(tmp_path / "cours")
    collected_and_autograded(course_dir, tmp_path / "apprenant")
    setup = prepare_role("formateur", course_dir)
    assert setup.root_dir == course_dir and setup.url_path == "/lab"

    with start_lab(setup) as lab:
        page.goto(lab.url)
        expect(page.locator(".lm-MenuBar-content")).to_contain_text("Fichier")
        expect(page.locator(".jp-DirListing-item", has_text="source")).to_be_visible()  # the course directory
        assert page.locator(".jp-Dialog").count() == 0
        assert page.locator(".Toastify__toast").count() == 0
        sidebars = page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all("tabs => tabs.map(t => t.title)")
        assert sidebars == ["Explorateur de fichiers (Ctrl+Shift+F)", "Terminaux et noyaux en cours d'exécution",
                            "Table des Matières", "Gestionnaire d'extensions", "Inspecteur de propriétés",
                            "Nbgrader Create Assignment", "Débogueur"]
        assert menu_items(page, "Nbgrader") == ["Assignment List", "Course List", "Formgrader", "Create assignment"]
        browser_page.screenshot("formateur-01-lab.png")

        page.get_by_role("menuitem", name="Formgrader", exact=True).click()
        formgrader = page.frame_locator("#formgrader iframe")
        expect(formgrader.get_by_role("heading", name="Manage Assignments")).to_be_visible()
        row = formgrader.locator("table tbody tr", has_text=ASSIGNMENT)
        expect(row).to_be_visible()
        browser_page.screenshot("correcteur-01-formgrader.png")

        formgrader.get_by_role("link", name="Manual Grading").click()
        formgrader.get_by_role("link", name=ASSIGNMENT).click()
        formgrader.get_by_role("link", name=NOTEBOOK).click()
        formgrader.get_by_role("link", name="Submission #1").click()
        score = formgrader.locator(f"input.score#{GRADE_ID}")
        comment = formgrader.locator(f"textarea.comment#{GRADE_ID}-comment")
        score.scroll_into_view_if_needed()
        expect(score).to_have_value("")
        browser_page.screenshot("correcteur-02-copie.png")

        with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT"):
            score.fill(f"{POINTS:g}")
            score.press("Tab")
        with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url and r.request.method == "PUT"):
            comment.fill(COMMENT)
            comment.blur()  # formgrader saves a comment when it changes
        # The picture shows the points (above the answer) and the comment (below it): once formgrader's own
        # scrolling towards the focused field is over, the answer's header goes just under its navigation bar.
        grading = next(frame for frame in page.frames if "/formgrader/submissions/" in frame.url)
        grading.wait_for_function("() => window.jQuery(':animated').length === 0")
        score.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 130)")
        expect(score).to_be_in_viewport()
        expect(comment).to_be_in_viewport()
        browser_page.screenshot("correcteur-03-note-commentaire.png")
        browser_page.close()

    with Gradebook(load_config(course_dir).CourseDirectory.db_url) as gradebook:
        grade = gradebook.find_grade(GRADE_ID, NOTEBOOK, ASSIGNMENT, LEARNER[0])
        note = gradebook.find_comment(GRADE_ID, NOTEBOOK, ASSIGNMENT, LEARNER[0])
        assert (grade.manual_score, grade.max_score, grade.needs_manual_grade) == (POINTS, 4.0, False)
        assert note.manual_comment == COMMENT
    browser_page.assert_no_js_errors()


def test_trainer_lab_opens_a_myst_assignment_as_a_notebook(tmp_path, browser_page):
    """Trainers edit assignments/<id>/*.md in the lab: a MyST file opens as a notebook (jupytext), not as text."""
    page = browser_page.page
    course_dir = bloc1_course(tmp_path / "cours")
    setup = prepare_role("formateur", course_dir)
    path = f"assignments/{ASSIGNMENT}/{NOTEBOOK}.md"
    with start_lab(setup) as lab:
        page.goto(f"{lab.base_url}/lab/tree/{path}?token={lab.token}")
        notebook = page.locator(".jp-NotebookPanel .jp-Notebook")
        expect(notebook).to_be_visible()
        expect(notebook.locator(".jp-CodeCell").first).to_be_visible()
        expect(notebook).to_contain_text("Les situations")  # the first markdown heading of the case, rendered
        expect(notebook).to_contain_text("### BEGIN SOLUTION")  # answer cells with their model answer
        assert notebook.locator(".jp-Cell").count() >= 10  # the lab renders only the cells near the view
        assert page.locator(".jp-FileEditor").count() == 0  # not the text editor
        browser_page.close()
    browser_page.assert_no_js_errors()
