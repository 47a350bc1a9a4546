"""The learner's livret inside their feedback page, as Chromium shows it: reached from the link at the top, drawn
in its frame with its own look, and WCAG 2.1 A and AA (axe-core, no violation of any impact) on the page and in the
frame. The copy is tests/browser/test_retours_accessibles.py's half-done M1.2 copy, its livret from the gradebook.
"""
from __future__ import annotations

from playwright.sync_api import expect

from course.catalogue import load_catalogue
from course.grading.cohort import load_cohort
from course.nbgrader_ext.api import load_config
from course.reports.learner_feedback import attach_livrets
from tests.browser.conftest import axe_violations, bloc1_course
from tests.browser.test_retours_accessibles import (
    ALL_IMPACTS, ASSIGNMENT, LEARNER, MATHJAX_CDN, feedback_of_a_half_done_copy,
)


def test_the_livret_reads_inside_the_feedback_page(tmp_path, browser_page, monkeypatch):
    page = browser_page.page
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    course_dir = bloc1_course(tmp_path / "cours")
    html_path = feedback_of_a_half_done_copy(course_dir, tmp_path / "apprenant")
    cohort = load_cohort(load_catalogue(course_dir), load_config(course_dir).CourseDirectory.db_url)
    assert attach_livrets(course_dir, cohort, ASSIGNMENT) == {ASSIGNMENT: {LEARNER[0]: [html_path]}}

    page.route(MATHJAX_CDN, lambda route: route.fulfill(status=200, content_type="text/javascript", body=""))
    page.goto(html_path.as_uri())
    page.get_by_role("link", name="Votre livret de certification").click()
    assert page.url.endswith("#livret-certification")
    expect(page.get_by_role("heading", level=2, name="Votre livret de certification")).to_be_in_viewport()
    frame_element = page.locator(f'iframe[title="Livret de certification de {LEARNER[1]} {LEARNER[2]}"]')
    expect(frame_element).to_be_visible()
    assert frame_element.bounding_box()["height"] > 400
    livret = page.frame_locator("iframe").first
    expect(livret.locator(".kicker")).to_have_text("Livret de certification — votre exemplaire")
    expect(livret.get_by_role("heading", level=1)).to_have_text("Chargé d'accompagnement social et professionnel")
    expect(livret.get_by_role("heading", name="Double correction")).to_have_count(0)
    expect(livret.get_by_text(f"{LEARNER[1]} {LEARNER[2]}", exact=True)).to_be_visible()

    assert axe_violations(page, impacts=ALL_IMPACTS) == []
    frame = page.frames[1]
    assert frame.title() == f"Livret de certification — {LEARNER[1]} {LEARNER[2]}"
    assert axe_violations(frame, impacts=ALL_IMPACTS) == []
    browser_page.assert_no_js_errors()


def test_the_livret_shows_in_the_learners_lab(tmp_path, browser_page, monkeypatch):
    """Double-clicked in the learner's file browser, the page opens in JupyterLab's HTML viewer (a sandboxed
    frame, HTML not trusted): the livret's frame inside it is drawn all the same, and its link is followed."""
    import shutil

    from course.lab import prepare_role, start_lab

    page = browser_page.page
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    course_dir = bloc1_course(tmp_path / "cours")
    html_path = feedback_of_a_half_done_copy(course_dir, tmp_path / "apprenant")
    cohort = load_cohort(load_catalogue(course_dir), load_config(course_dir).CourseDirectory.db_url)
    attach_livrets(course_dir, cohort, ASSIGNMENT)
    setup = prepare_role("apprenant", course_dir, login=LEARNER[0], workspace=tmp_path / "espace",
                         assignment_id=ASSIGNMENT)
    fetched = setup.root_dir / "retour.html"  # where fetch_feedback would put it, in short
    shutil.copy(html_path, fetched)

    page.route(MATHJAX_CDN, lambda route: route.fulfill(status=200, content_type="text/javascript", body=""))
    with start_lab(setup) as lab:
        page.goto(f"{lab.base_url}/lab/tree/retour.html?token={lab.token}")
        viewer = page.frame_locator(".jp-HTMLViewer iframe")
        expect(viewer.get_by_role("heading", level=2, name="Votre livret de certification")).to_have_count(1,
                                                                                                     timeout=60_000)
        viewer.get_by_role("link", name="Votre livret de certification").click()
        expect(viewer.get_by_role("heading", level=2, name="Votre livret de certification")).to_be_in_viewport()
        livret = viewer.frame_locator("iframe")
        expect(livret.locator(".kicker")).to_have_text("Livret de certification — votre exemplaire")
        expect(livret.get_by_text(f"{LEARNER[1]} {LEARNER[2]}", exact=True)).to_be_visible()
