"""A learner reads each assignment's due date in nbgrader's « Devoirs » tab, next to its name (released, then
fetched), as the learner's server reads it from the released notebooks (course.nbgrader_ext.due_date_list) and
casp-nbgrader-fr:due-dates writes it."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime

from playwright.sync_api import expect

from course.config import gradebook_url
from course.grading.deadlines import set_due_dates
from course.lab import prepare_role, start_lab
from course.nbgrader_ext.api import ensure_tools_on_path
from course.nbgrader_ext.release import generate_release
from tests.browser.conftest import bloc1_course

DATED = "m12_entretiens_accueil"
DUE = "à rendre au plus tard le 10 décembre 2026 à 18 h 00"


def get(url: str, token: str | None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_learner_sees_the_due_date_in_the_assignment_list(tmp_path, browser_page):
    page = browser_page.page
    course_dir = bloc1_course(tmp_path / "cours")
    ensure_tools_on_path()
    set_due_dates(gradebook_url(course_dir), {DATED: datetime(2026, 12, 10, 17, 0)})  # 18 h 00 in Paris
    generate_release(course_dir, DATED)  # its notebook now opens on the due date; the others have none
    setup = prepare_role("apprenant", course_dir)

    with start_lab(setup) as lab:
        url = f"{lab.base_url}/casp/echeances?course_id=casp-rncp7426"
        assert get(url, lab.token) == (200, json.dumps({DATED: "10 décembre 2026 à 18 h 00"}, ensure_ascii=False))
        assert get(url, None)[0] == 403

        page.goto(lab.url)
        page.locator(".lm-MenuBar-item", has_text="Nbgrader").click()
        page.get_by_role("menuitem", name="Liste des devoirs", exact=True).click()
        released = page.locator("#released_assignments_list > .list_item", has_text=DATED)
        expect(released.locator(".item_name")).to_contain_text(DATED)
        expect(released.locator(".item_name .casp-echeance")).to_have_text(DUE)
        expect(released.get_by_text(DUE, exact=True)).to_be_visible()
        # One answer per refresh writes every row: the assignments without a due date show none.
        assert page.locator("#nbgrader-assignment-list .casp-echeance").count() == 1

        released.get_by_role("button", name="Récupérer", exact=True).click()
        fetched = page.locator("#fetched_assignments_list > .list_item", has_text=DATED)
        expect(fetched.locator(".item_name .casp-echeance")).to_have_text(DUE)
        expect(page.locator("#released_assignments_list > .list_item", has_text=DATED)).to_have_count(0)
        assert page.locator("#nbgrader-assignment-list .casp-echeance").count() == 1
        browser_page.close()  # before the server stops, or the page reports the lost connection

    browser_page.assert_no_js_errors()
