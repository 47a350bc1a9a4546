"""Blind second marking in the trainer's lab: the notebook `casp second-marking open` prepares, run in JupyterLab,
marked with the keyboard; what is chosen reaches casp_second_marks at once, and the page passes axe-core's check.

One learner's M1.3 is autograded; the marker reads it under its code and never sees the learner's name.
"""
from __future__ import annotations

from playwright.sync_api import expect

from course.catalogue import load_catalogue
from course.grading.blind import prepare_blind_marking
from course.lab import prepare_role, start_lab
from course.nbgrader_ext.api import load_config
from tests.browser.conftest import autograded_copy, axe_violations, bloc1_course
from tests.browser.test_apprenant import KERNEL_IDLE, scroll_to
from tests.browser.test_widgets_clavier import focused
from tests.test_double_marking import stored_second_marks

ASSIGNMENT = "m13_cas_accueil_orientation"
LEARNER = ("apprenant01", "Amina", "Abadie")
MARKER = "M. D."


def stored(db_url: str) -> list[tuple]:
    """(learner, grade_id, marker, points, comment) of each second mark, by grade_id."""
    return [(r[0], r[3], r[4], r[5], r[6]) for r in sorted(stored_second_marks(db_url), key=lambda row: row[3])]


def test_a_blind_marker_marks_with_the_keyboard_in_the_trainers_lab(tmp_path, browser_page, monkeypatch):
    page = browser_page.page
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))  # nbgrader's submit cache, not the user's
    course_dir = bloc1_course(tmp_path / "cours")
    autograded_copy(course_dir, tmp_path / "apprenant", ASSIGNMENT, LEARNER, "excellent", seed=1)
    db_url = load_config(course_dir).CourseDirectory.db_url
    notebook = prepare_blind_marking(load_catalogue(course_dir), db_url, ASSIGNMENT, MARKER)
    setup = prepare_role("formateur", course_dir, notify=lambda _message: None)

    with start_lab(setup) as lab:
        page.goto(f"{lab.base_url}/lab/tree/{notebook.relative_to(course_dir).as_posix()}?token={lab.token}")
        expect(page.locator("#jp-main-statusbar")).to_contain_text(KERNEL_IDLE, timeout=60_000)
        page.locator(".lm-MenuBar-item", has_text="Exécution").click()
        page.get_by_role("menuitem", name="Exécuter toutes les cellules", exact=True).click()
        screen = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").first
        screen.get_by_text("Copie 1 sur 1").wait_for(timeout=90_000)
        expect(screen).to_contain_text("Niveaux enregistrés : 0 sur 3 ; copies terminées : 0 sur 1.")
        for name in (LEARNER[0], LEARNER[1], LEARNER[2]):
            expect(screen).not_to_contain_text(name)

        # M1.3-B (4 points): Tab from the first level to the third, Space chooses it, saved without a button.
        first_level = screen.get_by_label("Non acquis (0 point)").first
        scroll_to(page, first_level)
        first_level.focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert focused(page) == "Acquis (3 points)"
        page.keyboard.press("Space")
        expect(screen).to_contain_text("Enregistré : Acquis (3 points).")
        expect(screen).to_contain_text("Niveaux enregistrés : 1 sur 3 ; copies terminées : 0 sur 1.")
        assert stored(db_url) == [(LEARNER[0], "ecrit_redaction_cas", MARKER, 3.0, "")]

        # The comment is sent when the field is left (Tab), and saved with the level already chosen.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert focused(page) == "Commentaire (facultatif)"
        page.keyboard.type("Reformulation juste.")
        page.keyboard.press("Tab")
        expect(screen).to_contain_text("Enregistré : Acquis (3 points), avec le commentaire.")
        assert stored(db_url) == [(LEARNER[0], "ecrit_redaction_cas", MARKER, 3.0, "Reformulation juste.")]

        assert axe_violations(page, context=".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output") == []
        browser_page.close()  # before the server stops, or the page reports the lost connection
    browser_page.assert_no_js_errors()
